package pyfmt

import "testing"

// BenchmarkCountLogArgs: the directive count of BenchmarkPrintf3's message.
func BenchmarkCountLogArgs(b *testing.B) {
	for b.Loop() {
		if n, _ := CountLogArgs("user %s from %s try %d", 3); n != 3 {
			b.Fatal(n)
		}
	}
}
