package config

import (
	"io"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

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
