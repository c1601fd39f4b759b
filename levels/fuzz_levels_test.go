package levels

import (
	"strconv"
	"strings"
	"testing"
)

// fuzzLevelRange bounds the numbers whose slog mapping is checked for
// monotonicity: ToSlog computes 2*(n-20), which wraps for |n| near
// MaxInt/2, far outside any level a program or config file uses.
const fuzzLevelRange = 1 << 40

// FuzzParse checks Parse, the reader of levels in config files, flags and
// environment variables: it never panics; what it accepts round-trips
// through String/MarshalText; a decimal number is that level; an error
// names the input; and the slog mapping is monotone and exact on
// multiples of 5.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"INFO", "info", " Warning ", "WARN", "FATAL", "NOTSET", "15", "-3", "Level 15", "Level x",
		"level 15", "", "\x00", "İNFO", "ınfo", "DEBUG\n", "+20", "0x14", "99999999999999999999",
		"Level -7", "CRITİCAL",
	} {
		f.Add(s, 0, 25)
	}
	f.Add("x", -1<<40, 1<<40)
	f.Fuzz(func(t *testing.T, s string, a, b int) {
		l, err := Parse(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "levels: unknown level "+strconv.Quote(s)) {
				t.Fatalf("Parse(%q) error %q does not name the input", s, err)
			}
		} else {
			back, err := Parse(l.String())
			if err != nil || back != l {
				t.Fatalf("Parse(%q) = %d; Parse(String() %q) = %d, %v", s, l, l.String(), back, err)
			}
			var u Level
			text, _ := l.MarshalText()
			if err := u.UnmarshalText(text); err != nil || u != l {
				t.Fatalf("UnmarshalText(MarshalText(%d)) = %d, %v", l, u, err)
			}
		}
		if n, err := strconv.Atoi(s); err == nil && l != Level(n) {
			t.Fatalf("Parse(%q) = %d, want %d", s, l, n)
		}
		for _, n := range []int{a, b} {
			l := Level(n)
			if got, err := Parse(strconv.Itoa(n)); err != nil || got != l {
				t.Fatalf("Parse(%d) = %d, %v", n, got, err)
			}
			if got, err := Parse(l.String()); err != nil || got != l {
				t.Fatalf("Parse(String(%d) = %q) = %d, %v", n, l.String(), got, err)
			}
		}
		if a < -fuzzLevelRange || a > fuzzLevelRange || b < -fuzzLevelRange || b > fuzzLevelRange {
			return
		}
		if a > b {
			a, b = b, a
		}
		if ToSlog(Level(a)) > ToSlog(Level(b)) {
			t.Fatalf("ToSlog not monotone: ToSlog(%d) = %d > ToSlog(%d) = %d", a, ToSlog(Level(a)), b, ToSlog(Level(b)))
		}
		if s := ToSlog(Level(a)); ToSlog(FromSlog(s)) != s {
			t.Fatalf("ToSlog(FromSlog(%d)) = %d", s, ToSlog(FromSlog(s)))
		}
		if a%5 == 0 && FromSlog(ToSlog(Level(a))) != Level(a) {
			t.Fatalf("FromSlog(ToSlog(%d)) = %d, want exact on multiples of 5", a, FromSlog(ToSlog(Level(a))))
		}
	})
}
