package pyfmt

import (
	"errors"
	"log/slog"
	"math"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCompile(t *testing.T) {
	tmpl, err := Compile("100%% %(asctime)s [%(levelname)-8s] %(name)s:%(lineno)5d %(x(y))#.3f %*.*s%%")
	require.NoError(t, err)
	require.Equal(t, &Template{
		Directives: []Directive{
			{Literal: "100% ", Key: "asctime", Keyed: true, Width: -1, Prec: -1, Verb: 's'},
			{Literal: " [", Key: "levelname", Keyed: true, Flags: FlagMinus, Width: 8, Prec: -1, Verb: 's'},
			{Literal: "] ", Key: "name", Keyed: true, Width: -1, Prec: -1, Verb: 's'},
			{Literal: ":", Key: "lineno", Keyed: true, Width: 5, Prec: -1, Verb: 'd'},
			{Literal: " ", Key: "x(y)", Keyed: true, Flags: FlagAlt, Width: -1, Prec: 3, Verb: 'f'},
			{Literal: " ", Width: -1, Prec: 0, WidthStar: true, PrecStar: true, Verb: 's'},
		},
		Tail: "%",
	}, tmpl)
	require.True(t, tmpl.Directives[0].Simple())
	require.False(t, tmpl.Directives[1].Simple())
	require.False(t, tmpl.Directives[3].Simple())
	require.False(t, tmpl.Directives[5].Simple())

	tmpl, err = Compile("no directives")
	require.NoError(t, err)
	require.Equal(t, &Template{Tail: "no directives"}, tmpl)

	tmpl, err = Compile("%+ -#0ld")
	require.NoError(t, err)
	require.Equal(t, uint8(FlagMinus|FlagPlus|FlagSpace|FlagAlt|FlagZero), tmpl.Directives[0].Flags)
}

func TestCompileErrors(t *testing.T) {
	tests := []struct{ format, err string }{
		{"%", "ValueError: incomplete format"},
		{"abc %-5", "ValueError: incomplete format"},
		{"%(name", "ValueError: incomplete format key"},
		{"%(a(b)s", "ValueError: incomplete format key"},
		{"%(name)", "ValueError: incomplete format"},
		{"%y", "ValueError: unsupported format character 'y' (0x79) at index 1"},
		{"%s %y", "ValueError: unsupported format character 'y' (0x79) at index 4"},
		{"é%é", "ValueError: unsupported format character '?' (0xe9) at index 2"},
		{"%\xff", "ValueError: unsupported format character '?' (0xdcff) at index 1"},
		{"%5%", "ValueError: unsupported format character '%' (0x25) at index 2"},
		{"%1000001s", "ValueError: width too big"},
		{"%.1000001f", "ValueError: precision too big"},
	}
	for _, tt := range tests {
		_, err := Compile(tt.format)
		require.EqualError(t, err, tt.err, tt.format)
		args := []any{1, 2, 3}
		if strings.Contains(tt.format, "(") {
			args = []any{map[string]any{"name": 1, "a(b)s": 2}}
		}
		_, err = Append(nil, tt.format, args)
		require.EqualError(t, err, tt.err, tt.format)
	}
}

func TestDirectiveAppendValue(t *testing.T) {
	tests := []struct {
		d    Directive
		v    any
		want string
	}{
		{Directive{Verb: 's', Width: -1, Prec: -1}, "x", "x"},
		{Directive{Verb: 's', Width: 4, Prec: 2}, "xyz", "  xy"},
		{Directive{Verb: 'r', Width: -1, Prec: -1}, "x", "'x'"},
		{Directive{Verb: 'd', Flags: FlagZero | FlagPlus, Width: 5, Prec: -1}, 42, "+0042"},
		{Directive{Verb: 'X', Flags: FlagAlt, Width: -1, Prec: -1}, uint64(math.MaxUint64), "0XFFFFFFFFFFFFFFFF"},
		{Directive{Verb: 'f', Width: -1, Prec: 2}, float32(0.1), "0.10"},
		{Directive{Verb: 'c', Width: -1, Prec: -1}, 'é', "é"},
		{Directive{Verb: 's', Width: -1, Prec: -1, WidthStar: true}, 5, "error TypeError: not enough arguments for format string"},
		{Directive{Verb: 's', Width: -1, Prec: -1, PrecStar: true}, "x", "error TypeError: * wants int"},
		{Directive{Verb: 's', Width: -1, Prec: -1, PrecStar: true}, 1 << 40, "error OverflowError: Python int too large to convert to C int"},
		{Directive{Verb: 'y', Width: -1, Prec: -1}, 1, "error ValueError: unsupported format character 'y' (0x79)"},
		{Directive{Verb: 's', Width: maxWidth + 1, Prec: -1}, 1, "error ValueError: width too big"},
		{Directive{Verb: 's', Width: -1, Prec: maxWidth + 1}, 1, "error ValueError: precision too big"},
	}
	for _, tt := range tests {
		out, err := tt.d.AppendValue([]byte("<"), tt.v)
		if err != nil {
			require.Equal(t, "<", string(out))
			out = nil
		} else {
			out = out[1:]
		}
		require.Equal(t, tt.want, got(out, err), "%+v", tt.d)
	}
}

func TestAppendGoValues(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"%d %s %r", []any{level(20), level(20), level(20)}, "20 LEVEL20 LEVEL20"},
		{"%5.1f|%x|%c", []any{myFloat(2.25), myInt(255), myString("z")}, "  2.2|ff|z"},
		{"%d|%s", []any{2 * time.Second, 2 * time.Second}, "2000000000|2s"},
		{"%x %o %d", []any{uint64(math.MaxUint64), int64(math.MinInt64), uint8(200)}, "ffffffffffffffff -1000000000000000000000 200"},
		{"%#x|%+d|%.3e", []any{new(big.Int).Lsh(big.NewInt(1), 100), new(big.Int).Lsh(big.NewInt(-1), 70), new(big.Int).Lsh(big.NewInt(1), 100)},
			"0x10000000000000000000000000|-1180591620717411303424|1.268e+30"},
		{"%s %d %.1f %r %5s", []any{slog.StringValue("a"), slog.Int64Value(-4), slog.Float64Value(2.25), slog.StringValue("b"), slog.BoolValue(true)}, "a -4 2.2 'b'  True"},
		{"%c%c%c", []any{'A', rune(0x1F600), int8(33)}, "A😀!"},
		{"%c", []any{0xD800}, "\uFFFD"},
		{"%s", []any{float32(16777216)}, "16777216.0"},
		{"%s|%r", []any{[]byte("a\x00"), []byte("a\x00")}, `b'a\x00'|b'a\x00'`},
		{"%(a)s %(b)s", []any{map[string]string{"a": "x", "b": "y"}}, "x y"},
		{"%(a)d", []any{map[string]int{"a": 7}}, "7"},
		{"%(a)s", []any{map[myString]any{"a": 1.5}}, "1.5"},
		{"%(a)s", []any{map[any]any{"a": nil, 1: 2}}, "None"},
		{"%s", []any{map[string]int{"b": 2, "a": 1}}, "{'a': 1, 'b': 2}"},
		{"%*d|%-*d|%.*f", []any{myInt(4), 1, uint8(3), 2, big.NewInt(1), 0.25}, "   1|2  |0.2"},
	}
	for _, tt := range tests {
		out, err := Append(nil, tt.format, tt.args)
		require.NoError(t, err, tt.format)
		require.Equal(t, tt.want, string(out), tt.format)
	}
}

