package main

import (
	"bytes"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

const want = `echo c1 INFO connection opened
echo c1 DEBUG echoing 'hello'
echo c1 DEBUG echoing 'how are you?'
echo.audit - WARNING [c1] client sent 2 lines, 19 bytes
echo c1 INFO connection closed
echo c2 INFO connection opened
echo c2 DEBUG echoing 'ping'
echo c2 ERROR empty line 2: nothing to echo
echo c2 DEBUG echoing 'ping'
echo.audit - WARNING [c2] client sent 3 lines, 11 bytes
echo c2 INFO connection closed
echo c3 INFO connection opened
echo c3 DEBUG echoing 'bye'
echo.audit - WARNING [c3] client sent 1 lines, 4 bytes
echo c3 INFO connection closed
echo - INFO served 3 connections
`

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatal(err)
	}
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}

// TestMainOutput runs the command as a program would, writing to standard
// error.
func TestMainOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	if got := exampletest.Stderr(t, main); got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
}
