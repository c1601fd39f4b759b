package compat_test

import (
	"bytes"
	"io"
	"log"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/compat"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// useRoot gives the default manager's root logger a stream handler with
// format and level DEBUG for the duration of the test.
func useRoot(t *testing.T, format string) *bytes.Buffer {
	t.Helper()
	var out bytes.Buffer
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{Formatter: f})
	root := slogpy.Root()
	prevLevel := root.Level()
	root.AddHandler(h)
	root.SetLevel(levels.Debug)
	t.Cleanup(func() {
		root.RemoveHandler(h)
		root.SetLevel(prevLevel)
	})
	return &out
}

// TestInstallDefault: slog's package functions and slog.Default() feed the
// root logger, With attributes and groups reach the format, the log
// package is left alone, and restore puts the previous default back.
func TestInstallDefault(t *testing.T) {
	saveLog(t)
	out := useRoot(t, "%(levelname)s %(name)s %(filename)s %(message)s user=%(user)s id=%(req.id)s")
	var logOut bytes.Buffer
	log.SetOutput(&logOut)
	log.SetFlags(log.Lmsgprefix)
	prev := slog.Default()

	restore := compat.InstallDefault()
	if log.Writer() != io.Writer(&logOut) || log.Flags() != log.Lmsgprefix {
		t.Errorf("InstallDefault changed the log package: %T %d", log.Writer(), log.Flags())
	}
	slog.With("user", "ann").WithGroup("req").Warn("slow", "id", 7)
	slog.Default().With("user", "bob").Debug("debug", slog.Group("req", "id", 8))
	slog.Default().With(slog.Group("req", "id", 9)).Info("nested", "user", "cy")
	log.Print("log package")
	want := "WARNING root default_test.go slow user=ann id=7\n" +
		"DEBUG root default_test.go debug user=bob id=8\n" +
		"INFO root default_test.go nested user=cy id=9\n"
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
	if logOut.String() != "log package\n" {
		t.Errorf("log package output %q", logOut.String())
	}

	restore()
	if slog.Default() != prev {
		t.Errorf("restore did not put back slog.Default()")
	}
	if log.Writer() != io.Writer(&logOut) || log.Flags() != log.Lmsgprefix {
		t.Errorf("restore changed the log package: %T %d", log.Writer(), log.Flags())
	}
}

// TestInstallDefaultKeepsCapture: with CaptureStdlog on, the log package
// keeps going to "stdlog" after InstallDefault and after its restore.
func TestInstallDefaultKeepsCapture(t *testing.T) {
	saveLog(t)
	h := useLogger(t, "stdlog")
	useRoot(t, "%(message)s")
	compat.CaptureStdlog(true)
	restore := compat.InstallDefault()
	log.Print("one")
	restore()
	log.Print("two")
	if rs := h.All(); len(rs) != 2 || rs[0].Msg != "one" || rs[1].Msg != "two" {
		t.Errorf("%d records", len(rs))
	}
}
