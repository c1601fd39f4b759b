package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	got := exampletest.Stderr(t, main)
	if want := "WARNING:root:Watch out!\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}
