package contrib

import (
	"encoding/json"
	"errors"
	"log/slog"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// jsonOptions maps a golden case's JsonFormatter keyword arguments onto
// JSONFormatterOptions.
func jsonOptions(t *testing.T, kw map[string]any, excText *string) *JSONFormatterOptions {
	t.Helper()
	o := &JSONFormatterOptions{}
	for k, v := range kw {
		switch k {
		case "fmt":
			o.Format = v.(string)
		case "datefmt":
			o.Datefmt = v.(string)
		case "style":
			o.Style = v.(string)
		case "prefix":
			o.Prefix = v.(string)
		case "json_ensure_ascii":
			o.NoEnsureASCII = v == false
		case "json_indent":
			switch v := v.(type) {
			case string:
				o.Indent = v
			case json.Number:
				n, _ := v.Int64()
				o.Indent, o.Multiline = strings.Repeat(" ", int(n)), true
			}
		case "timestamp":
			if s, ok := v.(string); ok {
				o.Timestamp = s
			} else if v == true {
				o.Timestamp = "timestamp"
			}
		case "rename_fields":
			o.RenameFields = map[string]string{}
			for a, b := range v.(map[string]any) {
				o.RenameFields[a] = b.(string)
			}
		case "static_fields":
			m := v.(map[string]any)
			keys := make([]string, 0, len(m))
			for k := range m {
				keys = append(keys, k)
			}
			sort.Strings(keys) // the goldens list them sorted
			for _, k := range keys {
				o.StaticFields = append(o.StaticFields, slog.Any(k, untag(m[k])))
			}
		case "reserved_attrs":
			o.ReservedAttrs = []string{}
			for _, a := range v.([]any) {
				o.ReservedAttrs = append(o.ReservedAttrs, a.(string))
			}
		default:
			t.Fatalf("kwarg %q not mapped", k)
		}
	}
	if excText != nil {
		s := *excText
		o.FormatException = func(error) string { return s }
	}
	return o
}

func TestJSONFormatterGolden(t *testing.T) {
	for _, c := range loadGolden[goldenCase](t, "pythonjsonlogger.json") {
		t.Run(c.Name, func(t *testing.T) {
			f, err := NewJSONFormatter(jsonOptions(t, c.Kwargs, c.FormatException))
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.AppendFormat(nil, goldenRecord(t, &c))
			checkGolden(t, got, err, c.Output)
		})
	}
}

type stringer struct{}

func (stringer) String() string { return "str-of-stringer" }

type marshaler struct{}

func (marshaler) MarshalJSON() ([]byte, error) { return []byte(`{"z": 1, "a": ["é"]}`), nil }

type point struct{ X, Y int }

// TestJSONFormatterGoValues covers the Go values Python has no counterpart
// for, each written as python-json-logger's encoder writes the nearest
// Python value (default=str for the rest).
func TestJSONFormatterGoValues(t *testing.T) {
	f, err := NewJSONFormatter(nil)
	if err != nil {
		t.Fatal(err)
	}
	cyclic := []any{nil}
	cyclic[0] = cyclic
	for _, c := range []struct {
		name string
		attr slog.Attr
		want string
	}{ // the values of Python's re.findall with the same patterns
		{"group", slog.Group("req", slog.String("id", "r1"), slog.Int("n", 2)), `"req": {"id": "r1", "n": 2}`},
		{"inline group", slog.Group("", slog.String("a", "b")), `"a": "b"`},
		{"time", slog.Time("at", time.Date(2024, 1, 2, 3, 4, 5, 6000, time.FixedZone("", -5*3600-30*60))), `"at": "2024-01-02T03:04:05.000006-05:30"`},
		{"duration", slog.Duration("d", 1500*time.Millisecond), `"d": "1.5s"`},
		{"error", slog.Any("err", errors.New("no such file")), `"err": "no such file"`},
		{"stringer", slog.Any("s", stringer{}), `"s": "str-of-stringer"`},
		{"marshaler", slog.Any("m", marshaler{}), `"m": {"z": 1, "a": ["\u00e9"]}`},
		{"map sorted", slog.Any("m", map[string]int{"b": 2, "a": 1}), `"m": {"a": 1, "b": 2}`},
		{"int keys", slog.Any("m", map[int]bool{2: true, 1: false}), `"m": {"1": false, "2": true}`},
		{"float keys", slog.Any("m", map[float64]int{1.5: 1, 1e16: 2}), `"m": {"1.5": 1, "1e+16": 2}`},
		{"bool and nil keys", slog.Any("m", map[any]int{true: 1, false: 0, nil: 2}), `"m": {"false": 0, "null": 2, "true": 1}`},
		{"float32", slog.Any("f", []any{float32(0.1)}), `"f": [0.1]`},
		{"uint", slog.Uint64("u", 1<<63), `"u": 9223372036854775808`},
		{"bytes", slog.Any("b", []byte("hi")), `"b": "b'hi'"`},
		{"struct", slog.Any("p", point{1, 2}), `"p": "{1 2}"`},
		{"nil slice", slog.Any("s", []int(nil)), `"s": null`},
		{"int slice", slog.Any("s", []int{1, 2}), `"s": [1, 2]`},
		{"nil pointer", slog.Any("p", (*int)(nil)), `"p": null`},
		{"invalid utf8", slog.String("s", "a\xffb"), `"s": "a\ufffdb"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := new(slogpy.Record)
			r.Msg = "m"
			r.AddAttrs(c.attr)
			got, err := f.Format(r)
			if err != nil {
				t.Fatal(err)
			}
			want := `{"message": "m", ` + c.want + `}`
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
	t.Run("cyclic", func(t *testing.T) {
		r := new(slogpy.Record)
		r.AddAttrs(slog.Any("c", cyclic))
		if _, err := f.Format(r); err != nil {
			t.Fatal(err)
		}
	})
}

func TestParseFields(t *testing.T) {
	for _, c := range []struct {
		format string
		style  byte
		want   []string
	}{
		{"%(a)s %(b)d %()s %(c", '%', []string{"a", "b"}},
		{"%()s %(b)s", '%', []string{")s %(b"}},
		{"%(a\n)s %(b)s", '%', []string{"b"}},
		{"{a} {b:>8} {} {c", '{', []string{"a", "b:>8"}},
		{"$a ${b} $$c $_d1 $ $9 ${}x}", '$', []string{"a", "b", "_d1", "}x"}},
	} {
		got := parseFields(c.format, c.style)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("parseFields(%q, %c) = %q, want %q", c.format, c.style, got, c.want)
		}
	}
}

func TestJSONFormatterErrors(t *testing.T) {
	for _, o := range []*JSONFormatterOptions{
		{Format: "%(message)", Style: "%"},
		{Style: "x"},
		{Format: "{message", Style: "{"},
	} {
		if _, err := NewJSONFormatter(o); err == nil || !strings.HasPrefix(err.Error(), "contrib: JsonFormatter: ") {
			t.Errorf("%+v: err = %v", o, err)
		}
	}
	f, _ := NewJSONFormatter(nil)
	r := new(slogpy.Record)
	r.Msg, r.Args = "%d", []any{"x"}
	if _, err := f.Format(r); err == nil {
		t.Error("a message that does not merge: no error")
	}
}

func TestJSONFormatterFields(t *testing.T) {
	f, err := NewJSONFormatter(&JSONFormatterOptions{Format: "%(asctime)s %(message)s"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Fields(), ","); got != "asctime,message" {
		t.Errorf("Fields() = %q", got)
	}
}
