package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	var errOut string
	out := exampletest.Stdout(t, func() { errOut = exampletest.Stderr(t, main) })
	if errOut != "" {
		t.Errorf("stderr: %q", errOut)
	}
	a := exampletest.Asctime
	exampletest.Match(t, out, ""+
		a+` - simpleExample - DEBUG - debug message\n`+
		a+` - simpleExample - INFO - info message\n`+
		a+` - simpleExample - WARNING - warn message\n`+
		a+` - simpleExample - ERROR - error message\n`+
		a+` - simpleExample - CRITICAL - critical message\n`)
}
