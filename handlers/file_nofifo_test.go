//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd)

package handlers

import "errors"

// fileMkfifo reports that this system's syscall package has no Mkfifo: the
// FIFO test skips.
func fileMkfifo(string) error { return errors.ErrUnsupported }
