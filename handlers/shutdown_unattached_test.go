package handlers_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// TestShutdownFlushesUnattached: a buffered FileHandler and a buffered
// RotatingFileHandler that no logger holds (behind a QueueListener built
// in code, as a new user's tryout wired them) have every record in their
// files after slogpy.Shutdown, whether the listener is stopped before
// Shutdown or after it (its last records then reach closed handlers,
// which write them at once, as Python's emit after close reopens the
// file). Each order runs in a process of its own, since Shutdown closes
// the default manager's handlers.
func TestShutdownFlushesUnattached(t *testing.T) {
	if dir := os.Getenv("SLOGPY_TEST_SHUTDOWN_DIR"); dir != "" {
		shutdownUnattached(dir, os.Getenv("SLOGPY_TEST_SHUTDOWN_ORDER"))
		return
	}
	for _, order := range []string{"stop-first", "shutdown-first"} {
		t.Run(order, func(t *testing.T) {
			dir := t.TempDir()
			cmd := exec.Command(os.Args[0], "-test.run=^TestShutdownFlushesUnattached$")
			cmd.Env = append(os.Environ(), "SLOGPY_TEST_SHUTDOWN_DIR="+dir, "SLOGPY_TEST_SHUTDOWN_ORDER="+order)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("%v\n%s", err, out)
			}
			for _, name := range []string{"app.log", "rot.log"} {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				if n := bytes.Count(b, []byte("\n")); n != 1000 {
					t.Errorf("%s: %d lines, want 1000", name, n)
				}
			}
		})
	}
}

func shutdownUnattached(dir, order string) {
	buffered := slogpy.FileHandlerOptions{BufferSize: 64 << 10}
	fh, err := slogpy.NewFileHandler(filepath.Join(dir, "app.log"), &buffered)
	if err != nil {
		panic(err)
	}
	rh, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "rot.log"), &handlers.RotatingFileHandlerOptions{FileHandlerOptions: buffered})
	if err != nil {
		panic(err)
	}
	qh := handlers.NewQueueHandler(nil, nil)
	ql, err := handlers.NewQueueListener(qh.Queue(), []slog.Handler{fh, rh}, nil)
	if err != nil {
		panic(err)
	}
	fh, rh = nil, nil // only the listener holds them now
	ql.Start()
	slogpy.Root().AddHandler(qh)
	for i := range 1000 {
		slogpy.Warning("record %d", i)
	}
	if order == "stop-first" {
		ql.Stop()
		slogpy.Shutdown()
	} else {
		slogpy.Shutdown()
		ql.Stop()
	}
	fmt.Println("done")
}
