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

func contribDecodeFile(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func TestContribConfigsGolden(t *testing.T) {
	local := time.Local
	time.Local = time.UTC // the generator ran with TZ=UTC
	t.Cleanup(func() { time.Local = local })
	var g struct {
		Library map[string]string   `json:"library"`
		Cases   []contribConfigCase `json:"cases"`
	}
	contribDecodeFile(t, filepath.Join(contribDir, "configs.json"), &g)
	if len(g.Cases) < 5 || g.Library["uvicorn"] == "" {
		t.Fatalf("configs.json: %d cases, libraries %v", len(g.Cases), g.Library)
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var cfg map[string]any
			contribDecodeFile(t, filepath.Join(contribDir, c.Config), &cfg)
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
