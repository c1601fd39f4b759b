package pytime

import (
	"math"
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
