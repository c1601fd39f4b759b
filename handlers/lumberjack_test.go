package handlers

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/slogtest"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/slogpy/slogpy/slogpy"
)

// TestLumberjackRotates writes 2.5 MiB through a 1 MiB lumberjack.Logger:
// the file is rotated into time-stamped backups, and every record is found
// once, in order, none above MaxSize.
func TestLumberjackRotates(t *testing.T) {
	fileCheckGoroutines(t, 1)
	dir := t.TempDir()
	h, err := NewLumberjackHandler(&lumberjack.Logger{Filename: filepath.Join(dir, "app.log"), MaxSize: 1},
		&slogpy.HandlerOptions{ErrorHandler: fileFailHook(t)})
	if err != nil {
		t.Fatal(err)
	}
	pad := strings.Repeat("x", 90)
	const n = 25000 // 25000 * 100 bytes
	for i := range n {
		slogpy.Handle(h, fileRecord(t, fmt.Sprintf("%08d %s", i, pad)))
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		if e.Name() != "app.log" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names) // app-<UTC time>.log sort by time
	if len(names) != 2 {
		t.Fatalf("backups %v, want 2", names)
	}
	next := 0
	for _, name := range append(names, "app.log") {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 1<<20 {
			t.Errorf("%s: %d bytes, above MaxSize", name, len(data))
		}
		for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
			if want := fmt.Sprintf("%08d %s", next, pad); line != want {
				t.Fatalf("%s: %.20q, want record %d", name, line, next)
			}
			next++
		}
	}
	if next != n {
		t.Errorf("%d records found, want %d", next, n)
	}
}

func TestLumberjackRecordTooLarge(t *testing.T) {
	fileCheckGoroutines(t, 1)
	var errs fileErrors
	h, err := NewLumberjackHandler(&lumberjack.Logger{Filename: filepath.Join(t.TempDir(), "app.log"), MaxSize: 1},
		&slogpy.HandlerOptions{ErrorHandler: errs.hook})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	slogpy.Handle(h, fileRecord(t, strings.Repeat("y", 1<<20)))
	slogpy.Handle(h, fileRecord(t, "small"))
	got, _ := errs.list()
	if len(got) != 1 || !strings.Contains(got[0].Error(), "exceeds maximum file size") {
		t.Errorf("reports %v, want one for the oversize record", got)
	}
}

func TestLumberjackConstructorErrors(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		l    *lumberjack.Logger
		want string
	}{
		{"nil", nil, "nil *lumberjack.Logger"},
		{"no filename", &lumberjack.Logger{}, "empty Filename"},
		{"negative", &lumberjack.Logger{Filename: filepath.Join(dir, "a.log"), MaxAge: -1}, "negative MaxSize, MaxAge or MaxBackups (0, -1, 0)"},
		{"path through a file", &lumberjack.Logger{Filename: filepath.Join(notDir, "a.log")}, notDir},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := NewLumberjackHandler(tt.l, nil); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	t.Run("unwritable directory", func(t *testing.T) {
		p := filepath.Join(fileUnwritableDir(t), "app.log")
		_, err := NewLumberjackHandler(&lumberjack.Logger{Filename: p}, nil)
		if err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("error %v, want one naming %s", err, p)
		}
	})
}

func TestLumberjackSlogtest(t *testing.T) {
	fileCheckGoroutines(t, 1)
	path := filepath.Join(t.TempDir(), "app.log")
	h, err := NewLumberjackHandler(&lumberjack.Logger{Filename: path}, &slogpy.HandlerOptions{Formatter: fileJSONFormatter{}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if err := slogtest.TestHandler(h, func() []map[string]any { return fileReadJSONLines(t, path) }); err != nil {
		t.Error(err)
	}
	if err := h.Rotate(); err != nil {
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "after rotate"))
	if data, _ := os.ReadFile(path); strings.Count(string(data), "\n") != 1 || !strings.Contains(string(data), `"msg":"after rotate"`) {
		t.Errorf("after Rotate the file holds %q", data)
	}
}
