package slogpy

import (
	"context"
	"log/slog"

	"github.com/slogpy/slogpy/internal/handlercore"
	"github.com/slogpy/slogpy/levels"
)

// The slog side of a Handler. Every handler of the module is a
// slog.Handler: its Handle, WithAttrs and WithGroup methods (written by
// internal/gen/slogmethods, in each package's zz_slog_methods.go) call
// slogHandle, withAttrs and withGroup below, through internal/handlercore
// for the other packages. A handler a user writes on HandlerBase becomes
// one through AsSlog.

//go:generate go run ../internal/gen/slogmethods

func init() {
	handlercore.Handle = func(ctx context.Context, h any, sr slog.Record) error {
		return slogHandle(ctx, h.(Handler), sr)
	}
	handlercore.WithAttrs = func(h any, as []slog.Attr) slog.Handler { return withAttrs(h.(Handler), as) }
	handlercore.WithGroup = func(h any, name string) slog.Handler { return withGroup(h.(Handler), name) }
}

// AsSlog returns h as a [slog.Handler]: h itself when it is one (every
// handler of the module is), otherwise an adapter, for a handler written by
// embedding [HandlerBase]. Attach a handler of your own to a logger with
// logger.AddHandler(slogpy.AsSlog(h)), and give it the same way to
// slog.New or to anything else that takes a slog.Handler (a MemoryHandler's
// target, a QueueListener): the logger and the others still pass it the
// [Record] itself, through [Handle].
//
// The adapter's Enabled is h's; its Handle makes the slog record a [Record]
// of a logger named "root", with the slog message taken as already
// merged, and passes it to [Handle]; WithAttrs and WithGroup return a
// handler that shares everything with h (level, formatter, filters,
// destination) but adds the attributes to its records. AsSlog(h) ==
// AsSlog(h), so that a logger's RemoveHandler finds it, and
// [Manager.GetHandlerByName] returns h. AsSlog(nil) is nil.
//
// A type that embeds one of the module's handlers rather than HandlerBase
// is a slog.Handler already, through the embedded handler's methods, whose
// Handle reaches the embedded handler's Emit, not the type's own: build on
// HandlerBase, and keep such a handler in a field.
func AsSlog(h Handler) slog.Handler {
	if h == nil {
		return nil
	}
	if sh, ok := h.(slog.Handler); ok {
		return sh
	}
	return slogAdapter{h}
}

// slogAdapter is AsSlog's adapter. A value, so that two adapters of a
// handler are equal; a Handler itself, so that loggers pass it records
// as to any handler of the suite.
type slogAdapter struct {
	Handler
}

func (a slogAdapter) Handle(ctx context.Context, sr slog.Record) error {
	return slogHandle(ctx, a.Handler, sr)
}

func (a slogAdapter) WithAttrs(as []slog.Attr) slog.Handler { return withAttrs(a.Handler, as) }

func (a slogAdapter) WithGroup(name string) slog.Handler { return withGroup(a.Handler, name) }

func (a slogAdapter) handleRecord(r *Record) error { return Handle(a.Handler, r) }

// unwrapped returns the handler that h stands for: the handler inside
// AsSlog's adapter, or h.
func unwrapped(h Handler) Handler {
	if a, ok := h.(slogAdapter); ok {
		return a.Handler
	}
	return h
}

// slogHandle is the Handle of a suite handler's slog.Handler.
func slogHandle(ctx context.Context, h Handler, sr slog.Record) error {
	return handleSlog(ctx, h, sr, nil)
}

// withAttrs and withGroup are the WithAttrs and WithGroup of a suite
// handler's slog.Handler.
func withAttrs(h Handler, as []slog.Attr) slog.Handler {
	return &boundHandler{Handler: h, set: (*attrSet)(nil).withAttrs(as)}
}

func withGroup(h Handler, name string) slog.Handler {
	return &boundHandler{Handler: h, set: (*attrSet)(nil).withGroup(name)}
}

func handleSlog(ctx context.Context, h Handler, sr slog.Record, set *attrSet) error {
	r := newRecord()
	defer r.free()
	fillFromSlog(r, ctx, "root", sr, set)
	return Handle(h, r)
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

// handleRecord adds the bound attributes to a copy of r, so that the other
// handlers of a logger do not see them.
func (h *boundHandler) handleRecord(r *Record) error {
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
	err := Handle(h.Handler, c)
	c.free()
	return err
}

func (h *boundHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return &boundHandler{Handler: h.Handler, set: h.set.withAttrs(as)}
}

func (h *boundHandler) WithGroup(name string) slog.Handler {
	return &boundHandler{Handler: h.Handler, set: h.set.withGroup(name)}
}
