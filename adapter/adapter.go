package adapter

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/slogpy/slogpy/internal/bindattrs"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// A Target is what a [LoggerAdapter] logs to: a [*slogpy.Logger], or another
// *LoggerAdapter (adapters nest, as in Python). Both implement it.
//
// Calls reach a *slogpy.Logger or a *LoggerAdapter with the caller
// information of the adapter's caller. Any other implementation receives
// the call through LogContext or Exception with a [slogpy.StackLevel]
// argument that counts the adapter's own frames.
type Target interface {
	Name() string
	Manager() *slogpy.Manager
	IsEnabledFor(level levels.Level) bool
	EffectiveLevel() levels.Level
	SetLevel(level levels.Level)
	HasHandlers() bool
	LogContext(ctx context.Context, level levels.Level, msg string, args ...any)
	Exception(err error, msg string, args ...any)
}

var (
	_ Target = (*slogpy.Logger)(nil)
	_ Target = (*LoggerAdapter)(nil)
)

// Options are the options of [New]. The zero value gives CPython's
// defaults.
type Options struct {
	// MergeExtra is Python 3.13's merge_extra. False (Python's default)
	// replaces the attributes of each call with the adapter's extra, as
	// Python drops the extra= of calls made through an adapter; true keeps
	// them, a call's attribute winning over the adapter's of the same key.
	MergeExtra bool

	// Process, when set, replaces Python's LoggerAdapter.process: it
	// receives the adapter, the message and the call's arguments and
	// returns the message and arguments to log. It runs only for calls
	// that pass the level check. As in a Python subclass that overrides
	// process, the adapter's extra is added only if Process adds it: call
	// a.DefaultProcess for Python's super().process. args is only valid
	// during the call; Process may append to it and return the result.
	// Process is called from every goroutine that logs through the adapter,
	// so it must be safe for concurrent use. nil means DefaultProcess.
	Process func(a *LoggerAdapter, msg string, args []any) (string, []any)
}

// A LoggerAdapter passes contextual attributes with every call it makes on
// a logger: Python's logging.LoggerAdapter. Its logging methods are those
// of [slogpy.Logger]; its extra reaches formats as %(key)s, as the extra
// dict of a Python adapter does.
//
// A LoggerAdapter is immutable and safe for concurrent use. It keeps its
// target and a copy of its extra.
//
// Differences from CPython:
//   - extra is a list of [slog.Attr]; a group reaches formats as
//     %(group.key)s.
//   - Process (Options.Process) sees all the call's arguments: the
//     %-arguments, the slog.Attr values (Python's extra=) and the call
//     options ([slogpy.ExcInfo], [slogpy.StackInfo], [slogpy.StackLevel]),
//     where Python's process sees only the keyword arguments.
//   - A panic in Process is reported as a logging error on standard error
//     and the call is logged as DefaultProcess would log it; Python lets
//     the exception reach the caller.
//   - Exception takes the error to report, as [slogpy.Logger.Exception].
type LoggerAdapter struct {
	target Target
	logger *slogpy.Logger // target as a logger, or the logger at the end of nested adapters, or nil
	inner  *LoggerAdapter // target as an adapter, or nil
	extra  []slog.Attr
	boxed  []any // extra, each attribute boxed once for the argument list
	// block is extra bound once for a target that is a *slogpy.Logger
	// (one argument standing for all of extra; see internal/bindattrs), or
	// nil.
	block   []any
	merge   bool
	process func(a *LoggerAdapter, msg string, args []any) (string, []any)
}

// New returns an adapter that logs on logger with the attributes of extra:
// Python's LoggerAdapter(logger, extra, merge_extra). logger is a
// [*slogpy.Logger] or another [*LoggerAdapter]; nil means the root logger of
// the default manager. extra is copied; empty attributes are dropped. nil
// opts means CPython's defaults.
func New(logger Target, extra []slog.Attr, opts *Options) *LoggerAdapter {
	if logger == nil {
		logger = slogpy.Root()
	}
	a := &LoggerAdapter{target: logger}
	if opts != nil {
		a.merge, a.process = opts.MergeExtra, opts.Process
	}
	switch t := logger.(type) {
	case *slogpy.Logger:
		a.logger = t
	case *LoggerAdapter:
		a.inner, a.logger = t, t.logger
	}
	for _, at := range extra {
		if at.Equal(slog.Attr{}) {
			continue
		}
		a.extra = append(a.extra, at)
		a.boxed = append(a.boxed, at)
	}
	a.bind()
	return a
}

