package slogpy_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFreshModule builds a new module that imports the module root and
// package slogpy through a replace directive to this clone, as the README's
// install recipe says, and checks that go doc of the root prints the map.
func TestFreshModule(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go tool")
	}
	if testing.Short() {
		t.Skip("builds a module")
	}
	root, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/fresh\n\ngo 1.24\n\n"+
		"require github.com/slogpy/slogpy v0.0.0-00010101000000-000000000000\n\n"+
		"replace github.com/slogpy/slogpy => "+root+"\n")
	sum, err := os.ReadFile("go.sum")
	if err != nil {
		t.Fatal(err)
	}
	write("go.sum", string(sum))
	write("main.go", `package main

import (
	_ "github.com/slogpy/slogpy"

	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	if err := slogpy.BasicConfig(nil); err != nil {
		panic(err)
	}
	logger := slogpy.GetLogger("fresh")
	logger.Warning("built", "from", "a clone")
}
`)
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(goTool, args...)
		cmd.Dir = dir
		// No network: everything comes from the module cache this module's
		// own build filled.
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("build", "-o", filepath.Join(dir, "fresh"), ".")
	out, err := exec.Command(filepath.Join(dir, "fresh")).CombinedOutput()
	// BASIC_FORMAT does not print attributes.
	if err != nil || string(out) != "WARNING:fresh:built\n" {
		t.Errorf("the program printed %q (%v)", out, err)
	}
	dir = root
	doc := run("doc", "github.com/slogpy/slogpy")
	for _, want := range []string{"package slogpy // import \"github.com/slogpy/slogpy\"", "logging.handlers", "github.com/slogpy/slogpy/config"} {
		if !strings.Contains(doc, want) {
			t.Errorf("go doc github.com/slogpy/slogpy lacks %q:\n%s", want, doc)
		}
	}
}
