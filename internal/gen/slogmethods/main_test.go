package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGenerated regenerates every package of the module in memory and
// compares with its zz_slog_methods.go: a package with handler types has
// the file, up to date, and the go:generate line that writes it; a
// package without has neither.
func TestGenerated(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || name == "testdata") {
			return filepath.SkipDir
		}
		if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil && path != root {
			return filepath.SkipDir // another module (benchmarks, cmd/slogpyvet)
		}
		want, err := generate(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		got, err := os.ReadFile(filepath.Join(path, Output))
		switch {
		case want == nil && err == nil:
			t.Errorf("%s: %s present, but the package has no handler type: remove it", rel, Output)
		case want == nil:
		case err != nil:
			t.Errorf("%s: %s missing: run go generate ./%s", rel, Output, rel)
		case !bytes.Equal(got, want):
			t.Errorf("%s: %s is stale: run go generate ./%s", rel, Output, rel)
		}
		if want != nil {
			seen++
			if !hasDirective(t, path) {
				t.Errorf("%s: no //go:generate line running internal/gen/slogmethods", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen < 5 {
		t.Errorf("%d packages with handler types, want slogpy, handlers, contrib, compat and internal/slogtestutil at least", seen)
	}
}

func hasDirective(t *testing.T, dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "//go:generate go run ") && strings.HasSuffix(line, "/gen/slogmethods") {
				return true
			}
		}
	}
	return false
}

// TestFindsEmbeddings: a type embedding the base through another type of
// the package gets methods; an unexported one, or one whose file has
// build constraints, does not; a method the type declares is not
// written again.
func TestFindsEmbeddings(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.go", `package p

import sp "github.com/slogpy/slogpy/slogpy"

type core struct{ sp.HandlerBase }

type Outer struct{ core }

type Deeper struct{ *Outer }

type Plain struct{ x int }

func (h *Deeper) WithGroup(string) {}
`)
	write("b.go", "//go:build windows\n\npackage p\n\ntype Win struct{ core }\n")
	src, err := generate(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	for _, want := range []string{"func (h *Outer) Handle(", "func (h *Outer) WithGroup(", "func (h *Deeper) WithAttrs(", "handlercore.Handle(ctx, h, r)", "DO NOT EDIT"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	for _, bad := range []string{"*core)", "*Plain)", "*Win)", "func (h *Deeper) WithGroup("} {
		if strings.Contains(s, bad) {
			t.Errorf("output has %q:\n%s", bad, s)
		}
	}
}
