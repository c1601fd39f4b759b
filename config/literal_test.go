package config

import (
	"encoding/json"
	"io"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/config/internal/pyliteral"
)

// testResolver resolves literal names as fileConfig does.
func testResolver() (func(string) (any, bool), func(string) string) {
	ip := &iniParser{r: resolveOptions(&Options{Stdout: stdoutMark, Stderr: stderrMark}).newResolver(nil, false)}
	return ip.resolveName, ip.knownName
}

// stdoutMark and stderrMark stand for sys.stdout and sys.stderr.
var (
	stdoutMark = &markWriter{"stdout"}
	stderrMark = &markWriter{"stderr"}
)

type markWriter struct{ name string }

func (w *markWriter) Write(p []byte) (int, error) { return len(p), nil }

// fromGolden converts CPython's value from golden.json to the Go value
// the parser gives.
func fromGolden(v any) any {
	switch x := v.(type) {
	case json.Number:
		if strings.ContainsAny(x.String(), ".eE") {
			f, _ := x.Float64()
			return f
		}
		n, _ := x.Int64()
		return n
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = fromGolden(e)
		}
		return out
	case map[string]any:
		if s, ok := x["$stream"]; ok {
			if s == "stdout" {
				return io.Writer(stdoutMark)
			}
			return io.Writer(stderrMark)
		}
		out := map[string]any{}
		for k, e := range x {
			out[k] = fromGolden(e)
		}
		return out
	}
	return v
}

// TestLiteralGolden parses the expressions CPython evaluated in gen.py and
// compares the values.
func TestLiteralGolden(t *testing.T) {
	var g struct {
		Literals []struct {
			Expr  string `json:"expr"`
			Value any    `json:"value"`
		} `json:"literals"`
	}
	readJSON(t, filepath.Join(goldenDir, "golden.json"), &g)
	if len(g.Literals) < 50 {
		t.Fatalf("%d literals in golden.json", len(g.Literals))
	}
	resolve, known := testResolver()
	for _, l := range g.Literals {
		got, err := pyliteral.Parse(l.Expr, resolve, known)
		if err != nil {
			t.Errorf("%q: %v", l.Expr, err)
			continue
		}
		if want := fromGolden(l.Value); !reflect.DeepEqual(got, want) {
			t.Errorf("%q = %#v, want CPython's %#v", l.Expr, got, want)
		}
	}
}

// TestLiteralRejects covers what CPython's eval would run and this parser
// refuses: calls, imports, attributes, names, comprehensions, lambdas,
// f-strings — each with a clear error and its column.
