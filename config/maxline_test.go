package config

import (
	"bytes"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// TestMaxLineKey: slogpy_max_line in a dictConfig handler's "." mapping
// (which CPython sets as a plain attribute) and in an INI [handler_x]
// section (which CPython ignores) sets the handler's line cap.
func TestMaxLineKey(t *testing.T) {
	long := strings.Repeat("x", 100)
	dict := `{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", ".": {"slogpy_max_line": 20}}}, "root": {"handlers": ["h"]}}`
	ini := "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\nslogpy_max_line=20\n"
	for _, c := range []struct{ name, cfg string }{{"dict", dict}, {"ini", ini}} {
		t.Run(c.name, func(t *testing.T) {
			m := slogpy.NewManager()
			m.SetRaiseExceptions(false) // the truncation report is slogpy's test
			var out, errOut bytes.Buffer
			o := Options{Manager: m, Stdout: &out, Stderr: &errOut, Warn: func(w *Error) { t.Errorf("warning: %v", w) }}
			var err error
			if c.name == "dict" {
				var cfg map[string]any
				if cfg, err = DecodeDict([]byte(c.cfg)); err == nil {
					err = DictConfig(cfg, &o)
				}
			} else {
				err = fileConfigBytes([]byte(c.cfg), "t.conf", &FileConfigOptions{Options: o})
			}
			if err != nil {
				t.Fatal(err)
			}
			m.Root().Warning(long)
			if want := strings.Repeat("x", 20) + " [truncated at 20 bytes]\n"; out.String() != want {
				t.Errorf("output %q, want %q", out.String(), want)
			}
		})
	}
	bad := strings.Replace(dict, "20", `"big"`, 1)
	cfg, _ := DecodeDict([]byte(bad))
	if err := DictConfig(cfg, &Options{Manager: slogpy.NewManager()}); err == nil || !strings.Contains(err.Error(), `handlers.h["."].slogpy_max_line: SetMaxLine: `) {
		t.Errorf("error %v", err)
	}
	badINI := strings.Replace(ini, "=20", "=big", 1)
	if err := fileConfigBytes([]byte(badINI), "t.conf", &FileConfigOptions{Options: Options{Manager: slogpy.NewManager()}}); err == nil || !strings.Contains(err.Error(), "[handler_h] slogpy_max_line: want the longest line in bytes") {
		t.Errorf("error %v", err)
	}
}
