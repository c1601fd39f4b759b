package handlers_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// TestQueueStopLosesNothing sends 8 × 50,000 records from 8 goroutines
// through a QueueHandler with a small queue and stops the listener: the
// target has every record, each goroutine's in order.
func TestQueueStopLosesNothing(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const goroutines, each = 8, 50_000
	qh := handlers.NewQueueHandler(handlers.NewChanQueue(64), nil)
	_, l := queueLogger(qh)
	target := &queueOrderChecker{next: make([]int, goroutines)}
	target.Configure(nil)
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(target)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				l.Info("%d %d", g, i)
			}
		}()
	}
	wg.Wait()
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	if target.bad != "" {
		t.Fatal(target.bad)
	}
	if target.total != goroutines*each {
		t.Fatalf("target got %d records, want %d", target.total, goroutines*each)
	}
	for g, n := range target.next {
		if n != each {
			t.Errorf("goroutine %d: %d records, want %d", g, n, each)
		}
	}
	if qh.Dropped() != 0 || qh.Close() != nil {
		t.Errorf("Dropped = %d, Close = %v", qh.Dropped(), qh.Close())
	}
}

// queueOrderChecker checks that the records "g i" of each goroutine g
// arrive with i = 0, 1, 2…. The listener calls it from one goroutine.
type queueOrderChecker struct {
	slogpy.HandlerBase
	next  []int
	total int
	bad   string
}

func (h *queueOrderChecker) Emit(r *slogpy.Record) error {
	msg, err := r.Message()
	if err != nil {
		return err
	}
	gs, is, _ := strings.Cut(msg, " ")
	g, err1 := strconv.Atoi(gs)
	i, err2 := strconv.Atoi(is)
	switch {
	case err1 != nil || err2 != nil || g < 0 || g >= len(h.next):
		h.bad = fmt.Sprintf("bad record %q", msg)
	case i != h.next[g] && h.bad == "":
		h.bad = fmt.Sprintf("goroutine %d: record %d arrived when %d was due", g, i, h.next[g])
	}
	if g >= 0 && g < len(h.next) {
		h.next[g] = i + 1
	}
	h.total++
	return nil
}

// queueStalled is a target that blocks on its first record until
// released, and counts what it gets.
type queueStalled struct {
	slogpy.HandlerBase
	entered chan struct{}
	release chan struct{}
	once    sync.Once
	n       int
}

func (h *queueStalled) Emit(*slogpy.Record) error {
	h.once.Do(func() {
		close(h.entered)
		<-h.release
	})
	h.n++
	return nil
}

// TestQueueDropMode stalls the listener's target and floods a small queue
// in drop mode: the caller never waits, the drop count plus what the
// target got equals what was sent, the first drop is reported, and Close
// reports the total.
func TestQueueDropMode(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var reports []string
	var mu sync.Mutex
	qh := handlers.NewQueueHandler(handlers.NewChanQueue(8), &handlers.QueueHandlerOptions{
		DropWhenFull: true,
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: func(r *slogpy.Record, err error) {
			mu.Lock()
			reports = append(reports, err.Error())
			mu.Unlock()
		}},
	})
	_, l := queueLogger(qh)
	target := &queueStalled{entered: make(chan struct{}), release: make(chan struct{})}
	target.Configure(nil)
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(target)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	l.Info("first")
	<-target.entered // the listener is stuck in the target now
	const goroutines, each = 4, 500
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				l.Info("%d %d", g, i)
			}
		}()
	}
	wg.Wait() // no caller waited on the stalled target
	dropped := qh.Dropped()
	if dropped < goroutines*each-8 {
		t.Errorf("dropped %d, want at least %d: the queue holds 8", dropped, goroutines*each-8)
	}
	close(target.release)
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	sent := uint64(1 + goroutines*each)
	if got := uint64(target.n) + qh.Dropped(); got != sent {
		t.Errorf("delivered %d + dropped %d = %d, sent %d", target.n, qh.Dropped(), got, sent)
	}
	if len(reports) == 0 || !strings.Contains(reports[0], "queue is full (capacity 8)") || !strings.Contains(reports[0], "dropped so far") {
		t.Errorf("reports %q: want the first drop reported", reports)
	}
	if len(reports) > 1 {
		t.Errorf("%d reports for one stall, want 1: %q", len(reports), reports)
	}
	err := qh.Close()
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%d records were not enqueued", dropped)) {
		t.Errorf("Close = %v, want the drop count %d", err, dropped)
	}
}

