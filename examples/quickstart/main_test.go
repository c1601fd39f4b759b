package main

import (
	"os"
	"strings"
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

// TestREADME keeps the README's quick start the same program as this one.
func TestREADME(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	code, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	_, block, ok := strings.Cut(string(readme), "```go\npackage main")
	block, _, _ = strings.Cut(block, "```")
	_, body, _ := strings.Cut(string(code), "package main")
	if !ok || strings.TrimSpace(block) != strings.TrimSpace(body) {
		t.Errorf("README's quick start differs from examples/quickstart/main.go:\n%s", block)
	}
}
