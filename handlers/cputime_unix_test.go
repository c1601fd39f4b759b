//go:build unix

package handlers_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time, user and system, the process has used:
// the benchmark's goroutines and the garbage collector, and nothing of the
// other processes that share the machine.
func processCPU() (time.Duration, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
