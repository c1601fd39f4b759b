// Package exampletest holds what the examples' tests share: running an
// example with standard error captured, and putting the default manager's
// root logger back as a fresh program has it.
package exampletest

import (
	"io"
	"os"
	"regexp"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// Stderr calls f with os.Stderr replaced by a pipe and returns what f wrote
// to it. The pipe is drained by a goroutine while f runs, so f may write more
// than the pipe's buffer holds. os.Stderr is restored even if f panics.
func Stderr(t testing.TB, f func()) string { return capture(t, &os.Stderr, f) }

// Stdout is Stderr for os.Stdout.
func Stdout(t testing.TB, f func()) string { return capture(t, &os.Stdout, f) }

func capture(t testing.TB, file **os.File, f func()) string {
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
	old := *file
	*file = w
	func() {
		defer func() {
			*file = old
			w.Close()
		}()
		f()
	}()
	return <-done
}

// Reset removes and closes the root logger's handlers and sets its level
// back to WARNING, so that the next BasicConfig or module-level logging
// call configures logging afresh, as in a newly started program.
func Reset() {
	root := slogpy.Root()
	for _, h := range root.Handlers() {
		root.RemoveHandler(h)
		if c, ok := h.(io.Closer); ok {
			c.Close()
		}
	}
	root.SetLevel(levels.Warning)
}

// Asctime matches %(asctime)s in Python's default date format,
// "2003-07-08 16:49:45,896".
const Asctime = `\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`

// Match fails t unless got matches the regular expression want, which is
// anchored at both ends.
func Match(t testing.TB, got, want string) {
	t.Helper()
	if !regexp.MustCompile(`\A(?:` + want + `)\z`).MatchString(got) {
		t.Errorf("output:\n%s\ndoes not match:\n%s", got, want)
	}
}
