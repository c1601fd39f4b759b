package slogpy_test

import (
	"testing"

	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/slogpy"
)

// TestCPythonFormatterAttributes replays formatter._fmt, datefmt and
// _style from testdata/core/attributes.json (gen_attributes.py).
func TestCPythonFormatterAttributes(t *testing.T) {
	var file struct {
		Cases []struct {
			Class, Fmt, Datefmt, Style string
			Attrs                      map[string]string
		}
	}
	loadGolden(t, "attributes.json", &file)
	styles := map[string]string{"PercentStyle": "%", "StrFormatStyle": "{", "StringTemplateStyle": "$"}
	n := 0
	for _, c := range file.Cases {
		if c.Class != "Formatter" {
			continue
		}
		n++
		f, err := slogpy.NewFormatter(c.Fmt, &slogpy.FormatterOptions{Datefmt: c.Datefmt, Style: c.Style})
		if err != nil {
			t.Fatal(err)
		}
		datefmt := "None"
		if f.Datefmt() != "" {
			datefmt = string(pyfmt.AppendRepr(nil, f.Datefmt()))
		}
		if got := string(pyfmt.AppendRepr(nil, f.String())); got != c.Attrs["_fmt"] {
			t.Errorf("%q: _fmt %s, CPython %s", c.Fmt, got, c.Attrs["_fmt"])
		}
		if datefmt != c.Attrs["datefmt"] {
			t.Errorf("%q: datefmt %s, CPython %s", c.Fmt, datefmt, c.Attrs["datefmt"])
		}
		if f.Style() != styles[c.Attrs["_style"]] {
			t.Errorf("%q: Style %q, CPython %s", c.Fmt, f.Style(), c.Attrs["_style"])
		}
	}
	if n == 0 {
		t.Fatal("no Formatter case")
	}
}
