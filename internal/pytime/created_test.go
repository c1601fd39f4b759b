package pytime

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func TestMsecs(t *testing.T) {
	tests := []struct {
		created, want float64
	}{
		{0, 0},
		{1.001, 0}, // 0.00099999999999989 * 1000 truncates
		{1.5, 500},
		{1234567890.123, 122}, // the float is 1234567890.1229999...
		{1700000000.999, 999},
		{1700000000.0005, 0},
		{-1.5, -500},
		{-1, 0},
		{-0.0001, 0}, // -0.1 truncates to 0, not -0
	}
	for _, tt := range tests {
		if got := Msecs(tt.created); got != tt.want || got == 0 && math.Signbit(got) {
			t.Errorf("Msecs(%v) = %v, want %v", tt.created, got, tt.want)
		}
	}
	for _, c := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if got := Msecs(c); !math.IsNaN(got) {
			t.Errorf("Msecs(%v) = %v, want NaN", c, got)
		}
	}
}

func TestCreated(t *testing.T) {
	tests := []struct {
		t    time.Time
		want float64
	}{
		{time.Unix(0, 0), 0},
		{time.Unix(1057682985, 896e6), 1057682985.896},
		{time.Unix(1, 1e6), 1.001},
		{time.Unix(-2, 5e8), -1.5},
		{time.Date(3000, 1, 1, 0, 0, 0, 5e8, time.UTC), 32503680000.5},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), -62135596800},
	}
	for _, tt := range tests {
		if got := Created(tt.t); got != tt.want {
			t.Errorf("Created(%v) = %v, want %v", tt.t, got, tt.want)
		}
	}
}

func TestFastMsecs(t *testing.T) {
	check := func(sec int64, nsec int) {
		t.Helper()
		ms, ok := FastMsecs(sec, nsec)
		if !ok {
			return
		}
		if want := Msecs(Created(time.Unix(sec, int64(nsec)))); float64(ms) != want {
			t.Fatalf("FastMsecs(%d, %d) = %d, want %v", sec, nsec, ms, want)
		}
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	hits := 0
	for range 1_000_000 {
		sec := rnd.Int64N(1 << 33)
		if rnd.IntN(4) == 0 {
			sec = 1_700_000_000 + rnd.Int64N(1<<28)
		}
		nsec := rnd.IntN(1e9)
		if _, ok := FastMsecs(sec, nsec); ok {
			hits++
		}
		check(sec, nsec)
	}
	if hits < 970_000 {
		t.Errorf("fast path taken %d times in 1e6, want about 98%%", hits)
	}
	for _, sec := range []int64{0, 1, 2, 1<<31 - 1, 1 << 31, 1<<33 - 1} {
		for ms := 0; ms < 1000; ms++ {
			for _, sub := range []int{0, 9_999, 10_000, 10_001, 500_000, 989_999, 990_000, 999_999} {
				check(sec, ms*1_000_000+sub)
			}
		}
	}
	for _, c := range []struct {
		sec  int64
		nsec int
	}{{-1, 500_000_000}, {1 << 33, 500_000_000}, {5, 1_000_000}, {5, 999_995}} {
		if _, ok := FastMsecs(c.sec, c.nsec); ok {
			t.Errorf("FastMsecs(%d, %d) took the fast path", c.sec, c.nsec)
		}
	}
}
