// Package adapter is Python's logging.LoggerAdapter for slogpy, and the
// [context.Context] route for request-scoped attributes.
//
// # Adapters
//
// [New] wraps a [slogpy.Logger] (or another adapter) with attributes that
// every call through the adapter carries, as Python's
// LoggerAdapter(logger, extra) does; a format prints them as %(key)s:
//
//	conn := adapter.New(slogpy.GetLogger("server"), []slog.Attr{slog.String("connid", id)}, nil)
//	conn.Info("client sent %d bytes", n) // %(connid)s in the handler's format
//
// The adapter has the logging methods of slogpy.Logger (Debug … Critical,
// Log, Exception and the *Context forms) and delegates IsEnabledFor,
// EffectiveLevel, SetLevel, HasHandlers, Name and Manager to the logger, as
// CPython's does. The record's caller (%(lineno)d, %(funcName)s) is the
// adapter's caller, through any number of nested adapters.
//
// Options.Process replaces Python's process(): the cookbook's adapter that
// prefixes every message with a connection id is
//
//	adapter.New(logger, extra, &adapter.Options{
//		Process: func(a *adapter.LoggerAdapter, msg string, args []any) (string, []any) {
//			return "[" + id + "] " + msg, args
//		},
//	})
//
// # Extra precedence
//
// By default a call's own [slog.Attr] arguments are replaced by the
// adapter's extra, as Python drops the extra= of calls made through an
// adapter. Options.MergeExtra (Python 3.13's merge_extra) keeps them: the
// result holds the adapter's attributes with the call's value for a key the
// call also has, then the call's other attributes: Python's
// {**extra, **call}, in the same order. (A key the call repeats stays
// repeated; the last one wins in formats, as for any record.) A group is one attribute: a call's group replaces the adapter's
// group of the same key as a whole. Nested adapters apply their processing
// from the outside in, so without MergeExtra the innermost adapter's extra
// is the one that reaches the record, as in CPython.
//
// # Context
//
// [WithContext] stores attributes in a context.Context and a
// [ContextFilter] on a handler copies them into every record logged with
// that context (Logger.InfoContext, slog.InfoContext through
// Logger.Handler, the adapter's *Context methods). An HTTP middleware puts
// the request id in the request's context once, and every handler whose
// format says %(request_id)s prints it, without an adapter passed down the
// call chain. Attributes of the call or of an adapter win over the
// context's.
//
// # Performance considerations
//
// A call below the logger's level costs one atomic load, as on the logger,
// and allocates nothing. Above it, the adapter builds the argument list in
// a pooled slice with the extra boxed once at construction, so it adds no
// allocation to the logger's own; its time is the copying of the arguments
// and, with MergeExtra and attributes on the call, a scan of the keys.
// ContextFilter costs one context lookup and, per context attribute, a
// scan of the record's attributes. The package's benchmarks compare an
// adapter call with the equivalent direct call:
//
//	go test -run '^$' -bench . -benchmem ./adapter/
//
// # The module
//
// This package is the LoggerAdapter of Python's logging module, kept apart
// from package [github.com/slogpy/slogpy/slogpy] because it adds Go's
// context.Context to it. The attributes it adds are what formats print as
// %(name)s and what package [github.com/slogpy/slogpy/handlers]'
// SocketHandler sends as record fields.
package adapter
