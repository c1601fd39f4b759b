package slogpy

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/slogpy/slogpy/internal/pytime"
	"github.com/slogpy/slogpy/levels"
)

// A Logger is a named node of a [Manager]'s tree: Python's logging.Logger.
// Get one with [GetLogger]; loggers are never created directly.
//
// The logging methods take a message and arguments. Arguments that are
// [slog.Attr] become record attributes (Python's extra, printed by a format
// as %(key)s); [ExcInfo], [StackInfo] and [StackLevel] set record fields;
// the rest are the %-arguments of the message, merged only when a handler
// needs the text. A single map with string keys serves %(key)s directives.
// Arguments left over once the message's directives have taken theirs,
// where Python would fail, are read as slog reads them when they are
// key–value pairs: Info("request failed", "err", err, "user", u) gives
// attributes err and user, as slog.Logger.Info would (see the package
// documentation, "Messages and arguments").
//
// A call below the logger's effective level costs one atomic load and
// allocates nothing. All methods are safe for concurrent use.
type Logger struct {
	name    string
	m       *Manager
	state   atomic.Pointer[loggerState]
	filters filterer

	// Guarded by m.mu.
	level     levels.Level
	parent    *Logger
	propagate bool
	disabled  bool
	handlers  []slog.Handler
	node      *nameNode // its node in the manager's name tree
}

// GetLogger returns the logger called name from the default manager:
// Python's logging.getLogger. "" and "root" name the root logger.
func GetLogger(name string) *Logger { return defaultManager.GetLogger(name) }

// Root returns the root logger of the default manager.
func Root() *Logger { return defaultManager.root }

// Name returns the logger's name ("root" for the root logger).
func (l *Logger) Name() string { return l.name }

// Manager returns the manager that owns the logger.
func (l *Logger) Manager() *Manager { return l.m }

// Parent returns the logger's parent, nil for the root.
func (l *Logger) Parent() *Logger {
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	return l.parent
}

// GetChild returns the logger named l's name + "." + suffix (suffix for the
// root logger): Python's Logger.getChild.
func (l *Logger) GetChild(suffix string) *Logger {
	if l == l.m.root {
		return l.m.GetLogger(suffix)
	}
	return l.m.GetLogger(l.name + "." + suffix)
}

// SetLevel sets the logger's own level. NOTSET makes it inherit its
// parent's.
func (l *Logger) SetLevel(level levels.Level) {
	l.m.mu.Lock()
	l.level = level
	l.m.update(l)
	l.m.mu.Unlock()
}

// Level returns the logger's own level (Python's logger.level).
func (l *Logger) Level() levels.Level {
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	return l.level
}

// EffectiveLevel returns the first level other than NOTSET on the way up
// from l to the root: Python's getEffectiveLevel.
func (l *Logger) EffectiveLevel() levels.Level { return l.state.Load().effective }

// IsEnabledFor reports whether a call at level would be handled: not
// disabled by [Disable], the logger not disabled, and level at or above the
// effective level.
func (l *Logger) IsEnabledFor(level levels.Level) bool { return level >= l.state.Load().threshold }

// Propagate reports whether records go on to the parent's handlers.
func (l *Logger) Propagate() bool {
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	return l.propagate
}

// SetPropagate sets whether records go on to the parent's handlers (Python's
// logger.propagate; true by default).
func (l *Logger) SetPropagate(on bool) {
	l.m.mu.Lock()
	l.propagate = on
	l.m.update(l)
	l.m.mu.Unlock()
}

// Disabled reports whether the logger is disabled (Python's
// logger.disabled, set by configuration).
func (l *Logger) Disabled() bool { return l.state.Load().disabled }

// SetDisabled disables or enables the logger: a disabled logger handles
// nothing of its own, though records of its children still propagate
// through it.
func (l *Logger) SetDisabled(on bool) {
	l.m.mu.Lock()
	l.disabled = on
	l.m.update(l)
	l.m.mu.Unlock()
}

