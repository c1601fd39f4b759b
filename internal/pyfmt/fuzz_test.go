package pyfmt

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// referencePercent renders format % (a, b) when format holds exactly two
// plain %s or %d directives and %d only takes the int a. It reports false
// for any other format.
func referencePercent(format string, a int, b string) (string, bool) {
	var out []byte
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			out = append(out, format[i])
			continue
		}
		if i+1 == len(format) || n == 2 {
			return "", false
		}
		i++
		switch {
		case n == 0 && (format[i] == 's' || format[i] == 'd'):
			out = strconv.AppendInt(out, int64(a), 10)
		case n == 1 && format[i] == 's':
			out = append(out, b...)
		default:
			return "", false
		}
		n++
	}
	return string(out), n == 2
}

func FuzzAppend(f *testing.F) {
	for _, format := range []string{
		"user %s from %s", "%d-%s", "%s", "%(a)s", "%(a)*.*f", "%-+ #010.3x", "%*.*s|%c",
		"%5%", "%(a(b)c)s", "%.99999999999f", "%\xffs", "%é", "%%%s%%%d", "%lld %hs", "",
	} {
		f.Add(format, 42, "bob")
	}
	f.Add("%c%r%a", -1, "\x00'\"")
	f.Add("%d%s", math.MinInt, "é")
	f.Fuzz(func(t *testing.T, format string, a int, b string) {
		for _, args := range [][]any{
			{a, b},
			{b, a},
			{map[string]any{"a": a, "b": b, "": b}},
			{float64(a) / 7, []any{b}},
			nil,
		} {
			out, err := Append([]byte("x"), format, args)
			if err != nil {
				require.Equal(t, "x", string(out))
			}
		}
		out, err := Append(nil, format, []any{a, b})
		if want, ok := referencePercent(format, a, b); ok {
			require.NoError(t, err)
			require.Equal(t, want, string(out))
		}
		if !strings.Contains(format, "%") {
			require.Equal(t, errNotAllConverted, err)
		}
		escaped := strings.ReplaceAll(format, "%", "%%")
		out, err = Append(nil, escaped, nil)
		require.NoError(t, err)
		require.Equal(t, format, string(out))

		tmpl, err := Compile(format)
		if err != nil {
			return
		}
		for i := range tmpl.Directives {
			d := &tmpl.Directives[i]
			for _, v := range []any{a, b, float64(a) * 1.5, nil, true} {
				_, _ = d.AppendValue(nil, v)
			}
		}
	})
}

// referenceBrace renders format with every {name} replaced by s, when
// format has only such fields, with names of ASCII letters.
func referenceBrace(format, s string) (string, bool) {
	var out []byte
	for i := 0; i < len(format); i++ {
		switch format[i] {
		case '}':
			return "", false
		case '{':
			j := i + 1
			for j < len(format) && 'a' <= format[j] && format[j] <= 'z' {
				j++
			}
			if j == i+1 || j == len(format) || format[j] != '}' {
				return "", false
			}
			out = append(out, s...)
			i = j
		default:
			out = append(out, format[i])
		}
	}
	return string(out), true
}

func FuzzCompileBrace(f *testing.F) {
	for _, format := range []string{
		"{a}", "{a!r:>10}", "{a:*^+#012,.3f}", "{a:_x}", "{{}}", "{a:{b}}", "{0}", "{a.b[c]}",
		"{a:%}", "{a:é<5}", "{a:.99999999999}", "{a!\xff}", "x {name} y {other}", "}",
	} {
		f.Add(format, 42, "bob", 2.5)
	}
	f.Fuzz(func(t *testing.T, format string, a int, s string, x float64) {
		tmpl, err := CompileBrace(format)
		if err != nil {
			return
		}
		values := []any{a, s, x, nil, true, uint64(math.MaxUint64), []any{s}, float32(x)}
		for i := range tmpl.Fields {
			field := &tmpl.Fields[i]
			for _, v := range values {
				out, err := field.AppendValue([]byte("x"), v)
				if err != nil {
					require.Equal(t, "x", string(out))
				}
			}
		}
		if !strings.ContainsAny(format, "{}") {
			require.Empty(t, tmpl.Fields)
			require.Equal(t, format, tmpl.Tail)
		}
		if want, ok := referenceBrace(format, s); ok {
			var out []byte
			for _, field := range tmpl.Fields {
				out = append(out, field.Literal...)
				out, err = field.AppendValue(out, s)
				require.NoError(t, err)
			}
			require.Equal(t, want, string(append(out, tmpl.Tail...)))
		}
	})
}

func FuzzCompileDollar(f *testing.F) {
	for _, format := range []string{"$a ${b} $$", "$", "${a", "a\r\n$1", "$é"} {
		f.Add(format)
	}
	f.Fuzz(func(t *testing.T, format string) {
		tmpl, err := CompileDollar(format)
		if err != nil {
			require.Contains(t, err.Error(), "ValueError: Invalid placeholder in string: line ")
			return
		}
		if !strings.Contains(format, "$") {
			require.Equal(t, format, tmpl.Tail)
		}
	})
}
