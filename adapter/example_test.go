package adapter_test

import (
	"context"
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// newExampleLogger returns the logger "server" of a fresh tree writing
// format to standard output.
func newExampleLogger(format string, filters ...slogpy.Filter) *slogpy.Logger {
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		panic(err)
	}
	l := slogpy.NewManager().GetLogger("server")
	l.SetLevel(levels.Info)
	l.AddHandler(slogpy.NewStreamHandler(os.Stdout, &slogpy.HandlerOptions{Formatter: f, Filters: filters}))
	return l
}

func ExampleNew() {
	l := newExampleLogger("%(connid)s %(levelname)s %(message)s")
	conn := adapter.New(l, []slog.Attr{slog.String("connid", "c-7")}, nil)
	conn.Info("client sent %d bytes", 512)
	conn.Warning("client closed early")
	// Output:
	// c-7 INFO client sent 512 bytes
	// c-7 WARNING client closed early
}

// The cookbook's adapter that prefixes every message with the connection
// id: Options.Process stands for an overridden process().
func ExampleOptions_process() {
	l := newExampleLogger("%(levelname)s %(message)s")
	id := "c-7"
	conn := adapter.New(l, nil, &adapter.Options{
		Process: func(a *adapter.LoggerAdapter, msg string, args []any) (string, []any) {
			return "[" + id + "] " + msg, args
		},
	})
	conn.Info("user %s logged in", "ann")
	// Output:
	// INFO [c-7] user ann logged in
}

// Without MergeExtra a call's own attributes are dropped, as CPython drops
// the extra= of calls made through an adapter; with it they are kept and
// win over the adapter's.
func ExampleOptions_mergeExtra() {
	l := newExampleLogger("%(connid)s %(user)s %(message)s")
	extra := []slog.Attr{slog.String("connid", "c-7"), slog.String("user", "-")}
	plain := adapter.New(l, extra, nil)
	merging := adapter.New(l, extra, &adapter.Options{MergeExtra: true})
	plain.Info("plain", slog.String("user", "ann"))
	merging.Info("merging", slog.String("user", "ann"))
	// Output:
	// c-7 - plain
	// c-7 ann merging
}

// A request id put into the context once reaches every record logged with
// that context, through the logger, an adapter, or plain slog.
func ExampleContextFilter() {
	l := newExampleLogger("%(request_id)s %(name)s %(message)s", &adapter.ContextFilter{})
	ctx := adapter.WithContext(context.Background(), slog.String("request_id", "r-42"))

	l.InfoContext(ctx, "handling %s", "/orders")
	adapter.New(l, nil, nil).WarningContext(ctx, "slow database")
	slog.New(l.Handler()).InfoContext(ctx, "done")
	// Output:
	// r-42 server handling /orders
	// r-42 server slow database
	// r-42 server done
}
