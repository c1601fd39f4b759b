//go:build !unix

package config

import "time"

var processStart = time.Now()

// cpuTime returns the time since the tests started where processor time
// is not available.
func cpuTime() time.Duration { return time.Since(processStart) }
