package adapter

import (
	"context"
	"log/slog"

	"github.com/slogpy/slogpy/slogpy"
)

type ctxKey struct{}

// WithContext returns a copy of ctx that carries attrs, on top of the
// attributes already carried by ctx: request-scoped values (a request id,
// a user) that a [ContextFilter] adds to every record logged with the
// context, so that a format prints them as %(request_id)s without an
// adapter being passed around. An attribute replaces an earlier one of the
// same key, keeping its place (as a Python dict update); empty attributes
// are dropped. A nil ctx means context.Background().
func WithContext(ctx context.Context, attrs ...slog.Attr) context.Context {
	if ctx == nil {
		ctx = context.Background()
	}
	prev := attrsFrom(ctx)
	var merged []slog.Attr
next:
	for _, a := range attrs {
		if a.Equal(slog.Attr{}) {
			continue
		}
		if merged == nil {
			merged = make([]slog.Attr, len(prev), len(prev)+len(attrs))
			copy(merged, prev)
		}
		for i := range merged {
			if merged[i].Key == a.Key {
				merged[i] = a
				continue next
			}
		}
		merged = append(merged, a)
	}
	if merged == nil {
		return ctx
	}
	return context.WithValue(ctx, ctxKey{}, merged)
}

// FromContext returns a copy of the attributes carried by ctx, nil if none.
func FromContext(ctx context.Context) []slog.Attr {
	return append([]slog.Attr(nil), attrsFrom(ctx)...)
}

// attrsFrom returns the attributes carried by ctx, not to be modified.
func attrsFrom(ctx context.Context) []slog.Attr {
	if ctx == nil {
		return nil
	}
	as, _ := ctx.Value(ctxKey{}).([]slog.Attr)
	return as
}

// A ContextFilter adds the attributes carried by a record's context to the
// record, so that formats print them by key. It is the cookbook's filter
// that injects contextual information, reading a [context.Context] where
// Python reads contextvars. Records carry a context when they are logged
// with the *Context methods of [slogpy.Logger] and [LoggerAdapter], or
// through slog with a context (slog.InfoContext, Logger.Handler).
//
// Attach it to the handlers whose formats print the attributes. An
// attribute the record already has (from the call or an adapter's extra)
// is kept, so a call can override the context, and a record that passes
// several handlers with the filter gets each attribute once. The filter
// never drops a record.
//
// The zero value is ready to use, with FromContext as the extraction; a
// ContextFilter is safe for concurrent use if Extract is.
type ContextFilter struct {
	// Extract returns the attributes for a context: set it to read
	// request-scoped values that another package stored in the context
	// under its own keys. nil means the attributes given to [WithContext].
	Extract func(ctx context.Context) []slog.Attr
}

var _ slogpy.Filter = (*ContextFilter)(nil)

// Filter implements [slogpy.Filter].
func (f *ContextFilter) Filter(r *slogpy.Record) *slogpy.Record {
	var attrs []slog.Attr
	if f != nil && f.Extract != nil {
		attrs = f.Extract(r.Context())
	} else {
		attrs = attrsFrom(r.Context())
	}
	for _, a := range attrs {
		if a.Equal(slog.Attr{}) {
			continue
		}
		if _, ok := r.Attr(a.Key); !ok {
			r.AddAttrs(a)
		}
	}
	return r
}
