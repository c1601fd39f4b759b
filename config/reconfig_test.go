package config

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/slogpy"
)

// counter counts the records it handles.
type counter struct {
	slogpy.HandlerBase
	n atomic.Int64
}

func newCounter() *counter {
	c := &counter{}
	c.Configure(nil)
	return c
}

func (c *counter) Emit(*slogpy.Record) error {
	c.n.Add(1)
	return nil
}

var _ slogpy.Handler = (*counter)(nil)

// TestReconfigureUnderLoad applies DictConfig 100 times while 4 goroutines
// log: no race, no panic, and every record reaches the handler that is in
// every configuration. Each configuration also makes new stream, file and
// queue handlers, whose predecessors are closed and whose listeners are
// stopped; no goroutine is left behind.
func TestReconfigureUnderLoad(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	dir := t.TempDir()
	m := slogpy.NewManager()
	kept := newCounter()
	sink := newCounter() // the queue listener's handler, made anew each time
	config := func(i int) map[string]any {
		level := []string{"INFO", "DEBUG"}[i%2]
		return map[string]any{
			"version":                  1,
			"disable_existing_loggers": false,
			"formatters":               map[string]any{"f": map[string]any{"format": "%(name)s %(levelname)s %(message)s " + level}},
			"filters":                  map[string]any{"app": map[string]any{"name": "app"}},
			"handlers": map[string]any{
				"kept":   kept,
				"stream": map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "f", "level": level},
				"file":   map[string]any{"class": "logging.handlers.RotatingFileHandler", "filename": filepath.Join(dir, fmt.Sprintf("load%d.log", i%2)), "maxBytes": 1 << 16, "backupCount": 1, "formatter": "f"},
				"sink":   sink,
				"queue":  map[string]any{"class": "logging.handlers.QueueHandler", "handlers": []any{"sink"}},
			},
			"loggers": map[string]any{
				"app": map[string]any{"level": level, "propagate": false, "filters": []any{"app"}, "handlers": []any{"kept", "stream", "file", "queue"}},
			},
			"root": map[string]any{"level": "WARNING", "handlers": []any{"stream"}},
		}
	}
	o := &Options{Manager: m, Stdout: io.Discard, Stderr: io.Discard, ErrorHandler: func(err error) { t.Errorf("after apply: %v", err) }}
	if err := DictConfig(config(0), o); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var sent atomic.Int64
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			app, sub := m.GetLogger("app"), m.GetLogger("app.sub")
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if i%2 == 0 {
					app.Warning("goroutine %d record %d", g, i)
				} else {
					sub.Error("goroutine %d record %d", g, i)
				}
				sent.Add(1)
			}
		}()
	}
	for i := 1; i <= 100; i++ {
		if err := DictConfig(config(i), o); err != nil {
			t.Fatalf("configuration %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	if err := m.Shutdown(); err != nil { // stops the last queue listener
		t.Fatal(err)
	}
	if sent.Load() == 0 {
		t.Fatal("nothing was logged")
	}
	if got, want := kept.n.Load(), sent.Load(); got != want {
		t.Errorf("the handler in every configuration got %d records of %d", got, want)
	}
	// The queue handlers are replaced each time: a record logged while
	// the new one is attached and the old one not yet detached reaches
	// both, and none is lost.
	if got, want := sink.n.Load(), sent.Load(); got < want {
		t.Errorf("the queue listeners' handler got %d records of %d", got, want)
	}
}
