// Package handlercore lends the handler types of the module's other
// packages (handlers, contrib, compat) the slog.Handler methods of package
// slogpy's own handlers, which are unexported there: the methods that
// internal/gen/slogmethods writes for each of them call these. A handler a
// user writes reaches the same code through slogpy.AsSlog.
package handlercore

import (
	"context"
	"log/slog"
)

// Handle, WithAttrs and WithGroup are the slog.Handler methods of h, a
// slogpy.Handler (a pointer to a type that embeds slogpy.HandlerBase):
// Handle hands the slog record to slogpy.Handle as a record of the logger
// "root", and WithAttrs and WithGroup return h with attributes or a group
// bound. Package slogpy sets them when it is initialized, before any
// package that imports it.
var (
	Handle    func(ctx context.Context, h any, r slog.Record) error
	WithAttrs func(h any, as []slog.Attr) slog.Handler
	WithGroup func(h any, name string) slog.Handler
)
