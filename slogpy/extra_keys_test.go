package slogpy_test

import (
	"bytes"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// captureStderr runs fn with os.Stderr going to a pipe and returns what was
// written.
func captureStderr(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = w
	done := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); done <- b }()
	defer func() { os.Stderr = saved }()
	fn()
	w.Close()
	return string(<-done)
}

// TestCPythonReservedExtra replays the "extra" cases of details.json: a
// logging call whose attribute is a reserved key. CPython raises CPython's
// KeyError from the call and logs nothing; slogpy reports that KeyError
// through the error report, once per key and manager, and logs the record.
func TestCPythonReservedExtra(t *testing.T) {
	for _, c := range loadDetails(t, "extra") {
		key := str(c, "key")
		m := slogpy.NewManager()
		l := m.GetLogger("app")
		l.SetPropagate(false)
		var buf bytes.Buffer
		f, err := slogpy.NewFormatter("%(name)s %(message)s", nil)
		if err != nil {
			t.Fatal(err)
		}
		l.AddHandler(slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: f}))
		report := captureStderr(t, func() {
			l.Warning("hello", slog.String(key, "v"))
			l.Warning("hello", slog.String(key, "v"))
		})
		want := str(c, "error")
		if want == "" {
			if report != "" || buf.String() != str(c, "out")+str(c, "out") {
				t.Errorf("%s: logged %q, reported %q; CPython logged %q", key, buf.String(), report, c["out"])
			}
			continue
		}
		if !strings.Contains(report, "\n"+want+" (slogpy logs the record") {
			t.Errorf("%s: report %q does not end in CPython's %s", key, report, want)
		}
		if n := strings.Count(report, "--- Logging error ---"); n != 1 {
			t.Errorf("%s: %d reports for two calls, want one", key, n)
		}
		if buf.String() != "app hello\napp hello\n" {
			t.Errorf("%s: logged %q, want both records (CPython raised and logged none)", key, buf.String())
		}
	}
}

// TestReservedExtraPaths checks the other ways a call gets attributes (a
// surplus slog pair split by the merge, LogAttrs, the slog bridge) and
// that records not made by a logging call are not checked.
func TestReservedExtraPaths(t *testing.T) {
	setup := func() (*slogpy.Manager, *slogpy.Logger) {
		m := slogpy.NewManager()
		l := m.GetLogger("app")
		l.AddHandler(slogpy.NewStreamHandler(io.Discard, nil))
		return m, l
	}
	cases := map[string]struct {
		call   func(m *slogpy.Manager, l *slogpy.Logger)
		report bool
	}{
		"surplus pair": {func(_ *slogpy.Manager, l *slogpy.Logger) { l.Warning("hello %s", "bob", "msg", "v") }, true},
		"LogAttrs": {func(_ *slogpy.Manager, l *slogpy.Logger) {
			l.LogAttrs(nil, 30, "hello", slog.String("asctime", "v"))
		}, true},
		"slog bridge": {func(_ *slogpy.Manager, l *slogpy.Logger) { slog.New(l.Handler()).Warn("hello", "levelname", "v") }, true},
		"slog bridge With": {func(_ *slogpy.Manager, l *slogpy.Logger) {
			slog.New(l.Handler()).With("message", "v").Warn("hello")
		}, true},
		"MakeRecord": {func(_ *slogpy.Manager, l *slogpy.Logger) {
			r, err := slogpy.MakeRecord(map[string]any{"msg": "x", "levelno": 30, "message": "x", "asctime": "t"})
			if err != nil {
				t.Fatal(err)
			}
			l.HandleRecord(r)
		}, false},
		"plain key": {func(_ *slogpy.Manager, l *slogpy.Logger) { l.Warning("hello", slog.String("user", "v")) }, false},
		"after Reset": {func(m *slogpy.Manager, l *slogpy.Logger) {
			l.Warning("hello", slog.String("name", "v"))
			m.Reset()
			l.AddHandler(slogpy.NewStreamHandler(io.Discard, nil))
			l.Warning("hello", slog.String("name", "v"))
		}, true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			m, l := setup()
			report := captureStderr(t, func() { c.call(m, l) })
			has := strings.Contains(report, "Attempt to overwrite")
			if has != c.report {
				t.Errorf("reported %v, want %v: %q", has, c.report, report)
			}
			if name == "after Reset" && strings.Count(report, "--- Logging error ---") != 2 {
				t.Errorf("Reset did not forget the reported key: %q", report)
			}
		})
	}
}
