package slogpy

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/internal/scaletest"
)

// TestGetLoggerDoesNotWait: while a logger with a 1 MB dotted name is
// being created (held inside the creation, with the manager's lock, by a
// test hook), another goroutine gets an existing logger: its call
// completes before the creation is let go.
func TestGetLoggerDoesNotWait(t *testing.T) {
	m := NewManager()
	existing := m.GetLogger("app.db")
	long := strings.Repeat("a.", 500_000) + "z"
	entered, release := make(chan struct{}), make(chan struct{})
	testCreateHook = func(name string) {
		if name == long {
			close(entered)
			<-release
		}
	}
	defer func() { testCreateHook = nil }()
	created := make(chan *Logger)
	go func() { created <- m.GetLogger(long) }()
	<-entered
	// The creation is now blocked inside the lock.
	got := make(chan *Logger)
	go func() { got <- m.GetLogger("app.db") }()
	select {
	case l := <-got:
		if l != existing {
			t.Error("GetLogger returned another logger")
		}
	case <-created:
		t.Fatal("the creation finished first")
	}
	if l, ok := m.LookupLogger("app.db"); !ok || l != existing {
		t.Error("LookupLogger did not find the logger")
	}
	close(release)
	l := <-created
	if l.Parent() != m.Root() {
		t.Errorf("parent %q", l.Parent().Name())
	}
	// Its ancestors are placeholders: creating one makes it the parent.
	mid := m.GetLogger(strings.Repeat("a.", 499_999) + "a")
	if l.Parent() != mid || mid.Parent() != m.Root() {
		t.Errorf("parents %q, %q", l.Parent().Name()[:10], mid.Parent().Name())
	}
}

// TestGetLoggerScale: creating 100,000 distinct loggers in a manager costs
// at most 15 times what creating 10,000 costs, or, where the machine's
// memory makes any table of that many names grow faster, no more than a
// plain Go map of the same names grows, in one run (a creation that
// scanned every logger, as before issue 16, took about 100 times as long).
// Issue 16's must-hold itself, names from a sender through the receiver,
// is receiver.TestSenderLoggerNamesScale, whose bound is 15 flat.
//
// Cost is measured as scaletest.Measure does: the creating thread's CPU
// time, the collector off, a warmed heap; the best of five interleaved
// rounds. The allocations, which do not depend on the machine, must grow
// at most 11 times for 10 times the loggers (measured: 1.2 objects and 350
// bytes per logger at 100,000, 2.1 and 390 at 10,000, where each of the
// 1,000 middle nodes has 10 children and its own small map).
//
// The time does not grow by 10: the structures of 10,000 loggers (4 MB)
// fit the processor's caches and those of 100,000 (35 MB) do not, so
// every name's lookup and insertion misses the cache at 100,000 and hits
// it at 10,000. A plain map of the same names to new loggers, measured
// alongside, shows it: 18 to 20 times (1.1 ms against 21 ms), on this
// 2-CPU machine while other tests ran (load 4 to 8). The manager measured
// 17 to 19 times (2.6 to 3.0 ms against 45 to 57 ms), where before this
// commit, with a sync.Map and 5.6 objects per logger, it took 35 to 40
// times (3.7 ms against 150 ms) with the maps at 17 to 18 quiet, without
// the warmed heap. So the bound is 15, or the map's ratio times 1.25:
// the manager grows no faster than a plain map, with a margin for noise.
func TestGetLoggerScale(t *testing.T) {
	if testing.Short() || scaleRace {
		t.Skip("creates 550,000 loggers; timing under the race detector means nothing")
	}
	names := make([]string, 100_000)
	for i := range names {
		names[i] = "svc.mod" + strconv.Itoa(i%1000) + ".part" + strconv.Itoa(i)
	}
	var failure string
	for try := range 3 {
		small, large, mapRatio := scaleRounds(names)
		cpu, objects, bytes := scaletest.Ratio(small.CPU, large.CPU), scaletest.Ratio(small.Mallocs, large.Mallocs), scaletest.Ratio(small.Bytes, large.Bytes)
		bound := max(15, 1.25*mapRatio)
		t.Logf("try %d: 10,000 loggers: %v CPU, %d objects, %d bytes; 100,000: %v CPU (%.1f×), %d objects (%.1f×), %d bytes (%.1f×); map %.1f×; bound %.1f×",
			try+1, small.CPU, small.Mallocs, small.Bytes, large.CPU, cpu, large.Mallocs, objects, large.Bytes, bytes, mapRatio, bound)
		if objects > 11 || bytes > 11 {
			t.Fatalf("100,000 loggers allocate %.1f times the objects and %.1f times the bytes of 10,000 (at most 11)", objects, bytes)
		}
		if cpu <= bound {
			return
		}
		failure = fmt.Sprintf("100,000 loggers cost %.1f times the CPU time of 10,000 (at most %.1f: 15, or 1.25 times a plain map's %.1f)", cpu, bound, mapRatio)
	}
	t.Error(failure)
}

// scaleWarm is the ballast of the measurements of TestGetLoggerScale:
// more than twice what creating 100,000 loggers allocates.
const scaleWarm = 96 << 20

// scaleRounds measures, best of five interleaved rounds, the creation of
// the first 10,000 and of all the loggers of names in a new manager, and
// the ratio (all ÷ first 10,000) of a plain map of the same names to new
// loggers.
func scaleRounds(names []string) (small, large scaletest.Cost, mapRatio float64) {
	manager := func(n int) scaletest.Cost {
		m := NewManager()
		m.GetLogger("svc").SetLevel(20)
		return scaletest.Measure(scaleWarm, func() {
			for _, name := range names[:n] {
				m.GetLogger(name)
			}
		})
	}
	plainMap := func(n int) scaletest.Cost {
		return scaletest.Measure(scaleWarm, func() {
			m := make(map[string]*Logger)
			for _, name := range names[:n] {
				m[name] = &Logger{name: name}
			}
		})
	}
	small, large = scaletest.None, scaletest.None
	ms, ml := scaletest.None, scaletest.None
	for range 5 {
		small, large = scaletest.Best(small, manager(10_000)), scaletest.Best(large, manager(len(names)))
		ms, ml = scaletest.Best(ms, plainMap(10_000)), scaletest.Best(ml, plainMap(len(names)))
	}
	return small, large, scaletest.Ratio(ms.CPU, ml.CPU)
}

// BenchmarkGetLoggerExisting gets loggers that exist, as a package
// variable's initialiser or a receiver's record does: the lock-free path.
// The names are spread over a tree of 10,000 loggers.
func BenchmarkGetLoggerExisting(b *testing.B) {
	m := NewManager()
	names := make([]string, 10_000)
	for i := range names {
		names[i] = "svc.mod" + strconv.Itoa(i%100) + ".part" + strconv.Itoa(i)
		m.GetLogger(names[i])
	}
	b.Run("serial", func(b *testing.B) {
		for i := range b.N {
			m.GetLogger(names[i%len(names)])
		}
	})
	b.Run("parallel", func(b *testing.B) {
		b.RunParallel(func(pb *testing.PB) {
			i := 0
			for pb.Next() {
				m.GetLogger(names[i%len(names)])
				i += 7
			}
		})
	})
}
