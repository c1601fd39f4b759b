package slogpy_test

import (
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// TestFormatterHints: format errors keep CPython's text and say what to
// fix.
func TestFormatterHints(t *testing.T) {
	for _, tc := range []struct {
		format, style string
		cpython, hint string
	}{
		{"%(asctime) - %(message)s", "", "unsupported format character '%' (0x25) at index 13",
			"directive %(asctime) has no conversion character: write %(asctime)s"},
		{"%(levelname)s %(message)", "", "incomplete format",
			"directive %(message) has no conversion character: write %(message)s"},
		{"%(asctime)d %(name)", "", "incomplete format",
			"directive %(name) has no conversion character: write %(name)s"},
		{"{asctime} {levelname} {message}", "", "Invalid format '{asctime} {levelname} {message}' for '%' style",
			`this is a {-style format: set Style: "{"`},
		{"$asctime ${message}", "", "Invalid format '$asctime ${message}' for '%' style",
			`this is a $-style format: set Style: "$"`},
		{"%(asctime)s %(message)s", "{", "invalid format: no fields",
			`this is a %-style format: leave Style empty or set it to "%"`},
	} {
		_, err := slogpy.NewFormatter(tc.format, &slogpy.FormatterOptions{Style: tc.style})
		if err == nil {
			t.Errorf("NewFormatter(%q) succeeded", tc.format)
			continue
		}
		if !strings.Contains(err.Error(), tc.cpython) || !strings.Contains(err.Error(), tc.hint) {
			t.Errorf("NewFormatter(%q, %q): %v\nwant CPython's %q and the hint %q", tc.format, tc.style, err, tc.cpython, tc.hint)
		}
	}
	// BasicConfig's error carries the hint too.
	err := slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Format: "%(asctime) - %(message)s"})
	if err == nil || !strings.Contains(err.Error(), "write %(asctime)s") {
		t.Errorf("BasicConfig: %v", err)
	}
}

// TestFieldNotFoundHint: a field found nowhere is CPython's ValueError,
// with the standard attribute it most likely meant.
func TestFieldNotFoundHint(t *testing.T) {
	for _, tc := range []struct{ format, want string }{
		{"%(levelnam)s", "ValueError: Formatting field not found in record: 'levelnam' (did you mean levelname?)"},
		{"{funcname}", "ValueError: Formatting field not found in record: 'funcname' (did you mean funcName?)"},
		{"%(mesage)s", "ValueError: Formatting field not found in record: 'mesage' (did you mean message?)"},
		{"%(attr)s", "ValueError: Formatting field not found in record: 'attr' (did you mean attrs?)"},
		{"%(user)s", "ValueError: Formatting field not found in record: 'user'"},
	} {
		style := ""
		if tc.format[0] == '{' {
			style = "{"
		}
		c := newCallCapture(t, "%(message)s")
		f, err := slogpy.NewFormatter(tc.format, &slogpy.FormatterOptions{Style: style})
		if err != nil {
			t.Fatal(err)
		}
		c.logger.Handlers()[0].(*slogpy.StreamHandler).SetFormatter(f)
		c.logger.Info("m")
		if got := c.line(); got != "error "+tc.want {
			t.Errorf("%s: %s, want %s", tc.format, got, tc.want)
		}
	}
}
