package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	got := exampletest.Stderr(t, main)
	exampletest.Match(t, got, exampletest.Asctime+` - app\.db - INFO - connected to db1 in 12 ms\n`+
		exampletest.Asctime+` - app\.db - ERROR - query 'SELECT 1' failed\n`+
		`connection reset\n`)
}