// AddHandler attaches h, once. h can be any slog.Handler: a suite
// [Handler] (every handler of the module, and a handler of your own
// written on [HandlerBase], attached as [AsSlog](h)) gets the [Record];
// any other gets a slog.Record with the merged message and the logger
// name as attribute "logger". A nil h is ignored,
// and so is a nil pointer in h (the handler of a constructor that failed),
// which is reported once per type on standard error.
func (l *Logger) AddHandler(h slog.Handler) {
	if h == nil || l.m.refuseNilHandler(h) {
		return
	}
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	for _, x := range l.handlers {
		if same(x, h) {
			return
		}
	}
	l.handlers = append(l.handlers[:len(l.handlers):len(l.handlers)], h)
	l.m.remember(h)
	l.m.update(l)
}

// RemoveHandler detaches h.
func (l *Logger) RemoveHandler(h slog.Handler) {
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	for i, x := range l.handlers {
		if same(x, h) {
			l.handlers = append(l.handlers[:i:i], l.handlers[i+1:]...)
			l.m.update(l)
			return
		}
	}
}

// SetHandlers replaces the logger's handlers with hs (duplicates dropped) in
// one step: a record logged meanwhile reaches the old handlers or the new
// ones, never a mix or neither. Configuration code uses it.
func (l *Logger) SetHandlers(hs ...slog.Handler) {
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	var next []slog.Handler
	for _, h := range hs {
		if h == nil {
			continue
		}
		dup := false
		for _, x := range next {
			dup = dup || same(x, h)
		}
		if !dup {
			next = append(next, h)
			l.m.remember(h)
		}
	}
	l.handlers = next
	l.m.update(l)
}

// Handlers returns the handlers attached to the logger itself.
func (l *Logger) Handlers() []slog.Handler {
	l.m.mu.Lock()
	defer l.m.mu.Unlock()
	return append([]slog.Handler(nil), l.handlers...)
}

// HasHandlers reports whether any handler is attached to l or to an ancestor
// its records propagate to: Python's hasHandlers.
func (l *Logger) HasHandlers() bool { return len(l.state.Load().chain) > 0 }

// AddFilter adds a filter to the logger, once. A logger's filters apply to
// records logged on it, not to records propagated from its children.
func (l *Logger) AddFilter(f Filter) { l.filters.add(f) }

// RemoveFilter removes a filter from the logger.
func (l *Logger) RemoveFilter(f Filter) { l.filters.remove(f) }

// Filters returns the logger's filters.
func (l *Logger) Filters() []Filter { return append([]Filter(nil), l.filters.list()...) }

// Debug logs at DEBUG.
func (l *Logger) Debug(msg string, args ...any) {
	if levels.Debug >= l.state.Load().threshold {
		l.log(nil, levels.Debug, msg, args)
	}
}

// Info logs at INFO.
func (l *Logger) Info(msg string, args ...any) {
	if levels.Info >= l.state.Load().threshold {
		l.log(nil, levels.Info, msg, args)
	}
}

// Warning logs at WARNING.
func (l *Logger) Warning(msg string, args ...any) {
	if levels.Warning >= l.state.Load().threshold {
		l.log(nil, levels.Warning, msg, args)
	}
}

// Warn is Warning.
func (l *Logger) Warn(msg string, args ...any) {
	if levels.Warning >= l.state.Load().threshold {
		l.log(nil, levels.Warning, msg, args)
	}
}

// Error logs at ERROR.
func (l *Logger) Error(msg string, args ...any) {
	if levels.Error >= l.state.Load().threshold {
		l.log(nil, levels.Error, msg, args)
	}
}

// Critical logs at CRITICAL.
func (l *Logger) Critical(msg string, args ...any) {
	if levels.Critical >= l.state.Load().threshold {
		l.log(nil, levels.Critical, msg, args)
	}
}

// Fatal logs at CRITICAL, as Python's Logger.fatal, and returns: it does
// NOT exit, unlike log.Fatal and zap's Fatal. To stop the program, say so
// after it (handlers that buffer need [Shutdown] first):
//
//	logger.Fatal("cannot open %s: %v", path, err)
//	slogpy.Shutdown()
//	os.Exit(1)
func (l *Logger) Fatal(msg string, args ...any) {
	if levels.Critical >= l.state.Load().threshold {
		l.log(nil, levels.Critical, msg, args)
	}
}

