package main

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestAnalyzer checks the findings on testdata/bad, each named by its
// "// want" comment, and that testdata/good has none.
func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, ".", Analyzer, "./testdata/bad", "./testdata/good")
}

// TestGoodCallsLog runs testdata/good, whose calls slogpyvet accepts, with
// the real library: none may print an error report.
func TestGoodCallsLog(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	cmd := exec.Command("go", "run", "./testdata/good")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run ./testdata/good: %v\n%s", err, stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Errorf("the good calls printed on standard error:\n%s", stderr.Bytes())
	}
	if n := strings.Count(stdout.String(), "\n"); n < 30 {
		t.Errorf("the good calls logged %d lines, want at least 30:\n%s", n, stdout.Bytes())
	}
}

// TestSuggestedFixes applies the fixes of testdata/fix and compares the
// result with fix.go.golden.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, ".", Analyzer, "./testdata/fix")
}
