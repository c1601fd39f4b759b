package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/recpool"
	"github.com/slogpy/slogpy/slogpy"
)

// ErrQueueFull is the error a [Queue]'s Put wraps when the queue is full
// and the caller asked not to wait (Python's queue.Full).
var ErrQueueFull = errors.New("handlers: queue is full")

// A Queue carries records from a [QueueHandler] to a [QueueListener]: the
// part of Python's queue.Queue protocol the two classes use. [ChanQueue] is
// the default; any type with these methods (a queue with persistence, one
// that feeds another process) can take its place. Its methods must be safe
// for concurrent use.
type Queue interface {
	// Put adds r at the back of the queue. When the queue is full it waits
	// for room if block is true, else returns an error wrapping
	// ErrQueueFull. A nil r is the sentinel that stops a QueueListener.
	Put(r *slogpy.Record, block bool) error
	// Get removes and returns the record at the front of the queue,
	// waiting while the queue is empty. An error stops the listener.
	Get() (*slogpy.Record, error)
}

// DefaultQueueCapacity is the capacity of a [ChanQueue] made with
// capacity 0 (and of a QueueHandler's own queue).
const DefaultQueueCapacity = 1024

// A ChanQueue is a [Queue] on a buffered Go channel: bounded, first in
// first out, safe for concurrent use by any number of goroutines.
type ChanQueue struct {
	ch chan *slogpy.Record
	// readers are the handlers of the listeners made on the queue.
	mu      sync.Mutex
	readers atomic.Pointer[[]slog.Handler]
	// listening counts the listeners taking records from the queue; idle
	// is closed while it is zero, so that a Put waiting for room gives up
	// when the last listener stops.
	listening int
	idle      chan struct{}
}

var _ Queue = (*ChanQueue)(nil)

// NewChanQueue returns a queue holding up to capacity records. A capacity
// of 0 or less means DefaultQueueCapacity. (Python's queue.Queue(-1) is
// unbounded; a QueueHandler in its default mode waits for room instead,
// so that no record is lost either, while a listener takes records from
// the queue: see Put.)
func NewChanQueue(capacity int) *ChanQueue {
	if capacity <= 0 {
		capacity = DefaultQueueCapacity
	}
	idle := make(chan struct{})
	close(idle)
	return &ChanQueue{ch: make(chan *slogpy.Record, capacity), idle: idle}
}

// errNoListener is wrapped, with ErrQueueFull, by Put's error when a
// waiting Put finds the queue full and no listener taking records from it.
var errNoListener = errors.New("no listener is taking records from it (start a QueueListener on the queue)")

// Put implements [Queue]. A Put that waits for room (block) waits only
// while a [QueueListener] is taking records from the queue: with none,
// nothing would ever make room (Python's unbounded queue would grow), so
// it returns an error wrapping ErrQueueFull at once, or when the last
// listener stops.
func (q *ChanQueue) Put(r *slogpy.Record, block bool) error {
	select {
	case q.ch <- r:
		return nil
	default:
	}
	if block {
		q.mu.Lock()
		idle := q.idle
		q.mu.Unlock()
		select {
		case q.ch <- r:
			return nil
		case <-idle:
			select {
			case q.ch <- r: // a listener made room as it stopped
				return nil
			default:
			}
			return fmt.Errorf("%w (capacity %d): %w", ErrQueueFull, cap(q.ch), errNoListener)
		}
	}
	return fmt.Errorf("%w (capacity %d)", ErrQueueFull, cap(q.ch))
}

// listen counts a listener starting (+1) or stopping (-1) to take records
// from the queue.
func (q *ChanQueue) listen(delta int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.listening += delta
	switch {
	case q.listening == 0:
		close(q.idle)
	case q.listening == delta: // the first
		q.idle = make(chan struct{})
	}
}

// addReaders records the handlers of a listener made on q.
func (q *ChanQueue) addReaders(hs []slog.Handler) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var all []slog.Handler
	if old := q.readers.Load(); old != nil {
		all = append(all, *old...)
	}
	all = append(all, hs...)
	q.readers.Store(&all)
}

