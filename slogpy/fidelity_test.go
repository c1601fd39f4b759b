package slogpy_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math/big"
	"strconv"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// tagged is a Python value as testdata/pyfmt/gen_values.py encodes it.
type tagged struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

// taggedValue rebuilds the Go value standing for a tagged Python value:
// tuples as slogpy.Tuple and dicts, in their order, as slogpy.Dict.
func taggedValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var tv tagged
	if err := json.Unmarshal(raw, &tv); err != nil {
		t.Fatal(err)
	}
	var s string
	var items []json.RawMessage
	switch tv.T {
	case "none":
		return nil
	case "bool":
		return string(tv.V) == "true"
	case "int":
		_ = json.Unmarshal(tv.V, &s)
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return int(n)
		}
		b, _ := new(big.Int).SetString(s, 10)
		return b
	case "float":
		_ = json.Unmarshal(tv.V, &s)
		f, _ := strconv.ParseFloat(s, 64)
		return f
	case "str":
		_ = json.Unmarshal(tv.V, &s)
		return s
	case "list", "tuple":
		_ = json.Unmarshal(tv.V, &items)
		l := make([]any, len(items))
		for i, it := range items {
			l[i] = taggedValue(t, it)
		}
		if tv.T == "tuple" {
			return slogpy.Tuple(l)
		}
		return l
	case "odict":
		var pairs [][2]json.RawMessage
		_ = json.Unmarshal(tv.V, &pairs)
		d := slogpy.Dict{}
		for _, p := range pairs {
			d = append(d, slogpy.DictItem{Key: taggedValue(t, p[0]), Value: taggedValue(t, p[1])})
		}
		return d
	}
	t.Fatalf("unknown tag %q", tv.T)
	return nil
}

// TestCPythonFidelity replays testdata/core/fidelity.json: record.args
// printed as Python's tuple (or mapping, or None) in all three styles,
// thread and process None, tuples and ordered dicts as arguments,
// messages and attributes, and the order of extra attributes.
func TestCPythonFidelity(t *testing.T) {
	var file struct {
		Cases []struct {
			Fmt, Style, Error string
			Record            [][2]json.RawMessage
			Out               *string
			Extra             []string
			Validate          bool
		}
	}
	loadGolden(t, "fidelity.json", &file)
	for i, c := range file.Cases {
		t.Run(fmt.Sprintf("%d/%q", i, c.Fmt), func(t *testing.T) {
			var d slogpy.Dict
			for _, kv := range c.Record {
				var k string
				_ = json.Unmarshal(kv[0], &k)
				d = append(d, slogpy.DictItem{Key: k, Value: taggedValue(t, kv[1])})
			}
			r, err := slogpy.MakeRecordOrdered(d)
			if err != nil {
				t.Fatal(err)
			}
			var extra []string
			r.Attrs(func(a slog.Attr) bool { extra = append(extra, a.Key); return true })
			if fmt.Sprint(extra) != fmt.Sprint(c.Extra) {
				t.Errorf("attributes %v, CPython's extra %v", extra, c.Extra)
			}
			f, err := slogpy.NewFormatter(c.Fmt, &slogpy.FormatterOptions{Style: c.Style, NoValidate: !c.Validate, UTC: true})
			if err != nil {
				if c.Out == nil {
					checkErrorText(t, err, c.Error)
					return
				}
				t.Fatal(err)
			}
			got, err := f.Format(r)
			if c.Out == nil {
				if err == nil {
					t.Fatalf("Format = %q; CPython raised %s", got, c.Error)
				}
				checkErrorText(t, err, c.Error)
				return
			}
			if err != nil || got != *c.Out {
				t.Errorf("Format = %q, %v; CPython %q", got, err, *c.Out)
			}
		})
	}
}
