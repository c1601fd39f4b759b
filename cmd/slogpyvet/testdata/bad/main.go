package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	// Each record prints where it was logged and its attributes, so that
	// the test finds the !BADKEY attributes; a record that fails prints
	// where it was logged on standard error.
	h := slogpy.NewStreamHandler(os.Stdout, &slogpy.HandlerOptions{
		ErrorHandler: func(r *slogpy.Record, err error) {
			fmt.Fprintf(os.Stderr, "error at %s:%d: %v\n", r.Filename(), r.Lineno(), err)
		},
	})
	if err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
		Handlers: []slog.Handler{h}, Level: levels.Debug, Format: "%(filename)s:%(lineno)d%(attrs)s",
	}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx, err, n := context.Background(), errors.New("boom"), 3
	types("ann", n, 2.5, true, time.Second, time.Now(), []int{1}, []byte("b"), &n)
	counts("ann", n, err)
	syntax(n)
	interpolation(ctx, "ann", err)
	fatal(err)
	everywhere(ctx, err, "ann")
	formatters()
	pythonValues(slogpy.Tuple{1, 2}, slogpy.Dict{{Key: "a", Value: 1}})
	callForm("ann", n, time.Second, "k")
	with("ann", n)
	goVerbs("ann", n, 2.5)
}
