package handlers_test

import (
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// TestQueueNoListenerDoesNotHang: in the default (waiting) mode, a full
// ChanQueue that no listener reads — before Start, and after Stop — drops,
// counts and reports once instead of blocking the logging goroutine
// forever; with a listener running, a full queue waits and loses nothing;
// a Put waiting for room gives up when the last listener stops.
func TestQueueNoListenerDoesNotHang(t *testing.T) {
	var mu sync.Mutex
	var reports []string
	qh := handlers.NewQueueHandler(handlers.NewChanQueue(8), &handlers.QueueHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: func(_ *slogpy.Record, err error) {
			mu.Lock()
			reports = append(reports, err.Error())
			mu.Unlock()
			if !errors.Is(err, handlers.ErrQueueFull) {
				t.Errorf("report %v does not wrap ErrQueueFull", err)
			}
		}},
	})
	_, l := queueLogger(qh)

	// Before Start: 8 records wait, 12 are dropped, one report.
	for i := 0; i < 20; i++ {
		l.Warning("before %d", i)
	}
	if got := qh.Dropped(); got != 12 {
		t.Errorf("dropped before Start: %d, want 12", got)
	}
	if len(reports) != 1 || !strings.Contains(reports[0], "no listener is taking records from it") {
		t.Errorf("reports before Start: %q, want one naming the missing listener", reports)
	}

	// With a listener: nothing more is lost, though the queue holds 8.
	target := &queueCount{}
	target.Configure(nil)
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(target)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		l.Warning("during %d", i)
	}
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	if target.n != 8+1000 || qh.Dropped() != 12 {
		t.Errorf("with a listener: %d handled, %d dropped; want 1008 and 12", target.n, qh.Dropped())
	}

	// After Stop: the queue fills and drops again, reported once more.
	for i := 0; i < 20; i++ {
		l.Warning("after %d", i)
	}
	if got := qh.Dropped(); got != 12+12 {
		t.Errorf("dropped after Stop: %d, want 24", got)
	}
	if len(reports) != 2 {
		t.Errorf("reports: %q, want two (one per spell without room)", reports)
	}
}

// TestChanQueuePutGivesUpWhenListenerStops: a Put waiting for room on a
// full queue returns when the last listener stops, leaving the record out.
func TestChanQueuePutGivesUpWhenListenerStops(t *testing.T) {
	q := handlers.NewChanQueue(1)
	// A listener whose handler holds the goroutine until released, so the
	// queue stays full while it runs.
	release := make(chan struct{})
	entered := make(chan struct{}, 1)
	hold := &queueHold{entered: entered, release: release}
	hold.Configure(nil)
	ql := mustQueueListener(t, q, []slog.Handler{slogpy.AsSlog(hold)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	rec := func() *slogpy.Record {
		r, err := slogpy.MakeRecord(map[string]any{"msg": "x"})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	if err := q.Put(rec(), true); err != nil { // taken by the listener, which holds
		t.Fatal(err)
	}
	<-entered
	if err := q.Put(rec(), true); err != nil { // fills the queue
		t.Fatal(err)
	}
	waited := make(chan error)
	go func() { waited <- q.Put(rec(), true) }() // waits for room
	// Stop's sentinel waits for room as well; releasing the handler lets
	// the listener take the queued record, then one of the two waiting
	// Puts, then the sentinel.
	stopped := make(chan error)
	go func() { stopped <- ql.Stop() }()
	close(release)
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	// The waiting Put either got in before the sentinel (handled), or is
	// behind it (in the queue), or gave up when the listener stopped.
	err := <-waited
	if err != nil && !errors.Is(err, handlers.ErrQueueFull) {
		t.Errorf("waiting Put: %v, want nil or ErrQueueFull", err)
	}
	// Now no listener runs and the queue may be full: a waiting Put must
	// return rather than hang.
	for i := 0; i < 3; i++ {
		if err := q.Put(rec(), true); err != nil && !errors.Is(err, handlers.ErrQueueFull) {
			t.Fatalf("Put without a listener: %v", err)
		}
	}
}

type queueHold struct {
	slogpy.HandlerBase
	entered chan struct{}
	release chan struct{}
}

func (h *queueHold) Emit(*slogpy.Record) error {
	select {
	case h.entered <- struct{}{}:
	default:
	}
	<-h.release
	return nil
}
