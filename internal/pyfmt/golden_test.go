package pyfmt

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The golden files are written by testdata/pyfmt/gen.py with CPython 3.11.
const goldenDir = "../../testdata/pyfmt"

// goldenCase is one case of a golden file. Args is a list of tagged values
// for percent.json and repr.json, and an object of them for brace.json and
// dollar.json.
type goldenCase struct {
	Format string          `json:"format"`
	Args   json.RawMessage `json:"args"`
	Out    *string         `json:"out"`
	Error  string          `json:"error"`
}

func (c *goldenCase) want() string {
	if c.Out != nil {
		return *c.Out
	}
	return "error " + c.Error
}

func got(out []byte, err error) string {
	if err != nil {
		return "error " + err.Error()
	}
	return string(out)
}

func loadGolden(t *testing.T, name string) []goldenCase {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(goldenDir, name))
	require.NoError(t, err)
	var cases []goldenCase
	require.NoError(t, json.Unmarshal(data, &cases))
	require.NotEmpty(t, cases)
	return cases
}

// taggedValue is a Python value as gen.py encodes it.
type taggedValue struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

func decodeValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var tv taggedValue
	require.NoError(t, json.Unmarshal(raw, &tv))
	var s string
	switch tv.T {
	case "none":
		return nil
	case "bool":
		var b bool
		require.NoError(t, json.Unmarshal(tv.V, &b))
		return b
	case "int":
		require.NoError(t, json.Unmarshal(tv.V, &s))
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			if i == int64(int(i)) {
				return int(i)
			}
			return i
		}
		if u, err := strconv.ParseUint(s, 10, 64); err == nil {
			return u
		}
		b, ok := new(big.Int).SetString(s, 10)
		require.True(t, ok, s)
		return b
	case "float":
		require.NoError(t, json.Unmarshal(tv.V, &s))
		f, err := strconv.ParseFloat(s, 64)
		require.NoError(t, err)
		return f
	case "str":
		require.NoError(t, json.Unmarshal(tv.V, &s))
		return s
	case "bytes":
		require.NoError(t, json.Unmarshal(tv.V, &s))
		b, err := hex.DecodeString(s)
		require.NoError(t, err)
		return b
	case "list":
		var items []json.RawMessage
		require.NoError(t, json.Unmarshal(tv.V, &items))
		list := make([]any, len(items))
		for i, item := range items {
			list[i] = decodeValue(t, item)
		}
		return list
	case "tuple":
		return Tuple(decodeList(t, tv.V))
	case "odict":
		var pairs [][2]json.RawMessage
		require.NoError(t, json.Unmarshal(tv.V, &pairs))
		d := Dict{}
		for _, p := range pairs {
			d = append(d, DictItem{decodeValue(t, p[0]), decodeValue(t, p[1])})
		}
		return d
	case "dict":
		var pairs [][2]json.RawMessage
		require.NoError(t, json.Unmarshal(tv.V, &pairs))
		strKeys := map[string]any{}
		anyKeys := map[any]any{}
		for _, p := range pairs {
			k, v := decodeValue(t, p[0]), decodeValue(t, p[1])
			if ks, ok := k.(string); ok {
				strKeys[ks] = v
			}
			anyKeys[k] = v
		}
		if len(strKeys) == len(pairs) {
			return strKeys
		}
		return anyKeys
	}
	t.Fatalf("unknown tag %q", tv.T)
	return nil
}

func decodeList(t *testing.T, raw json.RawMessage) []any {
	t.Helper()
	var items []json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &items))
	args := make([]any, len(items))
	for i, item := range items {
		args[i] = decodeValue(t, item)
	}
	return args
}

func decodeKwargs(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	var items map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(raw, &items))
	kwargs := make(map[string]any, len(items))
	for k, item := range items {
		kwargs[k] = decodeValue(t, item)
	}
	return kwargs
}

func caseName(i int, c *goldenCase) string {
	return fmt.Sprintf("%d:%q", i, c.Format)
}

func TestGoldenPercent(t *testing.T) {
	for i, c := range loadGolden(t, "percent.json") {
		args := decodeList(t, c.Args)
		t.Run(caseName(i, &c), func(t *testing.T) {
			dst := []byte("prefix")
			out, err := Append(dst, c.Format, args)
			if err != nil {
				require.Equal(t, "prefix", string(out), "Append must return dst unchanged on error")
				out = nil
			} else {
				out = out[len("prefix"):]
			}
			require.Equal(t, c.want(), got(out, err), "args %s", c.Args)
		})
	}
}

