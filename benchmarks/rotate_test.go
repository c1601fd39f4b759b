package benchmarks

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The file workload: Printf3 to app.log, rotated when it reaches 1 MiB,
// three backups kept. lib=slog-text and lib=zap write through lumberjack
// (MaxSize 1, in MiB); lib=slogpy is Python's RotatingFileHandler
// (MaxBytes 1<<20); lib=slogpy-lumberjack is slogpy's LumberjackHandler.

const (
	rotateMiB     = 1
	rotateBackups = 3
)

// A fileSubject writes Printf3 records to a rotated file in dir.
type fileSubject struct {
	lib  string
	make func(tb testing.TB, dir string) (call func(), closer func() error)
}

var fileSubjects = []fileSubject{
	{"slog-text", func(_ testing.TB, dir string) (func(), func() error) {
		lj := newLumberjack(dir)
		l := slog.New(slog.NewTextHandler(lj, nil))
		return func() { l.Info(fmt.Sprintf(printfFmt, user, ip, try)) }, lj.Close
	}},
	{"zap", func(_ testing.TB, dir string) (func(), func() error) {
		lj := newLumberjack(dir)
		l := newZap(lj)
		return func() { l.Info(fmt.Sprintf(printfFmt, user, ip, try)) }, lj.Close
	}},
	{"slogpy", func(tb testing.TB, dir string) (func(), func() error) {
		h, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "app.log"), &handlers.RotatingFileHandlerOptions{
			FileHandlerOptions: slogpy.FileHandlerOptions{
				HandlerOptions: slogpy.HandlerOptions{Formatter: newFormatter(tb, pyFormat)},
			},
			MaxBytes:    rotateMiB << 20,
			BackupCount: rotateBackups,
		})
		if err != nil {
			tb.Fatal(err)
		}
		return pyFileLogger(h), h.Close
	}},
	{"slogpy-lumberjack", func(tb testing.TB, dir string) (func(), func() error) {
		h, err := handlers.NewLumberjackHandler(newLumberjack(dir), &slogpy.HandlerOptions{Formatter: newFormatter(tb, pyFormat)})
		if err != nil {
			tb.Fatal(err)
		}
		return pyFileLogger(h), h.Close
	}},
}

func newLumberjack(dir string) *lumberjack.Logger {
	return &lumberjack.Logger{Filename: filepath.Join(dir, "app.log"), MaxSize: rotateMiB, MaxBackups: rotateBackups}
}

// pyFileLogger returns the Printf3 call on a Python-style logger at INFO
// with handler h.
func pyFileLogger(h slog.Handler) func() {
	l := slogpy.NewManager().GetLogger(loggerName)
	l.SetLevel(levels.Info)
	l.AddHandler(h)
	return func() { l.Info(printfFmt, user, ip, try) }
}

// BenchmarkRotate measures Printf3 to a file rotated every MiB: every
// record is one write system call, and every 13,000 or so records one
// rotation.
func BenchmarkRotate(b *testing.B) { benchFiles(b, fileSubjects) }

// benchFiles runs the file workload of each subject on its own directory.
func benchFiles(b *testing.B, subjects []fileSubject) {
	for _, s := range subjects {
		b.Run("lib="+s.lib, func(b *testing.B) {
			call, closer := s.make(b, b.TempDir())
			b.ReportAllocs()
			start, ok := processCPU()
			for b.Loop() {
				call()
			}
			reportCPU(b, start, ok)
			b.StopTimer()
			if err := closer(); err != nil {
				b.Fatal(err)
			}
		})
	}
}
