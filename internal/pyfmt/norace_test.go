//go:build !race

package pyfmt

// raceEnabled is set when the race detector is on; it makes allocations.
const raceEnabled = false