// bind converts the extra once, for a target that is a *slogpy.Logger:
// formatters then format its values once rather than on every record.
func (a *LoggerAdapter) bind() {
	a.block = nil
	if _, ok := a.target.(*slogpy.Logger); ok && len(a.extra) > 0 {
		a.block = []any{bindattrs.Block(a.extra)}
	}
}

// Logger returns the adapter's target (Python's adapter.logger).
func (a *LoggerAdapter) Logger() Target { return a.target }

// Extra returns a copy of the adapter's attributes (Python's
// adapter.extra).
func (a *LoggerAdapter) Extra() []slog.Attr { return append([]slog.Attr(nil), a.extra...) }

// MergeExtra reports whether calls' attributes are merged with the
// adapter's (Python's adapter.merge_extra).
func (a *LoggerAdapter) MergeExtra() bool { return a.merge }

// Name returns the name of the underlying logger (Python's adapter.name).
func (a *LoggerAdapter) Name() string { return a.target.Name() }

// Manager returns the manager of the underlying logger (Python's
// adapter.manager).
func (a *LoggerAdapter) Manager() *slogpy.Manager { return a.target.Manager() }

// IsEnabledFor reports whether the underlying logger handles calls at
// level.
func (a *LoggerAdapter) IsEnabledFor(level levels.Level) bool {
	if a.logger != nil {
		return a.logger.IsEnabledFor(level)
	}
	return a.target.IsEnabledFor(level)
}

// EffectiveLevel returns the effective level of the underlying logger.
func (a *LoggerAdapter) EffectiveLevel() levels.Level { return a.target.EffectiveLevel() }

// SetLevel sets the level of the underlying logger.
func (a *LoggerAdapter) SetLevel(level levels.Level) { a.target.SetLevel(level) }

// HasHandlers reports whether the underlying logger has handlers, its own
// or its ancestors'.
func (a *LoggerAdapter) HasHandlers() bool { return a.target.HasHandlers() }

// Process returns the message and arguments the adapter logs for a call:
// Options.Process if set, else [LoggerAdapter.DefaultProcess]. It is
// Python's LoggerAdapter.process. The result may share args' array.
func (a *LoggerAdapter) Process(msg string, args []any) (string, []any) {
	if a.process != nil {
		return a.process(a, msg, args)
	}
	return a.DefaultProcess(msg, args)
}

// DefaultProcess is the processing of Python's LoggerAdapter.process: the
// message unchanged and the arguments with the adapter's extra (first). Without
// MergeExtra, the call's [slog.Attr] arguments are replaced by the extra;
// with it, the result holds the extra's attributes in order, each with the
// call's value when the call has the same key, then the call's other
// attributes (Python's {**adapter.extra, **extra}). The other arguments
// follow in their order. args is not modified.
func (a *LoggerAdapter) DefaultProcess(msg string, args []any) (string, []any) {
	return msg, a.appendDefault(make([]any, 0, len(args)+len(a.boxed)), args)
}

// appendDefault appends DefaultProcess's arguments for args to dst: the
// adapter's extra (merged with the call's attributes of the same keys)
// first, then the call's arguments in order, so that slog key–value pairs
// among them stay together (see [slogpy.Logger]).
func (a *LoggerAdapter) appendDefault(dst, args []any) []any {
	return a.appendWith(dst, a.boxed, args)
}

// appendExtra is appendDefault for the adapter's own call to its target:
// the bound extra in place of its attributes where the result is the same.
func (a *LoggerAdapter) appendExtra(dst, args []any) []any {
	if a.block != nil {
		return a.appendWith(dst, a.block, args)
	}
	return a.appendWith(dst, a.boxed, args)
}

// appendWith is appendDefault with extra standing for the adapter's
// attributes (boxed, or bound as one block) where the call's attributes do
// not mix with them.
func (a *LoggerAdapter) appendWith(dst, extra, args []any) []any {
	calls := 0
	for _, x := range args {
		if _, ok := x.(slog.Attr); ok {
			calls++
		}
	}
	if !a.merge || calls == 0 {
		dst = append(dst, extra...)
		for _, x := range args {
			if _, ok := x.(slog.Attr); !ok {
				dst = append(dst, x)
			}
		}
		return dst
	}
	for i, e := range a.extra {
		if x, ok := lastAttr(args, e.Key); ok {
			dst = append(dst, x)
		} else {
			dst = append(dst, a.boxed[i])
		}
	}
	for _, x := range args {
		if at, ok := x.(slog.Attr); ok && a.hasKey(at.Key) {
			continue
		}
		dst = append(dst, x)
	}
	return dst
}