// readsCaller reports whether a handler of a listener on q may read the
// caller of records (see slogpy.ReadsCaller); with no listener yet, the
// one to come may. A QueueHandler behind the listener counts as reading
// it: asking it would ask its own queue's listeners, and so on, without
// end if the queues form a loop.
func (q *ChanQueue) readsCaller() bool {
	hs := q.readers.Load()
	if hs == nil {
		return true
	}
	for _, h := range *hs {
		if _, ok := h.(*QueueHandler); ok || slogpy.ReadsCaller(h) {
			return true
		}
	}
	return false
}

// Get implements [Queue]. It never fails.
func (q *ChanQueue) Get() (*slogpy.Record, error) { return <-q.ch, nil }

// tryGet returns the record at the front of the queue, or false when the
// queue is empty: how a listener takes the records waiting for a batch.
func (q *ChanQueue) tryGet() (*slogpy.Record, bool) {
	select {
	case r := <-q.ch:
		return r, true
	default:
		return nil, false
	}
}

// Len returns the number of records waiting in the queue.
func (q *ChanQueue) Len() int { return len(q.ch) }

// Cap returns the capacity of the queue.
func (q *ChanQueue) Cap() int { return cap(q.ch) }

// QueueHandlerOptions are the options of [NewQueueHandler]. The zero value
// gives Python's behaviour: no record is ever dropped.
type QueueHandlerOptions struct {
	slogpy.HandlerOptions
	// DropWhenFull makes the handler drop a record, rather than wait, when
	// the queue is full. Dropped records are counted ([QueueHandler.Dropped]);
	// the first drop after the queue last accepted a record is reported
	// through the error hook, and Close reports the total. false (the
	// default) makes the logging goroutine wait for room, so that nothing
	// is lost, as with Python's unbounded queue — while a [QueueListener]
	// takes records from the queue. On a [ChanQueue] that no listener
	// reads (before its Start, after its Stop), nothing would make room:
	// a full queue then drops, counts and reports records as with
	// DropWhenFull, rather than hang the logging goroutines.
	DropWhenFull bool
	// Listener is a listener the handler owns (Python 3.12's
	// handler.listener, which dictConfig sets): [QueueHandler.Start] starts
	// it, [QueueHandler.Stop] stops it once every record queued so far is
	// handled, and Close stops it before closing the handler, so that
	// slogpy.Shutdown hands every queued record to the listener's handlers
	// before they are closed. A record that reaches the handler after Close
	// (a logging call that began before a new configuration replaced it)
	// is handed to the listener's handlers directly when the listener is a
	// [*QueueListener], rather than left in a queue nobody reads. nil: the
	// handler owns no listener; Start and Stop do nothing.
	Listener Listener
}

// A Listener takes the records of a [QueueHandler]'s queue on its own
// goroutine between Start and Stop: a [*QueueListener], or another class
// a configuration names.
type Listener interface {
	Start() error
	Stop() error
}

// A QueueHandler puts records on a [Queue] for a [QueueListener] to handle
// on its own goroutine: Python's logging.handlers.QueueHandler. Put it in
// front of handlers that block (SMTP, HTTP, socket, slow disks): the
// logging goroutine only prepares the record and enqueues it; the
// listener's goroutine formats and writes it. It is a slog.Handler too, so
// slog.New(queueHandler) moves the work of slow handlers off the caller's
// goroutine for plain slog code.
//
// [QueueHandler.Prepare] follows CPython: the record is formatted with this
// handler's formatter (by default "%(message)s", the merged message with
// the exception and stack text after it), and the copy that is enqueued
// carries that text as its message, with no arguments, error, exception
// text or stack, so that nothing the caller may change later is shared.
// The copy keeps the attributes, the time, the caller's PC (when the
// logging call captured it, see below) and the logging goroutine's id.
//
// Differences from Python: the queue is bounded (see
// [QueueHandlerOptions.DropWhenFull] for what happens when it is full),
// records that could not be enqueued are counted by Dropped and reported
// by Close, and the record is copied with [slogpy.Record.Clone] rather
// than copy.copy.
//
// In the default (waiting) mode, a handler behind the listener must not log
// to a logger that feeds the same queue: with the queue full, the listener
// would wait for itself.
//
// On its own [ChanQueue], the handler answers [slogpy.ReadsCaller] for the
// handlers of the listeners made on the queue: when none of them reads the
// caller of a record (a file or stream handler whose format does not print
// it), logging calls skip capturing it, a third of the caller's cost. On
// another Queue, or before a listener is made, every call captures it. The
// question is asked when a record is logged: records already queued when a
// listener's handler is given a format that prints the caller have none
// (their %(lineno)d prints 0).
//
// Its methods are safe for concurrent use.
type QueueHandler struct {
	slogpy.HandlerBase
	q        Queue
	drop     bool
	dropped  atomic.Uint64
	dropping atomic.Bool

	listener Listener     // owned, or nil
	lmu      sync.RWMutex // held for reading while a record is enqueued
	running  bool
	closed   bool
}

