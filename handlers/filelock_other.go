//go:build !(darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd)

package handlers

import (
	"fmt"
	"runtime"
)

// rotatingProcessLock is not available here: the ProcessLock option needs
// flock(2), and the constructors return this error instead.
type rotatingProcessLock struct{}

func rotatingLockUnsupported() error {
	return fmt.Errorf("ProcessLock is not supported on %s (it needs flock)", runtime.GOOS)
}

func rotatingNewProcessLock(string) (*rotatingProcessLock, error) {
	return nil, rotatingLockUnsupported()
}

func (*rotatingProcessLock) lock() error   { return rotatingLockUnsupported() }
func (*rotatingProcessLock) unlock() error { return rotatingLockUnsupported() }
func (*rotatingProcessLock) close() error  { return nil }
