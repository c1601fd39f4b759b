package compat

import (
	"context"
	"log/slog"

	expslog "golang.org/x/exp/slog"

	"github.com/slogpy/slogpy/internal/stdio"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// ToExp returns a golang.org/x/exp/slog Handler that passes every record to
// h, a log/slog handler: a suite handler, a logger's [slogpy.Logger.Handler],
// or any other. Code still written against x/exp/slog logs into the
// hierarchy with
//
//	expslog.New(compat.ToExp(slogpy.GetLogger("app").Handler()))
//
// Levels, times, messages, PCs, attributes and groups (of records and of
// WithAttrs and WithGroup) are carried over as they are; a LogValuer is
// resolved when the record is converted. nil h means the root logger of
// the default manager. The handler is safe for concurrent use if h is.
func ToExp(h slog.Handler) expslog.Handler {
	if h == nil {
		h = slogpy.Root().Handler()
	}
	return expOver{h}
}

// expOver is an x/exp/slog Handler over a log/slog Handler.
type expOver struct{ h slog.Handler }

func (e expOver) Enabled(ctx context.Context, l expslog.Level) bool {
	return e.h.Enabled(ctx, slog.Level(l))
}

func (e expOver) Handle(ctx context.Context, er expslog.Record) error {
	sr := slog.NewRecord(er.Time, slog.Level(er.Level), er.Message, er.PC)
	er.Attrs(func(a expslog.Attr) bool {
		sr.AddAttrs(fromExpAttr(a))
		return true
	})
	return e.h.Handle(ctx, sr)
}

func (e expOver) WithAttrs(as []expslog.Attr) expslog.Handler {
	if len(as) == 0 {
		return e
	}
	out := make([]slog.Attr, len(as))
	for i, a := range as {
		out[i] = fromExpAttr(a)
	}
	return expOver{e.h.WithAttrs(out)}
}

func (e expOver) WithGroup(name string) expslog.Handler {
	if name == "" {
		return e
	}
	return expOver{e.h.WithGroup(name)}
}

// An ExpHandler is a suite handler that emits records to a
// golang.org/x/exp/slog Handler: an x/exp JSON or text handler, or a
// third-party one not yet on log/slog, can hang on a logger with its
// levels, filters and name. It mirrors no CPython class.
//
// The x/exp handler receives what a foreign log/slog handler attached to
// a logger receives: the message merged with its arguments, the record's
// time, level (mapped by levels.ToSlog) and PC, the logger's name as
// attribute "logger", the record's attributes and groups, and the error as
// "exc_info" and the stack as "stack_info" when present. A record the
// x/exp handler is not Enabled for is skipped. The x/exp handler formats
// the record itself: the suite formatter (SetFormatter) is not used.
//
// An ExpHandler is safe for concurrent use if the x/exp handler is; it
// retains nothing of a record. Handle errors from the x/exp handler go to
// the handler's error hook (HandlerOptions.ErrorHandler).
type ExpHandler struct {
	slogpy.HandlerBase
	h expslog.Handler
}

var _ slogpy.Handler = (*ExpHandler)(nil)

// NewExpHandler returns a suite handler emitting to h. nil opts means
// defaults; nil h means an x/exp TextHandler on standard error.
func NewExpHandler(h expslog.Handler, opts *slogpy.HandlerOptions) *ExpHandler {
	if h == nil {
		h = expslog.NewTextHandler(stdio.Stderr, nil)
	}
	x := &ExpHandler{h: h}
	x.Configure(opts)
	return x
}

// Handler returns the x/exp handler records are emitted to.
func (x *ExpHandler) Handler() expslog.Handler { return x.h }

// Enabled implements slog.Handler: the level passes the handler's own and
// the x/exp handler is enabled for it.
func (x *ExpHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return x.HandlerBase.Enabled(ctx, l) && x.h.Enabled(ctx, expslog.Level(l))
}

// Emit implements [slogpy.Handler].
func (x *ExpHandler) Emit(r *slogpy.Record) error {
	ctx := r.Context()
	level := expslog.Level(levels.ToSlog(r.Levelno))
	if !x.h.Enabled(ctx, level) {
		return nil
	}
	msg, err := r.Message()
	if err != nil {
		return err
	}
	er := expslog.NewRecord(r.Time, level, msg, r.PC)
	er.AddAttrs(expslog.String("logger", r.Name))
	r.Attrs(func(a slog.Attr) bool {
		er.AddAttrs(toExpAttr(a))
		return true
	})
	if r.ExcInfo {
		er.AddAttrs(expslog.Any("exc_info", r.Err))
	}
	if r.StackInfo != "" {
		er.AddAttrs(expslog.String("stack_info", r.StackInfo))
	}
	return x.h.Handle(ctx, er)
}

func toExpAttr(a slog.Attr) expslog.Attr {
	return expslog.Attr{Key: a.Key, Value: toExpValue(a.Value)}
}

// toExpValue converts a log/slog value, resolving a LogValuer.
func toExpValue(v slog.Value) expslog.Value {
	switch v.Kind() {
	case slog.KindString:
		return expslog.StringValue(v.String())
	case slog.KindInt64:
		return expslog.Int64Value(v.Int64())
	case slog.KindUint64:
		return expslog.Uint64Value(v.Uint64())
	case slog.KindFloat64:
		return expslog.Float64Value(v.Float64())
	case slog.KindBool:
		return expslog.BoolValue(v.Bool())
	case slog.KindDuration:
		return expslog.DurationValue(v.Duration())
	case slog.KindTime:
		return expslog.TimeValue(v.Time())
	case slog.KindGroup:
		g := v.Group()
		as := make([]expslog.Attr, len(g))
		for i, a := range g {
			as[i] = toExpAttr(a)
		}
		return expslog.GroupValue(as...)
	case slog.KindLogValuer:
		return toExpValue(v.Resolve())
	}
	return expslog.AnyValue(v.Any())
}

func fromExpAttr(a expslog.Attr) slog.Attr {
	return slog.Attr{Key: a.Key, Value: fromExpValue(a.Value)}
}

// fromExpValue converts an x/exp value, resolving a LogValuer.
func fromExpValue(v expslog.Value) slog.Value {
	switch v.Kind() {
	case expslog.KindString:
		return slog.StringValue(v.String())
	case expslog.KindInt64:
		return slog.Int64Value(v.Int64())
	case expslog.KindUint64:
		return slog.Uint64Value(v.Uint64())
	case expslog.KindFloat64:
		return slog.Float64Value(v.Float64())
	case expslog.KindBool:
		return slog.BoolValue(v.Bool())
	case expslog.KindDuration:
		return slog.DurationValue(v.Duration())
	case expslog.KindTime:
		return slog.TimeValue(v.Time())
	case expslog.KindGroup:
		g := v.Group()
		as := make([]slog.Attr, len(g))
		for i, a := range g {
			as[i] = fromExpAttr(a)
		}
		return slog.GroupValue(as...)
	case expslog.KindLogValuer:
		return fromExpValue(v.Resolve())
	}
	return slog.AnyValue(v.Any())
}
