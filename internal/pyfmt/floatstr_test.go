package pyfmt

import (
	"math"
	"math/rand"
	"testing"
)

// TestAppendFloatStr: the unboxed form prints what AppendStr prints.
func TestAppendFloatStr(t *testing.T) {
	fs := []float64{0, math.Copysign(0, -1), 1, 0.1, 1.0 / 3, 1e16, 1e-5, 123456789.125, math.Inf(1), math.Inf(-1), math.NaN()}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 1000; i++ {
		fs = append(fs, math.Float64frombits(rng.Uint64()))
	}
	for _, f := range fs {
		if got, want := string(AppendFloatStr(nil, f)), string(AppendStr(nil, f)); got != want {
			t.Errorf("AppendFloatStr(%v) = %q, AppendStr %q", f, got, want)
		}
	}
}
