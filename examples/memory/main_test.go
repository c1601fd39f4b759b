package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
	"github.com/slogpy/slogpy/levels"
)

// want is what CPython 3.11 prints for the cookbook's script.
const want = `Calling undecorated foo with False
about to log at DEBUG ...
about to log at INFO ...
about to log at WARNING ...
Calling undecorated foo with True
about to log at DEBUG ...
about to log at INFO ...
about to log at WARNING ...
about to log at ERROR ...
about to log at CRITICAL ...
Calling decorated foo with False
about to log at DEBUG ...
about to log at INFO ...
about to log at WARNING ...
Calling decorated foo with True
about to log at DEBUG ...
about to log at INFO ...
about to log at WARNING ...
about to log at ERROR ...
Actually logged at DEBUG
Actually logged at INFO
Actually logged at WARNING
Actually logged at ERROR
about to log at CRITICAL ...
Actually logged at CRITICAL
`

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	if got := exampletest.Stderr(t, main); got != want {
		t.Errorf("stderr:\n%s\nwant (CPython):\n%s", got, want)
	}
}

// TestPanicIsLoggedWithContext checks the decorator's other branch: a
// panicking call logs "call failed" with the panic, which flushes the
// buffered context, and the panic goes on.
func TestPanicIsLoggedWithContext(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	logger.SetLevel(levels.Debug)
	decorator, err := logIfErrors(logger, nil, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	boom := decorator(func(bool) bool {
		logger.Debug("opening")
		panic("boom")
	})
	var recovered any
	got := exampletest.Stderr(t, func() {
		defer func() { recovered = recover() }()
		boom(false)
	})
	if recovered != "boom" {
		t.Errorf("recovered %v, want the panic to go on", recovered)
	}
	if want := "opening\ncall failed\nboom\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}
