// Package slogtestutil holds what the tests of several packages share: a
// formatter that renders records as slog's JSON handler would and the
// parser that reads them back (for testing/slogtest), and the reading of
// CPython goldens.
package slogtestutil

//go:generate go run ../gen/slogmethods

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// JSONFormatter renders a record as one line of slog's JSON handler: time
// (unless zero), level, msg, then the attributes with groups as objects.
type JSONFormatter struct{}

// AppendFormat implements slogpy.RecordFormatter.
func (JSONFormatter) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	m := map[string]any{}
	if !r.Time.IsZero() {
		m[slog.TimeKey] = r.Time
	}
	m[slog.LevelKey] = levels.ToSlog(r.Levelno).String()
	msg, err := r.Message()
	if err != nil {
		return dst, err
	}
	m[slog.MessageKey] = msg
	r.Attrs(func(a slog.Attr) bool {
		addAttr(m, a)
		return true
	})
	b, err := json.Marshal(m)
	return append(dst, b...), err
}

func addAttr(m map[string]any, a slog.Attr) {
	v := a.Value.Resolve()
	if v.Kind() != slog.KindGroup {
		m[a.Key] = v.Any()
		return
	}
	sub, _ := m[a.Key].(map[string]any)
	if sub == nil {
		sub = map[string]any{}
		m[a.Key] = sub
	}
	for _, ga := range v.Group() {
		addAttr(sub, ga)
	}
}

// ParseJSONLines parses newline-separated JSON objects, skipping blank
// lines.
func ParseJSONLines(data []byte) ([]map[string]any, error) {
	var ms []map[string]any
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			return nil, fmt.Errorf("%q: %w", line, err)
		}
		ms = append(ms, m)
	}
	return ms, nil
}

// LoadGolden decodes the JSON golden file at path into v, keeping numbers
// as json.Number so that PyValue can tell Python's ints from its floats.
func LoadGolden(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// PyValue turns JSON decoded by LoadGolden into the Go values that stand
// for Python's: a number without a point or exponent is an int, any other
// a float; lists and objects are converted element by element.
func PyValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if !strings.ContainsAny(x.String(), ".eE") {
			if n, err := x.Int64(); err == nil {
				return int(n)
			}
		}
		f, _ := x.Float64()
		return f
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = PyValue(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = PyValue(e)
		}
		return out
	}
	return v
}

// RunErrorCase runs call in a subtest named name, in a fresh temporary
// directory, and checks that it fails with exactly want ({dir} in want
// stands for that directory).
func RunErrorCase(t *testing.T, name string, call func(dir string) error, want string) {
	t.Helper()
	t.Run(name, func(t *testing.T) {
		dir := t.TempDir()
		err := call(dir)
		want := strings.ReplaceAll(want, "{dir}", dir)
		if err == nil {
			t.Fatalf("no error; want %q", want)
		}
		if err.Error() != want {
			t.Errorf("error\n got %q\nwant %q", err.Error(), want)
		}
	})
}

// Capture is a handler that keeps a clone of every record it is given.
type Capture struct {
	slogpy.HandlerBase
	mu      sync.Mutex
	records []*slogpy.Record
}

var _ slogpy.Handler = (*Capture)(nil)

// NewCapture returns an empty Capture.
func NewCapture() *Capture {
	h := &Capture{}
	h.Configure(nil)
	return h
}

// Emit implements slogpy.Handler.
func (h *Capture) Emit(r *slogpy.Record) error {
	c := r.Clone()
	h.mu.Lock()
	h.records = append(h.records, c)
	h.mu.Unlock()
	return nil
}

// All returns the records captured so far.
func (h *Capture) All() []*slogpy.Record {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]*slogpy.Record(nil), h.records...)
}
