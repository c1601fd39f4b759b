// Command good makes logging calls that slogpyvet accepts, and that the
// library logs without an error report: the test runs it and fails on
// any output on standard error.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"time"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

type userID int

func (u userID) String() string { return fmt.Sprintf("user-%d", int(u)) }

type point struct{ X, Y int }

func main() {
	if err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
		Stream: os.Stdout, Level: levels.Debug,
		Format: "%(levelname)s %(name)s %(message)s%(attrs)s",
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	logger := slogpy.GetLogger("good")
	ctx := context.Background()
	err := errors.New("disk full")
	name, n, f, id := "ann", 3, 2.5, userID(7)
	var anything any = "x"

	// Python's calls: directives and their arguments.
	logger.Info("no arguments: 100% done, %d and %(name)s print as they are")
	logger.Info("user %s logged in %d times, %.1f%% of %r", name, n, f, name)
	logger.Debug("%d %i %u %x %X %o %e %E %f %F %g %G", n, n, n, n, n, n, f, f, f, f, f, f)
	logger.Debug("%d of a float truncates: %d, %d of a bool: %d", f, f, n, true)
	logger.Debug("%c%c %5s|%-5s|%05d|%+d|% d|%#x|%#o", 'A', "b", name, name, n, n, n, n, n)
	logger.Debug("%*d|%-*.*f|%.*s", 5, n, 8, 2, f, 2, name)
	logger.Debug("%s %s %r %d", id, err, point{1, 2}, id)
	logger.Debug("%d %s", big.NewInt(12345678901234567), time.Duration(1500)*time.Millisecond)
	logger.Debug("%s", anything)
	logger.Info("%(user)s has %(count)d items", map[string]any{"user": name, "count": n})
	logger.Info("mapping without directives", map[string]any{"user": name})
	logger.Warning("%s", map[string]int{"a": 1})
	logger.Info("%(b)s then %(a)s", slogpy.Dict{{Key: "b", Value: 1}, {Key: "a", Value: 2}})
	logger.Info("%s and %r", slogpy.Tuple{1, "x"}, slogpy.Dict{{Key: "b", Value: 1}})
	const tmpl = "constant %s"
	logger.Info(tmpl, name)

	// Attributes and call options, wherever they are.
	logger.Info("user %s", slog.String("req", "r1"), name, slogpy.StackLevel(1))
	logger.Error("failed: %s", err, slogpy.ExcInfo(err), slog.Group("g", slog.Int("a", 1)))

	// Every logging entry point.
	logger.Warn("w %d", n)
	logger.Critical("c %d", n)
	logger.Log(levels.Info, "l %d", n)
	logger.LogContext(ctx, levels.Info, "lc %d", n)
	logger.DebugContext(ctx, "dc %d", n)
	logger.InfoContext(ctx, "ic %d", n)
	logger.WarningContext(ctx, "wc %d", n)
	logger.ErrorContext(ctx, "ec %d", n)
	logger.CriticalContext(ctx, "cc %d", n)
	logger.Exception(err, "exc %d", n)
	logger.ExceptionContext(ctx, err, "excc %d", n)
	slogpy.Info("module %d", n)
	slogpy.Log(levels.Info, "module log %d", n)
	a := adapter.New(logger, []slog.Attr{slog.String("conn", "c1")}, nil)
	a.Info("adapter %d", n)
	a.ErrorContext(ctx, "adapter ec %d", n)
	var t adapter.Target = a
	t.LogContext(ctx, levels.Info, "target %d", n)

	// Messages not checked: not constant, or arguments passed as a slice.
	args := []any{name}
	logger.Info("spread %s", args...)
	msg := "dynamic %s"
	logger.Info(msg, name)

	callForm(logger)
	with(logger, name)

	// Fatal followed by an exit is what the Go developer meant.
	if n < 0 {
		logger.Fatal("cannot start: %s", err)
		os.Exit(1)
	}

	// Formatters that build.
	for _, f := range []func() (*slogpy.Formatter, error){
		func() (*slogpy.Formatter, error) { return slogpy.NewFormatter("%(asctime)s %(message)s", nil) },
		func() (*slogpy.Formatter, error) {
			return slogpy.NewFormatter("{asctime} {message}", &slogpy.FormatterOptions{Style: "{", Datefmt: "%H:%M"})
		},
	} {
		if _, err := f(); err != nil {
			fmt.Fprintln(os.Stderr, err)
		}
	}
}
