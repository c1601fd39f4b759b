package pyfmt

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

type (
	myInt    int
	myUint8  uint8
	myFloat  float32
	myBool   bool
	myString string
	myBytes  []byte
	myList   []int
	myMap    map[myString]int
)

type point struct{ X, Y int }

type stringer struct{ s string }

func (s stringer) String() string { return s.s }

type errValue struct{ msg string }

func (e *errValue) Error() string { return e.msg }

// both has String and Error methods; like package fmt, Error wins.
type both struct{}

func (both) String() string { return "string" }
func (both) Error() string  { return "error" }

type panicker struct{}

func (panicker) String() string { panic("boom") }

type errPanicker struct{}

func (errPanicker) Error() string { panic(errors.New("bad error")) }

// level is a named int with a String method, like levels.Level.
type level int

func (l level) String() string { return "LEVEL" + fmt.Sprint(int(l)) }

type ptrStringer struct{ n int }

func (p *ptrStringer) String() string { return fmt.Sprint("n=", p.n) }

type logValuer struct{}

func (logValuer) LogValue() slog.Value { return slog.IntValue(42) }

func TestStrRepr(t *testing.T) {
	cyclic := []any{1, nil}
	cyclic[1] = cyclic
	cyclicMap := map[string]any{"a": 1}
	cyclicMap["self"] = cyclicMap
	tests := []struct {
		name            string
		v               any
		str, repr, asci string
	}{
		{"int8", int8(-8), "-8", "-8", "-8"},
		{"int16", int16(300), "300", "300", "300"},
		{"int32", int32(-70000), "-70000", "-70000", "-70000"},
		{"uint", uint(7), "7", "7", "7"},
		{"uint8", uint8(255), "255", "255", "255"},
		{"uint32", uint32(1 << 31), "2147483648", "2147483648", "2147483648"},
		{"uint64", uint64(math.MaxUint64), "18446744073709551615", "18446744073709551615", "18446744073709551615"},
		{"uintptr", uintptr(12), "12", "12", "12"},
		{"min int64", int64(math.MinInt64), "-9223372036854775808", "-9223372036854775808", "-9223372036854775808"},
		{"big", new(big.Int).Lsh(big.NewInt(-1), 80), "-1208925819614629174706176", "-1208925819614629174706176", "-1208925819614629174706176"},
		{"nil big", (*big.Int)(nil), "None", "None", "None"},
		{"float32", float32(0.1), "0.1", "0.1", "0.1"},
		{"float32 big", float32(1e20), "1e+20", "1e+20", "1e+20"},
		{"float32 int", float32(3), "3.0", "3.0", "3.0"},
		{"complex", complex(1, 2), "(1+2j)", "(1+2j)", "(1+2j)"},
		{"complex imag", complex(0, -2.5), "-2.5j", "-2.5j", "-2.5j"},
		{"complex neg zero", complex(math.Copysign(0, -1), 1), "(-0+1j)", "(-0+1j)", "(-0+1j)"},
		{"complex64 nan", complex64(complex(1, math.NaN())), "(1+nanj)", "(1+nanj)", "(1+nanj)"},
		{"named int", myInt(5), "5", "5", "5"},
		{"named uint8", myUint8(5), "5", "5", "5"},
		{"named float", myFloat(0.25), "0.25", "0.25", "0.25"},
		{"named bool", myBool(true), "True", "True", "True"},
		{"named string", myString("é'"), "é'", `"é'"`, `"\xe9'"`},
		{"named bytes", myBytes("a'"), `b"a'"`, `b"a'"`, `b"a'"`},
		{"named list", myList{1, 2}, "[1, 2]", "[1, 2]", "[1, 2]"},
		{"named map", myMap{"b": 2, "a": 1}, "{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}"},
		{"nil slice", []string(nil), "[]", "[]", "[]"},
		{"nil bytes", []byte(nil), "b''", "b''", "b''"},
		{"nil map", map[string]int(nil), "{}", "{}", "{}"},
		{"array", [3]int{1, 2, 3}, "[1, 2, 3]", "[1, 2, 3]", "[1, 2, 3]"},
		{"byte array", [2]byte{1, 2}, "[1, 2]", "[1, 2]", "[1, 2]"},
		{"string list", []string{"a", "é\n"}, `['a', 'é\n']`, `['a', 'é\n']`, `['a', '\xe9\n']`},
		{"int keys", map[int]string{10: "x", 9: "y", -1: "z"}, "{-1: 'z', 10: 'x', 9: 'y'}", "{-1: 'z', 10: 'x', 9: 'y'}", "{-1: 'z', 10: 'x', 9: 'y'}"},
		{"mixed keys", map[any]int{"1": 1, 1: 2}, "{'1': 1, 1: 2}", "{'1': 1, 1: 2}", "{'1': 1, 1: 2}"},
		{"struct", point{1, 2}, "{1 2}", "{1 2}", "{1 2}"},
		{"struct pointer", &point{1, 2}, "&{1 2}", "&{1 2}", "&{1 2}"},
		{"stringer", stringer{"hé"}, "hé", "hé", `h\xe9`},
		{"stringer list", []any{stringer{"x y"}, "s"}, "[x y, 's']", "[x y, 's']", "[x y, 's']"},
		{"error", &errValue{"oops"}, "oops", "oops", "oops"},
		{"both", both{}, "error", "error", "error"},
		{"nil error pointer", (*errValue)(nil), "None", "None", "None"},
		{"nil stringer pointer", (*ptrStringer)(nil), "None", "None", "None"},
		{"named int stringer", level(20), "LEVEL20", "LEVEL20", "LEVEL20"},
		{"duration", 1500 * time.Millisecond, "1.5s", "1.5s", "1.5s"},
		{"cycle", cyclic, "[1, [...]]", "[1, [...]]", "[1, [...]]"},
		{"map cycle", cyclicMap, "{'a': 1, 'self': {...}}", "{'a': 1, 'self': {...}}", "{'a': 1, 'self': {...}}"},
		{"invalid utf8", "a\xffb", "a\xffb", `'a\udcffb'`, `'a\udcffb'`},
		{"invalid utf8 stringer", stringer{"\xfe"}, "\xfe", "\xfe", `\udcfe`},
		{"slog string", slog.StringValue("s'"), "s'", `"s'"`, `"s'"`},
		{"slog int", slog.Int64Value(-3), "-3", "-3", "-3"},
		{"slog uint", slog.Uint64Value(3), "3", "3", "3"},
		{"slog float", slog.Float64Value(1e16), "1e+16", "1e+16", "1e+16"},
		{"slog bool", slog.BoolValue(false), "False", "False", "False"},
		{"slog duration", slog.DurationValue(time.Second), "1s", "1s", "1s"},
		{"slog any", slog.AnyValue([]int{1}), "[1]", "[1]", "[1]"},
		{"slog valuer", slog.AnyValue(logValuer{}), "42", "42", "42"},
		{"slog group", slog.GroupValue(slog.Int("a", 1)), "[a=1]", "[a=1]", "[a=1]"},
		{"func", (func())(nil), "<nil>", "<nil>", "<nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.str, string(AppendStr([]byte{}, tt.v)), "str")
			require.Equal(t, tt.repr, string(AppendRepr(nil, tt.v)), "repr")
			require.Equal(t, tt.asci, string(AppendASCII(nil, tt.v)), "ascii")
		})
	}
}

