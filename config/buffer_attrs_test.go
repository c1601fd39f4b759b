package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// TestBufferKeys: slogpy_buffer_size, slogpy_flush_interval and
// slogpy_flush_level in a dictConfig handler's "." mapping (CPython sets
// them as plain attributes) and in an INI [handler_x] section (CPython
// ignores them) turn on a file handler's buffered writing: records below
// the flush level stay in the buffer, one at or above it writes them all,
// and Shutdown writes the rest.
func TestBufferKeys(t *testing.T) {
	dir := t.TempDir()
	cases := []struct{ name, class, dict, ini string }{
		{"FileHandler", "logging.FileHandler", "", ","},
		{"WatchedFileHandler", "logging.handlers.WatchedFileHandler", "", ","},
		{"RotatingFileHandler", "logging.handlers.RotatingFileHandler", `, "maxBytes": 1000000, "backupCount": 1`, ", 'a', 1000000, 1"},
		{"TimedRotatingFileHandler", "logging.handlers.TimedRotatingFileHandler", `, "when": "midnight"`, ", 'midnight'"},
	}
	for _, c := range cases {
		for _, form := range []string{"dict", "ini"} {
			t.Run(c.name+"/"+form, func(t *testing.T) {
				path := filepath.Join(dir, c.name+"-"+form+".log")
				m := slogpy.NewManager()
				o := Options{Manager: m, Warn: func(w *Error) { t.Errorf("warning: %v", w) }}
				var err error
				if form == "dict" {
					var cfg map[string]any
					cfg, err = DecodeDict([]byte(`{"version": 1, "handlers": {"h": {"class": "` + c.class + `", "filename": "` + path + `"` + c.dict +
						`, ".": {"slogpy_buffer_size": 65536, "slogpy_flush_interval": -1, "slogpy_flush_level": "WARNING"}}}, "root": {"level": "DEBUG", "handlers": ["h"]}}`))
					if err == nil {
						err = DictConfig(cfg, &o)
					}
				} else {
					class := strings.TrimPrefix(c.class, "logging.")
					ini := "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nlevel=DEBUG\nhandlers=h\n" +
						"[handler_h]\nclass=" + class + "\nargs=('" + path + "'" + c.ini + ")\n" +
						"slogpy_buffer_size=65536\nslogpy_flush_interval=-1s\nslogpy_flush_level=30\n"
					err = fileConfigBytes([]byte(ini), "t.conf", &FileConfigOptions{Options: o})
				}
				if err != nil {
					t.Fatal(err)
				}
				read := func() string {
					b, err := os.ReadFile(path)
					if err != nil && !os.IsNotExist(err) {
						t.Fatal(err)
					}
					return string(b)
				}
				m.Root().Info("one")
				m.Root().Debug("two")
				if got := read(); got != "" {
					t.Errorf("written before the flush level: %q", got)
				}
				m.Root().Warning("three")
				if got, want := read(), "one\ntwo\nthree\n"; got != want {
					t.Errorf("after a WARNING: %q, want %q", got, want)
				}
				m.Root().Info("four")
				if got := read(); got != "one\ntwo\nthree\n" {
					t.Errorf("written before the flush level: %q", got)
				}
				if err := m.Shutdown(); err != nil {
					t.Fatal(err)
				}
				if got, want := read(), "one\ntwo\nthree\nfour\n"; got != want {
					t.Errorf("after Shutdown: %q, want %q", got, want)
				}
			})
		}
	}
}

// TestBufferKeysErrors: a bad value, a key given to a class without
// buffered writing, and a flush key without a buffer, each named with its
// handler, key and value and the fix.
func TestBufferKeysErrors(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.log")
	dict := func(class, props string) string {
		return `{"version": 1, "handlers": {"h": {"class": "` + class + `", "filename": "` + file + `", ".": {` + props + `}}}}`
	}
	for _, c := range []struct{ cfg, want string }{
		{dict("logging.FileHandler", `"slogpy_buffer_size": "big"`),
			`config: handlers.h["."].slogpy_buffer_size: want the buffer's size in bytes, an integer from 0 (off, the default) to 67108864 (64 MiB), such as 65536; got "big"`},
		{dict("logging.FileHandler", `"slogpy_buffer_size": 1e12`),
			`handlers.h["."].slogpy_buffer_size: want the buffer's size in bytes, an integer from 0 (off, the default) to 67108864 (64 MiB), such as 65536; got 1e+12`},
		{dict("logging.handlers.RotatingFileHandler", `"slogpy_buffer_size": 4096, "slogpy_flush_interval": "soon"`),
			`config: handlers.h["."].slogpy_flush_interval: want the longest a buffered record waits: seconds (a number such as 0.5; 0: the default, 1 s; negative: no timer) or a Go duration such as "250ms"; got "soon"`},
		{dict("logging.FileHandler", `"slogpy_buffer_size": 4096, "slogpy_flush_level": "LOUD"`),
			`config: handlers.h["."].slogpy_flush_level: want the level at or above which a record is written at once: a level name (DEBUG, INFO, WARNING, ERROR, CRITICAL) or a number above 0 (the default is ERROR); got "LOUD"`},
		{`{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", ".": {"slogpy_buffer_size": 4096}}}}`,
			`config: handlers.h["."].slogpy_buffer_size: logging.StreamHandler has no buffered writing: slogpy_buffer_size applies to logging.FileHandler, logging.handlers.WatchedFileHandler, RotatingFileHandler and TimedRotatingFileHandler; remove it, or use one of those classes`},
	} {
		cfg, err := DecodeDict([]byte(c.cfg))
		if err != nil {
			t.Fatal(err)
		}
		err = DictConfig(cfg, &Options{Manager: slogpy.NewManager()})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error:\n%v\nwant:\n%s", err, c.want)
		}
	}
	ini := "[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\nclass=FileHandler\nargs=('" + file + "',)\nslogpy_buffer_size=lots\n"
	want := `config: t.conf: [handler_h] slogpy_buffer_size: want the buffer's size in bytes, an integer from 0 (off, the default) to 67108864 (64 MiB), such as 65536; got "lots"`
	if err := fileConfigBytes([]byte(ini), "t.conf", &FileConfigOptions{Options: Options{Manager: slogpy.NewManager()}}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	// A flush key without a buffer: a warning, the configuration loads.
	cfg, _ := DecodeDict([]byte(dict("logging.FileHandler", `"slogpy_flush_level": "ERROR"`)))
	var warned []string
	m := slogpy.NewManager()
	if err := DictConfig(cfg, &Options{Manager: m, Warn: func(w *Error) { warned = append(warned, w.Error()) }}); err != nil {
		t.Fatal(err)
	}
	m.Shutdown()
	if want := `handlers.h["."].slogpy_flush_level: has no effect without a positive slogpy_buffer_size (buffered writing is off)`; len(warned) != 1 || !strings.Contains(warned[0], want) {
		t.Errorf("warnings %q, want %s", warned, want)
	}
}
