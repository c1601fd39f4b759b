package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

func TestOutput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"default", nil, "DEBUG:root:This message should go to the log file\n" +
			"INFO:root:So should this\n" +
			"WARNING:root:And this, too\n"},
		{"log=INFO", []string{"--log=INFO"}, "INFO:root:So should this\n" +
			"WARNING:root:And this, too\n"},
		{"log=warning", []string{"-log", "warning"}, "WARNING:root:And this, too\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Cleanup(exampletest.Reset)
			path := filepath.Join(t.TempDir(), "example.log")
			args := append([]string{"-file", path}, tt.args...)
			// Run twice: filemode "w" drops the first run's records.
			for i := range 2 {
				exampletest.Reset()
				stderr := exampletest.Stderr(t, func() {
					if err := run(args); err != nil {
						t.Errorf("run %d: %v", i+1, err)
					}
				})
				if stderr != "" {
					t.Errorf("run %d: stderr = %q, want nothing", i+1, stderr)
				}
			}
			got, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("%s:\n%s\nwant:\n%s", path, got, tt.want)
			}
		})
	}
}

// TestBadLevel runs the example as a program (this test binary, run again
// as main) with a level that does not exist: it exits with status 2, says
// why on standard error, and creates no log file.
func TestBadLevel(t *testing.T) {
	if path := os.Getenv("EXAMPLE_FILE_BAD_LEVEL"); path != "" {
		os.Args = []string{"file", "-file", path, "-log", "LOUD"}
		main()
		os.Exit(0)
	}
	path := filepath.Join(t.TempDir(), "example.log")
	cmd := exec.Command(os.Args[0], "-test.run=^TestBadLevel$")
	cmd.Env = append(os.Environ(), "EXAMPLE_FILE_BAD_LEVEL="+path)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Errorf("exit: %v, want exit status 2", err)
	}
	const want = `invalid value "LOUD" for flag -log: levels: unknown level "LOUD" (known: NOTSET, DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL, FATAL)`
	if got, _, _ := strings.Cut(stderr.String(), "\n"); got != want {
		t.Errorf("stderr starts %q, want %q", got, want)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("%s exists after a bad flag (stat: %v)", path, err)
	}
}
