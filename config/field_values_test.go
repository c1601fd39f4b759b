package config

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// TestIntegerAsString: an integer argument given as a string of digits,
// as real configurations have them (testdata/config case
// upstream_cloudify_cli), is read as the integer with a warning, an error
// under Strict; other strings stay errors.
func TestIntegerAsString(t *testing.T) {
	cfg := func(maxBytes any) map[string]any {
		return map[string]any{"version": 1,
			"handlers": map[string]any{"file": map[string]any{"class": "logging.handlers.RotatingFileHandler",
				"filename": filepath.Join(t.TempDir(), "a.log"), "maxBytes": maxBytes, "backupCount": 2}},
			"root": map[string]any{"handlers": []any{"file"}}}
	}
	for _, tc := range []struct {
		name     string
		value    any
		strict   bool
		warning  string
		errorMsg string
	}{
		{"digits", "5000000", false, `handlers.file.maxBytes: "5000000" is a string; read as the integer 5000000 (CPython keeps the string and fails on it)`, ""},
		{"negative", "-1", false, `handlers.file.maxBytes: "-1" is a string; read as the integer -1`, ""},
		{"strict", "5000000", true, "", `handlers.file.maxBytes: "5000000" is a string; read as the integer 5000000`},
		{"words", "ten", false, "", `handlers.file.maxBytes: want an integer, got "ten"`},
		{"spaces", " 10", false, "", `handlers.file.maxBytes: want an integer, got " 10"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := slogpy.NewManager()
			defer m.Shutdown()
			var warnings []string
			o := &Options{Manager: m, Stdout: io.Discard, Stderr: io.Discard, Strict: tc.strict,
				Warn: func(w *Error) { warnings = append(warnings, w.Error()) }}
			err := DictConfig(cfg(tc.value), o)
			switch {
			case tc.errorMsg != "":
				if err == nil || !strings.Contains(err.Error(), tc.errorMsg) {
					t.Errorf("error %v, want one containing %s", err, tc.errorMsg)
				}
			case err != nil:
				t.Fatal(err)
			case len(warnings) != 1 || !strings.Contains(warnings[0], tc.warning):
				t.Errorf("warnings %q, want one containing %s", warnings, tc.warning)
			}
		})
	}
}

// TestBooleanWords: a string spelling a boolean where CPython tests truth
// ("propagate": "no", "disable_existing_loggers": "False", found in real
// configurations) is read as the boolean it spells, with a warning (an
// error under Strict); CPython takes any non-empty string as true, so
// that "no" propagates and "False" disables the existing loggers.
func TestBooleanWords(t *testing.T) {
	for _, tc := range []struct {
		name      string
		cfg       map[string]any
		propagate bool
		disabled  bool
		warning   string
	}{
		{"propagate no", map[string]any{"loggers": map[string]any{"app": map[string]any{"propagate": "no"}}},
			false, true, `loggers.app.propagate: "no" is a string, which CPython takes as true; read as false`},
		{"propagate False", map[string]any{"loggers": map[string]any{"app": map[string]any{"propagate": "False"}}},
			false, true, `loggers.app.propagate: "False" is a string, which CPython takes as true; read as false`},
		{"propagate yes", map[string]any{"loggers": map[string]any{"app": map[string]any{"propagate": "yes"}}},
			true, true, `loggers.app.propagate: "yes" is a string, which CPython takes as true; read as true`},
		{"disable False", map[string]any{"disable_existing_loggers": "False", "loggers": map[string]any{"app": map[string]any{}}},
			true, false, `disable_existing_loggers: "False" is a string, which CPython takes as true; read as false`},
		{"delay false", map[string]any{"handlers": map[string]any{"f": map[string]any{"class": "logging.FileHandler",
			"filename": filepath.Join(t.TempDir(), "f.log"), "delay": "false"}}, "loggers": map[string]any{"app": map[string]any{}}},
			true, true, `handlers.f.delay: "false" is a string, which CPython takes as true; read as false`},
	} {
		for _, strict := range []bool{false, true} {
			m := slogpy.NewManager()
			m.GetLogger("other")
			var warnings []string
			tc.cfg["version"] = 1
			err := DictConfig(tc.cfg, &Options{Manager: m, Stdout: io.Discard, Stderr: io.Discard, Strict: strict,
				Warn: func(w *Error) { warnings = append(warnings, w.Error()) }})
			if strict {
				if err == nil || !strings.Contains(err.Error(), tc.warning) {
					t.Errorf("%s, strict: error %v, want %s", tc.name, err, tc.warning)
				}
				m.Shutdown()
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], tc.warning) {
				t.Errorf("%s: warnings %q, want %s", tc.name, warnings, tc.warning)
			}
			if got := m.GetLogger("app").Propagate(); got != tc.propagate {
				t.Errorf("%s: propagate %v, want %v", tc.name, got, tc.propagate)
			}
			if got := m.GetLogger("other").Disabled(); got != tc.disabled {
				t.Errorf("%s: other disabled %v, want %v", tc.name, got, tc.disabled)
			}
			m.Shutdown()
		}
	}
}

// TestConcurrentRotatingFileHandlerName: importing concurrent_log_handler
// installs its handler as logging.handlers.ConcurrentRotatingFileHandler,
// the name its documentation and most configurations use (its
// src/example.py); the name loads the same class here.
func TestConcurrentRotatingFileHandlerName(t *testing.T) {
	dir := t.TempDir()
	m := slogpy.NewManager()
	err := DictConfig(map[string]any{"version": 1,
		"formatters": map[string]any{"f": map[string]any{"format": "%(levelname)s %(message)s"}},
		"handlers": map[string]any{"c": map[string]any{"class": "logging.handlers.ConcurrentRotatingFileHandler",
			"filename": filepath.Join(dir, "example.log"), "maxBytes": 1 << 20, "backupCount": 10, "formatter": "f"}},
		"root": map[string]any{"handlers": []any{"c"}, "level": "DEBUG"}}, &Options{Manager: m})
	if err != nil {
		t.Fatal(err)
	}
	m.GetLogger("MyExample").Debug("%d > A debug message", 0)
	if err := m.Shutdown(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "example.log"))
	if err != nil || string(data) != "DEBUG 0 > A debug message\n" {
		t.Errorf("example.log: %q, %v", data, err)
	}
	if c := stateOf(m).made[0].class; c != "logging.handlers.ConcurrentRotatingFileHandler" {
		t.Errorf("class %q", c)
	}
}
