package pyfmt

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGoldenValues replays testdata/pyfmt/values.json (gen_values.py):
// str, repr and ascii of tuples and ordered dicts, and the % operator and
// str.format with them.
func TestGoldenValues(t *testing.T) {
	for i, c := range loadGolden(t, "values.json") {
		args := decodeList(t, c.Args)
		t.Run(caseName(i, &c), func(t *testing.T) {
			var out []byte
			var err error
			switch {
			case strings.HasPrefix(c.Format, "%:"):
				out, err = Append(nil, c.Format[2:], args)
			case strings.HasPrefix(c.Format, "{:"):
				var tmpl *FieldTemplate
				if tmpl, err = CompileBrace(c.Format[2:]); err == nil {
					kwargs := args[0].(Dict)
					out, err = tmpl.Append(nil, func(name string) (any, error) {
						if v, ok := kwargs.Get(name); ok {
							return v, nil
						}
						return nil, keyError(name)
					})
				}
			default:
				fn := map[string]func([]byte, any) ([]byte, error){
					"str": appendStr, "repr": appendRepr, "ascii": appendASCII}[c.Format]
				out, err = fn(nil, args[0])
			}
			require.Equal(t, c.want(), got(out, err), "args %s", c.Args)
		})
	}
}

func TestTupleCycle(t *testing.T) {
	inner := []any{nil}
	tup := Tuple{inner}
	inner[0] = tup
	require.Equal(t, "([(...)],)", string(AppendRepr(nil, tup)))
	d := Dict{{"k", nil}}
	d[0].Value = d
	require.Equal(t, "{'k': {...}}", string(AppendRepr(nil, d)))
}

func TestDictGet(t *testing.T) {
	d := Dict{{Key: "a", Value: 1}, {Key: []int{1}, Value: 2}, {Key: 3, Value: "three"}}
	v, ok := d.Get(3)
	require.True(t, ok)
	require.Equal(t, "three", v)
	_, ok = d.Get([]int{1}) // uncomparable: never equal, no panic
	require.False(t, ok)
	_, ok = d.Get(int64(3)) // a different Go type is a different key
	require.False(t, ok)
}

// TestFieldAttrAccess checks attribute access on Go values, which CPython
// goldens cannot cover: exported struct fields, through pointers and
// slog.Values; no methods, no unexported fields.
func TestFieldAttrAccess(t *testing.T) {
	type inner struct{ Code int }
	type outer struct {
		Op     string
		In     *inner
		hidden int
	}
	v := &outer{Op: "read", In: &inner{Code: 7}, hidden: 1}
	tests := []struct{ format, want string }{
		{"{e.Op}|{e.In.Code:03d}|{e.Op[0]}", "read|007|r"},
		{"{e.hidden}", "error AttributeError: '*pyfmt.outer' object has no attribute 'hidden'"},
		{"{e.Missing}", "error AttributeError: '*pyfmt.outer' object has no attribute 'Missing'"},
		{"{e.String}", "error AttributeError: '*pyfmt.outer' object has no attribute 'String'"},
		{"{e[0]}", "error TypeError: '*pyfmt.outer' object is not subscriptable"},
		{"{m[2]}|{m[x]}", "error KeyError: 'x'"},
		{"{m[2]}", "two"},
		{"{s[1]}", "\xff"},
	}
	for _, tt := range tests {
		tmpl, err := CompileBrace(tt.format)
		require.NoError(t, err, tt.format)
		out, err := tmpl.Append(nil, func(name string) (any, error) {
			return map[string]any{"e": v, "m": map[uint8]string{2: "two"}, "s": "a\xffb"}[name], nil
		})
		require.Equal(t, tt.want, got(out, err), tt.format)
	}
	_ = v.hidden
}
