package slogpy

import "testing"

// BenchmarkPercentArgs is the cost the slog call form adds to a call with
// %-arguments: the scan that finds whether any are left over.
func BenchmarkPercentArgs(b *testing.B) {
	args := []any{"bob", "10.0.0.1", 3}
	for b.Loop() {
		if percentArgs("user %s from %s try %d", args, 3) != -1 {
			b.Fatal("split")
		}
	}
}
