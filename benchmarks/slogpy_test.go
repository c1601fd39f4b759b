package benchmarks

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// slogpy's subjects: a Python-style logger (slogpy), and the same handler
// under plain slog.New (slogpy-slog).

// newFormatter compiles a Python format or fails the benchmark.
func newFormatter(tb testing.TB, format string) *slogpy.Formatter {
	tb.Helper()
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// pyLogger returns the logger "app" of a new manager, at INFO, with a
// StreamHandler writing format to w.
func pyLogger(tb testing.TB, w io.Writer, format string) *slogpy.Logger {
	l := slogpy.NewManager().GetLogger(loggerName)
	l.SetLevel(levels.Info)
	l.AddHandler(slogpy.NewStreamHandler(w, &slogpy.HandlerOptions{Formatter: newFormatter(tb, format)}))
	return l
}

func slogpyCalls(tb testing.TB, w io.Writer) calls {
	l := pyLogger(tb, w, pyFormat)
	fl := pyLogger(tb, w, fieldsFormat)
	with := adapter.New(pyLogger(tb, w, withFormat), context10(), nil)
	ctx := context.Background()
	return calls{
		Disabled: func() { l.Debug(printfFmt, user, ip, try) },
		Static:   func() { l.Info(staticMsg) },
		Printf3:  func() { l.Info(printfFmt, user, ip, try) },
		Fields5: func() {
			fl.Info(fieldsMsg, slog.String("user", user), slog.Int("n", 42), slog.Bool("ok", true),
				slog.Float64("ratio", ratio), slog.String("path", path))
		},
		Fields5Attrs: func() {
			fl.LogAttrs(ctx, levels.Info, fieldsMsg, slog.String("user", user), slog.Int("n", 42),
				slog.Bool("ok", true), slog.Float64("ratio", ratio), slog.String("path", path))
		},
		With10: func() { with.Info(staticMsg) },
	}
}

// slogpySlogCalls are slog's workloads on slog.New(h), h a slogpy
// StreamHandler at INFO. Its records are named "root", as a suite handler
// used directly under slog names them.
func slogpySlogCalls(tb testing.TB, w io.Writer) calls {
	handler := func(format string) slog.Handler {
		return slogpy.NewStreamHandler(w, &slogpy.HandlerOptions{Level: levels.Info, Formatter: newFormatter(tb, format)})
	}
	c := slogCalls(slog.New(handler(pyFormat)))
	fc := slogCalls(slog.New(handler(fieldsFormat)))
	c.Fields5, c.Fields5Attrs = fc.Fields5, fc.Fields5Attrs
	c.With10 = slogCalls(slog.New(handler(withFormat))).With10
	return c
}
