//go:build !linux

package scaletest

import "time"

// ThreadCPU is wall time where the thread's CPU time is not at hand.
func ThreadCPU() time.Duration { return time.Duration(time.Now().UnixNano()) }

// ProcessCPU is wall time where the process's CPU time is not at hand.
func ProcessCPU() time.Duration { return time.Duration(time.Now().UnixNano()) }
