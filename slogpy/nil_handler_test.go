package slogpy_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// TestAddHandlerNilPointer: the handler of a constructor that failed (a
// nil pointer in a non-nil slog.Handler) is refused by AddHandler, once
// reported on standard error with its type, and logging goes on.
func TestAddHandlerNilPointer(t *testing.T) {
	errPath := filepath.Join(t.TempDir(), "stderr")
	f, err := os.Create(errPath)
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = f
	defer func() { os.Stderr = saved }()

	h, err := handlers.NewRotatingFileHandler("/nonexistent/dir/x.log", nil)
	if err == nil {
		t.Fatal("NewRotatingFileHandler of a missing directory: no error")
	}
	fh, _ := slogpy.NewFileHandler("/nonexistent/dir/y.log", nil)
	m := slogpy.NewManager()
	lg := m.GetLogger("app")
	lg.AddHandler(h)
	lg.AddHandler(h)
	m.GetLogger("other").AddHandler(h)
	lg.AddHandler(fh)
	if n := len(lg.Handlers()); n != 0 {
		t.Errorf("%d handlers attached, want none", n)
	}
	lg.Error("still logging") // the last resort takes it: no panic
	os.Stderr = saved
	f.Close()
	b, err := os.ReadFile(errPath)
	if err != nil {
		t.Fatal(err)
	}
	want := "slogpy: AddHandler: nil *handlers.RotatingFileHandler (its constructor returned an error?)\n" +
		"slogpy: AddHandler: nil *slogpy.FileHandler (its constructor returned an error?)\n" +
		"still logging\n"
	if got := string(b); got != want {
		t.Errorf("standard error:\n%s\nwant:\n%s", got, want)
	}
	if strings.Count(string(b), "RotatingFileHandler") != 1 {
		t.Error("reported more than once")
	}
}
