package handlers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/slogtest"

	"github.com/slogpy/slogpy/slogpy"
)

func watchedOpen(t *testing.T, path string, opts *slogpy.FileHandlerOptions) *WatchedFileHandler {
	t.Helper()
	if opts == nil {
		opts = &slogpy.FileHandlerOptions{}
	}
	if opts.ErrorHandler == nil {
		opts.ErrorHandler = fileFailHook(t)
	}
	h, err := NewWatchedFileHandler(path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	return h
}

func watchedRead(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestWatchedDeletedFileIsRecreated(t *testing.T) {
	for _, delay := range []bool{false, true} {
		t.Run("delay="+strconv.FormatBool(delay), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "app.log")
			h := watchedOpen(t, path, &slogpy.FileHandlerOptions{Delay: delay})
			if _, err := os.Stat(path); delay != os.IsNotExist(err) {
				t.Fatalf("delay=%v, stat: %v", delay, err)
			}
			slogpy.Handle(h, fileRecord(t, "one"))
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			slogpy.Handle(h, fileRecord(t, "two"))
			if got := watchedRead(t, path); got != "two\n" {
				t.Errorf("after delete: %q, want the next record in a new file", got)
			}
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			slogpy.Handle(h, fileRecord(t, "three"))
			if got := watchedRead(t, path); got != "three\n" {
				t.Errorf("after a second delete: %q", got)
			}
		})
	}
}

func TestWatchedFollowsLogrotate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	h := watchedOpen(t, path, nil)
	slogpy.Handle(h, fileRecord(t, "before"))
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	if err := h.ReopenIfNeeded(); err != nil {
		t.Fatal(err)
	}
	if got := watchedRead(t, path); got != "" {
		t.Errorf("ReopenIfNeeded did not create a new empty file: %q", got)
	}
	if err := h.ReopenIfNeeded(); err != nil { // nothing changed now
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "after"))
	// logrotate's "create" moves the file and creates an empty one itself.
	if err := os.Rename(path, path+".2"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "latest"))
	h.Close()
	files, _ := fileSnapshot(t, dir)
	want := map[string]string{"app.log.1": "before\n", "app.log.2": "after\n", "app.log": "latest\n"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
}

// TestWatchedConcurrentRotation: writers log while another goroutine
// renames the file away again and again; every record is in exactly one
// file, whole.
func TestWatchedConcurrentRotation(t *testing.T) {
	fileCheckGoroutines(t, 0)
	const writers, perW, renames = 4, 5000, 25
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	h := watchedOpen(t, path, nil)
	var wg sync.WaitGroup
	started := make(chan struct{}) // closed when writer 0 has logged 100 records
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perW {
				slogpy.Handle(h, fileRecord(t, fmt.Sprintf("w=%d i=%d", w, i)))
				if w == 0 && i == 100 {
					close(started)
				}
			}
		}()
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-started
		for n := 1; n <= renames; n++ {
			if err := os.Rename(path, path+"."+strconv.Itoa(n)); err != nil && !errors.Is(err, os.ErrNotExist) {
				t.Error(err)
			}
			runtime.Gosched()
		}
	}()
	wg.Wait()
	<-done
	h.Close()
	seen := map[string]bool{}
	files, _ := fileSnapshot(t, dir)
	for name, content := range files {
		for _, line := range strings.Split(strings.TrimSuffix(content, "\n"), "\n") {
			if line == "" {
				continue
			}
			var w, i int
			if _, err := fmt.Sscanf(line, "w=%d i=%d", &w, &i); err != nil || line != fmt.Sprintf("w=%d i=%d", w, i) {
				t.Fatalf("%s: torn line %q", name, line)
			}
			if seen[line] {
				t.Fatalf("%s: %q twice", name, line)
			}
			seen[line] = true
		}
	}
	if len(seen) != writers*perW {
		t.Errorf("%d records found, want %d", len(seen), writers*perW)
	}
	if len(files) < 2 {
		t.Errorf("%d files: the renames did not happen while logging", len(files))
	}
}

// TestWatchedDiskFull: the name leads to /dev/full, so every write fails
// with ENOSPC: the outage is reported when it starts and, with the count,
// when it ends. When the name leads to a regular file again, the next
// record lands in it.
func TestWatchedDiskFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	if err := os.Symlink("/dev/full", path); err != nil {
		t.Fatal(err)
	}
	var errs fileErrors
	h := watchedOpen(t, path, &slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.hook}})
	for i := range 3 {
		if err := slogpy.Handle(h, fileRecord(t, "lost "+strconv.Itoa(i))); (i == 0) != errors.Is(err, syscall.ENOSPC) {
			t.Errorf("record %d: %v, want ENOSPC for the first only", i, err)
		}
	}
	if err := os.Remove(path); err != nil { // the disk is "freed"
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "kept"))
	checkOutage(t, &errs, "handlers: WatchedFileHandler "+path, "lost 0", "kept", 3)
	if content := watchedRead(t, path); content != "kept\n" {
		t.Errorf("file holds %q", content)
	}
}

func TestWatchedConstructorErrors(t *testing.T) {
	p := filepath.Join(fileUnwritableDir(t), "app.log")
	_, err := NewWatchedFileHandler(p, nil)
	if err == nil || !strings.Contains(err.Error(), p) || !strings.HasPrefix(err.Error(), "handlers: watched file handler: ") {
		t.Errorf("error %v, want one naming %s", err, p)
	}
	_, err = NewWatchedFileHandler(filepath.Join(t.TempDir(), "x.log"), &slogpy.FileHandlerOptions{Errors: "loud"})
	if err == nil || !strings.Contains(err.Error(), `unknown errors mode "loud"`) {
		t.Errorf("error %v", err)
	}
}

func TestWatchedSlogtest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	h := watchedOpen(t, path, &slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: fileJSONFormatter{}}})
	if err := slogtest.TestHandler(h, func() []map[string]any { return fileReadJSONLines(t, path) }); err != nil {
		t.Error(err)
	}
}
