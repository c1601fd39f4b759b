package benchmarks

import (
	"testing"
	"time"
)

// Run them all (run.sh does, in rounds, and summarises them):
//
//	go test -run '^$' -bench . -benchmem
//
// or one workload for every library:
//
//	go test -run '^$' -bench 'Printf3' -benchmem -count 6

func BenchmarkDisabled(b *testing.B) { benchSerial(b, "Disabled") }
func BenchmarkStatic(b *testing.B)   { benchSerial(b, "Static") }
func BenchmarkPrintf3(b *testing.B)  { benchSerial(b, "Printf3") }
func BenchmarkFields5(b *testing.B)  { benchSerial(b, "Fields5") }
func BenchmarkWith10(b *testing.B)   { benchSerial(b, "With10") }

func BenchmarkFields5Attrs(b *testing.B) { benchSerial(b, "Fields5Attrs") }

func BenchmarkParallelStatic(b *testing.B)  { benchParallel(b, "Static") }
func BenchmarkParallelPrintf3(b *testing.B) { benchParallel(b, "Printf3") }
func BenchmarkParallelFields5(b *testing.B) { benchParallel(b, "Fields5") }
func BenchmarkParallelWith10(b *testing.B)  { benchParallel(b, "With10") }

// discard is the writer of the benchmarks: it does nothing, like
// io.Discard, but it is not io.Discard, which the log package recognises
// and then skips all formatting.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// benchSerial runs the workload of every subject that has it, to discard,
// on one goroutine.
func benchSerial(b *testing.B, name string) {
	forEachSubject(b, name, func(b *testing.B, call func()) {
		b.ReportAllocs()
		for b.Loop() {
			call()
		}
	})
}

// benchParallel runs the workload under b.RunParallel: GOMAXPROCS
// goroutines share one logger.
func benchParallel(b *testing.B, name string) {
	forEachSubject(b, name, func(b *testing.B, call func()) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				call()
			}
		})
	})
}

func forEachSubject(b *testing.B, name string, run func(b *testing.B, call func())) {
	w := workloadNamed(b, name)
	for _, s := range subjects {
		call := w.call(s.make(b, discard{}))
		if call == nil {
			continue
		}
		b.Run("lib="+s.lib, func(b *testing.B) {
			start, ok := processCPU()
			run(b, call)
			reportCPU(b, start, ok)
		})
	}
}

// reportCPU reports the process's CPU time per call since start as
// cpu-ns/op. Unlike ns/op it does not count the time other processes of a
// shared machine hold the CPUs, so it measures the library's own work
// (with the garbage collector's) even when the machine is busy.
func reportCPU(b *testing.B, start time.Duration, ok bool) {
	end, ok2 := processCPU()
	if ok && ok2 && b.N > 0 {
		b.ReportMetric(float64(end-start)/float64(b.N), "cpu-ns/op")
	}
}

func workloadNamed(tb testing.TB, name string) workload {
	for _, w := range workloads {
		if w.name == name {
			return w
		}
	}
	tb.Fatalf("no workload %q", name)
	return workload{}
}
