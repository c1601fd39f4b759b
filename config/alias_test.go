package config

import (
	"bytes"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// TestAlias: a thin subclass that only renames a stdlib class needs one
// line, in Go or in the configuration file.
func TestAlias(t *testing.T) {
	const name = "airflow.utils.log.timezone_aware.TimezoneAware"
	check := func(t *testing.T, apply func(o *Options) error) {
		t.Helper()
		var out bytes.Buffer
		m := slogpy.NewManager()
		if err := apply(&Options{Manager: m, Stdout: &out, Stderr: &out, Strict: true}); err != nil {
			t.Fatal(err)
		}
		m.GetLogger("app").Warning("hello")
		if got := out.String(); got != "WARNING app hello\n" {
			t.Errorf("output %q", got)
		}
	}
	t.Run("Go", func(t *testing.T) {
		reg := NewRegistry()
		if err := reg.Alias(name, "logging.Formatter"); err != nil {
			t.Fatal(err)
		}
		check(t, func(o *Options) error {
			o.Registry = reg
			return DictConfig(map[string]any{"version": 1,
				"formatters": map[string]any{"f": map[string]any{"()": name, "format": "%(levelname)s %(name)s %(message)s"}},
				"handlers":   map[string]any{"h": map[string]any{"class": "logging.StreamHandler", "formatter": "f", "stream": "ext://sys.stdout"}},
				"root":       map[string]any{"handlers": []any{"h"}}}, o)
		})
		if err := reg.Alias(name, "no.Such"); err == nil || !strings.Contains(err.Error(), `unknown class "no.Such"`) {
			t.Errorf("error %v", err)
		}
	})
	t.Run("dict", func(t *testing.T) {
		check(t, func(o *Options) error {
			return DictConfig(map[string]any{"version": 1,
				"slogpy_aliases": map[string]any{name: "logging.Formatter"},
				"formatters":     map[string]any{"f": map[string]any{"class": name, "format": "%(levelname)s %(name)s %(message)s"}},
				"handlers":       map[string]any{"h": map[string]any{"class": "logging.StreamHandler", "formatter": "f", "stream": "ext://sys.stdout"}},
				"root":           map[string]any{"handlers": []any{"h"}}}, o)
		})
		if _, ok := DefaultRegistry().lookupClass(name); ok {
			t.Error("a file's alias reached the default registry")
		}
	})
	t.Run("ini", func(t *testing.T) {
		check(t, func(o *Options) error {
			return fileConfigBytes([]byte(`[slogpy_aliases]
classes =
    `+name+` = logging.Formatter
[loggers]
keys=root
[handlers]
keys=h
[formatters]
keys=f
[formatter_f]
class=`+name+`
format=%(levelname)s %(name)s %(message)s
[handler_h]
class=StreamHandler
formatter=f
args=(sys.stdout,)
[logger_root]
handlers=h
`), "t.conf", &FileConfigOptions{Options: *o})
		})
	})
}

// TestWarnings: keys CPython ignores reach Options.Warn with their place
// and the nearest known key; the ones configurations carry on purpose
// (gunicorn's qualname in a dict logger) do not.
func TestWarnings(t *testing.T) {
	var got []string
	m := slogpy.NewManager()
	err := DictConfig(map[string]any{"version": 1,
		"handlers": map[string]any{"h": map[string]any{"class": "logging.NullHandler"}},
		"loggers": map[string]any{
			"app":            map[string]any{"handelrs": []any{"h"}},
			"gunicorn.error": map[string]any{"level": "INFO", "handlers": []any{"h"}, "qualname": "gunicorn.error", "propagate": true},
		}}, &Options{Manager: m, Warn: func(w *Error) { got = append(got, w.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	want := "config: loggers.app.handelrs: unknown key, ignored (did you mean handlers?)"
	if len(got) != 1 || got[0] != want {
		t.Errorf("warnings %q, want [%q]", got, want)
	}
}

// TestKeepExistingLoggers: a package-level logger (made before the
// configuration) is disabled by default, as in Python, and kept with
// Options.KeepExistingLoggers, whatever the dictionary says.
func TestKeepExistingLoggers(t *testing.T) {
	for _, keep := range []bool{false, true} {
		var out bytes.Buffer
		m := slogpy.NewManager()
		pkgLogger := m.GetLogger("myapp.db") // var logger = slogpy.GetLogger("myapp.db")
		err := DictConfig(map[string]any{"version": 1,
			"handlers": map[string]any{"h": map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
			"root":     map[string]any{"handlers": []any{"h"}}}, &Options{Manager: m, Stdout: &out, KeepExistingLoggers: keep})
		if err != nil {
			t.Fatal(err)
		}
		pkgLogger.Warning("kept")
		if got, want := out.String(), map[bool]string{false: "", true: "kept\n"}[keep]; got != want {
			t.Errorf("KeepExistingLoggers %v: output %q, want %q", keep, got, want)
		}
	}
}