// With returns an adapter on the same target whose extra is a's followed
// by the attributes of args, read as [slog.Logger.With] reads them
// ("key", value pairs, [slog.Attr], [slog.Group]; a lone key is !BADKEY).
// Like a slog logger, and unlike a Python adapter by default, it keeps
// the attributes of each call (MergeExtra), so that a program written
// with slog's With prints the same attributes through it. Python has no
// such method.
func (a *LoggerAdapter) With(args ...any) *LoggerAdapter {
	r := slog.NewRecord(time.Time{}, 0, "", 0)
	r.Add(args...)
	b := *a
	b.extra = a.extra[:len(a.extra):len(a.extra)]
	b.boxed = a.boxed[:len(a.boxed):len(a.boxed)]
	r.Attrs(func(at slog.Attr) bool {
		if !at.Equal(slog.Attr{}) {
			b.extra = append(b.extra, at)
			b.boxed = append(b.boxed, at)
		}
		return true
	})
	b.merge = true
	b.bind()
	return &b
}

// lastAttr returns the last slog.Attr argument with key, still boxed.
func lastAttr(args []any, key string) (any, bool) {
	for i := len(args) - 1; i >= 0; i-- {
		if at, ok := args[i].(slog.Attr); ok && at.Key == key {
			return args[i], true
		}
	}
	return nil, false
}

func (a *LoggerAdapter) hasKey(key string) bool {
	for _, e := range a.extra {
		if e.Key == key {
			return true
		}
	}
	return false
}

// argsPool holds the argument lists the adapter builds for each call. The
// logger copies what it keeps, so a list is reused as soon as the call
// returns.
var argsPool = sync.Pool{New: func() any { s := make([]any, 0, 16); return &s }}

// stackLevels are slogpy.StackLevel(n) boxed once, so that passing one does
// not allocate.
var stackLevels = func() (s [16]any) {
	for i := range s {
		s[i] = slogpy.StackLevel(i)
	}
	return s
}()

func stackLevel(n int) any {
	if n < len(stackLevels) {
		return stackLevels[n]
	}
	return slogpy.StackLevel(n)
}

// log processes a call that passed the level check and hands it to the
// target. depth is the number of frames from log up to the adapter's
// caller: 2 when called from an exported method (log, then the method,
// then the caller).
func (a *LoggerAdapter) log(ctx context.Context, level levels.Level, exc bool, err error, msg string, args []any, depth int) {
	if a.block != nil && a.process == nil && !exc && len(args) <= 6 {
		// The common call on a logger: the arguments fit an array on the
		// stack (the logger keeps none of them past the call).
		var arr [8]any
		buf := append(a.appendExtra(arr[:0], args), stackLevel(depth+1))
		a.logger.LogContext(ctx, level, msg, buf...)
		return
	}
	p := argsPool.Get().(*[]any)
	buf := (*p)[:0]
	if a.process == nil {
		buf = a.appendExtra(buf, args)
	} else {
		buf = append(buf, args...)
		var out []any
		msg, out = a.callProcess(msg, buf)
		buf = append(buf[:0], out...) // own the result, whatever array it is in
	}
	if a.inner != nil {
		// Python's nested adapters: the inner adapter checks the level
		// again and processes the outer's result as a call of its own.
		if a.inner.IsEnabledFor(level) {
			a.inner.log(ctx, level, exc, err, msg, buf, depth+1)
		}
	} else {
		// The target's logging method takes as caller the function that
		// called it (this one); StackLevel(n) moves that n-1 frames up.
		buf = append(buf, stackLevel(depth+1))
		if exc {
			a.target.Exception(err, msg, buf...)
		} else {
			a.target.LogContext(ctx, level, msg, buf...)
		}
	}
	clear(buf[:cap(buf)])
	if cap(buf) <= 256 {
		*p = buf[:0]
		argsPool.Put(p)
	}
}

// callProcess calls Options.Process, recovering a panic: it is reported on
// standard error, and the call is logged as DefaultProcess would log it.
func (a *LoggerAdapter) callProcess(msg string, args []any) (m string, out []any) {
	n := len(args)
	defer func() {
		if p := recover(); p != nil {
			slogpy.ReportError(nil, fmt.Errorf("adapter: panic in Process of an adapter of logger %q: %v", a.Name(), p))
			m, out = a.DefaultProcess(msg, args[:n])
		}
	}()
	return a.process(a, msg, args)
}
