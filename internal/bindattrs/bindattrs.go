// Package bindattrs lets package adapter bind its extra to records the way
// package slogpy binds slog's WithAttrs: converted once, and formatted once
// per formatter, without a public type for it.
package bindattrs

import "log/slog"

// Block converts attributes into a block that a *slogpy.Logger takes as
// one logging-call argument, standing for all of them, before the call's
// own. Package slogpy sets it when it is initialized, before any package
// that imports it.
var Block func(attrs []slog.Attr) any
