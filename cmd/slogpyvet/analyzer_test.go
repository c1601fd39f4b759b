package main

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// TestAnalyzer checks the findings on testdata/bad, each named by its
// "// want" comment, and that testdata/good has none. It then runs both
// with the real library: the good calls print no error report, and the
// bad calls reported as Python errors, and as !BADKEY, are exactly those
// the library reports so.
func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, ".", Analyzer, "./testdata/bad", "./testdata/good")
	if testing.Short() {
		return
	}
	var pyErrors, badKeys []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			at := fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
			switch {
			case strings.Contains(d.Message, "!BADKEY"):
				badKeys = append(badKeys, at)
			case pythonError.MatchString(d.Message) && !strings.HasPrefix(d.Message, "slogpy: formatter") &&
				!strings.HasPrefix(d.Message, "BasicConfig"):
				pyErrors = append(pyErrors, at)
			}
		}
	}

	// A record that fails to format prints an error report, not its
	// !BADKEY attribute.
	badKeys = slices.DeleteFunc(badKeys, func(at string) bool { return slices.Contains(pyErrors, at) })

	stdout, stderr := runProgram(t, "./testdata/good")
	if len(stderr) > 0 {
		t.Errorf("the good calls printed on standard error:\n%s", stderr)
	}
	if n := bytes.Count(stdout, []byte("\n")); n < 40 {
		t.Errorf("the good calls logged %d lines, want at least 40:\n%s", n, stdout)
	}
	if bytes.Contains(stdout, []byte("!BADKEY")) {
		t.Errorf("the good calls logged a !BADKEY attribute:\n%s", stdout)
	}

	stdout, stderr = runProgram(t, "./testdata/bad")
	var reported, logged []string
	for _, m := range loggedFrom.FindAllSubmatch(stderr, -1) {
		reported = append(reported, string(m[1])+":"+string(m[2]))
	}
	for _, line := range strings.Split(string(stdout), "\n") {
		if at, _, ok := strings.Cut(line, " "); ok && strings.Contains(line, "!BADKEY") {
			logged = append(logged, at)
		}
	}
	same(t, "calls with an error report", reported, "calls reported as Python errors", pyErrors)
	same(t, "calls logged with !BADKEY", logged, "calls reported as !BADKEY", badKeys)
}

var (
	pythonError = regexp.MustCompile(`\((TypeError|ValueError|KeyError|OverflowError): `)
	loggedFrom  = regexp.MustCompile(`(?m)^error at (\S+):(\d+): `)
)

// runProgram runs the program in dir and returns its standard output and error.
func runProgram(t *testing.T, dir string) (stdout, stderr []byte) {
	t.Helper()
	cmd := exec.Command("go", "run", dir)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("go run %s: %v\n%s", dir, err, errb.Bytes())
	}
	return out.Bytes(), errb.Bytes()
}

// same reports where the sets of call positions got and want differ.
func same(t *testing.T, gotWhat string, got []string, wantWhat string, want []string) {
	t.Helper()
	slices.Sort(got)
	slices.Sort(want)
	got, want = slices.Compact(got), slices.Compact(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n%v\n%s:\n%v", gotWhat, got, wantWhat, want)
	}
	if len(want) == 0 {
		t.Errorf("no %s", wantWhat)
	}
}

// TestSuggestedFixes applies the fixes of testdata/fix and compares the
// result with fix.go.golden.
func TestSuggestedFixes(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, ".", Analyzer, "./testdata/fix")
}

// TestCommand builds slogpyvet and runs it on testdata/bad alone and as
// go vet's -vettool: both report the findings and exit with a failure.
func TestCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "slogpyvet")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const finding = `bad.go:21:35: %d at index 5 needs a number, got string argument "name"`
	for _, tc := range []struct {
		args []string
		exit int
	}{
		{[]string{bin, "./testdata/bad"}, 3},
		{[]string{"go", "vet", "-vettool=" + bin, "./testdata/bad"}, 1},
	} {
		out, err := exec.Command(tc.args[0], tc.args[1:]...).CombinedOutput()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != tc.exit {
			t.Errorf("%v: %v, want exit status %d\n%s", tc.args, err, tc.exit, out)
		}
		if !bytes.Contains(out, []byte(finding)) {
			t.Errorf("%v does not report\n%s\nit prints:\n%s", tc.args, finding, out)
		}
	}
}
