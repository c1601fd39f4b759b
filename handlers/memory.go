package handlers

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/slogpy/slogpy/internal/handlerlist"
	"github.com/slogpy/slogpy/internal/outage"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// MemoryHandlerOptions are the options of [NewMemoryHandler]. The zero value
// gives Python's defaults: flush level ERROR, flush on close.
type MemoryHandlerOptions struct {
	slogpy.HandlerOptions
	// FlushLevel is the level at or above which a record flushes the
	// buffer (Python's flushLevel). nil means levels.Error. A
	// slog.LevelVar is read at every record.
	FlushLevel slog.Leveler
	// NoFlushOnClose keeps Close from flushing the buffer to the target
	// (Python's flushOnClose=False). false flushes, as Python's default.
	NoFlushOnClose bool
	// ShouldFlush, when set, replaces Python's rule (buffer full, or a
	// record at or above FlushLevel), as overriding shouldFlush in a
	// subclass. buffered is the number of records in the buffer, r
	// included. It is called with the handler's lock held and must not log
	// to this handler.
	ShouldFlush func(buffered int, r *slogpy.Record) bool
	// MaxBuffered is the number of records the buffer keeps while the
	// handler has no target: past it, the oldest are dropped and counted
	// (CPython keeps every record). 0 means the larger of the capacity and
	// DefaultMemoryMaxBuffered; a negative value means no limit, as
	// CPython.
	MaxBuffered int
}

// DefaultMemoryMaxBuffered is the least number of records a
// [MemoryHandler] without target keeps when MaxBuffered is 0: enough for
// the records logged before a configuration sets the target.
const DefaultMemoryMaxBuffered = 1000

// A MemoryHandler buffers records and sends them to a target handler when
// the buffer is full or a record at or above the flush level arrives:
// Python's logging.handlers.MemoryHandler. Typical use keeps the DEBUG
// context of a request in memory and writes it out only when an error
// happens.
//
// The rules are CPython's:
//   - each record is buffered first, then the buffer is flushed if it holds
//     capacity records or the record's level is at or above the flush
//     level;
//   - flushing hands every buffered record, oldest first, to the target's
//     [slogpy.Handle] (filters and Emit; the target's level is not consulted,
//     as in Python), then empties the buffer;
//   - without a target, flushing does nothing and the buffer keeps the
//     records until a target is set and the next flush sends them;
//   - Close flushes (unless NoFlushOnClose) and drops the target; records
//     still in the buffer stay there, as in CPython.
//
// One difference (rule: nothing unbounded, nothing lost silently): without
// a target, CPython's buffer grows without limit (200,000 records: about
// 100 MB). Here it keeps the newest MaxBuffered records (by default the
// larger of capacity and [DefaultMemoryMaxBuffered]) and drops the oldest, counting them ([MemoryHandler.Dropped]); the first
// record dropped is reported through the error hook, once until a target
// takes the buffer, and then the count ("N records lost while the memory
// handler had no target"). Close with no target and records not
// delivered returns an error counting them, so [slogpy.Manager.Shutdown]
// reports what was lost.
//
// The target may be any slog.Handler. A suite [slogpy.Handler] gets the
// record itself; another slog.Handler gets a slog.Record with the merged
// message and the logger name as attribute "logger", after its Enabled
// (its only level), as a logger would hand it over.
//
// The handler keeps copies of the records ([slogpy.Record.Clone]) with
// their goroutine pinned. Its methods are safe for concurrent use. The
// buffer and the flush are under the handler's lock, so a flush delivers
// records in order and a concurrent record waits for it; the target must
// not log back to this handler.
type MemoryHandler struct {
	BufferingHandler
	flushLevel   slog.Leveler
	flushOnClose bool
	userRule     func(int, *slogpy.Record) bool
	target       slog.Handler // guarded by the lock
	maxBuffered  int          // records kept without a target; < 0: no limit
	lost         outage.Tracker
	closeReport  [2]uint64 // buffered and dropped at the last report of Close
}

var _ slogpy.Handler = (*MemoryHandler)(nil)

// errMemorySelfTarget is returned for a MemoryHandler targeting itself,
// which would flush into its own buffer for ever.
var errMemorySelfTarget = errors.New("the target is the memory handler itself")

