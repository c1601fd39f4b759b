package slogpy_test

import (
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The benchmarks run each workload through slogpy and through log/slog's
// TextHandler in the same binary, so their ratio is measured in one run:
//
//	go test -run '^$' -bench . -benchmem ./slogpy/
const pyFormat = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"

func benchLogger(b *testing.B, format string) *slogpy.Logger {
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		b.Fatal(err)
	}
	l := slogpy.NewManager().GetLogger("app.db")
	l.SetLevel(levels.Info)
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{Formatter: f}))
	return l
}

func benchSlog() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

func BenchmarkDisabled(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, pyFormat)
		b.ReportAllocs()
		for b.Loop() {
			l.Debug("user %s from %s", "bob", "10.0.0.1")
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Debug("user", "name", "bob", "from", "10.0.0.1")
		}
	})
}

func BenchmarkStatic(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, pyFormat)
		b.ReportAllocs()
		for b.Loop() {
			l.Info("static message")
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Info("static message")
		}
	})
}

// BenchmarkPrintf3 passes constants, as slog's own benchmarks do: the
// library's own cost.
func BenchmarkPrintf3(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, pyFormat)
		b.ReportAllocs()
		for b.Loop() {
			l.Info("user %s from %s try %d", "bob", "10.0.0.1", 3)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Info(fmt.Sprintf("user %s from %s try %d", "bob", "10.0.0.1", 3))
		}
	})
}

// BenchmarkPrintf3Vars passes variables: each string argument is boxed into
// an interface at the call site (one allocation each), for slogpy as for
// fmt.Sprintf.
func BenchmarkPrintf3Vars(b *testing.B) {
	user, ip, try := "bob", "10.0.0.1", 3
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, pyFormat)
		b.ReportAllocs()
		for b.Loop() {
			l.Info("user %s from %s try %d", user, ip, try)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Info(fmt.Sprintf("user %s from %s try %d", user, ip, try))
		}
	})
}

func BenchmarkAttrs5(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, pyFormat+" user=%(user)s n=%(n)s ok=%(ok)s ratio=%(ratio)s path=%(path)s")
		b.ReportAllocs()
		for b.Loop() {
			l.Info("request", slog.String("user", "bob"), slog.Int("n", 42), slog.Bool("ok", true),
				slog.Float64("ratio", 0.5), slog.String("path", "/api/v1"))
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Info("request", slog.String("user", "bob"), slog.Int("n", 42), slog.Bool("ok", true),
				slog.Float64("ratio", 0.5), slog.String("path", "/api/v1"))
		}
	})
}

func BenchmarkBasicFormat(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, "%(levelname)s:%(name)s:%(message)s")
		b.ReportAllocs()
		for b.Loop() {
			l.Info("static message")
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Info("static message")
		}
	})
}

// BenchmarkCallerFormat: a format that prints the caller, so that every
// call captures its PC and resolves it to a file, line and function.
func BenchmarkCallerFormat(b *testing.B) {
	l := benchLogger(b, "%(filename)s:%(lineno)d %(funcName)s %(message)s")
	b.ReportAllocs()
	for b.Loop() {
		l.Info("static message")
	}
}

func BenchmarkParallel(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		l := benchLogger(b, pyFormat)
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info("user %s from %s try %d", "bob", "10.0.0.1", 3)
			}
		})
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				l.Info(fmt.Sprintf("user %s from %s try %d", "bob", "10.0.0.1", 3))
			}
		})
	})
}

func BenchmarkSlogFrontEnd(b *testing.B) {
	b.Run("slogpy", func(b *testing.B) {
		f, _ := slogpy.NewFormatter(pyFormat, nil)
		l := slog.New(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{Formatter: f}))
		b.ReportAllocs()
		for b.Loop() {
			l.Info("static message", "n", 1)
		}
	})
	b.Run("slog", func(b *testing.B) {
		l := benchSlog()
		b.ReportAllocs()
		for b.Loop() {
			l.Info("static message", "n", 1)
		}
	})
}
