package pyfmt

import (
	"log/slog"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCompileBrace(t *testing.T) {
	tmpl, err := CompileBrace("{{x}} {asctime} [{levelname:<8}] {name!r} {msg!a:>10.3} }}{{")
	require.NoError(t, err)
	require.Len(t, tmpl.Fields, 4)
	want := []Field{
		{Literal: "{x} ", Name: "asctime"},
		{Literal: " [", Name: "levelname", Spec: "<8"},
		{Literal: "] ", Name: "name", Conv: 'r'},
		{Literal: " ", Name: "msg", Conv: 'a', Spec: ">10.3"},
	}
	for i, f := range tmpl.Fields {
		require.Equal(t, want[i].Literal, f.Literal)
		require.Equal(t, want[i].Name, f.Name)
		require.Equal(t, want[i].Conv, f.Conv)
		require.Equal(t, want[i].Spec, f.Spec)
	}
	require.Equal(t, " }{", tmpl.Tail)
	require.True(t, tmpl.Fields[0].Simple())
	require.False(t, tmpl.Fields[1].Simple())
	require.False(t, tmpl.Fields[2].Simple())
	require.True(t, (&Field{Conv: 's'}).Simple())
}

func TestCompileBraceErrors(t *testing.T) {
	tests := []struct{ format, err string }{
		{"a }", "ValueError: Single '}' encountered in format string"},
		{"a {", "ValueError: Single '{' encountered in format string"},
		{"{a", "ValueError: expected '}' before end of string"},
		{"{a:>5", "ValueError: unmatched '{' in format spec"},
		{"{a!r", "ValueError: unmatched '{' in format spec"},
		{"{a!", "ValueError: end of string while looking for conversion specifier"},
		{"{a!rs}", "ValueError: expected ':' after conversion specifier"},
		{"{a!q}", "ValueError: Unknown conversion specifier q"},
		{"{a{b}", "ValueError: unexpected '{' in field name"},
		{"{}", "IndexError: Replacement index 0 out of range for positional args tuple"},
		{"{a} {3:>5}", "IndexError: Replacement index 3 out of range for positional args tuple"},
		{"{0.attr}", "IndexError: Replacement index 0 out of range for positional args tuple"},
		{"{99999999999999999999}", "ValueError: Too many decimal digits in format string"},
		{"{a:{w:{p}}}", "ValueError: Max string recursion exceeded"},
		{"{a:{}}", "IndexError: Replacement index 0 out of range for positional args tuple"},
	}
	for _, tt := range tests {
		_, err := CompileBrace(tt.format)
		require.EqualError(t, err, tt.err, tt.format)
	}
}

func TestFieldAppendValue(t *testing.T) {
	tests := []struct {
		spec string
		conv byte
		v    any
		want string
	}{
		{"", 0, level(20), "LEVEL20"},
		{"d", 0, level(20), "20"},
		{">8", 0, level(20), " LEVEL20"},
		{"05", 0, myInt(7), "00007"},
		{"x", 0, uint64(math.MaxUint64), "ffffffffffffffff"},
		{"_x", 0, new(big.Int).Lsh(big.NewInt(1), 64), "1_0000_0000_0000_0000"},
		{"010", 0, big.NewInt(-12), "-000000012"},
		{",", 0, int64(math.MinInt64), "-9,223,372,036,854,775,808"},
		{"", 0, float32(0.1), "0.1"},
		{".3", 0, float32(0.1), "0.1"},
		{".10f", 0, float32(0.1), "0.1000000015"},
		{"e", 0, myFloat(2), "2.000000e+00"},
		{"^7", 0, myString("ab"), "  ab   "},
		{">6", 0, 2 * time.Second, "    2s"},
		{"d", 0, 2 * time.Second, "2000000000"},
		{">7", 0, point{1, 2}, "  {1 2}"},
		{".2", 0, stringer{"abc"}, "ab"},
		{"d", 0, point{}, "error ValueError: Unknown format code 'd' for object of type 'str'"},
		{"+", 0, stringer{"x"}, "error ValueError: Sign not allowed in string format specifier"},
		{">9", 0, complex(1, 2), "   (1+2j)"},
		{">5", 0, []int{1}, "error TypeError: unsupported format string passed to list.__format__"},
		{">5", 0, map[string]int{}, "error TypeError: unsupported format string passed to dict.__format__"},
		{">5", 0, []byte("b"), "error TypeError: unsupported format string passed to bytes.__format__"},
		{">5", 0, (*big.Int)(nil), "error TypeError: unsupported format string passed to NoneType.__format__"},
		{"", 0, []int{1}, "[1]"},
		{"*^9", 0, slog.StringValue("s"), "****s****"},
		{"+d", 0, slog.Int64Value(5), "+5"},
		{".1%", 0, slog.Float64Value(0.5), "50.0%"},
		{"", 0, slog.BoolValue(true), "True"},
		{"d", 0, slog.BoolValue(true), "1"},
		{">4", 0, slog.DurationValue(time.Second), "  1s"},
		{"", 'r', "é\n", "'é\\n'"},
		{"", 'a', "é", "'\\xe9'"},
		{"é^7", 'r', 1, "ééé1ééé"},
		{"d", 'r', 1, "error ValueError: Unknown format code 'd' for object of type 'str'"},
		{"", 'x', 1, "error ValueError: Unknown conversion specifier x"},
	}
	for _, tt := range tests {
		f := Field{Name: "v", Spec: tt.spec, Conv: tt.conv} // not compiled: the spec is parsed on use
		out, err := f.AppendValue([]byte("<"), tt.v)
		if err != nil {
			require.Equal(t, "<", string(out))
			out = nil
		} else {
			out = out[1:]
		}
		require.Equal(t, tt.want, got(out, err), "{v!%c:%s} %#v", tt.conv, tt.spec, tt.v)
	}
}