// TestQueueListenerLifecycle checks Start, Stop, restart, and that no
// goroutine is left behind.
func TestQueueListenerLifecycle(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	qh := handlers.NewQueueHandler(nil, nil)
	_, l := queueLogger(qh)
	rec := newQueueRecorder(t, 0, "")
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(rec)}, nil)
	if err := ql.Stop(); err != nil {
		t.Errorf("Stop before Start = %v, want nil", err)
	}
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	if err := ql.Start(); err == nil || !strings.Contains(err.Error(), "already started") {
		t.Errorf("second Start = %v", err)
	}
	l.Info("one")
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	l.Info("two") // waits in the queue
	if got := rec.take(); !equalStrings(got, []string{"one"}) {
		t.Errorf("after Stop: %q", got)
	}
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	l.Info("three")
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := ql.Stop(); err != nil {
		t.Errorf("second Stop = %v", err)
	}
	if got := rec.take(); !equalStrings(got, []string{"two", "three"}) {
		t.Errorf("after restart: %q", got)
	}
}

// queueFailing is a Queue whose Get fails after its records run out and
// whose Put fails when told to.
type queueFailing struct {
	mu      sync.Mutex
	recs    []*slogpy.Record
	putErr  error
	getErr  error
	waiting chan struct{}
}

func (q *queueFailing) Put(r *slogpy.Record, block bool) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.putErr != nil {
		return q.putErr
	}
	q.recs = append(q.recs, r)
	return nil
}

func (q *queueFailing) Get() (*slogpy.Record, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.recs) == 0 {
		return nil, q.getErr
	}
	r := q.recs[0]
	q.recs = q.recs[1:]
	return r, nil
}

// TestQueueFailingQueue checks the errors of a user-supplied queue: a
// failing Put is counted and reported, a failing Get stops the listener,
// which reports it, and Stop returns it.
func TestQueueFailingQueue(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var hbuf, lbuf bytes.Buffer
	q := &queueFailing{putErr: errors.New("disk gone")}
	qh := handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&hbuf)}})
	_, l := queueLogger(qh)
	l.Warning("lost")
	if qh.Dropped() != 1 || !strings.Contains(hbuf.String(), "handlers: queue handler: record not enqueued: disk gone") {
		t.Errorf("Dropped = %d, report:\n%s", qh.Dropped(), hbuf.String())
	}
	if err := qh.Enqueue(nil); err == nil {
		t.Error("Enqueue(nil) = nil, want an error: nil is the sentinel")
	}

	q.putErr = nil
	q.getErr = errors.New("connection reset")
	l.Warning("kept")
	rec := newQueueRecorder(t, 0, "")
	reported := make(chan struct{})
	report := slogpy.ErrorReporter(&lbuf)
	ql := mustQueueListener(t, q, []slog.Handler{slogpy.AsSlog(rec)}, &handlers.QueueListenerOptions{ErrorHandler: func(r *slogpy.Record, err error) {
		report(r, err)
		close(reported)
	}})
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	<-reported // the goroutine met the error and is returning
	err := ql.Stop()
	if err == nil || !strings.Contains(err.Error(), "connection reset") {
		t.Errorf("Stop = %v, want the queue's error", err)
	}
	if got := rec.take(); !equalStrings(got, []string{"kept"}) {
		t.Errorf("handled %q", got)
	}
	if !strings.Contains(lbuf.String(), "queue failed, listener stopped: connection reset") {
		t.Errorf("listener report:\n%s", lbuf.String())
	}
}

func TestQueueListenerBadArguments(t *testing.T) {
	if _, err := handlers.NewQueueListener(nil, nil, nil); err == nil || !strings.Contains(err.Error(), "nil queue") {
		t.Errorf("nil queue: %v", err)
	}
	h := newQueueRecorder(t, 0, "")
	_, err := handlers.NewQueueListener(handlers.NewChanQueue(1), []slog.Handler{slogpy.AsSlog(h), nil}, nil)
	if err == nil || !strings.Contains(err.Error(), "handler 1 is nil") {
		t.Errorf("nil handler: %v", err)
	}
	if q := handlers.NewChanQueue(-5); q.Cap() != handlers.DefaultQueueCapacity {
		t.Errorf("NewChanQueue(-5).Cap() = %d", q.Cap())
	}
	q := handlers.NewChanQueue(1)
	if err := q.Put(nil, false); err != nil {
		t.Fatal(err)
	}
	if err := q.Put(nil, false); !errors.Is(err, handlers.ErrQueueFull) {
		t.Errorf("Put on a full queue = %v, want ErrQueueFull", err)
	}
}

