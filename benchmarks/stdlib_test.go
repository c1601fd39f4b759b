package benchmarks

import (
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	"strings"
	"testing"
)

// The standard library's subjects: log/slog's TextHandler and JSONHandler
// at INFO, and the log package.

func slogTextCalls(_ testing.TB, w io.Writer) calls {
	return slogCalls(slog.New(slog.NewTextHandler(w, nil)))
}

func slogJSONCalls(_ testing.TB, w io.Writer) calls {
	return slogCalls(slog.New(slog.NewJSONHandler(w, nil)))
}

// slogCalls are the workloads on a slog.Logger, also used with slogpy's
// handler under slog.New.
func slogCalls(l *slog.Logger) calls {
	with := l.With(attrsAny(context10())...)
	ctx := context.Background()
	return calls{
		Disabled: func() { l.Debug("user", "name", user, "from", ip, "try", try) },
		Static:   func() { l.Info(staticMsg) },
		Printf3:  func() { l.Info(fmt.Sprintf(printfFmt, user, ip, try)) },
		Fields5: func() {
			l.Info(fieldsMsg, slog.String("user", user), slog.Int("n", 42), slog.Bool("ok", true),
				slog.Float64("ratio", ratio), slog.String("path", path))
		},
		Fields5Attrs: func() {
			l.LogAttrs(ctx, slog.LevelInfo, fieldsMsg, slog.String("user", user), slog.Int("n", 42),
				slog.Bool("ok", true), slog.Float64("ratio", ratio), slog.String("path", path))
		},
		With10: func() { with.Info(staticMsg) },
	}
}

func attrsAny(as []slog.Attr) []any {
	out := make([]any, len(as))
	for i, a := range as {
		out[i] = a
	}
	return out
}

// stdlogCalls uses the log package with date, time and microseconds. It has
// no levels; the ten fields of With10 are a prefix written after the time.
func stdlogCalls(_ testing.TB, w io.Writer) calls {
	const flags = log.LstdFlags | log.Lmicroseconds
	l := log.New(w, "", flags)
	var prefix strings.Builder
	for _, a := range context10() {
		fmt.Fprintf(&prefix, "%s=%s ", a.Key, a.Value)
	}
	with := log.New(w, prefix.String(), flags|log.Lmsgprefix)
	return calls{
		Static:  func() { l.Print(staticMsg) },
		Printf3: func() { l.Printf(printfFmt, user, ip, try) },
		Fields5: func() {
			l.Printf("%s user=%s n=%d ok=%t ratio=%g path=%s", fieldsMsg, user, 42, true, ratio, path)
		},
		With10: func() { with.Print(staticMsg) },
	}
}
