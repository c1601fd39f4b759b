package config

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The configurations that name third-party classes, as the real libraries
// load them: testdata/contrib/gen_configs.py applied uvicorn's
// LOGGING_CONFIG, Django's DEFAULT_LOGGING (DEBUG false and true), a
// python-json-logger configuration and a colorlog one with the installed
// libraries, ran a script of logging calls and recorded standard output
// and error. TestContribConfigsGolden loads the same files with no Go
// code but the settings Django reads, and compares.

const contribDir = "../testdata/contrib"

type contribConfigCase struct {
	Name   string  `json:"name"`
	Config string  `json:"config"`
	Debug  bool    `json:"debug"`
	Script [][]any `json:"script"`
	Stdout string  `json:"stdout"`
	Stderr string  `json:"stderr"`
}

// timeMasks are the times that differ between runs: Django's server_time
// and asctime.
var contribTimeMasks = []*regexp.Regexp{
	regexp.MustCompile(`\[\d\d/\w{3}/\d{4} \d\d:\d\d:\d\d,\d{3}\]`),
	regexp.MustCompile(`\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`),
}

func contribMaskTimes(s string) string {
	for _, re := range contribTimeMasks {
		s = re.ReplaceAllString(s, "<time>")
	}
	return s
}

// contribJSONValue turns a decoded JSON number into an int or a float64, as
// Python's json module reads it.
func contribJSONValue(v any) any {
	switch v := v.(type) {
	case json.Number:
		if n, err := v.Int64(); err == nil && !strings.ContainsAny(string(v), ".eE") {
			return int(n)
		}
		f, _ := v.Float64()
		return f
	case []any:
		for i := range v {
			v[i] = contribJSONValue(v[i])
		}
	}
	return v
}

func TestContribConfigsGolden(t *testing.T) {
	local := time.Local
	time.Local = time.UTC // the generator ran with TZ=UTC
	t.Cleanup(func() { time.Local = local })
	var g struct {
		Library map[string]string   `json:"library"`
		Cases   []contribConfigCase `json:"cases"`
	}
	readJSON(t, filepath.Join(contribDir, "configs.json"), &g)
	if len(g.Cases) < 5 || g.Library["uvicorn"] == "" {
		t.Fatalf("configs.json: %d cases, libraries %v", len(g.Cases), g.Library)
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var cfg map[string]any
			readJSON(t, filepath.Join(contribDir, c.Config), &cfg)
			cfg = contribJSONNumbers(cfg).(map[string]any)
			var stdout, stderr bytes.Buffer
			m := slogpy.NewManager()
			m.SetLastResort(slogpy.NewStreamHandler(&stderr, &slogpy.HandlerOptions{Level: levels.Warning}))
			reg := NewRegistry()
			if err := reg.RegisterValue(DjangoSettingsName, &contrib.DjangoSettings{Debug: c.Debug}); err != nil {
				t.Fatal(err)
			}
			var warns []string
			err := DictConfig(cfg, &Options{Manager: m, Registry: reg, Stdout: &stdout, Stderr: &stderr,
				Warn: func(w *Error) { warns = append(warns, w.Error()) }})
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) > 0 {
				t.Errorf("warnings: %q", warns)
			}
			for _, call := range c.Script {
				level, err := levelByName(call[1].(string))
				if err != nil {
					t.Fatal(err)
				}
				args := []any{}
				for _, a := range call[3].([]any) {
					args = append(args, contribJSONValue(a))
				}
				for _, kv := range call[4].([]any) {
					kv := kv.([]any)
					args = append(args, slog.Any(kv[0].(string), contribJSONValue(kv[1])))
				}
				m.GetLogger(call[0].(string)).Log(level, call[2].(string), args...)
			}
			if got, want := contribMaskTimes(stdout.String()), contribMaskTimes(c.Stdout); got != want {
				t.Errorf("standard output:\n%s\nwant (the real libraries):\n%s", got, want)
			}
			if got, want := contribMaskTimes(stderr.String()), contribMaskTimes(c.Stderr); got != want {
				t.Errorf("standard error:\n%s\nwant (the real libraries):\n%s", got, want)
			}
		})
	}
}

