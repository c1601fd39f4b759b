package slogpy_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/slogpy"
)

// taggedValue rebuilds a value tagged by testdata/pyfmt/gen_values.py.
func taggedValue(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	v, err := slogtestutil.TaggedValue(raw)
	if err != nil {
		t.Fatal(err)
	}
	return v
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
