package decode

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/config/internal/pyvalue"
)

// TestDecodeYAML covers PyYAML's reading of YAML.
func TestDecodeYAML(t *testing.T) {
	cfg, err := Dict([]byte("a: yes\nb: 'no'\nc: Off\nd: 1\ne: 1.5\nf: ~\ng: [on, 'on']\nh: 0x10\nbase: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"a": true, "b": "no", "c": false, "d": int64(1), "e": 1.5, "f": nil, "g": []any{true, "on"}, "h": int64(16),
		"base": map[string]any{"x": int64(1), "y": int64(2)}, "merged": map[string]any{"x": int64(1), "y": int64(3)}}
	if !reflect.DeepEqual(cfg, want) || fmt.Sprintf("%T", cfg["d"]) != "int64" {
		t.Errorf("got %#v\nwant %#v", cfg, want)
	}
	for src, msg := range map[string]string{
		"a: 1\na: 2\n":                 `line 2: duplicate key "a"`,
		"- 1\n":                        "want a YAML mapping, got a list of 1",
		"a: !!python/name:os.system\n": "unsupported tag !!python/name:os.system",
		"a: [\n":                       "invalid YAML",
		"":                             "the YAML document is empty",
		`{"a": 1,}`:                    "invalid JSON: line 1 column 10",
		`{"a": 1} {}`:                  "data after the top-level object",
		`{"a": 1e999}`:                 "out of range",
	} {
		if _, err := Dict([]byte(src), ""); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: error %v, want %q", src, err, msg)
		}
	}
	// Aliases that expand without bound are refused.
	var b strings.Builder
	b.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 12; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	if _, err := Dict([]byte(b.String()), ""); err == nil || !strings.Contains(err.Error(), "expands to more than") {
		t.Errorf("billion laughs: %v", err)
	}
}

// FuzzDecode checks that decoding never panics, that what it accepts is
// made of the values Python's json and yaml modules give (mapping, list,
// string, int64, float64, bool, None), and that it is deterministic.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{"version": 1, "handlers": {"h": {"class": "logging.StreamHandler"}}}`, `{"a": 1e999}`, `{"a": [1, 2.5, null, true]}`,
		"version: 1\nroot: {level: yes}\n", "a: &x [1, 2]\nb: *x\nc: {<<: {d: 1}}\n", "a: !!python/name:os.system\n", "- 1\n", "",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v1, err1 := Dict(data, "")
		v2, err2 := Dict(data, "")
		if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(v1, v2) && !pyvalue.HasNaN(v1) {
			t.Fatalf("not deterministic: %#v %v / %#v %v", v1, err1, v2, err2)
		}
		if err1 == nil {
			checkValue(t, v1)
		}
	})
}

func checkValue(t *testing.T, v any) {
	pyvalue.Walk(v, func(x any) bool {
		switch x.(type) {
		case nil, bool, int64, float64, string:
			return true
		}
		t.Fatalf("decoded %T", x)
		return false
	})
}
