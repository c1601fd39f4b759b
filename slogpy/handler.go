package slogpy

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"

	"github.com/slogpy/slogpy/internal/filesink"
	"github.com/slogpy/slogpy/levels"
)

// ErrClosed is returned by handlers used after Close where Python would fail
// too.
var ErrClosed = filesink.ErrClosed

// A Handler is a handler of the suite: Python's logging.Handler.
//
// Handlers are built by embedding [HandlerBase] and writing Emit, as a
// Python handler subclasses logging.Handler and writes emit; the unexported
// method keeps the interface open to that route only. Loggers, queue
// listeners and memory handlers pass records to a Handler through
// [Handle], Python's Handler.handle. Every handler of the module is also a
// [slog.Handler]; a handler written by embedding HandlerBase becomes one
// through [AsSlog], which is also how it is attached to a [Logger].
type Handler interface {
	// Emit writes the record: Python's Handler.emit.
	Emit(r *Record) error
	// Enabled reports whether a record of slog level l would be handled:
	// [HandlerBase.Enabled] compares l with the handler's level.
	Enabled(ctx context.Context, l slog.Level) bool
	// Level returns the handler's level; records below it are not handled.
	Level() levels.Level
	// SetLevel sets the handler's level.
	SetLevel(l levels.Level)
	// Name returns the handler's name ("" if none).
	Name() string
	// SetName sets the handler's name, as used by GetHandlerByName.
	SetName(name string)
	// SetFormatter sets the formatter; nil means a default Formatter.
	SetFormatter(f RecordFormatter)
	// AddFilter and RemoveFilter change the handler's filters.
	AddFilter(f Filter)
	RemoveFilter(f Filter)
	// Flush writes out buffered records.
	Flush() error
	// Close releases the handler's resources.
	Close() error

	base() *HandlerBase
}

// HandlerOptions are the options every handler has. The zero value gives
// Python's defaults.
type HandlerOptions struct {
	// Level is the handler's level. nil means NOTSET: every record the
	// logger passes is handled. A levels.Level keeps its Python number; any
	// other slog.Leveler (slog.LevelVar) is read on every record through
	// levels.FromSlog.
	Level slog.Leveler
	// Formatter formats records. nil means Python's default Formatter,
	// "%(message)s".
	Formatter RecordFormatter
	// Filters are applied in order before a record is emitted.
	Filters []Filter
	// Name is the handler's name.
	Name string
	// ErrorHandler is called when emitting fails, in place of Python's
	// handleError. nil writes Python's "--- Logging error ---" report to
	// standard error, unless raiseExceptions is off for the manager of the
	// logger the record was logged on ([Manager.SetRaiseExceptions]).
	ErrorHandler func(r *Record, err error)
	// MaxLine is the longest line the handler formats, in bytes: a longer
	// one is cut there and ends with " [truncated at N bytes]", and the
	// handler reports the records it truncated (or whose merged message
	// was cut, see [Record.SetMaxMessage]) through ErrorHandler at most
	// once a minute. Zero means [DefaultMaxMessage]; negative, no limit.
	MaxLine int
}

// HandlerBase implements everything of a [Handler] but Emit: the name,
// level, filters, formatter and error hook of Python's logging.Handler.
// Its zero value is ready to use, with Python's defaults (level NOTSET,
// the default formatter, no filters); [HandlerBase.Configure] applies
// [HandlerOptions]. Embed it and write Emit:
//
//	type MyHandler struct {
//		slogpy.HandlerBase
//		mu sync.Mutex // guards what Emit writes to
//	}
//
//	func NewMyHandler(opts *slogpy.HandlerOptions) *MyHandler {
//		h := &MyHandler{}
//		h.Configure(opts)
//		return h
//	}
//
//	func (h *MyHandler) Emit(r *slogpy.Record) error { … }
//
// A *MyHandler is then a [Handler]. [AsSlog] makes it a [slog.Handler],
// to attach it to a logger (logger.AddHandler(slogpy.AsSlog(h))), to give
// it to slog.New or to anything else that takes a slog.Handler (a
// MemoryHandler's target, a QueueListener); records reach its Emit through
// [Handle], which applies the filters and the error hook as Python's
// Handler.handle does.
//
// Emit is called concurrently, as a slog.Handler's Handle is: format with
// h.Format outside your lock, and hold your own mutex only around the
// write (Python's acquire and release; the base keeps no lock of its own).
// A handler whose Emit writes only what h.Format returns also calls
// h.FormatOnly(), so that logging calls skip capturing their caller when
// its formatter does not print it.
//
// The record given to Emit is valid only during the call: records are
// pooled, and the next logging call reuses it. A handler that keeps
// records (a test's capture, a buffer) keeps r.Clone(), as Python's
// MemoryHandler would keep the record itself.
//
// Its methods are safe for concurrent use.
type HandlerBase struct {
	level     atomic.Int64
	leveler   atomic.Pointer[slog.Leveler]
	name      atomic.Pointer[string]
	formatter atomic.Pointer[RecordFormatter]
	filters   filterer
	onError   func(*Record, error)
	seq       atomic.Uint64 // creation order, for Shutdown; see order
	maxLine   atomic.Int64  // 0 means DefaultMaxMessage; see HandlerOptions.MaxLine and SetMaxLine
	truncs    atomic.Int64  // truncated records not yet reported
	truncAt   atomic.Int64  // when they were last reported, UnixNano

	// formatOnly is set by FormatOnly, readsCaller by SetReadsCaller;
	// noCaller, localCaller and mergesFirst are computed by refreshCaller,
	// their zero values right for a handler that never called it (no
	// formatter, filter nor ErrorHandler, not FormatOnly).
	formatOnly  bool
	readsCaller atomic.Pointer[func() bool]
	noCaller    atomic.Bool // logging calls need not capture the caller
	localCaller atomic.Bool
	// mergesFirst is set by refreshCaller when the handler reads a record
	// only through a Formatter, which merges its message first.
	mergesFirst atomic.Bool
	callerMu    sync.Mutex
}

