//go:build soak

package soak

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

const (
	workers       = 8
	reconfigEvery = 250  // records between reconfigurations
	faultEvery    = 1500 // records between faults (peer down/up, writer broken/fixed)
	failEvery     = 97   // every failEvery-th write of a flaky writer fails
	safety        = 50 * time.Second
)

// ledger accounts for one sink: the ids that passed the sink's filter
// (sent), that it reported as dropped through its error hook, and that
// were found at its destination (delivered).
type ledger struct {
	name      string
	mu        sync.Mutex
	sent      map[string]int
	dropped   map[string]int
	delivered map[string]int
	hookErrs  []error
}

func newLedger(name string) *ledger {
	return &ledger{name: name, sent: map[string]int{}, dropped: map[string]int{}, delivered: map[string]int{}}
}

func idOf(r *slogpy.Record) string {
	id := ""
	r.Attrs(func(a slog.Attr) bool {
		if a.Key == "id" {
			id = a.Value.String()
			return false
		}
		return true
	})
	return id
}

// filter records the ids a handler accepts.
func (l *ledger) filter() slogpy.Filter {
	return slogpy.FilterFunc(func(r *slogpy.Record) bool {
		l.mu.Lock()
		l.sent[idOf(r)]++
		l.mu.Unlock()
		return true
	})
}

// hook records the records a handler reports as failed. The report that
// ends an outage (ErrRecordsLost) comes with the record that went through.
func (l *ledger) hook(r *slogpy.Record, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.hookErrs = append(l.hookErrs, err)
	if r != nil && !errors.Is(err, handlers.ErrRecordsLost) {
		l.dropped[idOf(r)]++
	}
}

func (l *ledger) deliver(id string) {
	l.mu.Lock()
	l.delivered[id]++
	l.mu.Unlock()
}

func (l *ledger) counts() (sent, delivered int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.sent), len(l.delivered)
}

// check verifies that every sent id is delivered exactly once or was
// reported dropped (and not both), that nothing unsent arrives, and that
// the drops counted equal the shortfall. countedDrops is the handlers'
// drop counter standing in for per-record reports: they report the first
// drop of an outage, with its record, and its end with the count.
func (l *ledger) check(t *testing.T, countedDrops func() uint64) (sent, delivered, dropped int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for id, n := range l.sent {
		if n != 1 {
			t.Errorf("%s: id %s passed the filter %d times", l.name, id, n)
		}
	}
	for id, n := range l.delivered {
		if n != 1 {
			t.Errorf("%s: id %s delivered %d times", l.name, id, n)
		}
		if l.sent[id] == 0 {
			t.Errorf("%s: id %s delivered but never sent", l.name, id)
		}
		if l.dropped[id] != 0 {
			t.Errorf("%s: id %s delivered and reported dropped", l.name, id)
		}
	}
	dropped = int(countedDrops())
	for _, err := range l.hookErrs {
		switch {
		case errors.Is(err, handlers.ErrPeerUnreachable), errors.Is(err, handlers.ErrRecordsLost),
			errors.Is(err, errInjected), errors.Is(err, handlers.ErrQueueFull):
		default:
			t.Errorf("%s: unexpected error reported: %v", l.name, err)
		}
	}
	if short := len(l.sent) - len(l.delivered); short != dropped {
		t.Errorf("%s: %d sent, %d delivered: shortfall %d, but %d drops reported", l.name, len(l.sent), len(l.delivered), short, dropped)
	}
	return len(l.sent), len(l.delivered), dropped
}

// flakyWriter keeps whole lines, failing every failEvery-th write and
// every write while broken.
type flakyWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	n      int
	broken bool
}

var errInjected = errors.New("soak: injected write failure")

func (w *flakyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	if w.broken || w.n%failEvery == 0 {
		return 0, errInjected
	}
	return w.buf.Write(p)
}

func (w *flakyWriter) setBroken(b bool) {
	w.mu.Lock()
	w.broken = b
	w.mu.Unlock()
}

func (w *flakyWriter) lines() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Fields(w.buf.String())
}

