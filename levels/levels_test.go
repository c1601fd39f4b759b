package levels

import (
	"log/slog"
	"math/rand"
	"strings"
	"sync"
	"testing"
)

func TestStandardLevelsMapExactly(t *testing.T) {
	tests := []struct {
		py   Level
		slog slog.Level
	}{
		{Debug, slog.LevelDebug},
		{Info, slog.LevelInfo},
		{Warning, slog.LevelWarn},
		{Error, slog.LevelError},
		{Critical, slog.LevelError + 4},
		{5, -8}, // slog's LevelTrace is Python's TRACE
		{25, 2},
		{NotSet, -12},
		{-5, -16},
	}
	for _, tt := range tests {
		if got := ToSlog(tt.py); got != tt.slog {
			t.Errorf("ToSlog(%d) = %d, want %d", tt.py, got, tt.slog)
		}
		if got := FromSlog(tt.slog); got != tt.py {
			t.Errorf("FromSlog(%d) = %d, want %d", tt.slog, got, tt.py)
		}
	}
}

func TestMappingProperties(t *testing.T) {
	for py := Level(-200); py <= 200; py++ {
		if ToSlog(py) > ToSlog(py+1) {
			t.Fatalf("ToSlog not monotone at %d: %d > %d", py, ToSlog(py), ToSlog(py+1))
		}
		if py%5 == 0 {
			if got := FromSlog(ToSlog(py)); got != py {
				t.Errorf("FromSlog(ToSlog(%d)) = %d", py, got)
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 10000; i++ {
		a := Level(rng.Intn(1<<20) - 1<<19)
		b := a + Level(rng.Intn(100))
		if ToSlog(a) > ToSlog(b) {
			t.Fatalf("ToSlog not monotone: %d→%d, %d→%d", a, ToSlog(a), b, ToSlog(b))
		}
		s := slog.Level(rng.Intn(1<<20) - 1<<19)
		if FromSlog(s) > FromSlog(s+1) {
			t.Fatalf("FromSlog not monotone at %d", s)
		}
		if got := ToSlog(FromSlog(s)); got != s {
			t.Fatalf("ToSlog(FromSlog(%d)) = %d", s, got)
		}
		m := Level(5 * (rng.Intn(1<<18) - 1<<17))
		if got := FromSlog(ToSlog(m)); got != m {
			t.Fatalf("FromSlog(ToSlog(%d)) = %d", m, got)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "LOUD", "Level x", "1.5"} {
		_, err := Parse(in)
		if err == nil {
			t.Errorf("Parse(%q): no error", in)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "levels: unknown level") || !strings.Contains(msg, "WARNING") {
			t.Errorf("Parse(%q) error %q does not name the input and the known names", in, msg)
		}
	}
}

func TestTextRoundTrip(t *testing.T) {
	for _, l := range []Level{NotSet, Debug, Info, Warning, Error, Critical, 15, -3} {
		b, err := l.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Level
		if err := back.UnmarshalText(b); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", b, err)
		}
		if back != l {
			t.Errorf("round trip of %d through %q gave %d", l, b, back)
		}
	}
}

func TestConcurrentRegistry(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				AddLevelName(Level(1000+i), "CONC"+string(rune('A'+i)))
				_ = GetLevelName(Level(1000 + i))
				_, _ = Parse("conc" + string(rune('a'+i)))
				_ = GetLevelNamesMapping()
			}
		}(i)
	}
	wg.Wait()
}

// TestRenameStandardLevel: a new name for one of the standard levels,
// which GetLevelName finds without a map lookup, replaces the old one.
func TestRenameStandardLevel(t *testing.T) {
	defer AddLevelName(Warning, "WARNING")
	AddLevelName(Warning, "WARN-2")
	if got := GetLevelName(Warning); got != "WARN-2" {
		t.Errorf("GetLevelName(Warning) = %q after renaming it WARN-2", got)
	}
	if got := GetLevelName(Level(35)); got != "Level 35" {
		t.Errorf("GetLevelName(35) = %q", got)
	}
}