var handlerSeq atomic.Uint64

// Configure applies opts (nil means defaults) to the handler: its level,
// formatter, filters (added to those it has), name, error hook and line
// limit. A handler's constructor calls it once, before the handler is
// used; a handler happy with the defaults need not call it.
func (b *HandlerBase) Configure(opts *HandlerOptions) {
	b.order()
	if opts == nil {
		opts = &HandlerOptions{}
	}
	switch l := opts.Level.(type) {
	case nil:
	case levels.Level:
		b.SetLevel(l)
	default:
		b.leveler.Store(&l)
	}
	if opts.Formatter != nil {
		b.formatter.Store(&opts.Formatter)
	}
	for _, f := range opts.Filters {
		b.filters.add(f)
	}
	b.name.Store(&opts.Name)
	b.onError = opts.ErrorHandler
	b.SetMaxLine(opts.MaxLine)
	b.refreshCaller()
}

// order returns the handler's place in the order of creation, which
// Shutdown follows backwards: given by Configure, or the first time it is
// asked for (a handler attached to a logger) when Configure was not
// called.
func (b *HandlerBase) order() uint64 {
	if n := b.seq.Load(); n != 0 {
		return n
	}
	n := handlerSeq.Add(1)
	if b.seq.CompareAndSwap(0, n) {
		return n
	}
	return b.seq.Load()
}

// FormatOnly declares that the handler reads records only through
// [HandlerBase.Format], its level and its filters, within Emit: it does not
// read a record's PC, Args or attributes itself, nor keep records to format
// later, as a handler writing formatted lines. A logging call then captures its caller
// (runtime.Callers, a third of the cost of a simple call) only when a
// handler it reaches prints or may read it: a formatter with %(lineno)d,
// %(funcName)s, %(pathname)s, %(filename)s or %(module)s, a formatter other
// than a [Formatter], a filter other than a [NameFilter], an ErrorHandler.
// Otherwise Record.PC stays zero, and the caller is found on the stack if
// asked for during the call, on its goroutine ([Record.Lineno] in Emit, an
// error report); asked later or elsewhere (a clone, another goroutine), it
// is unknown. Call it from the constructor. The default, for
// handlers that do not call it, is that Emit may read anything and every
// call captures its caller.
func (b *HandlerBase) FormatOnly() {
	b.callerMu.Lock()
	b.formatOnly = true
	b.callerMu.Unlock()
	b.refreshCaller()
}

// SetReadsCaller makes fn say whether the handler's Emit may read the
// caller of a record, in place of the rule of [HandlerBase.FormatOnly]
// (its formatter, filters and ErrorHandler still count): a handler that
// passes records on to others answers for them, as a queue handler for
// the handlers of its listener (see [ReadsCaller]). fn is called on every
// logging call that reaches the handler; it must be cheap and safe for
// concurrent use. nil restores the default.
func (b *HandlerBase) SetReadsCaller(fn func() bool) {
	if fn == nil {
		b.readsCaller.Store(nil)
		return
	}
	b.readsCaller.Store(&fn)
}

