package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func TestOutput(t *testing.T) {
	t.Cleanup(func() {
		logger := slogpy.GetLogger("simple_example")
		for _, h := range logger.Handlers() {
			logger.RemoveHandler(h)
		}
		logger.SetLevel(levels.NotSet)
	})
	got := exampletest.Stderr(t, main)
	const ts = exampletest.Asctime
	exampletest.Match(t, got, ts+` - simple_example - DEBUG - debug message\n`+
		ts+` - simple_example - INFO - info message\n`+
		ts+` - simple_example - WARNING - warn message\n`+
		ts+` - simple_example - ERROR - error message\n`+
		ts+` - simple_example - CRITICAL - critical message\n`)
}