// collector is the receiving end's handler: it records the ids arriving
// and signals each arrival.
type collector struct {
	slogpy.HandlerBase
	l       *ledger
	arrived chan struct{}
}

func (c *collector) Emit(r *slogpy.Record) error {
	c.l.deliver(idOf(r))
	select {
	case c.arrived <- struct{}{}:
	default:
	}
	return nil
}

// peer is the loopback receiver, restartable on the same address.
type peer struct {
	t    *testing.T
	addr string
	m    *slogpy.Manager
	srv  *receiver.Server
	done chan error
}

func (p *peer) start() {
	p.t.Helper()
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("peer restart: %v", err)
	}
	p.addr = ln.Addr().String()
	srv, err := receiver.NewServer(&receiver.Options{Manager: p.m, ErrorHandler: func(err error) { p.t.Errorf("receiver: %v", err) }})
	if err != nil {
		p.t.Fatal(err)
	}
	p.srv, p.done = srv, make(chan error, 1)
	go func() { p.done <- srv.Serve(ln) }()
}

func (p *peer) stop() {
	p.srv.Close()
	<-p.done
	p.srv = nil
}

// fakeClock is the timed rotating handler's clock: each reading is 5 ms
// after the previous, so an interval of one second rolls over every 200
// readings.
type fakeClock struct{ n atomic.Int64 }

func (c *fakeClock) now() time.Time {
	return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(c.n.Add(1)) * 5 * time.Millisecond)
}

type result struct {
	sinks                 []string
	sent, deliv, dropped  []int
	records, restarts     int
	reconfigs, breakdowns int
}