// Log logs at level.
func (l *Logger) Log(level levels.Level, msg string, args ...any) {
	if level >= l.state.Load().threshold {
		l.log(nil, level, msg, args)
	}
}

// Exception logs at ERROR with err as the record's exception, as Python's
// Logger.exception. A nil err is logged as Python logs exception() outside
// an except block: the text "NoneType: None" follows the message.
func (l *Logger) Exception(err error, msg string, args ...any) {
	if levels.Error >= l.state.Load().threshold {
		l.log(nil, levels.Error, msg, append(args[:len(args):len(args)], excInfoOf(err)))
	}
}

// ExceptionContext is Exception with a context.
func (l *Logger) ExceptionContext(ctx context.Context, err error, msg string, args ...any) {
	if levels.Error >= l.state.Load().threshold {
		l.log(ctx, levels.Error, msg, append(args[:len(args):len(args)], excInfoOf(err)))
	}
}

// DebugContext logs at DEBUG with a context, which handlers and filters
// can read from the record.
func (l *Logger) DebugContext(ctx context.Context, msg string, args ...any) {
	if levels.Debug >= l.state.Load().threshold {
		l.log(ctx, levels.Debug, msg, args)
	}
}

// InfoContext logs at INFO with a context.
func (l *Logger) InfoContext(ctx context.Context, msg string, args ...any) {
	if levels.Info >= l.state.Load().threshold {
		l.log(ctx, levels.Info, msg, args)
	}
}

// WarningContext logs at WARNING with a context.
func (l *Logger) WarningContext(ctx context.Context, msg string, args ...any) {
	if levels.Warning >= l.state.Load().threshold {
		l.log(ctx, levels.Warning, msg, args)
	}
}

// ErrorContext logs at ERROR with a context.
func (l *Logger) ErrorContext(ctx context.Context, msg string, args ...any) {
	if levels.Error >= l.state.Load().threshold {
		l.log(ctx, levels.Error, msg, args)
	}
}

// CriticalContext logs at CRITICAL with a context.
func (l *Logger) CriticalContext(ctx context.Context, msg string, args ...any) {
	if levels.Critical >= l.state.Load().threshold {
		l.log(ctx, levels.Critical, msg, args)
	}
}

// LogContext logs at level with a context.
func (l *Logger) LogContext(ctx context.Context, level levels.Level, msg string, args ...any) {
	if level >= l.state.Load().threshold {
		l.log(ctx, level, msg, args)
	}
}

// LogAttrs logs msg at level with attributes, which are not boxed into
// interfaces: the allocation-free form of a call with slog.Attr arguments,
// as slog's Logger.LogAttrs. msg is not %-formatted (there are no
// %-arguments).
func (l *Logger) LogAttrs(ctx context.Context, level levels.Level, msg string, attrs ...slog.Attr) {
	if level >= l.state.Load().threshold {
		l.logAttrs(ctx, level, msg, attrs)
	}
}

// logAttrs is log for LogAttrs; its caller is the exported method, so the
// logging call is at depth 3 as for log. It is never inlined: findCaller
// looks for it on the stack.
//
//go:noinline
func (l *Logger) logAttrs(ctx context.Context, level levels.Level, msg string, attrs []slog.Attr) {
	r := newRecord()
	r.ctx, r.Name, r.Levelno, r.Msg, r.Time = ctx, l.name, level, msg, pytime.Now()
	for _, a := range attrs {
		r.attrs = appendAttr(r.attrs, a)
	}
	s := l.state.Load()
	caller, _ := l.readers(s)
	l.setCaller(r, 3, caller)
	l.checkExtra(r)
	l.handle(r, s)
	r.free()
}

// setCaller captures the caller of the logging call, skip frames up from
// runtime.Callers in log or logAttrs, when a handler the record reaches
// wants it (want, from readers). Otherwise it leaves the record the means
// to find it later in the call (see Record.findCaller): most formats do not
// print it, and runtime.Callers is the biggest cost of a simple call.
func (l *Logger) setCaller(r *Record, skip int, want bool) {
	if !want {
		r.callerSkip = skip
		r.thread, r.hasThread = goroutineID(), true
		return
	}
	var pcs [1]uintptr
	if runtime.Callers(skip+1, pcs[:]) > 0 {
		r.PC = pcs[0]
	}
}

