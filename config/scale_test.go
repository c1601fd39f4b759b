package config

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// bigConfig is a configuration of n NullHandlers, each on a logger of its
// own, the root holding the first.
func bigConfig(n int) map[string]any {
	hs := make(map[string]any, n)
	ls := make(map[string]any, n)
	for i := range n {
		name := fmt.Sprintf("h%06d", i)
		hs[name] = map[string]any{"class": "logging.NullHandler"}
		ls[fmt.Sprintf("app.l%06d", i)] = map[string]any{"handlers": []any{name}}
	}
	return map[string]any{"version": 1, "handlers": hs, "loggers": ls, "root": map[string]any{"handlers": []any{"h000000"}}}
}

// applyTwice builds a configuration of n handlers and replaces it with
// another, and returns the processor time both took (the process's, so
// that other processes on a loaded machine do not count) and the bytes
// allocated meanwhile.
func applyTwice(t testing.TB, n int) (time.Duration, uint64) {
	o := &Options{Manager: slogpy.NewManager(), Stdout: io.Discard, Stderr: io.Discard}
	a, b := bigConfig(n), bigConfig(n)
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := cpuTime()
	for _, cfg := range []map[string]any{a, b} {
		if err := DictConfig(cfg, o); err != nil {
			t.Fatal(err)
		}
	}
	d := cpuTime() - start
	runtime.ReadMemStats(&after)
	return d, after.TotalAlloc - before.TotalAlloc
}

// TestConfigScale: building and replacing a configuration is linear in
// its size (issue 16): 10 times the handlers costs at most 15 times as
// much. The work is measured by the bytes allocated, which no other
// process on the machine can disturb; the processor times are logged
// (the best of three runs of the small size): 10,000 handlers fit the
// processor's caches and cost less per handler; from 25,000 up the time
// grows in proportion (25,000: 1.5 s, 50,000: 3.4 s, 100,000: 5.6 s of
// processor time when this was written).
func TestConfigScale(t *testing.T) {
	if testing.Short() {
		t.Skip("scale test")
	}
	small, smallBytes := applyTwice(t, 10_000)
	for range 2 {
		d, _ := applyTwice(t, 10_000)
		small = min(small, d)
	}
	large, largeBytes := applyTwice(t, 100_000)
	ratio := float64(largeBytes) / float64(smallBytes)
	t.Logf("10,000 handlers: %v, %d MB; 100,000: %v, %d MB; time ratio %.1f, allocation ratio %.1f",
		small, smallBytes>>20, large, largeBytes>>20, float64(large)/float64(small), ratio)
	if ratio > 15 {
		t.Errorf("100,000 handlers allocated %.1f times as much as 10,000: not linear", ratio)
	}
}

// BenchmarkConfigScale builds and replaces a configuration of 100,000
// handlers.
func BenchmarkConfigScale(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		applyTwice(b, benchN)
	}
}

var benchN = 100_000

func init() {
	if n := os.Getenv("CONFIG_SCALE_N"); n != "" {
		benchN, _ = strconv.Atoi(n)
	}
}
