//go:build !race

package receiver

// raceEnabled: the race detector is on (timings mean nothing).
const raceEnabled = false
