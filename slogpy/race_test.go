//go:build race

package slogpy_test

const raceEnabled = true
