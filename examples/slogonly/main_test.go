package main

import (
	"go/parser"
	"go/token"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

// want is the content of each file after a run: the records
// CPython's RotatingFileHandler(maxBytes=160, backupCount=2) leaves for the
// same lines (checked by hand with CPython 3.11).
var want = map[string]string{
	"inventory.log.2": "WARNING root inventory: not enough stock (sku=B-2 n=- total=- have=5 want=8)\n",
	"inventory.log.1": "ERROR   shop -: order 2 failed: inventory: insufficient stock: B-2: have 5, want 8 (sku=- n=- total=- have=- want=-)\n",
	"inventory.log":   "INFO    root inventory: stock added (sku=C-3 n=1 total=1 have=- want=-)\n",
}

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	dir := t.TempDir()
	prev := slog.Default()
	stderr := exampletest.Stderr(t, func() {
		if err := run([]string{"-file", filepath.Join(dir, "inventory.log")}); err != nil {
			t.Error(err)
		}
	})
	if stderr != "" {
		t.Errorf("stderr = %q, want nothing", stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(want) {
		t.Errorf("%d files in the directory, want %d", len(entries), len(want))
	}
	for name, content := range want {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if string(got) != content {
			t.Errorf("%s:\n%s\nwant:\n%s", name, got, content)
		}
	}
	if slog.Default() != prev {
		t.Errorf("run did not put slog.Default() back")
	}
}

// TestLibraryImportsOnlySlog checks that the "existing codebase" knows
// nothing of slogpy: its imports are standard library packages, log/slog
// among them.
func TestLibraryImportsOnlySlog(t *testing.T) {
	files, err := filepath.Glob("inventory/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no library files: %v", err)
	}
	fset := token.NewFileSet()
	sawSlog := false
	for _, file := range files {
		f, err := parser.ParseFile(fset, file, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			first, _, _ := strings.Cut(path, "/")
			if strings.Contains(first, ".") || strings.Contains(path, "slogpy") {
				t.Errorf("%s imports %s", file, path)
			}
			sawSlog = sawSlog || path == "log/slog"
		}
	}
	if !sawSlog {
		t.Errorf("the library does not import log/slog")
	}
}
