package main

import (
	"context"
	"errors"
	"log/slog"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/slogpy"
)

// callForm makes the calls a Go developer writes the slog way, and with
// fmt's verbs, which the library accepts where Python would fail.
func callForm(logger *slogpy.Logger) {
	ctx := context.Background()
	err := errors.New("disk full")
	name, n, f := "ann", 3, 2.5
	var anything any = "x"

	// slog's key-value pairs after the directives took their arguments.
	logger.Error("request failed", "err", err, "user", name)
	logger.Info("user %s logged in", name, "attempts", n, slog.Int("port", 8080))
	logger.Info("grouped", slog.Group("req", slog.String("id", "r1")), "k", slog.Int("v", 1))
	logger.Info("value first", "k", slog.String("inner", "v"))
	logger.Info("%*d padded", 5, n, "key", "value")
	logger.InfoContext(ctx, "ctx", "user", name)
	slogpy.Info("module", "user", name)
	a := adapter.New(logger, nil, nil)
	a.Warning("adapter %d", n, "user", name)
	logger.Info("an interface may be a key", anything, n)

	// A literal % among slog pairs: the message is printed as written.
	logger.Info("100% done", "user", name)
	logger.Info("disk 90% full", "disk", name, "used", f)
	logger.Info("progress 50%", "job", n)
	logger.Info("%(user)s logged in", "user", name)

	// fmt's verbs.
	logger.Info("%v %+v %#v %T %q %t %w", name, struct{ A int }{1}, []int{1}, f, name, true, err)
	logger.Info("%5v|%-6v|%q", n, f, 'x')
}

func with(logger *slogpy.Logger, name string) {
	var anything any = "k"
	a := adapter.New(logger, nil, nil)
	a.With("user", name, slog.Int("n", 1), "k", slog.String("v", "x")).Info("with")
	a.With(anything, 1).Info("with an interface")
}