// ReadsCaller reports whether h may read the caller of the records it
// handles, so that a logging call reaching it captures the caller up
// front: true for a slog.Handler that is not of the suite, and for a
// [Handler] that neither calls [HandlerBase.FormatOnly] nor answers
// through [HandlerBase.SetReadsCaller]; otherwise true when its formatter
// prints the caller or it has filters (other than [NameFilter]) or an
// ErrorHandler.
func ReadsCaller(h slog.Handler) bool {
	if sh, ok := h.(Handler); ok {
		return sh.base().wantsCallerNow()
	}
	return true
}

func (b *HandlerBase) wantsCallerNow() bool {
	if fn := b.readsCaller.Load(); fn != nil {
		return b.localCaller.Load() || (*fn)()
	}
	return !b.noCaller.Load()
}

// refreshCaller recomputes noCaller, localCaller and mergesFirst after a change of
// the formatter or the filters.
func (b *HandlerBase) refreshCaller() {
	b.callerMu.Lock()
	defer b.callerMu.Unlock()
	f := b.Formatter()
	pf, ok := f.(*Formatter)
	formats := f != nil && (!ok || pf.usesCaller) // a foreign formatter may print anything
	local := formats || b.onError != nil || b.filters.readsCaller.Load()
	b.localCaller.Store(local)
	b.noCaller.Store(!local && b.formatOnly)
	b.mergesFirst.Store(b.formatOnly && (f == nil || ok) && !b.filters.readsCaller.Load())
}

// readersNow reports wantsCallerNow, and whether the handler may read a
// record's arguments or attributes before its message is merged: unless
// it reads a record only through a [Formatter], which merges the
// message before it reads anything else of it (see Record.sortArgs).
// Logger.readers calls it on every logging call.
func (b *HandlerBase) readersNow() (caller, args bool) {
	if fn := b.readsCaller.Load(); fn != nil {
		return b.localCaller.Load() || (*fn)(), true
	}
	return !b.noCaller.Load(), !b.mergesFirst.Load()
}

func (b *HandlerBase) base() *HandlerBase { return b }

// Level returns the handler's level.
func (b *HandlerBase) Level() levels.Level {
	if p := b.leveler.Load(); p != nil {
		return levelerLevel(p)
	}
	return levels.Level(b.level.Load())
}

// levelerLevel is Level's slog.Leveler case, out of line so that Level
// inlines.
func levelerLevel(p *slog.Leveler) levels.Level { return levels.FromSlog((*p).Level()) }

// SetLevel sets the handler's level.
func (b *HandlerBase) SetLevel(l levels.Level) {
	b.leveler.Store(nil)
	b.level.Store(int64(l))
}

// Name returns the handler's name.
func (b *HandlerBase) Name() string {
	if p := b.name.Load(); p != nil {
		return *p
	}
	return ""
}

// SetName sets the handler's name.
func (b *HandlerBase) SetName(name string) { b.name.Store(&name) }

// SetFormatter sets the formatter; nil restores the default.
func (b *HandlerBase) SetFormatter(f RecordFormatter) {
	if f == nil {
		b.formatter.Store(nil)
	} else {
		b.formatter.Store(&f)
	}
	b.refreshCaller()
}

// Formatter returns the handler's formatter, or nil when it has none (Python's
// handler.formatter).
func (b *HandlerBase) Formatter() RecordFormatter {
	if p := b.formatter.Load(); p != nil {
		return *p
	}
	return nil
}

// AddFilter adds a filter to the handler (once).
func (b *HandlerBase) AddFilter(f Filter) { b.filters.add(f); b.refreshCaller() }

// RemoveFilter removes a filter from the handler.
func (b *HandlerBase) RemoveFilter(f Filter) { b.filters.remove(f); b.refreshCaller() }

// Filters returns the handler's filters.
func (b *HandlerBase) Filters() []Filter { return append([]Filter(nil), b.filters.list()...) }

// Format appends the record formatted by the handler's formatter (or the
// default one) to dst: Python's Handler.format. A panic in a user formatter
// or in a String method is returned as an error.
func (b *HandlerBase) Format(dst []byte, r *Record) (out []byte, err error) {
	f := b.Formatter()
	if f == nil {
		f = defaultFormatter
	}
	defer func() {
		if p := recover(); p != nil {
			out, err = dst, panicError("formatter", p)
		}
	}()
	start := len(dst)
	if out, err = f.AppendFormat(dst, r); err != nil {
		return out, err
	}
	return b.capLine(out, start, r), nil
}

// Flush does nothing; handlers that buffer override it.
func (b *HandlerBase) Flush() error { return nil }

// Close does nothing; handlers that own resources override it.
func (b *HandlerBase) Close() error { return nil }