var _ slogpy.Handler = (*QueueHandler)(nil)

// NewQueueHandler returns a handler putting records on q: Python's
// QueueHandler(queue). A nil q means a new NewChanQueue(0), available from
// [QueueHandler.Queue] for the listener. nil opts means defaults.
func NewQueueHandler(q Queue, opts *QueueHandlerOptions) *QueueHandler {
	var o QueueHandlerOptions
	if opts != nil {
		o = *opts
	}
	if q == nil {
		q = NewChanQueue(0)
	}
	h := &QueueHandler{q: q, drop: o.DropWhenFull, listener: o.Listener}
	h.Configure(&o.HandlerOptions)
	if cq, ok := q.(*ChanQueue); ok {
		// The caller of a record is the listener's handlers' business: a
		// logging call captures it only if one of them may read it.
		h.SetReadsCaller(cq.readsCaller)
	}
	return h
}

// Queue returns the queue the handler puts records on.
func (h *QueueHandler) Queue() Queue { return h.q }

// Dropped returns the number of records that could not be enqueued: those
// dropped because the queue was full, and those a failing Queue refused.
func (h *QueueHandler) Dropped() uint64 { return h.dropped.Load() }

// Prepare returns the copy of r to enqueue: Python's QueueHandler.prepare.
// The copy's message is r formatted by this handler's formatter; its
// Args, Err, ExcInfo, ExcText and StackInfo are cleared. r itself is left
// as it was, but for what formatting caches in it (its merged message, its
// exception text and its goroutine id), as in Python.
func (h *QueueHandler) Prepare(r *slogpy.Record) (*slogpy.Record, error) {
	r.Thread() // the listener must print the logging goroutine, not its own
	plain := h.Formatter() == nil && !r.ExcInfo && r.ExcText == "" && r.StackInfo == ""
	// Copy r without its arguments: the copy will not have any.
	args := r.Args
	r.Args = nil
	c := r.CloneInto(recpool.Get().(*slogpy.Record))
	r.Args = args
	// The logging call will have returned when the listener handles c: its
	// handlers must not see the call's cancellation.
	if ctx := r.Context(); ctx.Done() != nil {
		c.SetContext(context.WithoutCancel(ctx))
	}
	c.Err, c.ExcInfo, c.ExcText, c.StackInfo = nil, false, "", ""
	if plain {
		// The default format, "%(message)s", is the merged message; args
		// become None.
		if len(args) > 0 {
			msg, err := r.Message()
			if err != nil {
				return nil, err
			}
			c.Msg = msg
		}
		c.ClearArgs()
		return c, nil
	}
	buf := buffer.New()
	defer buf.Free()
	b, err := h.Format(*buf, r)
	*buf = b
	if err != nil {
		return nil, err
	}
	c.SetMessage(string(b))
	return c, nil
}

