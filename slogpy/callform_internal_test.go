package slogpy

import (
	"io"
	"slices"
	"testing"
	"time"

	"github.com/slogpy/slogpy/levels"
)

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

// BenchmarkCallFormCost measures, in one process and interleaved in short
// chunks (so that a busy machine slows both alike), a printf call as it
// runs (the merge finds any surplus: merge-ns/op) against the same call
// plus the up-front scan it used to make (scan-ns/op), and reports the
// median of their paired difference (scan-cost-ns/op): what the slog call
// form would cost a printf call if it scanned.
func BenchmarkCallFormCost(b *testing.B) {
	f, err := NewFormatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s", nil)
	if err != nil {
		b.Fatal(err)
	}
	l := NewManager().GetLogger("app")
	l.SetLevel(levels.Info)
	l.AddHandler(NewStreamHandler(io.Discard, &HandlerOptions{Formatter: f}))
	const msg, chunk = "user %s from %s try %d", 256
	args := []any{"bob", "10.0.0.1", 3}
	run := func(scan bool) float64 {
		start := time.Now()
		for range chunk {
			if scan && percentArgs(msg, args, 3) != -1 {
				b.Fatal("split")
			}
			l.Info(msg, "bob", "10.0.0.1", 3)
		}
		return float64(time.Since(start)) / chunk
	}
	var merge, scan, diff []float64
	for b.Loop() {
		m, s := run(false), run(true)
		merge, scan, diff = append(merge, m), append(scan, s), append(diff, s-m)
	}
	median := func(v []float64) float64 { slices.Sort(v); return v[len(v)/2] }
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(median(merge), "merge-ns/op")
	b.ReportMetric(median(scan), "scan-ns/op")
	b.ReportMetric(median(diff), "scan-cost-ns/op")
}
