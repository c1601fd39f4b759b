//go:build race

package handlers_test

// queueRaceEnabled reports whether the race detector is on, which changes
// allocation counts.
const queueRaceEnabled = true