// Enqueue puts a prepared record on the queue: Python's
// QueueHandler.enqueue. It waits for room unless DropWhenFull was set, in
// which case a full queue drops and counts the record (see
// [QueueHandlerOptions.DropWhenFull]) and Enqueue returns nil; so it does
// too when no listener takes records from the queue, which then nothing
// would empty ([ChanQueue.Put]). Any other
// failure is counted and returned. A nil record, the listener's sentinel,
// is refused.
func (h *QueueHandler) Enqueue(r *slogpy.Record) error {
	if r == nil {
		return errors.New("handlers: queue handler: nil record (the listener's sentinel) not enqueued")
	}
	err := h.q.Put(r, !h.drop)
	if err == nil {
		if h.dropping.Load() {
			h.dropping.Store(false)
		}
		return nil
	}
	n := h.dropped.Add(1)
	if errors.Is(err, ErrQueueFull) && (h.drop || errors.Is(err, errNoListener)) {
		if !h.dropping.Swap(true) {
			h.HandleError(r, fmt.Errorf("%w: dropping records until it has room (%d dropped so far)", err, n))
		}
		return nil
	}
	return fmt.Errorf("handlers: queue handler: record not enqueued: %w", err)
}

// Emit implements [slogpy.Handler]: Prepare, then Enqueue, as Python's
// QueueHandler.emit. After Close, a handler that owns a listener hands
// the prepared record to the listener's handlers instead.
func (h *QueueHandler) Emit(r *slogpy.Record) error {
	if h.listener == nil {
		return h.emit(r)
	}
	h.lmu.RLock()
	if !h.closed {
		defer h.lmu.RUnlock()
		return h.emit(r)
	}
	h.lmu.RUnlock()
	l, ok := h.listener.(*QueueListener)
	if !ok {
		return errors.New("handlers: queue handler: record after Close, and the listener cannot take it directly")
	}
	p, err := h.Prepare(r)
	if err != nil {
		return err
	}
	l.Handle(p)
	return nil
}

func (h *QueueHandler) emit(r *slogpy.Record) error {
	p, err := h.Prepare(r)
	if err != nil {
		return err
	}
	return h.Enqueue(p)
}

// Listener returns the listener the handler owns
// ([QueueHandlerOptions.Listener]), or nil.
func (h *QueueHandler) Listener() Listener { return h.listener }

// Start starts the listener the handler owns, if any and not started.
func (h *QueueHandler) Start() error {
	if h.listener == nil {
		return nil
	}
	h.lmu.Lock()
	defer h.lmu.Unlock()
	if h.running || h.closed {
		return nil
	}
	if err := h.listener.Start(); err != nil {
		return err
	}
	h.running = true
	return nil
}

// Stop stops the listener the handler owns, if running, once every record
// queued so far is handled.
func (h *QueueHandler) Stop() error {
	if h.listener == nil {
		return nil
	}
	h.lmu.Lock()
	defer h.lmu.Unlock()
	return h.stopLocked()
}

func (h *QueueHandler) stopLocked() error {
	if !h.running {
		return nil
	}
	h.running = false
	return h.listener.Stop()
}

// Close stops the listener the handler owns, if any, then reports, as an
// error, the records that could not be enqueued over the handler's life.
// A listener the handler does not own is not stopped. Python's
// QueueHandler has no close of its own.
func (h *QueueHandler) Close() error {
	var stop error
	if h.listener != nil {
		h.lmu.Lock()
		if h.closed {
			h.lmu.Unlock()
			return nil
		}
		h.closed = true
		stop = h.stopLocked()
		h.lmu.Unlock()
	}
	if n := h.dropped.Load(); n > 0 {
		return errors.Join(stop, fmt.Errorf("handlers: queue handler: %d records were not enqueued (queue full or failing)", n))
	}
	return stop
}

// QueueListenerOptions are the options of [NewQueueListener]. The zero
// value gives Python's defaults.
type QueueListenerOptions struct {
	// RespectHandlerLevel passes a record to a suite handler only if the
	// record's level is at or above the handler's (Python's
	// respect_handler_level=True). false passes every record to every
	// handler, whatever its level.
	RespectHandlerLevel bool
	// ErrorHandler receives the errors of handlers that are not of the
	// suite and of the queue. nil reports them as slogpy's handlers do:
	// Python's "--- Logging error ---" on standard error, unless
	// raiseExceptions is off for the record's manager
	// (slogpy.Manager.SetRaiseExceptions).
	ErrorHandler func(r *slogpy.Record, err error)
}

