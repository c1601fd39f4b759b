package handlers

import (
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// BenchmarkFileHandlers logs the same records through a plain FileHandler,
// RotatingFileHandler (rolling over every MiB, 3 backups, as lumberjack's
// MaxSize 1), the same with a 64 KiB write buffer, the lumberjack backend, RotatingFileHandler with
// ProcessLock, TimedRotatingFileHandler and WatchedFileHandler, from
// parallel goroutines. MB/s counts the bytes written; records/s is
// reported too:
//
//	go test -run '^$' -bench FileHandlers -benchmem ./handlers/
func BenchmarkFileHandlers(b *testing.B) {
	const format = "%(levelname)s %(name)s %(message)s"
	msg := "user logged in from 10.0.0.1 with a session that is about this long " + strings.Repeat("x", 20)
	line := "INFO bench " + msg + "\n"
	makers := []struct {
		name string
		make func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler
	}{
		{"FileHandler", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			h, err := slogpy.NewFileHandler(filepath.Join(dir, "app.log"), &slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f}})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"RotatingFileHandler", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			return fileBenchRotating(b, dir, f, false)
		}},
		{"RotatingFileHandlerBuffered", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			h, err := NewRotatingFileHandler(filepath.Join(dir, "app.log"), &RotatingFileHandlerOptions{
				FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f}, BufferSize: 64 << 10},
				MaxBytes:           1 << 20, BackupCount: 3})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"Lumberjack", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			h, err := NewLumberjackHandler(&lumberjack.Logger{Filename: filepath.Join(dir, "app.log"), MaxSize: 1, MaxBackups: 3},
				&slogpy.HandlerOptions{Formatter: f})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"RotatingFileHandlerProcessLock", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			return fileBenchRotating(b, dir, f, true)
		}},
		{"TimedRotatingFileHandler", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			o := &TimedRotatingFileHandlerOptions{When: "H", BackupCount: 3}
			o.Formatter = f
			h, err := NewTimedRotatingFileHandler(filepath.Join(dir, "app.log"), o)
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
		{"WatchedFileHandler", func(b *testing.B, dir string, f slogpy.RecordFormatter) slogpy.Handler {
			h, err := NewWatchedFileHandler(filepath.Join(dir, "app.log"), &slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f}})
			if err != nil {
				b.Fatal(err)
			}
			return h
		}},
	}
	for _, m := range makers {
		b.Run(m.name, func(b *testing.B) {
			h := m.make(b, b.TempDir(), fileFormatter(b, format))
			defer h.Close()
			logger := slogpy.NewManager().GetLogger("bench")
			logger.SetLevel(levels.Info)
			logger.SetPropagate(false)
			logger.AddHandler(slogpy.AsSlog(h))
			b.SetBytes(int64(len(line)))
			b.ReportAllocs()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					logger.Info(msg)
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

func fileBenchRotating(b *testing.B, dir string, f slogpy.RecordFormatter, lock bool) slogpy.Handler {
	h, err := NewRotatingFileHandler(filepath.Join(dir, "app.log"), &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f}},
		MaxBytes:           1 << 20, BackupCount: 3, ProcessLock: lock})
	if err != nil {
		b.Fatal(err)
	}
	return h
}