// TestQueueListenerSlogHandlers hangs plain slog handlers on a listener:
// their Enabled is their level whatever RespectHandlerLevel says, and they
// get the merged message, the logger name and the attributes.
func TestQueueListenerSlogHandlers(t *testing.T) {
	var info, warn bytes.Buffer
	noTime := func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}
	hi := slog.NewTextHandler(&info, &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: noTime})
	hw := slog.NewTextHandler(&warn, &slog.HandlerOptions{Level: slog.LevelWarn, ReplaceAttr: noTime})
	qh := handlers.NewQueueHandler(nil, nil)
	_, l := queueLogger(qh)
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{hi, hw}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	l.Debug("hidden")
	l.Info("user %s", "bob", slog.Int("try", 2))
	l.Error("failed")
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	if want := "level=INFO msg=\"user bob\" logger=L try=2\nlevel=ERROR msg=failed logger=L\n"; info.String() != want {
		t.Errorf("info handler:\n%s\nwant\n%s", info.String(), want)
	}
	if want := "level=ERROR msg=failed logger=L\n"; warn.String() != want {
		t.Errorf("warn handler:\n%s\nwant\n%s", warn.String(), want)
	}
}

// queuePanicky is a slog.Handler that panics.
type queuePanicky struct{ slog.Handler }

func (queuePanicky) Enabled(context.Context, slog.Level) bool  { return true }
func (queuePanicky) Handle(context.Context, slog.Record) error { panic("handler exploded") }

// TestQueueListenerPanickingHandler checks that a panic in a slog handler
// is reported and the next handler still gets the record.
func TestQueueListenerPanickingHandler(t *testing.T) {
	var reports bytes.Buffer
	rec := newQueueRecorder(t, 0, "")
	ql := mustQueueListener(t, handlers.NewChanQueue(1), []slog.Handler{queuePanicky{}, slogpy.AsSlog(rec)}, &handlers.QueueListenerOptions{ErrorHandler: slogpy.ErrorReporter(&reports)})
	r, err := slogpy.MakeRecord(map[string]any{"msg": "hello", "levelno": 20})
	if err != nil {
		t.Fatal(err)
	}
	ql.Handle(r)
	if !strings.Contains(reports.String(), "panic in slog handler: handler exploded") {
		t.Errorf("report:\n%s", reports.String())
	}
	if got := rec.take(); !equalStrings(got, []string{"hello"}) {
		t.Errorf("next handler got %q", got)
	}
}

// TestQueueHandlerOwnsListener: a QueueHandler made with a Listener starts
// and stops it, Close hands every queued record on before stopping it, and
// a record logged after Close reaches the listener's handlers directly.
func TestQueueHandlerOwnsListener(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var out bytes.Buffer
	target := slogpy.NewStreamHandler(&out, nil)
	q := handlers.NewChanQueue(4)
	ql := mustQueueListener(t, q, []slog.Handler{target}, nil)
	qh := handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{Listener: ql})
	if qh.Listener() != handlers.Listener(ql) {
		t.Fatal("Listener() is not the listener given")
	}
	_, l := queueLogger(qh)
	if err := qh.Start(); err != nil {
		t.Fatal(err)
	}
	if err := qh.Start(); err != nil { // started already: nothing to do
		t.Fatal(err)
	}
	for i := range 100 {
		l.Info("queued %d", i)
	}
	if err := qh.Close(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 100 {
		t.Fatalf("%d records handled before Close returned, want 100", n)
	}
	if err := ql.Start(); err != nil { // Close stopped it: it starts again
		t.Fatalf("the listener was not stopped: %v", err)
	}
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	l.Warning("after close")
	if !strings.HasSuffix(out.String(), "after close\n") || q.Len() != 0 {
		t.Errorf("a record after Close: output %q, %d queued", out.String(), q.Len())
	}
	if err := qh.Close(); err != nil || qh.Stop() != nil {
		t.Errorf("second Close = %v", err)
	}

	// Without a listener, Start and Stop do nothing and Close stops nothing.
	plain := handlers.NewQueueHandler(nil, nil)
	if plain.Listener() != nil || plain.Start() != nil || plain.Stop() != nil || plain.Close() != nil {
		t.Error("a QueueHandler without a listener")
	}
}
