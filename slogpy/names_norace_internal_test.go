//go:build !race

package slogpy

// scaleRace: the race detector is on (timings mean nothing).
const scaleRace = false
