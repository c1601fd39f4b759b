package config

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/slogpy"
)

// The problems a new user's tryout found, each checked here.

// syslogOverTCP configures a SysLogHandler through apply (a dictConfig or
// an INI file given the server's port), logs one record and returns what a
// TCP server on loopback received: CPython's socktype SOCK_STREAM is TCP.
func syslogOverTCP(t *testing.T, apply func(m *slogpy.Manager, port int) error) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	m := slogpy.NewManager()
	if err := apply(m, ln.Addr().(*net.TCPAddr).Port); err != nil {
		t.Fatal(err)
	}
	defer m.Shutdown()
	go m.Root().Warning("over tcp")
	c, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(time.Minute))
	buf := make([]byte, 100)
	n, _ := io.ReadAtLeast(c, buf, len("13 <12>over tcp\x00"))
	return string(buf[:n])
}

// TestSocketTypeNames: ext://socket.SOCK_STREAM (dictConfig) and
// socket.SOCK_STREAM in an INI args= (CPython: NameError; here the
// socket type, as documented) make a SysLogHandler over TCP.
func TestSocketTypeNames(t *testing.T) {
	// Octet-counting framing is the documented difference from CPython's
	// bare "<12>over tcp\x00" (slogpy doc, Differences from CPython).
	const want = "13 <12>over tcp\x00"
	for _, socktype := range []string{"ext://socket.SOCK_STREAM", "ext://logging.handlers.socket.SOCK_STREAM"} {
		got := syslogOverTCP(t, func(m *slogpy.Manager, port int) error {
			return DictConfig(map[string]any{"version": 1,
				"handlers": map[string]any{"h": map[string]any{"class": "logging.handlers.SysLogHandler", "address": []any{"127.0.0.1", port}, "socktype": socktype}},
				"root":     map[string]any{"handlers": []any{"h"}}}, &Options{Manager: m})
		})
		if got != want {
			t.Errorf("%s: server got %q, want %q", socktype, got, want)
		}
	}
	for _, socktype := range []string{"socket.SOCK_STREAM", "handlers.socket.SOCK_STREAM"} {
		got := syslogOverTCP(t, func(m *slogpy.Manager, port int) error {
			path := filepath.Join(t.TempDir(), "log.ini")
			ini := "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\nclass=handlers.SysLogHandler\n" +
				"args=(('127.0.0.1', " + strconv.Itoa(port) + "), handlers.SysLogHandler.LOG_USER, " + socktype + ")\n"
			if err := os.WriteFile(path, []byte(ini), 0o600); err != nil {
				t.Fatal(err)
			}
			return FileConfig(path, &FileConfigOptions{Options: Options{Manager: m}})
		})
		if got != want {
			t.Errorf("INI %s: server got %q, want %q", socktype, got, want)
		}
	}
	v, ok := DefaultRegistry().lookupValue("socket.SOCK_DGRAM")
	if !ok || v != int64(2) {
		t.Errorf("socket.SOCK_DGRAM = %v, %v; want 2 (CPython's)", v, ok)
	}
}

// TestTypedGoMaps: typed Go maps and slices are accepted at every level
// of a dictionary given to DictConfig, as Python accepts any mapping.
func TestTypedGoMaps(t *testing.T) {
	var sb strings.Builder
	m := slogpy.NewManager()
	reg := NewRegistry()
	if err := reg.RegisterValue("test.out", &sb); err != nil {
		t.Fatal(err)
	}
	cfg := map[string]any{
		"version":    1,
		"formatters": map[string]map[string]string{"f": {"format": "%(name)s %(levelname)s %(message)s"}},
		"handlers":   map[string]map[string]any{"h": {"class": "logging.StreamHandler", "stream": "ext://test.out", "formatter": "f"}},
		"loggers": map[string]map[string]any{
			"app":    {"level": "INFO", "handlers": []string{"h"}, "propagate": false},
			"app.db": {"level": "ERROR"},
		},
		"root": map[string]string{"level": "CRITICAL"},
	}
	if err := DictConfig(cfg, &Options{Manager: m, Registry: reg}); err != nil {
		t.Fatal(err)
	}
	m.GetLogger("app").Debug("hidden")
	m.GetLogger("app").Info("shown")
	m.GetLogger("app.db").Warning("hidden")
	m.GetLogger("app.db").Error("db")
	if got, want := sb.String(), "app INFO shown\napp.db ERROR db\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	m.Shutdown()
	// map[string]string as one logger's configuration.
	m = slogpy.NewManager()
	if err := DictConfig(map[string]any{"version": 1, "loggers": map[string]any{"app": map[string]string{"level": "INFO"}}}, &Options{Manager: m}); err != nil {
		t.Fatal(err)
	}
	if got := m.GetLogger("app").Level(); got != 20 {
		t.Errorf("app level %v, want INFO", got)
	}
	// The caller's maps are not changed.
	if _, ok := cfg["loggers"].(map[string]map[string]any); !ok {
		t.Errorf("DictConfig changed the caller's map: %T", cfg["loggers"])
	}
	// An error that remains does not say "want a mapping ... got a mapping".
	err := DictConfig(map[string]any{"version": 1, "loggers": map[string]any{"app": map[int]string{1: "x"}}}, &Options{Manager: slogpy.NewManager()})
	if err == nil || strings.Contains(err.Error(), "got a mapping") || !strings.Contains(err.Error(), "loggers.app") {
		t.Errorf("map[int]string: error %v", err)
	}
	// A dictionary that holds itself is refused, not followed for ever.
	self := map[string]any{"version": 1}
	self["loggers"] = map[string]any{"app": map[string]any{"x": []map[string]any{self}}}
	if err := DictConfig(self, &Options{Manager: slogpy.NewManager()}); err == nil || !strings.Contains(err.Error(), "nested more than") {
		t.Errorf("self-holding dictionary: error %v", err)
	}
}

