package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	path := filepath.Join(t.TempDir(), "myapp.log")
	const once = "INFO:root:Started\n" +
		"INFO:root:Doing something\n" +
		"INFO:root:Finished\n"
	// Each run appends: the default filemode is "a".
	for i := 1; i <= 2; i++ {
		exampletest.Reset()
		stderr := exampletest.Stderr(t, func() {
			if err := run([]string{"-file", path}); err != nil {
				t.Errorf("run %d: %v", i, err)
			}
		})
		if stderr != "" {
			t.Errorf("run %d: stderr = %q, want nothing", i, stderr)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if want := strings.Repeat(once, i); string(got) != want {
			t.Errorf("after run %d, %s:\n%s\nwant:\n%s", i, path, got, want)
		}
	}
}
