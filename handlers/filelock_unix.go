//go:build darwin || dragonfly || freebsd || illumos || linux || netbsd || openbsd

package handlers

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// rotatingProcessLock is the advisory lock the rotating handlers hold,
// with their ProcessLock option, around the size check, the rollover and
// the write of each record: flock(2) on a lock file next to the log file.
// flock locks belong to the open file, so two handlers of one process
// exclude each other as two processes do. The handler's own mutex is held
// whenever it is used.
type rotatingProcessLock struct {
	path string
	f    *os.File
	fd   int
}

// rotatingNewProcessLock opens (creating) the lock file.
func rotatingNewProcessLock(path string) (*rotatingProcessLock, error) {
	l := &rotatingProcessLock{path: path}
	if err := l.open(); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *rotatingProcessLock) open() error {
	f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return fmt.Errorf("process lock: %w", err)
	}
	l.f, l.fd = f, int(f.Fd())
	return nil
}

// lock takes the lock, reopening the lock file after close.
func (l *rotatingProcessLock) lock() error {
	if l.f == nil {
		if err := l.open(); err != nil {
			return err
		}
	}
	for {
		err := syscall.Flock(l.fd, syscall.LOCK_EX)
		if err == nil {
			return nil
		}
		if !errors.Is(err, syscall.EINTR) {
			return &os.PathError{Op: "flock", Path: l.path, Err: err}
		}
	}
}

func (l *rotatingProcessLock) unlock() error {
	if err := syscall.Flock(l.fd, syscall.LOCK_UN); err != nil {
		return &os.PathError{Op: "flock", Path: l.path, Err: err}
	}
	return nil
}

// close closes the lock file (which releases the lock); lock reopens it.
func (l *rotatingProcessLock) close() error {
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f, l.fd = nil, -1
	return err
}
