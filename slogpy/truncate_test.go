package slogpy_test

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// The amplification record of issue 16: an 11 KB message that would merge
// into a 1 GB line is cut at 1 MiB, without building the whole line: heap
// allocation for formatting it stays under 64 MiB.
func TestMessageCapAmplification(t *testing.T) {
	r, err := slogpy.MakeRecord(map[string]any{
		"name": "net", "msg": strings.Repeat("%(a)999999s", 1000),
		"args": map[string]any{"a": "x"}, "levelno": int64(40),
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	var reports []error
	h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{ErrorHandler: func(_ *slogpy.Record, err error) { reports = append(reports, err) }})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	if err := slogpy.Handle(h, r); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew >= 64<<20 {
		t.Errorf("formatting allocated %d MiB", grew>>20)
	}
	line := buf.String()
	want := " [truncated at 1048576 bytes]\n"
	if !strings.HasSuffix(line, want) || len(line) != 1<<20+len(want) {
		t.Errorf("line of %d bytes ends %q", len(line), line[max(0, len(line)-40):])
	}
	if !r.Truncated() {
		t.Error("Truncated() is false")
	}
	if len(reports) != 1 || !errors.Is(reports[0], slogpy.ErrTruncated) {
		t.Fatalf("reports %v", reports)
	}
	// A second truncated record within the minute is counted, not reported.
	slogpy.Handle(h, r)
	if len(reports) != 1 {
		t.Errorf("%d reports within a minute", len(reports))
	}
}

func TestMessageCapLimits(t *testing.T) {
	for _, tc := range []struct {
		msg     string
		args    []any
		maxMsg  int
		maxLine int
		want    string
	}{
		{"hello %s", []any{"world"}, 0, 0, "hello world"},
		{"hello %s", []any{"world"}, 8, 0, "hello wo [truncated at 8 bytes]"},
		{"hello world", nil, 5, 0, "hello [truncated at 5 bytes]"},
		{"hello world", nil, -1, -1, "hello world"},
		{"héllo", nil, 2, 0, "h [truncated at 2 bytes]"},
		{"hello %s", []any{"world"}, 0, 4, "L:he [truncated at 4 bytes]"},
	} {
		f, _ := slogpy.NewFormatter("%(message)s", nil)
		if tc.maxLine > 0 {
			f, _ = slogpy.NewFormatter("L:%(message)s", nil)
		}
		var buf bytes.Buffer
		n := 0
		h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: f, MaxLine: tc.maxLine,
			ErrorHandler: func(*slogpy.Record, error) { n++ }})
		r := new(slogpy.Record)
		r.Msg, r.Args = tc.msg, tc.args
		r.SetMaxMessage(tc.maxMsg)
		slogpy.Handle(h, r)
		if got := strings.TrimSuffix(buf.String(), "\n"); got != tc.want {
			t.Errorf("%q %v (%d, %d): %q, want %q", tc.msg, tc.args, tc.maxMsg, tc.maxLine, got, tc.want)
		}
		if wantN := strings.Count(tc.want, "truncated"); n != wantN {
			t.Errorf("%q: %d reports, want %d", tc.msg, n, wantN)
		}
	}
}