// readers reports what may read a record of l besides a [Formatter]
// merging its message first: caller, whether a filter of l or a handler on
// its chain may read its caller (see HandlerBase.FormatOnly); args,
// whether one may read its arguments or attributes before its message is
// merged (a filter other than a NameFilter, a handler that is not
// FormatOnly with a Formatter), so that the slog call form must be sorted
// out before the record is handled (see Record.sortArgs).
func (l *Logger) readers(s *loggerState) (caller, args bool) {
	if l.filters.readsCaller.Load() {
		return true, true
	}
	for _, k := range s.chain {
		if k.suite == nil {
			caller = true // a slog.Handler merges the message first (handleForeign)
			continue
		}
		c, a := k.suite.base().readersNow()
		caller, args = caller || c, args || a
	}
	if len(s.chain) == 0 {
		if lr := l.m.LastResort(); lr != nil {
			return lr.base().readersNow()
		}
	}
	return caller, args
}

// A CallOption is a logging-call argument that sets a record field rather
// than being a %-argument. See [ExcInfo], [StackInfo] and [StackLevel].
type CallOption struct {
	kind  uint8
	err   error
	level int
}

const (
	optExcInfo uint8 = iota + 1
	optStackInfo
	optStackLevel
)

// ExcInfo attaches err to the record (Python's exc_info=): formatters print
// it after the message. A nil err attaches nothing.
func ExcInfo(err error) CallOption {
	if err == nil {
		return CallOption{}
	}
	return CallOption{kind: optExcInfo, err: err}
}

func excInfoOf(err error) CallOption { return CallOption{kind: optExcInfo, err: err} }

// StackInfo attaches the call stack to the record (Python's
// stack_info=True), in Python's "Stack (most recent call last):" form.
func StackInfo() CallOption { return CallOption{kind: optStackInfo} }

// StackLevel makes the record's caller the function n-1 frames above the
// logging call (Python's stacklevel=n), for logging helpers. Several
// StackLevel options in one call add up, so a helper can add its own frames
// to a stack level its caller passed.
func StackLevel(n int) CallOption { return CallOption{kind: optStackLevel, level: n} }

// log builds the record and hands it to the handlers. Its callers are the
// exported logging methods, so the caller of the logging call is at depth 3.
// It is never inlined: findCaller looks for it on the stack.
//
//go:noinline
func (l *Logger) log(ctx context.Context, level levels.Level, msg string, args []any) {
	r := newRecord()
	r.ctx, r.Name, r.Levelno, r.Msg, r.Time = ctx, l.name, level, msg, pytime.Now()
	s := l.state.Load()
	caller, eager := l.readers(s)
	skip, stack := r.sortArgs(msg, args, !eager)
	skip += 3
	l.setCaller(r, skip, caller)
	if stack {
		r.StackInfo = callStack(skip + 1)
	}
	l.checkExtra(r)
	l.handle(r, s)
	r.free()
}

// callStack formats the stack above skip frames as Python's stack_info.
func callStack(skip int) string {
	pcs := make([]uintptr, 64)
	pcs = pcs[:runtime.Callers(skip, pcs)]
	var frames []runtime.Frame
	fs := runtime.CallersFrames(pcs)
	for {
		f, more := fs.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, "runtime.") {
			frames = append(frames, f)
		}
		if !more {
			break
		}
	}
	var b strings.Builder
	b.WriteString("Stack (most recent call last):")
	for i := len(frames) - 1; i >= 0; i-- {
		f := frames[i]
		fmt.Fprintf(&b, "\n  File %q, line %d, in %s", f.File, f.Line, funcName(f.Function))
	}
	return b.String()
}

// HandleRecord passes a record to the logger's handlers as if it had been
// logged on l: Python's Logger.handle, used to re-inject records received
// from elsewhere. The level is not checked; the logger's disabled flag and
// filters are. r must stay valid for the duration of the call only.
func (l *Logger) HandleRecord(r *Record) { l.handle(r, l.state.Load()) }

