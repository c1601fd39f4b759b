package handlers

import (
	"fmt"
	"sync"

	"github.com/slogpy/slogpy/slogpy"
)

// BufferingHandlerOptions are the options of [NewBufferingHandler]. The zero
// value gives Python's BufferingHandler.
type BufferingHandlerOptions struct {
	slogpy.HandlerOptions
	// ShouldFlush decides, after each record is added to the buffer,
	// whether to flush it: Python's shouldFlush, overridden. buffered is
	// the number of records in the buffer, r included; r is the buffered
	// copy. It is called with the handler's lock held and must not log to
	// this handler. nil means Python's rule: flush when buffered reaches
	// the capacity.
	ShouldFlush func(buffered int, r *slogpy.Record) bool
	// Flush receives the buffered records, oldest first, when the buffer is
	// flushed (it is not called for an empty buffer): Python's flush,
	// overridden. The records are the handler's
	// own copies, which Flush may keep; the buffer is emptied after it
	// returns, whatever it returns, and its error is returned by
	// [BufferingHandler.Flush] (and reported through the error hook when a
	// record triggered the flush). It is called with the handler's lock
	// held and must not log to this handler. nil discards the records, as
	// Python's BufferingHandler.flush does.
	Flush func(records []*slogpy.Record) error
}

// A BufferingHandler keeps records in memory and flushes them when
// ShouldFlush says so: Python's logging.handlers.BufferingHandler. Python
// subclasses override shouldFlush and flush; here the options
// [BufferingHandlerOptions.ShouldFlush] and [BufferingHandlerOptions.Flush]
// take their place. [MemoryHandler] is built on it.
//
// The handler keeps a copy of each record ([slogpy.Record.Clone]), with the
// logging goroutine pinned ([slogpy.Record.Thread]) so that a later flush
// on another goroutine still prints the right %(thread)d. Its methods are
// safe for concurrent use; the buffer, the flush decision and the flush
// itself are under the handler's lock, so records are flushed in the order
// they were buffered.
type BufferingHandler struct {
	slogpy.HandlerBase
	mu sync.Mutex // the handler's lock (Python's acquire and release)
	// policy is the handler whose flush rules apply: the BufferingHandler
	// itself, or the MemoryHandler that embeds it.
	policy      bufferingPolicy
	capacity    int
	buf         []*slogpy.Record
	shouldFlush func(int, *slogpy.Record) bool
	flush       func([]*slogpy.Record) error
}

// bufferingPolicy is what a handler built on BufferingHandler overrides:
// Python's shouldFlush and flush. Both are called with the lock held.
type bufferingPolicy interface {
	shouldFlushLocked(r *slogpy.Record) bool
	flushLocked() error
}

var _ slogpy.Handler = (*BufferingHandler)(nil)

// NewBufferingHandler returns a handler buffering up to capacity records:
// Python's BufferingHandler(capacity). A capacity of 0 flushes after every
// record, as in Python; a negative capacity is an error. nil opts means
// defaults: the records are discarded when the buffer is full.
func NewBufferingHandler(capacity int, opts *BufferingHandlerOptions) (*BufferingHandler, error) {
	var o BufferingHandlerOptions
	if opts != nil {
		o = *opts
	}
	h := &BufferingHandler{}
	if err := h.initBuffering(h, capacity, &o.HandlerOptions); err != nil {
		return nil, fmt.Errorf("handlers: buffering handler: %w", err)
	}
	h.shouldFlush, h.flush = o.ShouldFlush, o.Flush
	return h, nil
}

func (h *BufferingHandler) initBuffering(policy bufferingPolicy, capacity int, opts *slogpy.HandlerOptions) error {
	if capacity < 0 {
		return fmt.Errorf("negative capacity %d", capacity)
	}
	h.capacity, h.policy = capacity, policy
	h.Configure(opts)
	return nil
}

// Capacity returns the number of records that fills the buffer.
func (h *BufferingHandler) Capacity() int { return h.capacity }

// Len returns the number of records in the buffer (Python's
// len(handler.buffer)).
func (h *BufferingHandler) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.buf)
}

// Emit implements [slogpy.Handler]: it adds a copy of r to the buffer and
// flushes if the flush rule says so, as Python's BufferingHandler.emit.
func (h *BufferingHandler) Emit(r *slogpy.Record) error {
	r.Thread() // pin the logging goroutine before the copy outlives the call
	c := r.Clone()
	h.mu.Lock()
	defer h.mu.Unlock()
	h.buf = append(h.buf, c)
	if h.policy.shouldFlushLocked(c) {
		return h.policy.flushLocked()
	}
	return nil
}

func (h *BufferingHandler) shouldFlushLocked(r *slogpy.Record) bool {
	if h.shouldFlush != nil {
		return h.shouldFlush(len(h.buf), r)
	}
	return len(h.buf) >= h.capacity
}

// flushLocked hands the buffer to the Flush option, then empties it.
func (h *BufferingHandler) flushLocked() error {
	var err error
	if h.flush != nil && len(h.buf) > 0 {
		err = h.flush(h.buf)
	}
	h.reset()
	return err
}

// reset empties the buffer, keeping its array unless it grew large. The
// caller holds the lock.
func (h *BufferingHandler) reset() {
	clear(h.buf)
	if cap(h.buf) > 4*max(h.capacity, 16) {
		h.buf = nil
		return
	}
	h.buf = h.buf[:0]
}

// Flush hands the buffered records to the Flush option (or discards them)
// and empties the buffer: Python's BufferingHandler.flush. Called on a
// [MemoryHandler] as h.BufferingHandler.Flush(), it discards the buffer
// without sending it to the target, as super(MemoryHandler, h).flush()
// does in Python.
func (h *BufferingHandler) Flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.flushLocked()
}

// Close flushes the buffer: Python's BufferingHandler.close. As in Python,
// the handler still buffers records logged after Close.
func (h *BufferingHandler) Close() error { return h.Flush() }
