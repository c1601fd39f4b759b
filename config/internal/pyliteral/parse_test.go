package pyliteral

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/config/internal/pyvalue"
)

// mark stands for a stream the resolver knows (sys.stdout).
type mark struct{ name string }

// testResolver knows a few of the names fileConfig's resolver knows
// (config's TestLiteralGolden checks the parser with that resolver
// against CPython).
func testResolver() (func(string) (any, bool), func(string) string) {
	names := map[string]any{
		"sys.stdout": &mark{"stdout"}, "sys.stderr": &mark{"stderr"}, "DEBUG": 10, "ERROR": 40,
		"handlers.SysLogHandler.LOG_USER": 1, "handlers.SYSLOG_UDP_PORT": 514,
	}
	resolve := func(n string) (any, bool) { v, ok := names[n]; return v, ok }
	known := func(string) string {
		return "sys.stdout, sys.stderr, DEBUG, ERROR, handlers.SYSLOG_UDP_PORT, handlers.SysLogHandler.LOG_USER"
	}
	return resolve, known
}

func TestLiteralRejects(t *testing.T) {
	resolve, known := testResolver()
	cases := []struct{ expr, want string }{
		{"(__import__('os').system('id'),)", "column 2: function calls are not allowed: __import__(…) would run code"},
		{"(open('/etc/passwd').read(),)", "function calls are not allowed: open(…)"},
		{"(os.system('rm -rf /'),)", "function calls are not allowed: os.system(…)"},
		{"(sys.modules,)", "attribute access is not allowed: sys.modules is not one of the known names"},
		{"(sys.stdout.write,)", "attribute access is not allowed: sys.stdout.write"},
		{"(handlers.os,)", "attribute access is not allowed: handlers.os"},
		{"(().__class__,)", "attribute access is not allowed here"},
		{"(''.join,)", "attribute access is not allowed here"},
		{"(x.__class__.__bases__,)", "name x.__class__.__bases__ is not allowed"},
		{"(__builtins__,)", "name __builtins__ is not allowed"},
		{"(eval,)", "unknown name eval"},
		{"(logging.DEBUG,)", "attribute access is not allowed: logging.DEBUG"},
		{"('a',)[0]", "subscripts are not allowed"},
		{"(x for x in y)", "unknown name x"},
		{"[x for x in range(3)]", "unknown name x"},
		{"(1 for y in z)", "comprehensions are not allowed"},
		{"(lambda: 1,)", `"lambda" is not allowed`},
		{"(f'{os}',)", "f-strings are not allowed"},
		{"(b'bytes',)", "bytes literals are not supported"},
		{"(1 if 2 else 3,)", `"if" expressions are not allowed`},
		{"(not 1,)", `"not" is not allowed`},
		{"(1 == 1,)", `operator "==" is not allowed`},
		{"{1, 2}", "dict keys must be strings"},
		{"{'a', 'b'}", "sets are not allowed"},
		{"{**x}", "dict unpacking (**) is not allowed"},
		{"('unterminated,)", "unterminated string"},
		{"(1, 2", `missing ")"`},
		{"(1 2)", `expected ',' or ")"`},
		{"010", "leading zeros are not allowed"},
		{"1j", "complex numbers are not supported"},
		{"99999999999999999999", "integer 99999999999999999999 is too large"},
		{"9223372036854775807 + 1", "integer result out of range"},
		{"2 ** 64", "integer result out of range"},
		{"1 // 0", "integer division by zero"},
		{"'a' * 3", "unsupported operand types for *"},
		{"-'a'", "bad operand for unary -"},
		{"'\\N{DASH}'", `\N{…} escapes are not supported`},
		{"(1,) (2,)", "function calls are not allowed"},
		{"", "unexpected end of expression"},
		{"(" + strings.Repeat("(", 100) + "1" + strings.Repeat(")", 101), "nested more than 64 deep"},
		{"'" + strings.Repeat("a", MaxLen) + "'", "longer than"},
		{"(1,) ; import os", `unexpected "; import os"`},
	}
	for _, c := range cases {
		v, err := Parse(c.expr, resolve, known)
		if err == nil {
			t.Errorf("%q parsed to %#v; want an error", shortExpr(c.expr), v)
			continue
		}
		if !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %q, want it to contain %q", shortExpr(c.expr), err, c.want)
		}
	}
}

func shortExpr(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

func TestLiteralInfinity(t *testing.T) {
	resolve, known := testResolver()
	v, err := Parse("1e999", resolve, known)
	if err != nil || !math.IsInf(v.(float64), 1) {
		t.Errorf("1e999 = %v, %v; Python reads inf", v, err)
	}
}

// FuzzLiteral checks that the parser never panics, that what it accepts
// is made of literal values only, and that parsing is deterministic.
func FuzzLiteral(f *testing.F) {
	for _, s := range []string{
		"()", "('app.log', 'a', 10*1024*1024, 5)", "{'a': [1, (2,)], 'b': None}", "(sys.stdout,)",
		"(__import__('os').system('id'),)", "'\\x41\\u00e9\\101'", "r'\\d'", "'''a\n'''", "2 ** 3 ** 2",
		"-7 // 2 % 3", "(handlers.SysLogHandler.LOG_USER, DEBUG)", "1_0.5e-3", "0x_1f", "'a' 'b' u'c'",
		"{", "(((", "'\\", "1e", ".", "--+-1", "(1,)(2)", "{'a':}", "[1 for]", "9223372036854775807 * -1",
		"(-9223372036854775807 - 1) // -1", "2 ** 62 * 2", "-1 ** 9999999999",
	} {
		f.Add(s)
	}
	resolve, known := testResolver()
	f.Fuzz(func(t *testing.T, s string) {
		v1, err1 := Parse(s, resolve, known)
		v2, err2 := Parse(s, resolve, known)
		if (err1 == nil) != (err2 == nil) || !reflect.DeepEqual(v1, v2) && !pyvalue.HasNaN(v1) {
			t.Fatalf("not deterministic: %#v %v / %#v %v", v1, err1, v2, err2)
		}
		if err1 == nil {
			checkLiteralValue(t, v1)
		}
	})
}

// checkLiteralValue fails unless v is made of the values a literal yields.
func checkLiteralValue(t *testing.T, v any) {
	pyvalue.Walk(v, func(x any) bool {
		switch x.(type) {
		case nil, bool, int64, float64, string, *mark, int:
			return true
		}
		t.Fatalf("literal yields %T", x)
		return false
	})
}

func BenchmarkParseLiteral(b *testing.B) {
	resolve, known := testResolver()
	const expr = "('app.log', 'a', 10*1024*1024, 5, 'utf-8', False, None)"
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := Parse(expr, resolve, known); err != nil {
				b.Fatal(err)
			}
		}
	})
}
