package handlers_test

import (
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// BenchmarkMakePickle is CPython's makePickle of a record as a logger hands
// it to the handler (message not merged yet, two arguments, two
// attributes), copied into a reused record so that the copy allocates
// nothing and the figure is MakePickle's own. Besides ns/op it reports
// cpu-ns/op, the process's CPU time per call (the garbage collector's
// included, other processes' not), which holds on a busy machine.
func BenchmarkMakePickle(b *testing.B) {
	h, _ := handlers.NewSocketHandler("localhost", 9, nil)
	r, _ := slogpy.MakeRecord(map[string]any{"name": "bench", "msg": "request %d from %s", "args": []any{1, "10.0.0.1"}, "levelno": 20, "created": 1.7e9, "user": "bob", "try": 3})
	b.ReportAllocs()
	start, ok := processCPU()
	b.RunParallel(func(pb *testing.PB) {
		c := new(slogpy.Record)
		for pb.Next() {
			if _, err := h.MakePickle(r.CloneInto(c)); err != nil {
				b.Fatal(err)
			}
		}
	})
	if end, ok2 := processCPU(); ok && ok2 && b.N > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}
