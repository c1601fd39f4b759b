package contrib

import (
	"io"

	"golang.org/x/term"
)

// IsTerminal reports whether w is a terminal, as Python's stream.isatty():
// true for a writer with an IsTerminal() bool method that returns true,
// or with an Fd() uintptr method (an *os.File) whose descriptor is a
// terminal; false for everything else (a pipe, a file, /dev/null, a
// buffer).
func IsTerminal(w io.Writer) bool {
	switch w := w.(type) {
	case interface{ IsTerminal() bool }:
		return w.IsTerminal()
	case interface{ Fd() uintptr }:
		return term.IsTerminal(int(w.Fd()))
	}
	return false
}
