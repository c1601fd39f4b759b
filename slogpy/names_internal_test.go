package slogpy

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
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

// TestGetLoggerScale: creating a logger costs the same whatever the
// number of loggers. Creating 10,000 more loggers in a manager that holds
// 90,000 takes at most 15 times as long as creating 10,000 in an empty
// one (a creation that scanned every logger, as before, took 19 times as
// long on average, and the whole 100,000 about 100 times as long as the
// first 10,000). The totals, 10,000 vs 100,000, are logged: on a busy
// machine even a plain Go map's 100,000 insertions take 18 to 25 times as
// long as 10,000 (caches), so that ratio is not asserted.
func TestGetLoggerScale(t *testing.T) {
	name := func(i int) string { return "svc.mod" + strconv.Itoa(i%1000) + ".part" + strconv.Itoa(i) }
	// create times the creation of the loggers from..to in a manager that
	// holds the loggers 0..from.
	create := func(from, to int) time.Duration {
		m := NewManager()
		m.GetLogger("svc").SetLevel(20)
		for i := range from {
			m.GetLogger(name(i))
		}
		runtime.GC()
		start := time.Now()
		for i := from; i < to; i++ {
			m.GetLogger(name(i))
		}
		return time.Since(start)
	}
	// The best of 3 rounds, interleaved: the machine may be busy.
	first, last, all := time.Duration(1<<62), time.Duration(1<<62), time.Duration(1<<62)
	for range 3 {
		first, last, all = min(first, create(0, 10_000)), min(last, create(90_000, 100_000)), min(all, create(0, 100_000))
	}
	t.Logf("10,000 loggers: %v; 10,000 more after 90,000: %v (%.1f×); 100,000: %v (%.1f×)",
		first, last, float64(last)/float64(first), all, float64(all)/float64(first))
	if last > 15*first {
		t.Errorf("10,000 loggers after 90,000 took %.1f times as long as the first 10,000", float64(last)/float64(first))
	}
}
