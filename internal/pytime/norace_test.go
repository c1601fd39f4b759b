//go:build !race

package pytime

const raceEnabled = false
