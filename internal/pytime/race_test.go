//go:build race

package pytime

const raceEnabled = true
