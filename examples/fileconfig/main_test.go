package main

import (
	"io"
	"os"
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

// stdout calls f with os.Stdout replaced by a pipe and returns what f
// wrote to it.
func stdout(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		r.Close()
		done <- string(b)
	}()
	old := os.Stdout
	os.Stdout = w
	func() {
		defer func() {
			os.Stdout = old
			w.Close()
		}()
		f()
	}()
	return <-done
}

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	var errOut string
	out := stdout(t, func() { errOut = exampletest.Stderr(t, main) })
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
