// Package scaletest measures how the cost of a piece of work grows with
// its size, for the tests that assert linear growth (10 times the input
// costs at most 15 times as much) without a timed assertion.
//
// What it measures is chosen so that neither the machine's load nor the
// runtime's memory management decides the ratio: the CPU time of the
// measuring thread alone, with the collector off, on a warmed heap.
package scaletest

import (
	"runtime"
	"runtime/debug"
	"time"
)

// A Cost is what one run of the work cost.
type Cost struct {
	CPU            time.Duration
	Mallocs, Bytes uint64
}

// Measure runs work on a locked thread with the collector off and returns
// its CPU time (ThreadCPU) and allocations. warm is the size of the
// ballast it touches and frees first, in bytes: more than the largest run
// allocates.
//
// It first warms the heap: with the collector off, memory the work
// allocates beyond what the heap already holds comes fresh from the
// kernel, each page faulted in and zeroed on the thread's account, so a
// run that allocates 35 MB would pay for pages that a run of 4 MB finds in
// the heap from earlier runs. A ballast of warm bytes, every page touched,
// then freed, gives every run the same heap of faulted-in pages, as a
// long-running process has. The collector is off before the collection
// that frees it, so that the scavenger does not return the pages to the
// kernel meanwhile.
func Measure(warm int, work func()) Cost {
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	ballast := make([]byte, warm)
	for i := 0; i < len(ballast); i += 4096 {
		ballast[i] = 1
	}
	runtime.KeepAlive(ballast)
	ballast = nil
	runtime.GC()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	return measure(ThreadCPU, work)
}

// measure returns what work cost by clock, and its allocations.
func measure(clock func() time.Duration, work func()) Cost {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := clock()
	work()
	cpu := clock() - start
	runtime.ReadMemStats(&after)
	return Cost{cpu, after.Mallocs - before.Mallocs, after.TotalAlloc - before.TotalAlloc}
}

// Best returns the cheapest of c and d by CPU time, with d's allocations
// (they do not depend on the machine).
func Best(c, d Cost) Cost {
	c.CPU = min(c.CPU, d.CPU)
	c.Mallocs, c.Bytes = d.Mallocs, d.Bytes
	return c
}

// None is a Cost above any measured one, to start a Best.
var None = Cost{CPU: 1 << 62}

// Ratio returns b ÷ a.
func Ratio[T ~int64 | ~uint64](a, b T) float64 { return float64(b) / float64(a) }

// MeasureProcess runs work with the collector on, as a server runs, and
// returns the CPU time of the whole process meanwhile (ProcessCPU: the
// collector's own threads included) and the allocations. It suits work
// whose garbage is most of what it allocates (records decoded and
// handled), where Measure's collector-off heap would grow with every
// record and its ballast would have to be as large.
func MeasureProcess(work func()) Cost {
	runtime.GC()
	return measure(ProcessCPU, work)
}
