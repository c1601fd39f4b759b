package benchmarks

import (
	"bufio"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap/zapcore"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// The buffered file workload (issue 18 must-hold 3): Rotate's records and
// rotation, with a 64 KiB buffer written in one call when it fills.
// lib=slogpy is RotatingFileHandler with BufferSize; lib=slog-text writes
// through a bufio.Writer of the same size over lumberjack (its handler's
// lock guards the writer), lib=zap through zapcore.BufferedWriteSyncer.
// CPython has no buffered file handler: its line is Rotate's workload, so
// that the row compares slogpy buffered with CPython's RotatingFileHandler.

// bufferSize is the buffer of every buffered subject.
const bufferSize = 64 << 10

var bufferedSubjects = []fileSubject{
	{"slog-text", func(_ testing.TB, dir string) (func(), func() error) {
		lj := newLumberjack(dir)
		bw := bufio.NewWriterSize(lj, bufferSize)
		l := slog.New(slog.NewTextHandler(bw, nil))
		return func() { l.Info(fmt.Sprintf(printfFmt, user, ip, try)) }, func() error {
			if err := bw.Flush(); err != nil {
				return err
			}
			return lj.Close()
		}
	}},
	{"zap", func(_ testing.TB, dir string) (func(), func() error) {
		lj := newLumberjack(dir)
		ws := &zapcore.BufferedWriteSyncer{WS: zapcore.AddSync(lj), Size: bufferSize, FlushInterval: time.Second}
		l := newZap(ws)
		return func() { l.Info(fmt.Sprintf(printfFmt, user, ip, try)) }, func() error {
			if err := ws.Stop(); err != nil {
				return err
			}
			return lj.Close()
		}
	}},
	{"slogpy", func(tb testing.TB, dir string) (func(), func() error) {
		h, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "app.log"), &handlers.RotatingFileHandlerOptions{
			FileHandlerOptions: slogpy.FileHandlerOptions{
				HandlerOptions: slogpy.HandlerOptions{Formatter: newFormatter(tb, pyFormat)},
				BufferSize:     bufferSize,
			},
			MaxBytes:    rotateMiB << 20,
			BackupCount: rotateBackups,
		})
		if err != nil {
			tb.Fatal(err)
		}
		return pyFileLogger(h), h.Close
	}},
}

// BenchmarkRotateBuffered is Rotate with a 64 KiB buffer: one write system
// call per 700 or so records.
func BenchmarkRotateBuffered(b *testing.B) { benchFiles(b, bufferedSubjects) }

// allFileSubjects are the subjects of Rotate, named lib=…, and slogpy's of
// RotateBuffered, buffered/lib=slogpy: the ones that keep every record
// whole in one file. The other buffered subjects do not: a bufio.Writer
// hands lumberjack 64 KiB at a time, cut anywhere, and lumberjack rotates
// between two such writes, so the record cut by a full buffer at rotation
// is split over two files.
func allFileSubjects() []fileSubject {
	var all []fileSubject
	for _, s := range fileSubjects {
		all = append(all, fileSubject{"lib=" + s.lib, s.make})
	}
	for _, s := range bufferedSubjects {
		if s.lib == "slogpy" {
			all = append(all, fileSubject{"buffered/lib=" + s.lib, s.make})
		}
	}
	return all
}
