package compat_test

import (
	"io"
	"log/slog"
	"testing"

	expslog "golang.org/x/exp/slog"

	"github.com/slogpy/slogpy/compat"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The benchmarks measure each bridge against the direct route to the same
// output:
//
//	go test -run '^$' -bench . -benchmem ./compat/
func benchLogger(b *testing.B) *slogpy.Logger {
	f, err := slogpy.NewFormatter("%(asctime)s %(levelname)s %(message)s", nil)
	if err != nil {
		b.Fatal(err)
	}
	l := slogpy.NewManager().GetLogger("app")
	l.SetLevel(levels.Info)
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{Formatter: f}))
	return l
}

// BenchmarkToExp: an x/exp/slog call into a logger, against the same call
// on log/slog over the logger's Handler.
func BenchmarkToExp(b *testing.B) {
	b.Run("slog", func(b *testing.B) {
		l := slog.New(benchLogger(b).Handler())
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info("login", "user", "ann")
			}
		})
	})
	b.Run("exp", func(b *testing.B) {
		l := expslog.New(compat.ToExp(benchLogger(b).Handler()))
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info("login", "user", "ann")
			}
		})
	})
}

// BenchmarkExpHandler: a logger call emitted to x/exp's JSON handler,
// against the same call to log/slog's JSON handler attached as a foreign
// handler.
func BenchmarkExpHandler(b *testing.B) {
	user := slog.String("user", "ann")
	b.Run("slog-json", func(b *testing.B) {
		l := slogpy.NewManager().GetLogger("app")
		l.AddHandler(slog.NewJSONHandler(io.Discard, nil))
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Warning("login %d", 3, user)
			}
		})
	})
	b.Run("exp-json", func(b *testing.B) {
		l := slogpy.NewManager().GetLogger("app")
		l.AddHandler(compat.NewExpHandler(expslog.NewJSONHandler(io.Discard, nil), nil))
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Warning("login %d", 3, user)
			}
		})
	})
}

// BenchmarkLogLogger: a *log.Logger line into a logger, against the same
// message logged directly.
func BenchmarkLogLogger(b *testing.B) {
	b.Run("direct", func(b *testing.B) {
		l := benchLogger(b)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Warning("request from %s user=%s", "10.0.0.1", "ann")
			}
		})
	})
	b.Run("log", func(b *testing.B) {
		l := benchLogger(b)
		ll := compat.NewLogLogger(l, levels.Warning)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				ll.Printf("request from %s user=%s", "10.0.0.1", "ann")
			}
		})
	})
}
