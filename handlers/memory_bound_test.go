package handlers_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// reportHook collects the reports of a handler's error hook.
type reportHook struct {
	mu  sync.Mutex
	got []string
}

func (h *reportHook) handle(_ *slogpy.Record, err error) {
	h.mu.Lock()
	h.got = append(h.got, err.Error())
	h.mu.Unlock()
}

// TestMemoryNoTargetBounded: a MemoryHandler without target keeps the
// newest MaxBuffered records (not every record, as CPython), counts the
// ones it drops, reports the first drop once and the count when a target
// takes the buffer, and Close (so Shutdown) reports what it could not
// deliver.
func TestMemoryNoTargetBounded(t *testing.T) {
	hook := &reportHook{}
	mh, err := handlers.NewMemoryHandler(3, nil, &handlers.MemoryHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: hook.handle},
		MaxBuffered:    5,
		// A rule that never flushes must not unbound the buffer either.
		ShouldFlush: func(int, *slogpy.Record) bool { return false },
	})
	if err != nil {
		t.Fatal(err)
	}
	m, l := queueLogger(mh)
	for i := range 12 {
		l.Log(levels.Info, "r%d", i)
	}
	if n, d := mh.Len(), mh.Dropped(); n != 5 || d != 7 {
		t.Errorf("after 12 records: %d buffered, %d dropped; want 5 and 7", n, d)
	}
	want := []string{"handlers: memory handler: no target: keeping the newest 5 records, dropping the oldest until a target is set"}
	if !equalStrings(hook.got, want) {
		t.Errorf("reports %q, want %q", hook.got, want)
	}
	tgt := newQueueRecorder(t, levels.NotSet, "%(message)s")
	if err := mh.SetTarget(slogpy.AsSlog(tgt)); err != nil {
		t.Fatal(err)
	}
	hook.got = nil
	if err := mh.Flush(); err != nil {
		t.Fatal(err)
	}
	if got, want := tgt.take(), []string{"r7", "r8", "r9", "r10", "r11"}; !equalStrings(got, want) {
		t.Errorf("delivered %q, want the newest %q", got, want)
	}
	if want := []string{"handlers: memory handler: 7 records lost while the memory handler had no target"}; !equalStrings(hook.got, want) {
		t.Errorf("reports after the flush %q, want %q", hook.got, want)
	}
	// Close drops the target; what is left then is reported by Shutdown.
	if err := mh.Close(); err != nil {
		t.Errorf("Close with everything delivered: %v", err)
	}
	l.Info("late")
	err = m.Shutdown()
	if !errors.Is(err, handlers.ErrNoTarget) || !strings.Contains(err.Error(), "closed with 1 records in the buffer") {
		t.Errorf("Shutdown with a record left and no target: %v", err)
	}
	if err := mh.Close(); err != nil {
		t.Errorf("second Close reported again: %v", err)
	}
}

// TestMemoryNoTargetDefaultBound: with the default MaxBuffered, many
// records logged without a target leave at most max(capacity,
// DefaultMemoryMaxBuffered) buffered, the rest counted; a negative
// MaxBuffered keeps every record, as CPython.
func TestMemoryNoTargetDefaultBound(t *testing.T) {
	for _, c := range []struct{ capacity, max, logged, kept int }{
		{100, 0, 20000, handlers.DefaultMemoryMaxBuffered},
		{5000, 0, 20000, 5000},
		{0, 0, 3000, handlers.DefaultMemoryMaxBuffered},
		{10, -1, 3000, 3000},
	} {
		t.Run(fmt.Sprintf("capacity=%d,max=%d", c.capacity, c.max), func(t *testing.T) {
			mh, err := handlers.NewMemoryHandler(c.capacity, nil, &handlers.MemoryHandlerOptions{
				HandlerOptions: slogpy.HandlerOptions{ErrorHandler: func(*slogpy.Record, error) {}},
				MaxBuffered:    c.max,
			})
			if err != nil {
				t.Fatal(err)
			}
			_, l := queueLogger(mh)
			for i := range c.logged {
				l.Log(levels.Warning, "record %d", i)
			}
			if n, d := mh.Len(), mh.Dropped(); n != c.kept || d != uint64(c.logged-c.kept) {
				t.Errorf("%d buffered, %d dropped; want %d and %d", n, d, c.kept, c.logged-c.kept)
			}
		})
	}
}