// handle is HandleRecord with the logger's snapshot s, which a logging
// call has loaded already.
func (l *Logger) handle(r *Record, s *loggerState) {
	if s.disabled {
		return
	}
	if r.m == nil {
		r.m = l.m // whose raiseExceptions applies to r's errors
	}
	if r = l.filters.apply(r, reportError); r == nil {
		return
	}
	l.callHandlers(r, s)
}

// callHandlers is Python's Logger.callHandlers over the snapshot's chain.
func (l *Logger) callHandlers(r *Record, s *loggerState) {
	for _, k := range s.chain {
		if k.suite != nil {
			if r.Levelno >= k.suite.Level() {
				Handle(k.suite, r)
			}
			continue
		}
		if err := handleForeign(k.foreign, r); err != nil {
			reportError(r, err)
		}
	}
	if len(s.chain) > 0 {
		return
	}
	if lr := l.m.LastResort(); lr != nil {
		if r.Levelno >= lr.Level() {
			Handle(lr, r)
		}
	} else if l.m.raiseExceptions.Load() && !l.m.noHandlerMsg.Swap(true) {
		fmt.Fprintf(os.Stderr, "No handlers could be found for logger \"%s\"\n", l.name)
	}
}

// HandleRecord passes r to h as a logger passes records to its handlers: a
// suite [Handler] (one of the module's, or [AsSlog] of one) gets the record
// itself through [Handle] (its level is the caller's to check, as in
// Python) and reports its errors through its error hook; any
// other slog.Handler gets a slog.Record after its Enabled, as described at
// [Logger.AddHandler], and its error or panic is returned for the caller
// to report (see [ReportError]).
func HandleRecord(h slog.Handler, r *Record) error {
	if sh, ok := h.(Handler); ok {
		return Handle(sh, r)
	}
	return handleForeign(h, r)
}

// handleForeign hands a record to a slog.Handler that is not of the suite: the
// message merged, the logger name as attribute "logger", then the record's
// attributes, and the error as "exc_info" and the stack as "stack_info"
// when present. A panic in h is returned as an error.
func handleForeign(h slog.Handler, r *Record) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError("slog handler", p)
		}
	}()
	ctx := r.Context()
	level := levels.ToSlog(r.Levelno)
	if !h.Enabled(ctx, level) {
		return nil
	}
	msg, err := r.Message()
	if err != nil {
		return err
	}
	sr := slog.NewRecord(r.Time, level, msg, r.PC)
	sr.AddAttrs(slog.String("logger", r.Name))
	if r.bound != nil {
		sr.AddAttrs(r.bound.attrs...)
	}
	sr.AddAttrs(r.attrs...)
	if r.ExcInfo {
		sr.AddAttrs(slog.Any("exc_info", r.Err))
	}
	if r.StackInfo != "" {
		sr.AddAttrs(slog.String("stack_info", r.StackInfo))
	}
	return h.Handle(ctx, sr)
}

// Handler returns a slog.Handler that feeds l: slog.New(l.Handler()) logs
// through the hierarchy as if the calls were made on l, with the slog
// message taken as already merged, and WithAttrs and WithGroup attributes
// reaching formats as %(key)s and %(group.key)s.
func (l *Logger) Handler() slog.Handler { return &loggerHandler{l: l} }

type loggerHandler struct {
	l   *Logger
	set *attrSet
}

func (h *loggerHandler) Enabled(_ context.Context, level slog.Level) bool {
	return h.l.IsEnabledFor(levels.FromSlog(level))
}

func (h *loggerHandler) Handle(ctx context.Context, sr slog.Record) error {
	r := newRecord()
	fillFromSlog(r, ctx, h.l.name, sr, h.set)
	h.l.checkExtra(r)
	h.l.HandleRecord(r)
	r.free()
	return nil
}

func (h *loggerHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &loggerHandler{l: h.l, set: h.set.withAttrs(as)}
}

func (h *loggerHandler) WithGroup(name string) slog.Handler {
	return &loggerHandler{l: h.l, set: h.set.withGroup(name)}
}
