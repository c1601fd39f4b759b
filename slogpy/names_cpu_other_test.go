//go:build !linux

package slogpy

import "time"

// scaleThreadCPU is wall time where the thread's CPU time is not at hand.
func scaleThreadCPU() time.Duration { return time.Duration(time.Now().UnixNano()) }
