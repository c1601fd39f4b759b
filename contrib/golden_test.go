package contrib

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// The goldens of this package: testdata/contrib/gen_*.py ran the real
// libraries on records described by each case (see common.py there) and
// recorded what they wrote.

const goldenDir = "../testdata/contrib"

func TestMain(m *testing.M) {
	time.Local = time.UTC // the generators run with TZ=UTC
	os.Exit(m.Run())
}

// goldenCase is one case of a golden file; Kwargs and Extra keep their
// JSON so that each test reads them its own way.
type goldenCase struct {
	Name            string            `json:"name"`
	Kwargs          map[string]any    `json:"kwargs"`
	Record          map[string]any    `json:"record"`
	Extra           [][]any           `json:"extra"`
	FormatException *string           `json:"format_exception"`
	Output          string            `json:"output"`
	Records         []map[string]any  `json:"records"`
	Outputs         []string          `json:"outputs"`
	Stream          string            `json:"stream"`
	Env             map[string]string `json:"env"`
	Raw             json.RawMessage   `json:"-"`
}

type goldenFile struct {
	Python  string            `json:"python"`
	Library map[string]string `json:"library"`
	Cases   []json.RawMessage `json:"cases"`
}

// loadGolden reads testdata/contrib/name and decodes each case into a new T.
func loadGolden[T any](t *testing.T, name string) []T {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldenDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var g goldenFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if g.Python == "" || len(g.Library) == 0 || len(g.Cases) == 0 {
		t.Fatalf("%s: no python or library version, or no cases", name)
	}
	out := make([]T, len(g.Cases))
	for i, raw := range g.Cases {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&out[i]); err != nil {
			t.Fatalf("%s case %d: %v", name, i, err)
		}
	}
	return out
}

// baseRecord is common.py's BASE_RECORD.
var baseRecord = map[string]any{
	"name": "app.web", "msg": "user %s logged in", "args": []any{"alice"},
	"levelname": "INFO", "levelno": 20, "pathname": "/srv/app/web.py",
	"filename": "web.py", "module": "web", "lineno": 42, "funcName": "login",
	"created": 1700000000.123456, "msecs": 123.0, "relativeCreated": 5.5,
	"thread": 140000, "threadName": "MainThread", "processName": "MainProcess",
	"process": 4242,
}

// goldenRecord builds the record of a case as common.make_record does.
func goldenRecord(t *testing.T, c *goldenCase) *slogpy.Record {
	t.Helper()
	m := make(map[string]any, len(baseRecord))
	for k, v := range baseRecord {
		m[k] = v
	}
	excInfo := false
	for k, v := range c.Record {
		if k == "exc_info" {
			excInfo = v == true
			continue
		}
		m[k] = untag(v)
	}
	r, err := slogpy.MakeRecord(m)
	if err != nil {
		t.Fatal(err)
	}
	if excInfo {
		r.ExcInfo, r.Err = true, errors.New("boom")
	}
	for _, kv := range c.Extra {
		r.AddAttrs(slog.Any(kv[0].(string), untag(kv[1])))
	}
	return r
}

// untag turns a decoded JSON value into the Go value the generator's
// Python value stands for: integers as int, other numbers as float64, and
// the tags of common.py.
func untag(v any) any {
	switch v := v.(type) {
	case json.Number:
		if !strings.ContainsAny(string(v), ".eE") {
			n, _ := v.Int64()
			return int(n)
		}
		f, _ := v.Float64()
		return f
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = untag(x)
		}
		return out
	case map[string]any:
		if s, ok := v["$float"].(string); ok {
			switch s {
			case "nan":
				return math.NaN()
			case "inf":
				return math.Inf(1)
			}
			return math.Inf(-1)
		}
		if s, ok := v["$datetime"].(string); ok {
			tm, err := time.Parse(time.RFC3339Nano, s)
			if err != nil {
				panic(err)
			}
			return tm
		}
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = untag(x)
		}
		return out
	}
	return v
}

func checkGolden(t *testing.T, got []byte, err error, want string) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant (the real library)\n%s", got, want)
	}
}

// recordWithExtra builds the record of an entry of a case's "records",
// whose "extra" pairs become attributes.
func recordWithExtra(t *testing.T, rec map[string]any) *slogpy.Record {
	t.Helper()
	gc := &goldenCase{Record: map[string]any{}}
	for k, v := range rec {
		if k == "extra" {
			for _, kv := range v.([]any) {
				gc.Extra = append(gc.Extra, kv.([]any))
			}
			continue
		}
		gc.Record[k] = v
	}
	return goldenRecord(t, gc)
}
