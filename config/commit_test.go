package config

import (
	"errors"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// TestPreciousLog is the data-loss case: a configuration whose
// second file cannot be opened leaves the first one's content alone.
func TestPreciousLog(t *testing.T) {
	dir := t.TempDir()
	precious := filepath.Join(dir, "precious.log")
	os.WriteFile(precious, []byte("years of records\n"), 0o644)
	err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{
		"a": map[string]any{"class": "logging.FileHandler", "filename": precious, "mode": "w"},
		"b": map[string]any{"class": "logging.FileHandler", "filename": "/nonexistent/x.log"},
	}, "root": map[string]any{"handlers": []any{"a", "b"}}}, opts(slogpy.NewManager(), io.Discard))
	if err == nil || !strings.Contains(err.Error(), "handlers.b.filename: cannot open /nonexistent/x.log: the directory /nonexistent does not exist") {
		t.Fatalf("error %v", err)
	}
	if b, _ := os.ReadFile(precious); string(b) != "years of records\n" {
		t.Errorf("precious.log holds %q", b)
	}
}

// failLast returns the last handler entry of a failing configuration:
// one that fails its checks (an unknown class), or one that passes them
// and fails when it is made.
func failLast(t *testing.T, atBuild bool) (map[string]any, *Registry) {
	reg := NewRegistry()
	if err := reg.Register("test.FailsWhenMade", nil, func(a *Args) (func() (any, error), error) {
		return func() (any, error) { return nil, errors.New("made to fail") }, nil
	}); err != nil {
		t.Fatal(err)
	}
	if atBuild {
		return map[string]any{"class": "test.FailsWhenMade"}, reg
	}
	return map[string]any{"class": "test.NoSuchHandler"}, reg
}

// TestFailureChangesNothing: for a configuration that fails at its last
// entry, whether at the checks or when that entry is made, no file is
// created, truncated or appended to, no socket connected and no logger
// changed.
func TestFailureChangesNothing(t *testing.T) {
	for _, atBuild := range []bool{false, true} {
		stage := map[bool]string{false: "check", true: "build"}[atBuild]
		apply := func(t *testing.T, m *slogpy.Manager, handlers map[string]any, loggers map[string]any) {
			t.Helper()
			last, reg := failLast(t, atBuild)
			handlers["zz_last"] = last
			o := opts(m, io.Discard)
			o.Registry = reg
			err := DictConfig(map[string]any{"version": 1, "handlers": handlers, "loggers": loggers,
				"root": map[string]any{"handlers": []any{"zz_last"}}}, o)
			if err == nil || !strings.Contains(err.Error(), "handlers.zz_last") {
				t.Fatalf("error %v, want one about handlers.zz_last", err)
			}
		}
		t.Run("created/"+stage, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "new.log")
			apply(t, slogpy.NewManager(), map[string]any{"f": map[string]any{"class": "logging.FileHandler", "filename": path}}, nil)
			if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("new.log exists: %v", err)
			}
		})
		t.Run("truncated/"+stage, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.log")
			os.WriteFile(path, []byte("kept\n"), 0o644)
			apply(t, slogpy.NewManager(), map[string]any{
				"f": map[string]any{"class": "logging.FileHandler", "filename": path, "mode": "w"},
				"r": map[string]any{"class": "logging.handlers.RotatingFileHandler", "filename": path, "mode": "w"},
			}, nil)
			if b, _ := os.ReadFile(path); string(b) != "kept\n" {
				t.Errorf("old.log holds %q", b)
			}
		})
		t.Run("appended/"+stage, func(t *testing.T) {
			// Opening an empty UTF-16 file writes its byte-order mark.
			path := filepath.Join(t.TempDir(), "empty.log")
			os.WriteFile(path, nil, 0o644)
			apply(t, slogpy.NewManager(), map[string]any{"f": map[string]any{"class": "logging.FileHandler", "filename": path, "encoding": "utf-16"}}, nil)
			if b, _ := os.ReadFile(path); len(b) != 0 {
				t.Errorf("empty.log holds %q", b)
			}
		})
		t.Run("socket/"+stage, func(t *testing.T) {
			ln, port := tcpListener(t)
			m := slogpy.NewManager()
			apply(t, m, map[string]any{
				"s": map[string]any{"class": "logging.handlers.SocketHandler", "host": "127.0.0.1", "port": port},
				"y": map[string]any{"class": "logging.handlers.SysLogHandler", "address": []any{"127.0.0.1", port}, "socktype": 1},
			}, map[string]any{"app": map[string]any{"handlers": []any{"s", "y"}}})
			m.GetLogger("app").Error("must go nowhere")
			ln.(*net.TCPListener).SetDeadline(time.Now().Add(100 * time.Millisecond))
			if c, err := ln.Accept(); err == nil {
				c.Close()
				t.Error("a handler of the failed configuration connected")
			}
		})
		t.Run("logger/"+stage, func(t *testing.T) {
			m := slogpy.NewManager()
			app := m.GetLogger("app")
			app.SetLevel(levels.Warning)
			h := slogpy.NewNullHandler()
			app.SetHandlers(h)
			other := m.GetLogger("other")
			apply(t, m, map[string]any{"n": map[string]any{"class": "logging.NullHandler"}},
				map[string]any{"app": map[string]any{"level": "DEBUG", "handlers": []any{"n"}, "propagate": false}})
			if app.Level() != levels.Warning || !app.Propagate() || len(app.Handlers()) != 1 || app.Handlers()[0] != h || app.Disabled() || other.Disabled() {
				t.Errorf("app level %v propagate %v handlers %v disabled %v, other disabled %v", app.Level(), app.Propagate(), app.Handlers(), app.Disabled(), other.Disabled())
			}
		})
	}
}

// TestModeWTruncates: mode "w" still empties the file once the
// configuration applies, and a UTF-16 file starts with its mark again.
func TestModeWTruncates(t *testing.T) {
	dir := t.TempDir()
	plain, utf16 := filepath.Join(dir, "plain.log"), filepath.Join(dir, "utf16.log")
	os.WriteFile(plain, []byte("old\n"), 0o644)
	os.WriteFile(utf16, []byte("\xff\xfeo\x00l\x00d\x00"), 0o644)
	m := slogpy.NewManager()
	err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{
		"p": map[string]any{"class": "logging.FileHandler", "filename": plain, "mode": "w"},
		"u": map[string]any{"class": "logging.FileHandler", "filename": utf16, "mode": "w", "encoding": "utf-16"},
	}, "root": map[string]any{"handlers": []any{"p", "u"}}}, opts(m, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	m.Root().Warning("new")
	m.Shutdown()
	if b, _ := os.ReadFile(plain); string(b) != "new\n" {
		t.Errorf("plain.log holds %q", b)
	}
	if b, _ := os.ReadFile(utf16); string(b) != "\xff\xfen\x00e\x00w\x00\n\x00" {
		t.Errorf("utf16.log holds %q", b)
	}
}

// tcpListener listens on a free loopback port, closed when the test ends.
func tcpListener(t *testing.T) (net.Listener, int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	return ln, ln.Addr().(*net.TCPAddr).Port
}
