package adapter_test

import (
	"context"
	"io"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The benchmarks run each call through an adapter and through the logger
// directly with the same output, so the adapter's cost is the difference
// within one run:
//
//	go test -run '^$' -bench . -benchmem ./adapter/
const benchFormat = "%(asctime)s %(connid)s %(levelname)s %(message)s"

func benchLogger(b *testing.B, filters ...slogpy.Filter) *slogpy.Logger {
	f, err := slogpy.NewFormatter(benchFormat, nil)
	if err != nil {
		b.Fatal(err)
	}
	l := slogpy.NewManager().GetLogger("app")
	l.SetLevel(levels.Info)
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{Formatter: f, Filters: filters}))
	return l
}

var connAttr = slog.String("connid", "c42")

// BenchmarkAdapter compares an adapter call with the direct call that logs
// the same record.
func BenchmarkAdapter(b *testing.B) {
	user, ip := "bob", "10.0.0.1"
	b.Run("direct", func(b *testing.B) {
		l := benchLogger(b)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info("user %s from %s", user, ip, connAttr)
			}
		})
	})
	b.Run("adapter", func(b *testing.B) {
		a := adapter.New(benchLogger(b), []slog.Attr{connAttr}, nil)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				a.Info("user %s from %s", user, ip)
			}
		})
	})
	b.Run("merge", func(b *testing.B) {
		a := adapter.New(benchLogger(b), []slog.Attr{connAttr}, &adapter.Options{MergeExtra: true})
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				a.Info("user %s from %s", user, ip, slog.String("user", user))
			}
		})
	})
	b.Run("nested", func(b *testing.B) {
		a := adapter.New(adapter.New(benchLogger(b), []slog.Attr{connAttr}, nil), nil, nil)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				a.Info("user %s from %s", user, ip)
			}
		})
	})
	b.Run("disabled-direct", func(b *testing.B) {
		l := benchLogger(b)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Debug("user %s from %s", user, ip, connAttr)
			}
		})
	})
	b.Run("disabled-adapter", func(b *testing.B) {
		a := adapter.New(benchLogger(b), []slog.Attr{connAttr}, nil)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				a.Debug("user %s from %s", user, ip)
			}
		})
	})
}

// BenchmarkContext compares a record whose connAttr comes from the context
// through a ContextFilter with the same record given the attribute
// directly, and measures WithContext and FromContext themselves.
func BenchmarkContext(b *testing.B) {
	user, ip := "bob", "10.0.0.1"
	ctx := adapter.WithContext(context.Background(), connAttr, slog.String("user", user))
	b.Run("direct", func(b *testing.B) {
		l := benchLogger(b)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.InfoContext(ctx, "user %s from %s", user, ip, connAttr)
			}
		})
	})
	b.Run("filter", func(b *testing.B) {
		l := benchLogger(b, &adapter.ContextFilter{})
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.InfoContext(ctx, "user %s from %s", user, ip)
			}
		})
	})
	b.Run("WithContext", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				adapter.WithContext(ctx, slog.String("request_id", "r1"))
			}
		})
	})
	b.Run("FromContext", func(b *testing.B) {
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				adapter.FromContext(ctx)
			}
		})
	})
}
