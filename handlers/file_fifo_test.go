//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package handlers

import "syscall"

// fileMkfifo makes a FIFO at path.
func fileMkfifo(path string) error { return syscall.Mkfifo(path, 0o644) }