// Handle passes r to h: Python's Handler.handle. It applies h's
// filters, calls h.Emit with the record a filter returned, and reports an
// error or a panic of Emit through h's error hook
// ([HandlerBase.HandleError]) before returning it. The level is the
// caller's to check, as in Python's Logger.callHandlers. Loggers, queue
// listeners and memory handlers call it for every record they pass to a
// Handler; a [NullHandler] ignores the record, filters included, as
// Python's NullHandler.handle does.
func Handle(h Handler, r *Record) error {
	if o, ok := h.(handleOverride); ok {
		return o.handleRecord(r)
	}
	return handle(h, r)
}

// handleOverride is a handler of this package that replaces Handle's
// rule: NullHandler, boundHandler, the AsSlog adapter.
type handleOverride interface {
	handleRecord(r *Record) error
}

// handle is Handle without the override: filters, then Emit, then the
// error hook for a failure.
func handle(h Handler, r *Record) (err error) {
	b := h.base()
	if r = b.filters.apply(r, b.HandleError); r == nil {
		return nil
	}
	saved := r.guard
	defer func() {
		if p := recover(); p != nil {
			what := "handler"
			if r.guard == guardFormatting {
				what = "formatter" // see formatLine
			}
			r.guard = saved
			err = panicError(what, p)
			b.HandleError(r, err)
		}
	}()
	r.guard = guardHandling
	err = h.Emit(r)
	r.guard = saved
	if err != nil {
		b.HandleError(r, err)
	}
	return err
}

// What recovers a panic while a record is emitted (Record.guard).
const (
	guardNone       uint8 = iota
	guardHandling         // handle recovers a panic of Emit
	guardFormatting       // and formatLine's formatter is running
)

// formatLine is Format for the suite's own Emit methods, which format
// before they take a lock: under Handle, whose recover reports a
// panic of the formatter as Format would, it does without a recover of its
// own (a deferred call on every record); called otherwise (Emit called
// directly), it is Format.
func (b *HandlerBase) formatLine(dst []byte, r *Record) ([]byte, error) {
	if r.guard != guardHandling {
		return b.Format(dst, r)
	}
	f := b.Formatter()
	if f == nil {
		f = defaultFormatter
	}
	start := len(dst)
	r.guard = guardFormatting
	out, err := f.AppendFormat(dst, r)
	r.guard = guardHandling
	if err != nil {
		return out, err
	}
	if max := b.lineLimit(); r.msgCut || max > 0 && int64(len(out)-start) > max {
		out = b.capLine(out, start, r) // a line to cut or a cut to report
	}
	return out, nil
}

// ApplyFilters runs the handler's filters on r, as [Handle] does before
// Emit: it returns the record to emit (r, or the record a filter returned),
// or nil when a filter drops it; a panicking filter drops it and is
// reported through the error hook. A handler that takes several records
// at once (handlers.BatchHandler) calls it for each.
func (b *HandlerBase) ApplyFilters(r *Record) *Record { return b.filters.apply(r, b.HandleError) }

// HandleError reports an error met while handling r: Python's handleError.
// It calls HandlerOptions.ErrorHandler, or writes Python's report to
// standard error.
func (b *HandlerBase) HandleError(r *Record, err error) {
	if r != nil {
		r.settle()
	}
	if b.onError != nil {
		b.onError(r, err)
		return
	}
	reportError(r, err)
}

// Enabled reports whether a slog record of level l would be handled: the
// level maps to a Python level at or above the handler's. It is the
// Enabled of the [slog.Handler] a handler is (see [AsSlog]).
func (b *HandlerBase) Enabled(_ context.Context, l slog.Level) bool {
	return levels.FromSlog(l) >= b.Level()
}

// ReportError reports an error met while handling r as a handler without an
// ErrorHandler does: Python's report on standard error, unless
// raiseExceptions is off for r's manager ([Manager.SetRaiseExceptions]).
// Code that handles records outside a handler (a queue listener, a
// receiver) uses it.
func ReportError(r *Record, err error) { reportError(r, err) }

// reportError writes Python's handleError report to standard error.
func reportError(r *Record, err error) {
	m := defaultManager
	if r != nil && r.m != nil {
		m = r.m
	}
	if !m.raiseExceptions.Load() {
		return
	}
	if r != nil {
		r.settle()
	}
	ErrorReporter(os.Stderr)(r, err)
}

// panicError turns a recovered panic in user code into an error.
func panicError(where string, p any) error {
	if err, ok := p.(error); ok {
		return fmt.Errorf("slogpy: panic in %s: %w", where, err)
	}
	return fmt.Errorf("slogpy: panic in %s: %v", where, p)
}
