//go:build !race

package slogpy_test

const raceEnabled = false