func TestStrPanics(t *testing.T) {
	require.Equal(t, "x%!s(pyfmt: String method panicked: boom)", string(AppendStr([]byte("x"), panicker{})))
	require.Equal(t, "%!r(pyfmt: Error method panicked: bad error)", string(AppendRepr(nil, errPanicker{})))
	require.Equal(t, "%!a(pyfmt: String method panicked: boom)", string(AppendASCII(nil, []any{1, panicker{}})))

	for _, format := range []string{"%s", "%r", "%a", "%-5s", "%(k)s"} {
		args := []any{panicker{}}
		if strings.Contains(format, "(") {
			args = []any{map[string]any{"k": panicker{}}}
		}
		out, err := Append([]byte("keep"), format, args)
		require.EqualError(t, err, "pyfmt: String method panicked: boom", format)
		require.Equal(t, "keep", string(out))
		var pe *PanicError
		require.ErrorAs(t, err, &pe)
		require.Equal(t, "String", pe.Method)
		require.Equal(t, "boom", pe.Value)
	}
	d := Directive{Verb: 's', Width: 10, Prec: -1}
	_, err := d.AppendValue(nil, map[string]any{"k": []any{panicker{}}})
	require.EqualError(t, err, "pyfmt: String method panicked: boom")
	f := Field{Spec: ">10"}
	_, err = f.AppendValue(nil, panicker{})
	require.EqualError(t, err, "pyfmt: String method panicked: boom")
	f = Field{Conv: 'r'}
	_, err = f.AppendValue(nil, errPanicker{})
	require.EqualError(t, err, "pyfmt: Error method panicked: bad error")
}

func TestDeepNesting(t *testing.T) {
	var v any = 1
	for range maxDepth + 1 {
		v = []any{v}
	}
	_, err := Append(nil, "%s", []any{v})
	require.EqualError(t, err, "RecursionError: maximum recursion depth exceeded while getting the repr of an object")
	out := AppendStr(nil, v)
	require.True(t, strings.HasPrefix(string(out), "%!s(RecursionError: "), string(out))
}

func TestTypeName(t *testing.T) {
	tests := []struct {
		v    any
		want string
	}{
		{nil, "NoneType"},
		{true, "bool"},
		{myInt(1), "int"},
		{uint64(1), "int"},
		{big.NewInt(1), "int"},
		{3.5, "float"},
		{complex64(1), "complex"},
		{"s", "str"},
		{myString("s"), "str"},
		{[]byte("b"), "bytes"},
		{[]int{}, "list"},
		{[2]string{}, "list"},
		{map[int]int{}, "dict"},
		{point{}, "pyfmt.point"},
		{&point{}, "*pyfmt.point"},
		{time.Time{}, "time.Time"},
		{slog.StringValue("s"), "str"},
	}
	for _, tt := range tests {
		require.Equal(t, tt.want, typeName(tt.v), "%#v", tt.v)
	}
	_, err := Append(nil, "%d", []any{point{}})
	require.EqualError(t, err, "TypeError: %d format: a real number is required, not pyfmt.point")
	_, err = Append(nil, "%x", []any{time.Time{}})
	require.EqualError(t, err, "TypeError: %x format: an integer is required, not time.Time")
	_, err = Append(nil, "%f", []any{complex(1, 1)})
	require.EqualError(t, err, "TypeError: must be real number, not complex")
}
