package pyfmt_test

import (
	"strings"
	"testing"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// The amplification message of issue 16: 1000 directives of width 999999.
func TestAppendLogArgsLimitAmplification(t *testing.T) {
	format := strings.Repeat("%(a)999999s", 1000)
	args := []any{map[string]any{"a": "x"}}
	out, cut, err := pyfmt.AppendLogArgsLimit(nil, format, args, 1<<20)
	if err != nil || !cut {
		t.Fatalf("err %v, truncated %v", err, cut)
	}
	if len(out) != 1<<20 {
		t.Fatalf("len %d, want %d", len(out), 1<<20)
	}
	// The output is a prefix of the full one: 999998 spaces, x, spaces.
	if out[999998] != 'x' || out[999997] != ' ' || out[999999] != ' ' {
		t.Fatalf("not a prefix of the full output")
	}
	// Growth of the buffer stays near the limit plus one directive.
	if cap(out) > 4<<20 {
		t.Fatalf("buffer grew to %d bytes", cap(out))
	}
}

func TestAppendLogArgsLimit(t *testing.T) {
	for _, tc := range []struct {
		format string
		args   []any
		max    int
		want   string
		cut    bool
	}{
		{"abc%sdef", []any{"X"}, 0, "abcXdef", false},
		{"abc%sdef", []any{"X"}, 7, "abcXdef", false},
		{"abc%sdef", []any{"X"}, 6, "abcXde", true},
		{"abc%sdef", []any{"X"}, 2, "ab", true},
		{"%5s|", []any{"é"}, 3, "   ", true},
		{"ééé", nil, 3, "é", true},                    // a cut never splits a character
		{"%s %s", []any{"aaaa", "b"}, 3, "aaa", true}, // the rest is never formatted
		{"%s %d", []any{"aaaa", "b"}, 3, "aaa", true}, // nor checked
		{"%s", []any{"a", "b"}, 10, "", false},        // errors before the cut stay
		{"%%%%%%", nil, 2, "%%", true},                // escapes count
		{"x%(a)s", []any{map[string]any{"a": 1}}, 9, "x1", false},
	} {
		out, cut, err := pyfmt.AppendLogArgsLimit([]byte("pre"), tc.format, tc.args, tc.max)
		if tc.want == "" && !cut {
			if err == nil {
				t.Errorf("%q %% %v: no error", tc.format, tc.args)
			}
			continue
		}
		if err != nil || string(out) != "pre"+tc.want || cut != tc.cut {
			t.Errorf("%q %% %v limit %d: %q %v %v, want %q %v", tc.format, tc.args, tc.max, out, cut, err, "pre"+tc.want, tc.cut)
		}
	}
}

func TestFieldTemplateAppendLimit(t *testing.T) {
	lookup := func(name string) (any, error) { return "x", nil }
	brace, err := pyfmt.CompileBrace(strings.Repeat("{a:>999999}", 1000))
	if err != nil {
		t.Fatal(err)
	}
	dollar, err := pyfmt.CompileDollar("ab${a}cd$a")
	if err != nil {
		t.Fatal(err)
	}
	out, cut, err := brace.AppendLimit(nil, lookup, 1<<20)
	if err != nil || !cut || len(out) != 1<<20 || cap(out) > 4<<20 {
		t.Fatalf("brace: len %d cap %d, truncated %v, err %v", len(out), cap(out), cut, err)
	}
	for max, want := range map[int]string{0: "abxcdx", 6: "abxcdx", 4: "abxc", 1: "a"} {
		out, cut, err := dollar.AppendLimit(nil, lookup, max)
		if err != nil || string(out) != want || cut != (want != "abxcdx") {
			t.Errorf("dollar limit %d: %q %v %v, want %q", max, out, cut, err, want)
		}
	}
}