// runSoak runs one soak with perWorker records per goroutine in dir.
func runSoak(t *testing.T, dir string, perWorker int) result {
	deadline := time.NewTimer(safety)
	defer deadline.Stop()
	rotL, timedL, queueL, memL, sockL := newLedger("rotating"), newLedger("timed"), newLedger("queue"), newLedger("memory"), newLedger("socket")
	idFormat, err := slogpy.NewFormatter("%(id)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	hopts := func(l *ledger) slogpy.HandlerOptions {
		return slogpy.HandlerOptions{Formatter: idFormat, Filters: []slogpy.Filter{l.filter()}, ErrorHandler: l.hook}
	}

	rot, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "rot.log"), &handlers.RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: hopts(rotL)}, MaxBytes: 16 << 10, BackupCount: 100000})
	if err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{}
	if err := os.Mkdir(filepath.Join(dir, "timed"), 0o700); err != nil {
		t.Fatal(err)
	}
	timed, err := handlers.NewTimedRotatingFileHandler(filepath.Join(dir, "timed", "timed.log"), &handlers.TimedRotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: hopts(timedL)}, When: "S", Interval: 1, UTC: true, Now: clock.now})
	if err != nil {
		t.Fatal(err)
	}

	queueOut := &flakyWriter{}
	queueTarget := slogpy.NewStreamHandler(queueOut, &slogpy.HandlerOptions{Formatter: idFormat, ErrorHandler: queueL.hook})
	qh := handlers.NewQueueHandler(handlers.NewChanQueue(256), &handlers.QueueHandlerOptions{HandlerOptions: slogpy.HandlerOptions{
		Filters: []slogpy.Filter{queueL.filter()}, ErrorHandler: queueL.hook}})
	listener, err := handlers.NewQueueListener(qh.Queue(), []slog.Handler{queueTarget}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := listener.Start(); err != nil {
		t.Fatal(err)
	}

	memOut := &flakyWriter{}
	memTarget := slogpy.NewStreamHandler(memOut, &slogpy.HandlerOptions{Formatter: idFormat, ErrorHandler: memL.hook})
	mem, err := handlers.NewMemoryHandler(64, memTarget,
		&handlers.MemoryHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Filters: []slogpy.Filter{memL.filter()}, ErrorHandler: memL.hook}})
	if err != nil {
		t.Fatal(err)
	}

	rm := slogpy.NewManager()
	coll := &collector{l: sockL, arrived: make(chan struct{}, 1)}
	coll.Configure(nil)
	rm.Root().SetLevel(levels.Debug)
	rm.Root().AddHandler(slogpy.AsSlog(coll))
	p := &peer{t: t, addr: "127.0.0.1:0", m: rm}
	p.start()
	sock, err := handlers.NewSocketHandler("127.0.0.1", p.srv0Port(t), &handlers.SocketHandlerOptions{HandlerOptions: slogpy.HandlerOptions{
		Filters: []slogpy.Filter{sockL.filter()}, ErrorHandler: sockL.hook},
		RetryStart: time.Nanosecond, RetryFactor: 1, RetryMax: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}

	m := slogpy.NewManager()
	top := m.GetLogger("soak")
	top.SetLevel(levels.Info)
	top.SetPropagate(false)
	for _, h := range []slog.Handler{rot, timed, qh, mem, sock} {
		top.AddHandler(h)
	}

	// drained waits until every socket record sent has arrived or was
	// counted as dropped; the workers are paused, so nothing is in flight
	// but what the receiver has still to read.
	drained := func() {
		for {
			sent, deliv := sockL.counts()
			if sent-deliv == int(sock.Dropped()) {
				return
			}
			select {
			case <-coll.arrived:
			case <-deadline.C:
				t.Fatalf("socket: %d sent, %d delivered, %d dropped: records lost in flight", sent, deliv, sock.Dropped())
			}
		}
	}

	var (
		pause     sync.RWMutex
		total     atomic.Int64
		reconfigC = make(chan struct{}, 1)
		faultC    = make(chan struct{}, 1)
		stop      = make(chan struct{})
		bg        sync.WaitGroup
		res       result
	)
	bg.Add(2)
	go func() { // reconfigurer: levels and handlers change under the loggers
		defer bg.Done()
		extra := slogpy.NewStreamHandler(io.Discard, nil)
		on := false
		for {
			select {
			case <-stop:
				if on {
					top.RemoveHandler(extra)
				}
				return
			case <-reconfigC:
			}
			res.reconfigs++
			if on = !on; on {
				top.SetLevel(levels.Debug)
				timed.SetLevel(levels.Info)
				top.AddHandler(extra)
			} else {
				top.SetLevel(levels.Info)
				timed.SetLevel(levels.Debug)
				top.RemoveHandler(extra)
			}
		}
	}()
	go func() { // fault injector: the peer goes down and comes back, writers break and heal
		defer bg.Done()
		down := false
		for {
			select {
			case <-stop:
				return
			case <-faultC:
			}
			pause.Lock()
			drained()
			if down {
				p.start()
				res.restarts++
			} else {
				p.stop()
			}
			down = !down
			queueOut.setBroken(down)
			memOut.setBroken(down)
			res.breakdowns++
			pause.Unlock()
		}
	}()

	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l := m.GetLogger("soak.w" + strconv.Itoa(w%3))
			for n := 0; n < perWorker; n++ {
				id := "w" + strconv.Itoa(w) + "-" + strconv.Itoa(n)
				pause.RLock()
				if n%3 == 0 {
					l.Debug("debug %d from %s", n, w, slog.String("id", id))
				} else {
					l.Info("info %d from %s", n, w, slog.String("id", id), slog.Int("n", n))
				}
				pause.RUnlock()
				switch k := total.Add(1); {
				case k%faultEvery == 0:
					select {
					case faultC <- struct{}{}:
					default:
					}
				case k%reconfigEvery == 0:
					select {
					case reconfigC <- struct{}{}:
					default:
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	bg.Wait()
	res.records = int(total.Load())
	if p.srv == nil {
		p.start()
	}
	drained()
	// An outage going on when it closes ends with Close, which returns its
	// report (the records lost are in sock.Dropped).
	if err := sock.Close(); err != nil && !errors.Is(err, handlers.ErrRecordsLost) {
		t.Errorf("socket Close: %v", err)
	}
	p.stop()
	if err := qh.Close(); err != nil {
		t.Errorf("queue handler Close: %v", err)
	}
	if err := listener.Stop(); err != nil {
		t.Errorf("queue listener Stop: %v", err)
	}
	queueOut.setBroken(false)
	memOut.setBroken(false)
	if err := mem.Close(); err != nil {
		t.Errorf("memory Close: %v", err)
	}
	for _, h := range []interface{ Close() error }{rot, timed} {
		if err := h.Close(); err != nil {
			t.Errorf("file Close: %v", err)
		}
	}
	m.Shutdown()

	readDir := func(l *ledger, dir, prefix string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !strings.HasPrefix(e.Name(), prefix) {
				continue
			}
			f, err := os.Open(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				l.deliver(sc.Text())
			}
			f.Close()
		}
	}
	readDir(rotL, dir, "rot.log")
	readDir(timedL, filepath.Join(dir, "timed"), "timed.log")
	for _, id := range queueOut.lines() {
		queueL.deliver(id)
	}
	for _, id := range memOut.lines() {
		memL.deliver(id)
	}
	for _, s := range []struct {
		l     *ledger
		count func() uint64
	}{
		{rotL, rot.Dropped}, {timedL, timed.Dropped},
		{queueL, func() uint64 { return qh.Dropped() + queueTarget.Dropped() }},
		{memL, memTarget.Dropped}, {sockL, sock.Dropped},
	} {
		sent, deliv, dropped := s.l.check(t, s.count)
		res.sinks = append(res.sinks, s.l.name)
		res.sent, res.deliv, res.dropped = append(res.sent, sent), append(res.deliv, deliv), append(res.dropped, dropped)
	}
	return res
}

// srv0Port is the port the peer listens on.
func (p *peer) srv0Port(t *testing.T) int {
	_, port, err := net.SplitHostPort(p.addr)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(port)
	return n
}

// heapInuse returns the bytes of live heap objects after garbage
// collection (three rounds, so that sync.Pool's victim caches are emptied
// too). Live bytes rather than runtime's HeapInuse: the latter counts
// partly used spans, which a run of this size leaves behind without
// leaking anything.
func heapInuse() uint64 {
	var ms runtime.MemStats
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func TestSoak(t *testing.T) {
	perWorker := 2500
	if s := os.Getenv("SOAK_RECORDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("SOAK_RECORDS=%q: want a positive number", s)
		}
		perWorker = n
	}
	defer goleak.VerifyNone(t)
	// A warm-up run of the same size sets up what lives for the process
	// (the net package's state, pools, the level registry, the runtime's
	// own structures for that many goroutines and timers), so that the heap
	// measured before the soak is the level it must return to.
	runSoak(t, t.TempDir(), perWorker)
	g0, h0 := runtime.NumGoroutine(), heapInuse()
	start := time.Now()
	res := runSoak(t, t.TempDir(), perWorker)
	elapsed := time.Since(start)
	h1 := heapInuse()
	var b strings.Builder
	fmt.Fprintf(&b, "soak: %d records from %d goroutines in %v; %d reconfigurations, %d faults, %d peer restarts\n",
		res.records, workers, elapsed.Round(time.Millisecond), res.reconfigs, res.breakdowns, res.restarts)
	for i, name := range res.sinks {
		fmt.Fprintf(&b, "  %-9s sent %6d  delivered %6d  dropped (reported) %5d\n", name, res.sent[i], res.deliv[i], res.dropped[i])
	}
	g1 := runtime.NumGoroutine()
	fmt.Fprintf(&b, "  goroutines %d before, %d after; live heap after GC %d KiB before, %d KiB after (%+.1f%%)",
		g0, g1, h0>>10, h1>>10, 100*(float64(h1)-float64(h0))/float64(h0))
	t.Log(b.String())
	if float64(h1) > 1.10*float64(h0) {
		t.Errorf("live heap grew from %d to %d bytes, more than 10%%", h0, h1)
	}
	if res.restarts == 0 {
		t.Errorf("no peer restart happened: raise SOAK_RECORDS")
	}
}