func TestAppendErrors(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		err    string
	}{
		{"%(a)s", []any{map[int]any{1: 2}}, "KeyError: 'a'"},
		{"%(it's)s", []any{map[string]any{}}, `KeyError: "it's"`},
		{"%(a)s", []any{map[string]any{"a": 1}, 2}, "TypeError: format requires a mapping"},
		{"%s %s", []any{map[string]any{"a": 1}}, "TypeError: not enough arguments for format string"},
		{"%s", []any{1, 2}, "TypeError: not all arguments converted during string formatting"},
		{"%*s", []any{maxWidth + 1, "x"}, "ValueError: width too big"},
		{"%.*s", []any{maxWidth + 1, "x"}, "ValueError: precision too big"},
		{"%*s", []any{uint64(math.MaxUint64), "x"}, "OverflowError: Python int too large to convert to C ssize_t"},
		{"%d", []any{math.Inf(-1)}, "OverflowError: cannot convert float infinity to integer"},
		{"%f", []any{new(big.Int).Lsh(big.NewInt(1), 2000)}, "OverflowError: int too large to convert to float"},
		{"%c", []any{"ab"}, "TypeError: %c requires int or char"},
		{"%c", []any{-1}, "OverflowError: %c arg not in range(0x110000)"},
	}
	for _, tt := range tests {
		out, err := Append([]byte("keep"), tt.format, tt.args)
		require.EqualError(t, err, tt.err, tt.format)
		require.Equal(t, "keep", string(out))
		var pe *Error
		require.True(t, errors.As(err, &pe))
		require.Equal(t, tt.err, pe.Type+": "+pe.Msg)
	}
}

func TestSprintf(t *testing.T) {
	s, err := Sprintf("%s has %d items (%.1f%%)", "cart", 3, 37.5)
	require.NoError(t, err)
	require.Equal(t, "cart has 3 items (37.5%)", s)
	s, err = Sprintf("%(user)s logged in", map[string]any{"user": "bob"})
	require.NoError(t, err)
	require.Equal(t, "bob logged in", s)
	s, err = Sprintf("%s %s", "one")
	require.EqualError(t, err, "TypeError: not enough arguments for format string")
	require.Empty(t, s)
}

// TestConcurrentUse formats with shared compiled templates from several
// goroutines; run it with -race.
func TestConcurrentUse(t *testing.T) {
	pct, err := Compile("%(name)s=%(value)08.3f")
	require.NoError(t, err)
	brace, err := CompileBrace("{name!r:>6}={value:+.2e}")
	require.NoError(t, err)
	values := map[string]any{"name": "pi", "value": 3.14159}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var b []byte
			for range 200 {
				b = b[:0]
				for i := range pct.Directives {
					d := &pct.Directives[i]
					b = append(b, d.Literal...)
					b, _ = d.AppendValue(b, values[d.Key])
				}
				if string(b) != "pi=0003.142" {
					t.Errorf("got %q", b)
					return
				}
				b, _ = formatFields(brace, values)
				if string(b) != "  'pi'=+3.14e+00" {
					t.Errorf("got %q", b)
					return
				}
				b, _ = Append(b[:0], "%s %d", []any{"x", 1})
			}
		}()
	}
	wg.Wait()
}