// NewMemoryHandler returns a handler buffering up to capacity records for
// target: Python's MemoryHandler(capacity, flushLevel, target,
// flushOnClose). target may be nil and set later with SetTarget. A
// capacity of 0 flushes after every record, as in Python; a negative
// capacity is an error. nil opts means Python's defaults.
func NewMemoryHandler(capacity int, target slog.Handler, opts *MemoryHandlerOptions) (*MemoryHandler, error) {
	var o MemoryHandlerOptions
	if opts != nil {
		o = *opts
	}
	h := &MemoryHandler{flushLevel: o.FlushLevel, flushOnClose: !o.NoFlushOnClose, userRule: o.ShouldFlush, maxBuffered: o.MaxBuffered}
	if h.maxBuffered == 0 {
		h.maxBuffered = max(capacity, DefaultMemoryMaxBuffered)
	}
	if h.flushLevel == nil {
		h.flushLevel = levels.Error
	}
	if err := h.initBuffering(h, capacity, &o.HandlerOptions); err != nil {
		return nil, fmt.Errorf("handlers: memory handler: %w", err)
	}
	h.lost.Init("handlers: memory handler", fmt.Sprintf("no target: keeping the newest %d records, dropping the oldest until a target is set", h.limit()), ErrNoTarget)
	if err := h.SetTarget(target); err != nil {
		return nil, err
	}
	handlerlist.Add(h) // Shutdown flushes it wherever it is
	return h, nil
}

// FlushLevel returns the level at or above which a record flushes the
// buffer.
func (h *MemoryHandler) FlushLevel() levels.Level { return memoryLevel(h.flushLevel) }

func memoryLevel(l slog.Leveler) levels.Level {
	if pl, ok := l.(levels.Level); ok {
		return pl
	}
	return levels.FromSlog(l.Level())
}

// SetTarget sets the handler the buffer is flushed to (nil: none):
// Python's setTarget. It waits for a flush in progress. The handler itself
// is refused.
func (h *MemoryHandler) SetTarget(target slog.Handler) error {
	if t, ok := target.(*MemoryHandler); ok && t == h {
		return fmt.Errorf("handlers: memory handler: %w", errMemorySelfTarget)
	}
	h.mu.Lock()
	h.target = target
	h.mu.Unlock()
	return nil
}

// Target returns the handler the buffer is flushed to, or nil.
func (h *MemoryHandler) Target() slog.Handler {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.target
}

// ErrNoTarget is wrapped by the report of a [MemoryHandler] that drops
// records because it has no target.
var ErrNoTarget = errors.New("handlers: memory handler has no target")

// limit is the number of records the buffer keeps without a target, or
// -1 for no limit.
func (h *MemoryHandler) limit() int { return max(h.maxBuffered, -1) }

// Dropped returns the number of records dropped since the handler was
// made: the oldest of a buffer that had no target and was full.
func (h *MemoryHandler) Dropped() uint64 { return h.lost.Lost() }

func (h *MemoryHandler) shouldFlushLocked(r *slogpy.Record) bool {
	if h.target == nil && h.limit() >= 0 && len(h.buf) > h.limit() {
		return true // flushLocked drops the oldest
	}
	if h.userRule != nil {
		return h.userRule(len(h.buf), r)
	}
	return len(h.buf) >= h.capacity || r.Levelno >= memoryLevel(h.flushLevel)
}

// flushLocked is Python's MemoryHandler.flush: with a target, every
// buffered record goes to it and the buffer is emptied; without one,
// nothing happens. Errors of a suite target are reported by the target's
// own hook; those of another slog.Handler by this handler's.
func (h *MemoryHandler) flushLocked() error {
	if h.target == nil {
		return h.trimLocked()
	}
	var last *slogpy.Record
	for _, r := range h.buf {
		queueHandOver(h.target, r, false, h.HandleError)
		last = r
	}
	if last != nil {
		if end := h.lost.Delivered(); end != nil {
			h.HandleError(last, end) // the count, after a spell without target
		}
	}
	h.reset()
	return nil
}

// trimLocked drops the oldest records of a buffer without target past
// its limit, counting them; the first drop of a spell returns the report.
func (h *MemoryHandler) trimLocked() error {
	n := len(h.buf) - h.limit()
	if h.limit() < 0 || n <= 0 {
		return nil
	}
	clear(h.buf[:n])
	h.buf = append(h.buf[:0], h.buf[n:]...)
	return h.lost.DropN(uint64(n), nil, "the memory handler had no target")
}

// Flush sends the buffered records to the target, if there is one, and
// empties the buffer: Python's MemoryHandler.flush.
func (h *MemoryHandler) Flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.flushLocked()
}

// Close flushes the buffer to the target unless NoFlushOnClose was set,
// then drops the target: Python's MemoryHandler.close. Records logged
// later are buffered until a new target is set. The target itself is not
// closed.
func (h *MemoryHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	var err error
	if h.flushOnClose {
		err = h.flushLocked()
	}
	if now := [2]uint64{uint64(len(h.buf)), h.lost.Lost()}; h.target == nil && (len(h.buf) > 0 || h.lost.Down()) && now != h.closeReport {
		h.closeReport = now
		h.lost.Delivered() // the spell's count goes in this report
		err = errors.Join(err, fmt.Errorf("%w: closed with %d records in the buffer (%d dropped in all): not delivered", ErrNoTarget, len(h.buf), h.lost.Lost()))
	}
	h.target = nil
	return err
}
