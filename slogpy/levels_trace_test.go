package slogpy_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// TestSlogTraceLevel: a record at slog's conventional LevelTrace (-8)
// reaches a Python logger set to TRACE (5), as Python's level-5 records
// do, as level 5; set to DEBUG, the logger drops it.
func TestSlogTraceLevel(t *testing.T) {
	const levelTrace = slog.Level(-8)
	var buf bytes.Buffer
	m := slogpy.NewManager()
	l := m.GetLogger("app")
	f, err := slogpy.NewFormatter("%(levelno)s %(message)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	l.AddHandler(slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: f}))
	l.SetLevel(levels.Level(5))
	sl := slog.New(l.Handler())
	sl.Log(context.Background(), levelTrace, "trace via slog")
	l.Log(5, "trace via Python")
	l.SetLevel(levels.Debug)
	sl.Log(context.Background(), levelTrace, "dropped at DEBUG")
	if got, want := buf.String(), "5 trace via slog\n5 trace via Python\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