// A QueueListener takes records from a [Queue] on its own goroutine and
// passes each to its handlers: Python's logging.handlers.QueueListener.
//
// Start starts the goroutine; Stop puts the sentinel (a nil record) on the
// queue and waits until the goroutine has handled every record enqueued
// before it, so that Stop loses nothing. A stopped listener can be started
// again.
//
// Handlers may be any slog.Handler. A suite [slogpy.Handler] gets the
// record through [slogpy.Handle] (its filters, then Emit); another
// slog.Handler gets a slog.Record with the merged message and the logger
// name as attribute "logger", after its Enabled. Handlers are called one
// after the other on the listener's goroutine, so they see records in
// queue order.
//
// When a handler batches ([BatchHandler], such as a network handler with
// [BatchOptions] on) and the queue is a [ChanQueue], the listener takes,
// with each record, those waiting behind it (up to the largest MaxBatch
// of its handlers) and hands them to the batching handler in one call;
// the other handlers still get them one by one. Each handler sees the
// records in queue order, but a handler sees the whole batch before the
// next handler sees its first record.
//
// Its methods are safe for concurrent use.
type QueueListener struct {
	q        Queue
	handlers []slog.Handler
	respect  bool
	report   func(*slogpy.Record, error)
	batch    int // the largest MaxBatch of the handlers; 0: no batching

	mu   sync.Mutex
	done chan struct{} // closed when the goroutine returns; nil when stopped
	err  error         // why the goroutine returned early; written before done is closed
}

// NewQueueListener returns a listener passing the records of q to
// handlers: Python's QueueListener(queue, *handlers,
// respect_handler_level). nil opts means defaults. A nil queue or handler
// is an error.
func NewQueueListener(q Queue, handlers []slog.Handler, opts *QueueListenerOptions) (*QueueListener, error) {
	var o QueueListenerOptions
	if opts != nil {
		o = *opts
	}
	if q == nil {
		return nil, errors.New("handlers: queue listener: nil queue")
	}
	for i, h := range handlers {
		if h == nil {
			return nil, fmt.Errorf("handlers: queue listener: handler %d is nil", i)
		}
		if qh, ok := h.(*QueueHandler); ok && qh.q == q {
			return nil, fmt.Errorf("handlers: queue listener: handler %d puts records back on the listener's own queue", i)
		}
	}
	l := &QueueListener{q: q, handlers: append([]slog.Handler(nil), handlers...), respect: o.RespectHandlerLevel, report: o.ErrorHandler}
	if l.report == nil {
		l.report = slogpy.ReportError
	}
	if _, ok := q.(*ChanQueue); ok {
		for _, h := range l.handlers {
			if bh, ok := h.(BatchHandler); ok {
				l.batch = max(l.batch, bh.MaxBatch())
			}
		}
	}
	if cq, ok := q.(*ChanQueue); ok {
		cq.addReaders(l.handlers)
	}
	return l, nil
}

// Queue returns the queue the listener reads.
func (l *QueueListener) Queue() Queue { return l.q }

// Handlers returns the listener's handlers.
func (l *QueueListener) Handlers() []slog.Handler { return append([]slog.Handler(nil), l.handlers...) }

// Start starts the goroutine that takes records from the queue: Python's
// QueueListener.start. Starting a running listener is an error (Python
// 3.11 would start a second thread), and so is starting one whose
// goroutine stopped on a queue error before Stop has reported it.
func (l *QueueListener) Start() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done != nil {
		return errors.New("handlers: queue listener: already started")
	}
	done := make(chan struct{})
	l.done = done
	cq, ok := l.q.(*ChanQueue)
	if !ok {
		go l.monitor(done)
		return nil
	}
	// The queue knows that a listener takes its records, until the
	// goroutine returns (see ChanQueue.Put).
	cq.listen(1)
	inner := make(chan struct{})
	go func() {
		l.monitor(inner)
		cq.listen(-1)
		close(done)
	}()
	return nil
}

