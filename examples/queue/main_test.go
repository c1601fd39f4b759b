package main

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// exampleMainEnv makes the test binary run main instead of the tests.
const exampleMainEnv = "SLOGPY_EXAMPLE_QUEUE_MAIN"

// TestMain runs on the program's main goroutine, which %(threadName)s
// prints as MainThread; the tests run main there through a child process.
func TestMain(m *testing.M) {
	if os.Getenv(exampleMainEnv) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func TestOutput(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), exampleMainEnv+"=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\nstderr:\n%s", err, stderr.String())
	}
	if want := "MainThread: Look out!\nMainThread: Look out, slog!\n"; stderr.String() != want {
		t.Errorf("stderr = %q, want %q", stderr.String(), want)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout = %q, want nothing", stdout.String())
	}
}
