package adapter_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// slogLike is the part of slog.Logger's API a slog program uses.
type slogLike[L any] interface {
	Info(msg string, args ...any)
	Warn(msg string, args ...any)
	Error(msg string, args ...any)
	With(args ...any) L
}

// slogProgram is a program written the slog way: key–value pairs,
// attributes, groups, With.
func slogProgram[L slogLike[L]](l L) {
	l.Info("started", "port", 8080, slog.Int("workers", 4))
	l.Warn("slow request", "path", "/api v1", slog.Group("req", "id", 7, slog.Duration("took", 1500*time.Millisecond)))
	l.Error("failed", "err", errors.New("boom"), "user", "bob smith", "ratio", 0.5)
	w := l.With("svc", "api", slog.Group("host", "name", "h1"))
	w.Info("with", "ok", true, "empty", "")
	w.Warn("lone key", "dangling")
	l.Info("no attributes")
}

// TestSlogProgramSameLines is must-hold 2 of issue 14: the program through
// a slogpy logger (and adapters for With) with the format
// "%(levelname)s %(name)s %(message)s%(attrs)s" prints every key and value
// with no error report, and the same program under
// slog.New(logger.Handler()) prints the same lines.
func TestSlogProgramSameLines(t *testing.T) {
	var out bytes.Buffer
	var errs []error
	f, err := slogpy.NewFormatter("%(levelname)s %(name)s %(message)s%(attrs)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	h := slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{
		Formatter:    f,
		ErrorHandler: func(_ *slogpy.Record, err error) { errs = append(errs, err) },
	})
	logger := slogpy.NewManager().GetLogger("app")
	logger.SetLevel(levels.Debug)
	logger.AddHandler(h)

	// The calls go to the logger itself but for With, which needs an
	// adapter that keeps calls' attributes (Python 3.13's merge_extra).
	slogProgram(adapter.New(logger, nil, &adapter.Options{MergeExtra: true}))
	viaLogger := out.String()
	out.Reset()
	logger.Info("started", "port", 8080, slog.Int("workers", 4))
	if !strings.HasPrefix(viaLogger, out.String()) {
		t.Errorf("logger.Info printed %q", out.String())
	}
	out.Reset()
	slogProgram(adapter.New(logger, nil, nil).With())
	viaSlogpy := out.String()
	if viaSlogpy != viaLogger {
		t.Errorf("With() adapter:\n%s\nmerging adapter:\n%s", viaSlogpy, viaLogger)
	}
	out.Reset()
	slogProgram(slog.New(logger.Handler()))
	viaSlog := out.String()

	if len(errs) > 0 {
		t.Fatalf("errors reported: %v", errs)
	}
	want := `INFO app started port=8080 workers=4
WARNING app slow request path="/api v1" req.id=7 req.took=1.5s
ERROR app failed err=boom user="bob smith" ratio=0.5
INFO app with svc=api host.name=h1 ok=true empty=""
WARNING app lone key svc=api host.name=h1 !BADKEY=dangling
INFO app no attributes
`
	if viaSlogpy != want {
		t.Errorf("through the slogpy logger:\n%s\nwant:\n%s", viaSlogpy, want)
	}
	if viaSlog != viaSlogpy {
		t.Errorf("under slog.New(logger.Handler()):\n%s\nthrough the slogpy logger:\n%s", viaSlog, viaSlogpy)
	}
	if strings.Contains(viaSlogpy, "Logging error") {
		t.Error("error block printed")
	}
}
