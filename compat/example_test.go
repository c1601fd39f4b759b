package compat_test

import (
	"log"
	"log/slog"
	"os"

	expslog "golang.org/x/exp/slog"

	"github.com/slogpy/slogpy/compat"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// stdoutHandler returns a stream handler writing format to standard output.
func stdoutHandler(format string) *slogpy.StreamHandler {
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		panic(err)
	}
	return slogpy.NewStreamHandler(os.Stdout, &slogpy.HandlerOptions{Formatter: f})
}

// An existing program that logs with log/slog only opts into the hierarchy
// with one line; slog.With attributes and groups print as %(key)s and
// %(group.key)s.
func ExampleInstallDefault() {
	root := slogpy.Root()
	h := stdoutHandler("%(levelname)s:%(name)s:%(message)s user=%(user)s used=%(quota.used)s")
	root.AddHandler(h)
	defer root.RemoveHandler(h)

	restore := compat.InstallDefault()
	defer restore()

	slog.With("user", "ann").WithGroup("quota").Warn("quota exceeded", "used", 97)
	slog.Info("not shown: the root logger is at WARNING")
	// Output:
	// WARNING:root:quota exceeded user=ann used=97
}

func ExampleCaptureStdlog() {
	h := stdoutHandler("%(name)s %(levelname)s %(message)s")
	l := slogpy.GetLogger("stdlog")
	l.AddHandler(h)
	defer l.RemoveHandler(h)

	compat.CaptureStdlog(true)
	log.Printf("cache miss for %q", "k1")
	compat.CaptureStdlog(false) // log writes to standard error again
	// Output:
	// stdlog WARNING cache miss for "k1"
}

// Code still on golang.org/x/exp/slog logs into a logger of the hierarchy.
func ExampleToExp() {
	l := slogpy.NewManager().GetLogger("legacy")
	l.AddHandler(stdoutHandler("%(name)s %(levelname)s %(message)s pct=%(disk.pct)s"))
	logger := expslog.New(compat.ToExp(l.Handler()))
	logger.WithGroup("disk").Warn("disk almost full", "pct", 97)
	// Output:
	// legacy WARNING disk almost full pct=97
}

// An x/exp/slog handler hangs on a logger as a suite handler.
func ExampleNewExpHandler() {
	text := expslog.NewTextHandler(os.Stdout, &expslog.HandlerOptions{
		ReplaceAttr: func(groups []string, a expslog.Attr) expslog.Attr {
			if a.Key == expslog.TimeKey && len(groups) == 0 {
				return expslog.Attr{} // a deterministic example
			}
			return a
		},
	})
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(compat.NewExpHandler(text, &slogpy.HandlerOptions{Level: levels.Error}))
	l.Warning("not shown: the handler is at ERROR")
	l.Error("user %s locked out", "ann", slog.Int("tries", 3))
	// Output:
	// level=ERROR msg="user ann locked out" logger=app tries=3
}
