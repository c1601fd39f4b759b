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

// A Handler is a handler of the suite: Python's logging.Handler. Every
// Handler is also a [slog.Handler], so it works under slog.New on its own.
//
// Handlers are built by embedding [HandlerBase] and writing Emit, as a
// Python handler subclasses logging.Handler and writes emit; the unexported
// method keeps the interface open to that route only.
type Handler interface {
	slog.Handler
	// HandleRecord applies the handler's filters and emits the record,
	// reporting an error through the handler's error hook: Python's
	// Handler.handle. The caller has checked the level.
	HandleRecord(r *Record) error
	// Emit writes the record: Python's Handler.emit.
	Emit(r *Record) error
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
// level, filters, formatter and error hook of Python's logging.Handler,
// and the slog.Handler methods. Embed it and call Init from the
// constructor:
//
//	type MyHandler struct {
//		slogpy.HandlerBase
//		mu sync.Mutex // guards what Emit writes to
//	}
//
//	func NewMyHandler(opts *slogpy.HandlerOptions) *MyHandler {
//		h := &MyHandler{}
//		h.Init(h, opts)
//		return h
//	}
//
//	func (h *MyHandler) Emit(r *slogpy.Record) error { … }
//
// Emit is called concurrently, as a slog.Handler's Handle is: format with
// h.Format outside your lock, and hold your own mutex only around the
// write (Python's acquire and release; the base keeps no lock of its own).
// A handler whose Emit writes only what h.Format returns also calls
// h.FormatOnly() after Init, so that logging calls skip capturing their
// caller when its formatter does not print it.
//
// Its methods are safe for concurrent use.
type HandlerBase struct {
	self      Handler
	level     atomic.Int64
	leveler   atomic.Pointer[slog.Leveler]
	name      atomic.Pointer[string]
	formatter atomic.Pointer[RecordFormatter]
	filters   filterer
	onError   func(*Record, error)
	seq       uint64
	maxLine   atomic.Int64 // see HandlerOptions.MaxLine and SetMaxLine
	truncs    atomic.Int64 // truncated records not yet reported
	truncAt   atomic.Int64 // when they were last reported, UnixNano

	// formatOnly is set by FormatOnly, readsCaller by SetReadsCaller;
	// wantsCaller and localCaller are computed by refreshCaller.
	formatOnly  bool
	readsCaller atomic.Pointer[func() bool]
	wantsCaller atomic.Bool
	localCaller atomic.Bool
	// mergesFirst is set by refreshCaller when the handler reads a record
	// only through a Formatter, which merges its message first.
	mergesFirst atomic.Bool
	callerMu    sync.Mutex
}

var handlerSeq atomic.Uint64

// Init prepares the base of self, the handler that embeds it, with opts (nil
// means defaults). It must be called once, before the handler is used.
func (b *HandlerBase) Init(self Handler, opts *HandlerOptions) {
	b.self = self
	b.seq = handlerSeq.Add(1)
	if opts == nil {
		opts = &HandlerOptions{}
	}
	switch l := opts.Level.(type) {
	case nil:
	case levels.Level:
		b.level.Store(int64(l))
	default:
		b.leveler.Store(&l)
	}
	if opts.Formatter != nil {
		b.SetFormatter(opts.Formatter)
	}
	for _, f := range opts.Filters {
		b.filters.add(f)
	}
	b.name.Store(&opts.Name)
	b.onError = opts.ErrorHandler
	b.SetMaxLine(opts.MaxLine)
	b.refreshCaller()
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
// is unknown. Call it from the constructor, after Init. The default, for
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
	return b.wantsCaller.Load()
}

// refreshCaller recomputes wantsCaller and localCaller after a change of
// the formatter or the filters.
func (b *HandlerBase) refreshCaller() {
	b.callerMu.Lock()
	defer b.callerMu.Unlock()
	f := b.Formatter()
	pf, ok := f.(*Formatter)
	formats := f != nil && (!ok || pf.usesCaller) // a foreign formatter may print anything
	local := formats || b.onError != nil || b.filters.readsCaller.Load()
	b.localCaller.Store(local)
	b.wantsCaller.Store(local || !b.formatOnly)
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
	return b.wantsCaller.Load(), !b.mergesFirst.Load()
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

// HandleRecord implements [Handler]: filters, then Emit, then the error hook
// for a failure.
func (b *HandlerBase) HandleRecord(r *Record) (err error) {
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
	err = b.self.Emit(r)
	r.guard = saved
	if err != nil {
		b.HandleError(r, err)
	}
	return err
}

// What recovers a panic while a record is emitted (Record.guard).
const (
	guardNone       uint8 = iota
	guardHandling         // HandleRecord recovers a panic of Emit
	guardFormatting       // and formatLine's formatter is running
)

// formatLine is Format for the suite's own Emit methods, which format
// before they take a lock: under HandleRecord, whose recover reports a
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
	if max := b.maxLine.Load(); r.msgCut || max > 0 && int64(len(out)-start) > max {
		out = b.capLine(out, start, r) // a line to cut or a cut to report
	}
	return out, nil
}

// ApplyFilters runs the handler's filters on r, as HandleRecord does before
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

// Enabled implements [slog.Handler]: the level maps to a Python level at or
// above the handler's.
func (b *HandlerBase) Enabled(_ context.Context, l slog.Level) bool {
	return levels.FromSlog(l) >= b.Level()
}

// Handle implements [slog.Handler]: the slog record becomes a [Record] of a
// logger named "root", with the slog message taken as already merged.
func (b *HandlerBase) Handle(ctx context.Context, sr slog.Record) error {
	return handleSlog(ctx, b.self, sr, nil)
}

// WithAttrs implements [slog.Handler]. The returned handler shares
// everything with b (level, formatter, filters, lock, destination) but adds
// the attributes to its records.
func (b *HandlerBase) WithAttrs(as []slog.Attr) slog.Handler {
	return &boundHandler{Handler: b.self, set: (*attrSet)(nil).withAttrs(as)}
}

// WithGroup implements [slog.Handler], as WithAttrs.
func (b *HandlerBase) WithGroup(name string) slog.Handler {
	return &boundHandler{Handler: b.self, set: (*attrSet)(nil).withGroup(name)}
}

func handleSlog(ctx context.Context, h Handler, sr slog.Record, set *attrSet) error {
	r := newRecord()
	defer r.free()
	fillFromSlog(r, ctx, "root", sr, set)
	return h.HandleRecord(r)
}

func fillFromSlog(r *Record, ctx context.Context, name string, sr slog.Record, set *attrSet) {
	r.ctx, r.Name, r.Levelno = ctx, name, levels.FromSlog(sr.Level)
	r.Msg, r.Time, r.PC = sr.Message, sr.Time, sr.PC
	if set != nil && set.block != nil {
		r.bound = set.block
		set = nil
	}
	r.attrs = set.appendRecord(r.attrs, sr)
}

// boundHandler is a suite handler with attributes and groups added by
// WithAttrs and WithGroup.
type boundHandler struct {
	Handler
	set *attrSet
}

func (h *boundHandler) Handle(ctx context.Context, sr slog.Record) error {
	return handleSlog(ctx, h.Handler, sr, h.set)
}

// HandleRecord adds the bound attributes to a copy of r, so that the other
// handlers of a logger do not see them.
func (h *boundHandler) HandleRecord(r *Record) error {
	c := r.CloneInto(newRecord())
	switch {
	case r.bound == nil && h.set != nil && h.set.block != nil:
		c.bound = h.set.block
	case r.bound == nil:
		c.attrs = h.set.appendAttrs(c.attrs[:0], nil, r.attrs)
	default:
		c.bound = nil
		c.attrs = h.set.appendAttrs(c.attrs[:0], r.bound.attrs, r.attrs)
	}
	err := h.Handler.HandleRecord(c)
	c.free()
	return err
}

func (h *boundHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &boundHandler{Handler: h.Handler, set: h.set.withAttrs(as)}
}

func (h *boundHandler) WithGroup(name string) slog.Handler {
	return &boundHandler{Handler: h.Handler, set: h.set.withGroup(name)}
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
