package handlers_test

// Helpers shared by the tests of the buffering, memory and queue handlers.

import (
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// queueRecorder is a suite handler keeping what it formats and, when keep
// is set, the records it is given.
type queueRecorder struct {
	slogpy.HandlerBase
	mu      sync.Mutex
	lines   []string
	records []*slogpy.Record
	keep    bool
}

func newQueueRecorder(t testing.TB, level levels.Level, format string) *queueRecorder {
	t.Helper()
	h := &queueRecorder{}
	opts := &slogpy.HandlerOptions{Level: level, ErrorHandler: func(r *slogpy.Record, err error) { t.Errorf("recorder: %v", err) }}
	if format != "" {
		f, err := slogpy.NewFormatter(format, nil)
		if err != nil {
			t.Fatal(err)
		}
		opts.Formatter = f
	}
	h.Configure(opts)
	return h
}

func (h *queueRecorder) Emit(r *slogpy.Record) error {
	b, err := h.Format(nil, r)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lines = append(h.lines, string(b))
	if h.keep {
		h.records = append(h.records, r.Clone())
	}
	return nil
}

func (h *queueRecorder) take() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.lines
	h.lines = nil
	return out
}

func queueArgs(raw []any) []any {
	args := make([]any, len(raw))
	for i, a := range raw {
		args[i] = queuePyValue(a)
	}
	return args
}

// queueJSONFormatter renders records as slog's JSON handler would, for slogtest.
type queueJSONFormatter = slogtestutil.JSONFormatter

func queueParseLines(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	ms, err := slogtestutil.ParseJSONLines(data)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// queueLogger returns logger "L" of a fresh tree, level 1, not
// propagating, with h attached.
func queueLogger(h slog.Handler) (*slogpy.Manager, *slogpy.Logger) {
	m := slogpy.NewManager()
	l := m.GetLogger("L")
	l.SetLevel(1)
	l.SetPropagate(false)
	if h != nil {
		l.AddHandler(h)
	}
	return m, l
}

func mustQueueListener(t testing.TB, q handlers.Queue, hs []slog.Handler, opts *handlers.QueueListenerOptions) *handlers.QueueListener {
	t.Helper()
	l, err := handlers.NewQueueListener(q, hs, opts)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// queueCount is a listener target that only counts.
type queueCount struct {
	slogpy.HandlerBase
	n int
}

func (h *queueCount) Emit(*slogpy.Record) error { h.n++; return nil }

func queueLoadGolden(t *testing.T, name string, v any) {
	slogtestutil.LoadGolden(t, filepath.Join("..", "testdata", "queuehandlers", name), v)
}

var queuePyValue = slogtestutil.PyValue