// monitor is the listener's goroutine: Python's QueueListener._monitor.
// With a batching handler, the records waiting behind the one it takes
// are taken too, up to the handlers' largest MaxBatch, and handled
// together (see handleBatch).
func (l *QueueListener) monitor(done chan struct{}) {
	defer close(done)
	var batch []*slogpy.Record
	if l.batch > 0 {
		batch = make([]*slogpy.Record, 0, l.batch)
	}
	for {
		r, err := l.q.Get()
		if err != nil {
			l.err = fmt.Errorf("handlers: queue listener: queue failed, listener stopped: %w", err)
			l.report(nil, l.err)
			return
		}
		if r == nil {
			return
		}
		if l.batch == 0 {
			l.Handle(r)
			recpool.Put(r) // records are valid only during the handlers' calls
			continue
		}
		batch = append(batch[:0], r)
		stop := false
		for len(batch) < l.batch {
			r, ok := l.q.(*ChanQueue).tryGet()
			if !ok {
				break
			}
			if r == nil {
				stop = true // the sentinel: handle what came before it
				break
			}
			batch = append(batch, r)
		}
		l.handleBatch(batch)
		for i, r := range batch {
			recpool.Put(r)
			batch[i] = nil
		}
		if stop {
			return
		}
	}
}

// handleBatch passes the records, in order, to each handler in turn: a
// batching handler ([BatchHandler] with MaxBatch above zero) gets those
// its level takes (with RespectHandlerLevel) in one HandleBatch; another
// gets them one by one, as Handle passes them. Each handler sees the
// records in queue order; unlike Handle, a handler sees the whole batch
// before the next handler sees its first record.
func (l *QueueListener) handleBatch(rs []*slogpy.Record) {
	for _, h := range l.handlers {
		bh, ok := h.(BatchHandler)
		if !ok || bh.MaxBatch() == 0 {
			for _, r := range rs {
				queueHandOver(h, r, l.respect, l.report)
			}
			continue
		}
		if !l.respect {
			bh.HandleBatch(rs)
			continue
		}
		level, from := bh.Level(), 0
		for i, r := range rs {
			if r.Levelno < level {
				if i > from {
					bh.HandleBatch(rs[from:i])
				}
				from = i + 1
			}
		}
		if from < len(rs) {
			bh.HandleBatch(rs[from:])
		}
	}
}

// Handle passes r to the listener's handlers (with RespectHandlerLevel,
// only to those whose level r reaches): Python's QueueListener.handle. The
// listener's goroutine calls it for each record; it can be called
// directly to handle records synchronously.
func (l *QueueListener) Handle(r *slogpy.Record) {
	for _, h := range l.handlers {
		queueHandOver(h, r, l.respect, l.report)
	}
}

// EnqueueSentinel puts the sentinel on the queue, waiting for room if the
// queue is full: Python's QueueListener.enqueue_sentinel. The goroutine
// stops when it reaches it.
func (l *QueueListener) EnqueueSentinel() error {
	if err := l.q.Put(nil, true); err != nil {
		return fmt.Errorf("handlers: queue listener: enqueue sentinel: %w", err)
	}
	return nil
}

// Stop puts the sentinel on the queue and waits for the goroutine to
// handle every record before it and return: Python's QueueListener.stop.
// Records enqueued after the sentinel stay in the queue for the next
// Start. Stopping a listener that is not running does nothing. The error
// is that of the sentinel's Put, or the queue error that stopped the
// goroutine early.
func (l *QueueListener) Stop() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done == nil {
		return nil
	}
	select {
	case <-l.done: // the goroutine stopped on a queue error
	default:
		if err := l.EnqueueSentinel(); err != nil {
			return err
		}
		<-l.done
	}
	err := l.err
	l.done, l.err = nil, nil
	return err
}

// queueHandOver passes r to h as Python's handler.handle(record) would,
// for the listener and the memory handler: a suite handler through
// [slogpy.Handle] (its own level checked only if checkLevel), any other
// slog.Handler as a slog.Record after its Enabled.
func queueHandOver(h slog.Handler, r *slogpy.Record, checkLevel bool, report func(*slogpy.Record, error)) {
	if sh, ok := h.(slogpy.Handler); ok && checkLevel && r.Levelno < sh.Level() {
		return
	}
	if err := slogpy.HandleRecord(h, r); err != nil {
		if _, ok := h.(slogpy.Handler); !ok {
			report(r, err) // a suite handler reported it through its own hook
		}
	}
}
