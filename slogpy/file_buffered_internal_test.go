package slogpy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slogpy/slogpy/levels"
)

// bufferedFile makes a FileHandler with a write buffer whose write calls
// are counted (and failed while *fail is set).
func bufferedFile(t *testing.T, o FileHandlerOptions) (h *FileHandler, path string, calls func() int, fail func(bool), reports func() []error) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "app.log")
	var mu sync.Mutex
	n, failing := 0, false
	var errs []error
	o.ErrorHandler = func(_ *Record, err error) { mu.Lock(); errs = append(errs, err); mu.Unlock() }
	h, err := NewFileHandler(path, &o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	h.sink.TestWrite = func(b []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		n++
		if failing {
			return 0, &os.PathError{Op: "write", Path: path, Err: syscall.ENOSPC}
		}
		return len(b), nil
	}
	calls = func() int { mu.Lock(); defer mu.Unlock(); return n }
	fail = func(v bool) { mu.Lock(); failing = v; mu.Unlock() }
	reports = func() []error { mu.Lock(); defer mu.Unlock(); return append([]error(nil), errs...) }
	return h, path, calls, fail, reports
}

func bufferedLog(t *testing.T, h *FileHandler, l levels.Level, msg string) error {
	t.Helper()
	return Handle(h, &Record{Name: "app", Levelno: l, Msg: msg})
}

func bufferedRead(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFileBuffered (issue 18 point 4): with BufferSize, records wait in the
// buffer and are written with one write call when it fills, when a record
// at or above FlushLevel comes, on Flush and on Close; the default writes
// each record with its own call.
func TestFileBuffered(t *testing.T) {
	h, path, calls, _, _ := bufferedFile(t, FileHandlerOptions{BufferSize: 100, FlushInterval: -1})
	for _, m := range []string{"a", "b", "c"} {
		bufferedLog(t, h, levels.Info, m)
	}
	if got := bufferedRead(t, path); got != "" || calls() != 0 {
		t.Fatalf("after 3 INFO records: file %q, %d write calls; want nothing written yet", got, calls())
	}
	bufferedLog(t, h, levels.Error, "E") // FlushLevel ERROR (the default)
	if got := bufferedRead(t, path); got != "a\nb\nc\nE\n" || calls() != 1 {
		t.Fatalf("after ERROR: file %q, %d write calls; want 4 records in 1 call", got, calls())
	}
	bufferedLog(t, h, levels.Warning, "w")
	if err := h.Flush(); err != nil {
		t.Fatal(err)
	}
	if got := bufferedRead(t, path); got != "a\nb\nc\nE\nw\n" || calls() != 2 {
		t.Fatalf("after Flush: file %q, %d write calls", got, calls())
	}
	long := strings.Repeat("x", 45) // 46 bytes with the newline: two fit in 100
	for range 3 {
		bufferedLog(t, h, levels.Info, long)
	}
	if calls() != 3 || strings.Count(bufferedRead(t, path), long) != 2 {
		t.Fatalf("a full buffer: %d write calls, file %q; want the first two records written when the third did not fit", calls(), bufferedRead(t, path))
	}
	h.Close()
	if n := strings.Count(bufferedRead(t, path), long); n != 3 || calls() != 4 {
		t.Fatalf("after Close: %d long records, %d write calls", n, calls())
	}

	plain, path2, calls2, _, _ := bufferedFile(t, FileHandlerOptions{})
	bufferedLog(t, plain, levels.Info, "one")
	bufferedLog(t, plain, levels.Info, "two")
	if got := bufferedRead(t, path2); got != "one\ntwo\n" || calls2() != 2 {
		t.Errorf("unbuffered: file %q, %d write calls; want one call per record", got, calls2())
	}
}

// TestFileBufferedInterval: a buffered record is written by the timer
// without any other record or Flush (waited for by polling, not timed).
func TestFileBufferedInterval(t *testing.T) {
	h, path, _, _, _ := bufferedFile(t, FileHandlerOptions{BufferSize: 1 << 16, FlushInterval: time.Millisecond})
	bufferedLog(t, h, levels.Info, "waits")
	for bufferedRead(t, path) != "waits\n" {
		time.Sleep(time.Millisecond)
	}
}

// TestFileBufferedOutage: a flush that fails loses the records of the
// buffer: one report when the outage starts, and when a flush succeeds
// again the count of every record lost.
func TestFileBufferedOutage(t *testing.T) {
	h, path, _, fail, reports := bufferedFile(t, FileHandlerOptions{BufferSize: 1 << 10, FlushInterval: -1})
	fail(true)
	for _, m := range []string{"a", "b", "c"} {
		bufferedLog(t, h, levels.Info, m)
	}
	if err := bufferedLog(t, h, levels.Error, "E1"); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("the flush of 4 records on a full disk returned %v", err)
	}
	bufferedLog(t, h, levels.Error, "E2") // lost too, not reported again
	fail(false)
	bufferedLog(t, h, levels.Error, "back")
	got := reports()
	want := "slogpy: FileHandler " + path + ": 5 records lost while the disk was full"
	if len(got) != 2 || !errors.Is(got[0], syscall.ENOSPC) || got[1].Error() != want {
		t.Errorf("reports %v, want ENOSPC and %q", got, want)
	}
	if content := bufferedRead(t, path); content != "back\n" {
		t.Errorf("file %q", content)
	}
}
