// Package stdio provides writers to the process's standard output and
// error as they are at the time of each write, as Python's handlers made
// from sys.stderr follow a replaced sys.stderr.
package stdio

import "os"

// Writer is a standard stream of the process, looked up at each write:
// a test or a program that replaces os.Stderr redirects it.
type Writer uint8

// The standard streams.
const (
	Stdout Writer = 1
	Stderr Writer = 2
)

// Write writes p to the stream.
func (w Writer) Write(p []byte) (int, error) {
	if w == Stdout {
		return os.Stdout.Write(p)
	}
	return os.Stderr.Write(p)
}
