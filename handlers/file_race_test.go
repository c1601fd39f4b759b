//go:build race

package handlers

// fileRaceEnabled reports whether the race detector is on: allocation
// counts are skipped under it.
const fileRaceEnabled = true