// TestGoldenCompile checks Compile and Directive.AppendValue against
// CPython: syntax errors, and the formatting of every case whose directives
// are all keyed (with one mapping) or all positional (with a tuple), with no
// "*" width or precision.
func TestGoldenCompile(t *testing.T) {
	syntax := []string{"ValueError: incomplete format", "ValueError: unsupported format character",
		"ValueError: width too big", "ValueError: precision too big"}
	n := 0
	for i, c := range loadGolden(t, "percent.json") {
		args := decodeList(t, c.Args)
		t.Run(caseName(i, &c), func(t *testing.T) {
			tmpl, err := Compile(c.Format)
			for _, prefix := range syntax {
				if strings.HasPrefix(c.Error, prefix) {
					require.EqualError(t, err, c.Error)
					n++
					return
				}
			}
			if err != nil {
				return // CPython failed on the arguments before reaching the syntax error
			}
			m, isMapping := singleMapping(args)
			for _, d := range tmpl.Directives {
				if d.WidthStar || d.PrecStar || d.Keyed != isMapping {
					return
				}
			}
			n++
			var out []byte
			next := 0
			for _, d := range tmpl.Directives {
				out = append(out, d.Literal...)
				var v any
				switch {
				case isMapping:
					var ok bool
					if v, ok = m[d.Key]; !ok {
						err = keyError(d.Key)
					}
				case next < len(args):
					v = args[next]
					next++
				default:
					err = errNotEnoughArgs
				}
				if err == nil {
					out, err = d.AppendValue(out, v)
				}
				if err != nil {
					break
				}
			}
			if err == nil && !isMapping && next < len(args) {
				err = errNotAllConverted
			}
			if err == nil {
				out = append(out, tmpl.Tail...)
			}
			require.Equal(t, c.want(), got(out, err), "args %s", c.Args)
		})
	}
	require.Greater(t, n, 1000)
}

func singleMapping(args []any) (map[string]any, bool) {
	if len(args) != 1 {
		return nil, false
	}
	m, ok := args[0].(map[string]any)
	return m, ok
}

// formatFields formats a compiled template with keyword arguments, as
// fmt.format(**kwargs) and Template.substitute(**kwargs) do.
func formatFields(tmpl *FieldTemplate, kwargs map[string]any) ([]byte, error) {
	return tmpl.Append(nil, func(name string) (any, error) {
		v, ok := kwargs[name]
		if !ok {
			return nil, keyError(name)
		}
		return v, nil
	})
}

func TestGoldenBrace(t *testing.T) {
	for i, c := range loadGolden(t, "brace.json") {
		kwargs := decodeKwargs(t, c.Args)
		t.Run(caseName(i, &c), func(t *testing.T) {
			tmpl, err := CompileBrace(c.Format)
			var out []byte
			if err == nil {
				out, err = formatFields(tmpl, kwargs)
			}
			require.Equal(t, c.want(), got(out, err), "args %s", c.Args)
		})
	}
}

func TestGoldenDollar(t *testing.T) {
	for i, c := range loadGolden(t, "dollar.json") {
		kwargs := decodeKwargs(t, c.Args)
		t.Run(caseName(i, &c), func(t *testing.T) {
			tmpl, err := CompileDollar(c.Format)
			var out []byte
			if err == nil {
				out, err = formatFields(tmpl, kwargs)
			}
			require.Equal(t, c.want(), got(out, err), "args %s", c.Args)
		})
	}
}

func TestGoldenRepr(t *testing.T) {
	funcs := map[string]func([]byte, any) ([]byte, error){
		"str":   appendStr,
		"repr":  appendRepr,
		"ascii": appendASCII,
	}
	public := map[string]func([]byte, any) []byte{
		"str":   AppendStr,
		"repr":  AppendRepr,
		"ascii": AppendASCII,
	}
	for i, c := range loadGolden(t, "repr.json") {
		v := decodeList(t, c.Args)[0]
		t.Run(caseName(i, &c)+"/"+string(c.Args), func(t *testing.T) {
			out, err := funcs[c.Format](nil, v)
			require.Equal(t, c.want(), got(out, err))
			require.Equal(t, c.want(), string(public[c.Format](nil, v)))
		})
	}
}

// TestGoldenFloatRepr replays testdata/pyfmt/floats.json: repr and str of
// floats of every magnitude, from CPython, through AppendFloatStr (whose
// fast path covers 1e-4 to 1e16) and appendRepr.
func TestGoldenFloatRepr(t *testing.T) {
	var cases []struct{ Hex, Repr string }
	data, err := os.ReadFile(filepath.Join(goldenDir, "floats.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &cases))
	require.GreaterOrEqual(t, len(cases), 1000)
	for _, c := range cases {
		f, err := strconv.ParseFloat(c.Hex, 64)
		require.NoError(t, err, c.Hex)
		if got := string(AppendFloatStr(nil, f)); got != c.Repr {
			t.Errorf("AppendFloatStr(%s) = %q, want %q", c.Hex, got, c.Repr)
		}
		if got, _ := appendRepr(nil, f); string(got) != c.Repr {
			t.Errorf("repr(%s) = %q, want %q", c.Hex, got, c.Repr)
		}
	}
}