// contribJSONNumbers converts the numbers of a decoded configuration.
func contribJSONNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = contribJSONNumbers(x)
		}
		return v
	case []any:
		for i, x := range v {
			v[i] = contribJSONNumbers(x)
		}
		return v
	}
	return contribJSONValue(v)
}

// TestContribClasses loads each built-in third-party class with its
// options from a dictionary and from fileConfig, and checks the warnings
// for the options that have no effect here and the errors for bad values.
func TestContribClasses(t *testing.T) {
	dir := t.TempDir()
	cb := func(r *slogpy.Record) bool { return r.Name != "noisy" }
	reg := NewRegistry()
	if err := reg.RegisterValue("myapp.skip_noisy", cb); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		cfg   string
		warns []string
		err   string
		log   func(m *slogpy.Manager)
		want  string
	}{
		{name: "json", cfg: `{"version": 1, "formatters": {"j": {"()": "pythonjsonlogger.jsonlogger.JsonFormatter", "format": "%(levelname)s %(message)s", "rename_fields": {"levelname": "level"}, "static_fields": {"svc": "a"}, "reserved_attrs": [], "json_indent": 0, "json_ensure_ascii": false, "prefix": "> ", "timestamp": false, "json_default": "str"}}, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "j", "stream": "ext://sys.stdout"}}, "root": {"handlers": ["h"], "level": "INFO"}}`,
			warns: []string{"formatters.j.json_default: a Python function cannot run here"},
			log:   func(m *slogpy.Manager) { m.GetLogger("").Info("é") },
			want:  "> {\n\"level\": \"INFO\",\n\"message\": \"é\",\n\"svc\": \"a\","},
		{name: "json class key", cfg: `{"version": 1, "formatters": {"j": {"class": "pythonjsonlogger.json.JsonFormatter", "format": "{message}", "style": "{"}}, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "j", "stream": "ext://sys.stdout"}}, "root": {"handlers": ["h"]}}`,
			log: func(m *slogpy.Manager) { m.GetLogger("").Warning("w") }, want: `{"message": "w"}` + "\n"},
		{name: "json bad rename", cfg: `{"version": 1, "formatters": {"j": {"()": "pythonjsonlogger.jsonlogger.JsonFormatter", "rename_fields": {"a": 1}}}}`,
			err: `formatters.j.rename_fields: "a": want a string, got 1`},
		{name: "colorlog", cfg: `{"version": 1, "formatters": {"c": {"()": "colorlog.ColoredFormatter", "format": "%(log_color)s%(message)s", "log_colors": {"WARNING": "red"}, "secondary_log_colors": {"m": {"WARNING": "bold"}}, "stream": "ext://sys.stdout"}}, "handlers": {"h": {"class": "colorlog.StreamHandler", "formatter": "c", "stream": "ext://sys.stdout"}}, "root": {"handlers": ["h"]}}`,
			log: func(m *slogpy.Manager) { m.GetLogger("").Warning("plain: not a terminal") }, want: "plain: not a terminal\n"},
		{name: "colorlog bad secondary", cfg: `{"version": 1, "formatters": {"c": {"()": "colorlog.ColoredFormatter", "secondary_log_colors": {"m": "red"}}}}`,
			err: `"m": want a mapping, got "red"`},
		{name: "uvicorn", cfg: `{"version": 1, "formatters": {"u": {"()": "uvicorn.logging.AccessFormatter", "fmt": "%(status_code)s", "use_colors": false}}, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "u", "stream": "ext://sys.stdout"}}, "root": {"handlers": ["h"]}}`,
			log: func(m *slogpy.Manager) { m.GetLogger("").Warning("%s %s %s %s %d", "c", "GET", "/", "1.1", 503) }, want: "503 Service Unavailable\n"},
		{name: "django", cfg: `{"version": 1, "filters": {"cb": {"()": "django.utils.log.CallbackFilter", "callback": "ext://myapp.skip_noisy"}}, "formatters": {"s": {"()": "django.utils.log.ServerFormatter", "format": "{levelname} {message}", "style": "{"}}, "handlers": {"h": {"class": "logging.StreamHandler", "formatter": "s", "filters": ["cb"], "stream": "ext://sys.stdout"}, "m": {"class": "django.utils.log.AdminEmailHandler", "include_html": true, "email_backend": "django.core.mail.backends.console.EmailBackend"}, "n": {"class": "django.utils.log.NullHandler"}}, "root": {"handlers": ["h", "m", "n"]}}`,
			warns: []string{"handlers.m.include_html: the HTML report is Django's; ignored", "handlers.m.email_backend: only the SMTP backend is available"},
			log: func(m *slogpy.Manager) {
				m.GetLogger("noisy").Warning("dropped")
				m.GetLogger("app").Warning("kept")
			}, want: "WARNING kept\n"},
		{name: "django bad callback", cfg: `{"version": 1, "filters": {"cb": {"()": "django.utils.log.CallbackFilter", "callback": 3}}}`,
			err: "filters.cb.callback: want a func(*slogpy.Record) bool"},
		{name: "concurrent", cfg: `{"version": 1, "handlers": {"c": {"class": "concurrent_log_handler.ConcurrentRotatingFileHandler", "filename": "` + filepath.ToSlash(filepath.Join(dir, "c.log")) + `", "maxBytes": 1000, "backupCount": 2, "use_gzip": true, "terminator": "|"}}, "root": {"handlers": ["c"]}}`,
			warns: []string{"handlers.c.use_gzip: use_gzip is not available; ignored"},
			log:   func(m *slogpy.Manager) { m.GetLogger("").Warning("to file") }},
		{name: "rich", cfg: `{"version": 1, "handlers": {"r": {"class": "rich.logging.RichHandler", "show_time": false, "show_path": false, "markup": true}}, "root": {"handlers": ["r"]}}`,
			warns: []string{"handlers.r.markup: rich markup is printed as written"},
			log:   func(m *slogpy.Manager) { m.GetLogger("").Warning("[bold]x[/bold]") }, want: "WARNING  [bold]x[/bold]"},
		{name: "flask stream", cfg: `{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler", "stream": "ext://flask.logging.wsgi_errors_stream"}}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := DecodeDict([]byte(c.cfg))
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			var warns []string
			m := slogpy.NewManager()
			err = DictConfig(cfg, &Options{Manager: m, Registry: reg, Stdout: &out, Stderr: &out,
				Warn: func(w *Error) { warns = append(warns, w.Error()) }})
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want one with %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(warns) != len(c.warns) {
				t.Errorf("warnings %q, want %q", warns, c.warns)
			}
			for i := range min(len(warns), len(c.warns)) {
				if !strings.Contains(warns[i], c.warns[i]) {
					t.Errorf("warning %q, want one with %q", warns[i], c.warns[i])
				}
			}
			if c.log != nil {
				c.log(m)
			}
			if !strings.HasPrefix(out.String(), c.want) {
				t.Errorf("output %q, want it to start with %q", out.String(), c.want)
			}
			m.Shutdown()
		})
	}
	if data, err := os.ReadFile(filepath.Join(dir, "c.log")); err != nil || string(data) != "to file|" {
		t.Errorf("ConcurrentRotatingFileHandler wrote %q, %v", data, err)
	}
}

// TestContribFileConfig names a third-party class in fileConfig, whose
// args= are positional.
func TestContribFileConfig(t *testing.T) {
	ini := `[loggers]
keys=root
[handlers]
keys=h
[formatters]
keys=j
[logger_root]
level=INFO
handlers=h
[handler_h]
class=logging.StreamHandler
formatter=j
args=(sys.stdout,)
[formatter_j]
class=pythonjsonlogger.jsonlogger.JsonFormatter
format=%(levelname)s %(message)s
`
	path := filepath.Join(t.TempDir(), "log.conf")
	if err := os.WriteFile(path, []byte(ini), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	m := slogpy.NewManager()
	if err := FileConfig(path, &FileConfigOptions{Options: Options{Manager: m, Stdout: &out, Stderr: &out}}); err != nil {
		t.Fatal(err)
	}
	m.GetLogger("").Info("hi")
	if got, want := out.String(), `{"levelname": "INFO", "message": "hi"}`+"\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
