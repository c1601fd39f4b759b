package config

import (
	"io"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// sandboxRegistry is a registry whose file handlers write only plain file
// names (in the fuzz target's working directory) and which has no
// network or event log handlers.
func sandboxRegistry(t testing.TB) *Registry {
	reg := NewRegistry()
	for _, name := range reg.ClassNames() {
		c, _ := reg.lookupClass(name)
		switch {
		case contains(c.params, "filename"):
			inner := c.fn
			if err := reg.Register(name, c.params, func(a *Args) (func() (any, error), error) {
				if f := a.String("filename", ""); strings.ContainsAny(f, `/\:`) || strings.HasPrefix(f, ".") {
					a.Errorf("filename", "sandbox: only plain file names")
				}
				return inner(a)
			}); err != nil {
				t.Fatal(err)
			}
		case contains(c.params, "host") || contains(c.params, "address") || contains(c.params, "appname") || contains(c.params, "mailhost"):
			if err := reg.Register(name, c.params, func(a *Args) (func() (any, error), error) {
				a.Errorf("class", "sandbox: no network")
				return nil, a.Err()
			}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return reg
}

// FuzzDictConfig feeds JSON and YAML to DecodeDict and DictConfig: no
// panic, and a configuration that fails leaves the tree untouched.
func FuzzDictConfig(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "root": {"level": "INFO", "handlers": ["h"]}, "handlers": {"h": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}}}`,
		`{"version": 1, "formatters": {"f": {"format": "%(message)s", "style": "{"}}, "filters": {"x": {"name": "a"}}, "loggers": {"a": {"filters": ["x"], "propagate": false}}}`,
		`{"version": 1, "handlers": {"m": {"class": "logging.handlers.MemoryHandler", "capacity": 2, "target": "f"}, "f": {"class": "logging.FileHandler", "filename": "f.log", "mode": "w"}}, "root": {"handlers": ["m"]}}`,
		`{"version": 1, "custom": {"a": ["cfg://custom.a"]}, "handlers": {"h": {"class": "logging.StreamHandler", "stream": "cfg://custom.a[0]"}}}`,
		`{"version": 1, "incremental": true, "loggers": {"a": {"level": 10}}, "root": {"level": "DEBUG"}}`,
		`{"version": 1, "handlers": {"q": {"class": "logging.handlers.QueueHandler", "queue": {"()": "queue.Queue", "maxsize": 1}, "handlers": ["n"]}, "n": {"class": "logging.NullHandler"}}, "root": {"handlers": ["q"]}}`,
		"version: 1\nhandlers:\n  h: &h {class: logging.StreamHandler, '.': {terminator: x}}\n  g: *h\nroot: {handlers: [h, g], level: NOTSET}\n",
		"version: 1\nloggers: {a: {level: yes}}\n",
		"version: 1\nformatters: {f: {'()': logging.Formatter, format: '%(x)s', defaults: {x: 1}}}\n",
		`{"version": 2}`, `{}`, `[]`, `{"version": 1, "handlers": {"h": {"()": "logging.handlers.RotatingFileHandler", "filename": "r.log", "maxBytes": 10}}}`,
	} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	reg := sandboxRegistry(f)
	pristine := dumpTree(slogpy.NewManager(), nil, nil)
	f.Fuzz(func(t *testing.T, data []byte) {
		t.Chdir(dir) // after the corpus in testdata was read
		cfg, err := DecodeDict(data)
		if err != nil {
			return
		}
		m := slogpy.NewManager()
		m.SetLastResort(slogpy.NewNullHandler())
		err = DictConfig(cfg, &Options{Manager: m, Registry: reg, Stdout: io.Discard, Stderr: io.Discard, ErrorHandler: func(error) {}})
		if err != nil {
			if got := dumpTree(m, nil, nil); !equalJSON(got, pristine) {
				t.Fatalf("a failed configuration changed the tree: %+v\nerror: %v", got, err)
			}
			if !strings.HasPrefix(err.Error(), "config: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			if strings.Contains(err.Error(), "panic in factory") {
				t.Fatalf("a built-in factory panicked: %v", err)
			}
			return
		}
		for _, n := range append([]string{""}, m.LoggerNames()...) {
			m.GetLogger(n).Error("fuzz %d", 1)
		}
		m.Shutdown()
		for _, mh := range stateOf(m).made {
			if mh.owned && !attached(m, mh.h) {
				closeObject(mh.h)
			}
		}
	})
}