// TestKnownClassesByKind: the known classes an unknown class name lists
// are those of its kind: a built-in filter (django.utils.log.RequireDebug*)
// is not a handler class; an alias is listed under its target's kind; a
// user's class, whose kind is unknown, under every kind.
func TestKnownClassesByKind(t *testing.T) {
	reg := NewRegistry()
	if err := reg.Register("myapp.Thing", nil, func(*Args) (func() (any, error), error) { return made(nil), nil }); err != nil {
		t.Fatal(err)
	}
	if err := reg.Alias("myapp.QuietFilter", "django.utils.log.RequireDebugFalse"); err != nil {
		t.Fatal(err)
	}
	names := func(kind string) string { return strings.Join(sortedCopy(reg.kindNames(kind)), " ") }
	for kind, c := range map[string]struct{ in, out []string }{
		"handler": {
			in:  []string{"logging.StreamHandler", "logging.handlers.MemoryHandler", "django.utils.log.AdminEmailHandler", "myapp.Thing"},
			out: []string{"django.utils.log.RequireDebugFalse", "django.utils.log.RequireDebugTrue", "django.utils.log.CallbackFilter", "myapp.QuietFilter", "logging.Formatter", "queue.Queue", "logging.handlers.QueueListener", "slogpy.adapter.ContextFilter"},
		},
		"filter": {
			in:  []string{"logging.Filter", "django.utils.log.RequireDebugFalse", "django.utils.log.RequireDebugTrue", "django.utils.log.CallbackFilter", "myapp.QuietFilter", "myapp.Thing", "slogpy.adapter.ContextFilter"},
			out: []string{"logging.StreamHandler", "colorlog.ColoredFormatter", "queue.Queue"},
		},
		"formatter": {
			in:  []string{"logging.Formatter", "colorlog.ColoredFormatter", "myapp.Thing"},
			out: []string{"django.utils.log.RequireDebugTrue", "logging.StreamHandler"},
		},
	} {
		got := " " + names(kind) + " "
		for _, n := range c.in {
			if !strings.Contains(got, " "+n+" ") {
				t.Errorf("%s classes lack %s: %s", kind, n, got)
			}
		}
		for _, n := range c.out {
			if strings.Contains(got, " "+n+" ") {
				t.Errorf("%s classes list %s: %s", kind, n, got)
			}
		}
	}
}

// TestContextFilterClass: slogpy.adapter.ContextFilter attaches
// adapter.ContextFilter from a configuration ("()" in a dictConfig filter),
// with an optional extract function registered as a value.
func TestContextFilterClass(t *testing.T) {
	type key struct{}
	reg := NewRegistry()
	var sb strings.Builder
	if err := reg.RegisterValue("test.out", &sb); err != nil {
		t.Fatal(err)
	}
	if err := reg.RegisterValue("test.tenant", func(ctx context.Context) []slog.Attr {
		if v, ok := ctx.Value(key{}).(string); ok {
			return []slog.Attr{slog.String("tenant", v)}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	m := slogpy.NewManager()
	err := DictConfig(map[string]any{"version": 1,
		"formatters": map[string]any{"f": map[string]any{"format": "%(request_id)s %(tenant)s %(message)s"}},
		"filters": map[string]any{
			"ctx":    map[string]any{"()": "slogpy.adapter.ContextFilter"},
			"tenant": map[string]any{"()": "slogpy.adapter.ContextFilter", "extract": "ext://test.tenant"},
		},
		"handlers": map[string]any{"h": map[string]any{"class": "logging.StreamHandler", "stream": "ext://test.out", "formatter": "f", "filters": []any{"ctx", "tenant"}}},
		"root":     map[string]any{"level": "INFO", "handlers": []any{"h"}},
	}, &Options{Manager: m, Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	ctx := adapter.WithContext(context.WithValue(context.Background(), key{}, "acme"), slog.String("request_id", "r-42"))
	m.GetLogger("app").InfoContext(ctx, "handled")
	if got, want := sb.String(), "r-42 acme handled\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	err = DictConfig(map[string]any{"version": 1,
		"filters": map[string]any{"ctx": map[string]any{"()": "slogpy.adapter.ContextFilter", "extract": "ext://test.out"}}}, &Options{Manager: slogpy.NewManager(), Registry: reg})
	if err == nil || !strings.Contains(err.Error(), "filters.ctx.extract: want a func(context.Context) []slog.Attr") {
		t.Errorf("extract of the wrong type: %v", err)
	}
}
