package handlers_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"testing/slogtest"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// bufferingBatches returns a Flush option that keeps each flushed batch as
// the records' messages.
func bufferingBatches(t *testing.T, batches *[][]string) func([]*slogpy.Record) error {
	return func(rs []*slogpy.Record) error {
		var b []string
		for _, r := range rs {
			msg, err := r.Message()
			if err != nil {
				t.Error(err)
			}
			b = append(b, msg)
		}
		*batches = append(*batches, b)
		return nil
	}
}

// TestBufferingHandler checks CPython's rules, by hand from
// logging/handlers.py: each record is appended, then the buffer is
// flushed when it holds capacity records, whatever the levels; Close
// flushes; a capacity of 0 flushes every record.
func TestBufferingHandler(t *testing.T) {
	tests := []struct {
		capacity int
		logs     int
		want     [][]string // batches after the records
		left     int
		closed   [][]string // batches after Close
	}{
		{3, 7, [][]string{{"r0", "r1", "r2"}, {"r3", "r4", "r5"}}, 1, [][]string{{"r6"}}},
		{3, 6, [][]string{{"r0", "r1", "r2"}, {"r3", "r4", "r5"}}, 0, nil},
		{0, 2, [][]string{{"r0"}, {"r1"}}, 0, nil},
		{1, 1, [][]string{{"r0"}}, 0, nil},
		{5, 2, nil, 2, [][]string{{"r0", "r1"}}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("capacity %d, %d records", tt.capacity, tt.logs), func(t *testing.T) {
			var batches [][]string
			h, err := handlers.NewBufferingHandler(tt.capacity, &handlers.BufferingHandlerOptions{Flush: bufferingBatches(t, &batches)})
			if err != nil {
				t.Fatal(err)
			}
			_, l := queueLogger(h)
			for i := range tt.logs {
				if i%2 == 0 {
					l.Critical("r%d", i) // levels do not matter
				} else {
					l.Debug("r%d", i)
				}
			}
			if fmt.Sprint(batches) != fmt.Sprint(tt.want) || h.Len() != tt.left {
				t.Errorf("batches %q, %d left; want %q, %d", batches, h.Len(), tt.want, tt.left)
			}
			batches = nil
			if err := h.Close(); err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(batches) != fmt.Sprint(tt.closed) || h.Len() != 0 {
				t.Errorf("Close: batches %q, %d left; want %q", batches, h.Len(), tt.closed)
			}
		})
	}
}

// TestBufferingDefaultDiscards checks that without a Flush option the
// records are discarded when the buffer is full, as in Python.
func TestBufferingDefaultDiscards(t *testing.T) {
	h, err := handlers.NewBufferingHandler(2, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, l := queueLogger(h)
	l.Info("a")
	if h.Len() != 1 {
		t.Errorf("Len = %d, want 1", h.Len())
	}
	l.Info("b")
	if h.Len() != 0 || h.Capacity() != 2 {
		t.Errorf("Len = %d, Capacity = %d; want 0, 2", h.Len(), h.Capacity())
	}
	if _, err := handlers.NewBufferingHandler(-3, nil); err == nil || err.Error() != "handlers: buffering handler: negative capacity -3" {
		t.Errorf("negative capacity: %v", err)
	}
}

// TestBufferingShouldFlush overrides the flush rule, as a Python subclass
// overrides shouldFlush.
func TestBufferingShouldFlush(t *testing.T) {
	var batches [][]string
	var seen []int
	h, err := handlers.NewBufferingHandler(100, &handlers.BufferingHandlerOptions{
		ShouldFlush: func(n int, r *slogpy.Record) bool {
			seen = append(seen, n)
			_, ok := r.Attr("commit")
			return ok
		},
		Flush: bufferingBatches(t, &batches),
	})
	if err != nil {
		t.Fatal(err)
	}
	_, l := queueLogger(h)
	l.Info("begin")
	l.Info("update")
	l.Info("commit", slog.Bool("commit", true))
	l.Info("begin")
	want := [][]string{{"begin", "update", "commit"}}
	if fmt.Sprint(batches) != fmt.Sprint(want) || fmt.Sprint(seen) != "[1 2 3 1]" {
		t.Errorf("batches %q (want %q), buffered counts %v", batches, want, seen)
	}
}

// TestBufferingFlushError checks that an error of the Flush option is
// reported once through the error hook and the buffer is emptied anyway.
func TestBufferingFlushError(t *testing.T) {
	var reports bytes.Buffer
	h, err := handlers.NewBufferingHandler(2, &handlers.BufferingHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&reports)},
		Flush:          func([]*slogpy.Record) error { return errors.New("sink down") },
	})
	if err != nil {
		t.Fatal(err)
	}
	_, l := queueLogger(h)
	l.Info("a")
	l.Info("b")
	if n := strings.Count(reports.String(), "--- Logging error ---\n"); n != 1 || !strings.Contains(reports.String(), "\nsink down\n") || h.Len() != 0 {
		t.Errorf("%d reports, %d left:\n%s", n, h.Len(), reports.String())
	}
	l.Info("c")
	if err := h.Flush(); err == nil || err.Error() != "sink down" {
		t.Errorf("Flush = %v", err)
	}
}

func TestSlogtestBufferingHandler(t *testing.T) {
	var lines bytes.Buffer
	var h *handlers.BufferingHandler
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		lines.Reset()
		var err error
		h, err = handlers.NewBufferingHandler(10, &handlers.BufferingHandlerOptions{Flush: func(rs []*slogpy.Record) error {
			for _, r := range rs {
				b, err := queueJSONFormatter{}.AppendFormat(nil, r)
				if err != nil {
					return err
				}
				lines.Write(append(b, '\n'))
			}
			return nil
		}})
		if err != nil {
			t.Fatal(err)
		}
		return h
	}, func(t *testing.T) map[string]any {
		if err := h.Flush(); err != nil {
			t.Fatal(err)
		}
		ms := queueParseLines(t, lines.Bytes())
		if len(ms) != 1 {
			t.Fatalf("%d records, want 1", len(ms))
		}
		return ms[0]
	})
}

// ExampleNewBufferingHandler batches records and hands each full batch to
// a function, as a Python subclass overriding flush would.
func ExampleNewBufferingHandler() {
	h, err := handlers.NewBufferingHandler(2, &handlers.BufferingHandlerOptions{
		Flush: func(batch []*slogpy.Record) error {
			fmt.Printf("batch of %d:", len(batch))
			for _, r := range batch {
				msg, _ := r.Message()
				fmt.Printf(" %q", msg)
			}
			fmt.Println()
			return nil
		},
	})
	if err != nil {
		panic(err)
	}
	m := slogpy.NewManager()
	log := m.GetLogger("batch")
	log.AddHandler(h)
	for i := range 5 {
		log.Warning("event %d", i)
	}
	h.Close() // flushes the last, partial batch
	// Output:
	// batch of 2: "event 0" "event 1"
	// batch of 2: "event 2" "event 3"
	// batch of 1: "event 4"
}
