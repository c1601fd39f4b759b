package compat_test

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/compat"
	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// captureHandler keeps a clone of every record it is given.
type captureHandler = slogtestutil.Capture

var newCapture = slogtestutil.NewCapture

// useLogger attaches a capture handler to the default manager's logger
// name, not propagating, for the duration of the test.
func useLogger(t *testing.T, name string) *captureHandler {
	t.Helper()
	h := newCapture()
	l := slogpy.GetLogger(name)
	l.AddHandler(h)
	l.SetPropagate(false)
	t.Cleanup(func() {
		l.RemoveHandler(h)
		l.SetPropagate(true)
	})
	return h
}

// saveLog puts the log package's writer, flags and prefix back after the
// test, and turns capture off.
func saveLog(t *testing.T) {
	t.Helper()
	w, flags, prefix := log.Writer(), log.Flags(), log.Prefix()
	t.Cleanup(func() {
		compat.CaptureStdlog(false)
		log.SetOutput(w)
		log.SetFlags(flags)
		log.SetPrefix(prefix)
	})
}

// line returns the line of its caller.
func line() int {
	_, _, n, _ := runtime.Caller(1)
	return n
}

// TestCaptureStdlog checks the routing of each log package function and
// that capture off restores the writer and flags exactly.
func TestCaptureStdlog(t *testing.T) {
	saveLog(t)
	h := useLogger(t, "stdlog")
	var old bytes.Buffer
	const flags = log.LstdFlags | log.Lshortfile | log.Lmsgprefix
	log.SetOutput(&old)
	log.SetFlags(flags)
	log.SetPrefix("app: ")

	compat.CaptureStdlog(true)
	w := log.Writer()
	if w == io.Writer(&old) || log.Flags() != 0 || log.Prefix() != "app: " {
		t.Fatalf("captured: writer %T, flags %d, prefix %q", w, log.Flags(), log.Prefix())
	}
	compat.CaptureStdlog(true) // a second call does nothing
	if log.Writer() != w {
		t.Errorf("a second CaptureStdlog(true) changed the writer")
	}

	var lines []int
	log.Printf("disk %d%% full", 97)
	lines = append(lines, line()-1)
	log.Print("two ", "words")
	lines = append(lines, line()-1)
	log.Println("line", 3)
	lines = append(lines, line()-1)
	log.Default().Printf("through %s", "Default")
	lines = append(lines, line()-1)
	func() {
		defer func() { recover() }()
		lines = append(lines, line()+1)
		log.Panicf("panic %d", 5)
	}()
	log.Print("multi\nline\n")
	lines = append(lines, line()-1)

	want := []string{"app: disk 97% full", "app: two words", "app: line 3", "app: through Default", "app: panic 5", "app: multi\nline"}
	rs := h.All()
	if len(rs) != len(want) {
		t.Fatalf("%d records, want %d", len(rs), len(want))
	}
	for i, r := range rs {
		msg, err := r.Message()
		if msg != want[i] || err != nil || r.Name != "stdlog" || r.Levelno != levels.Warning {
			t.Errorf("record %d: %s %v %q %v", i, r.Name, r.Levelno, msg, err)
		}
		if r.Filename() != "stdlog_test.go" || r.Lineno() != lines[i] {
			t.Errorf("record %d: caller %s:%d, want stdlog_test.go:%d", i, r.Filename(), r.Lineno(), lines[i])
		}
	}
	if old.Len() != 0 {
		t.Errorf("the old writer got %q", old.String())
	}

	compat.CaptureStdlog(false)
	if log.Writer() != io.Writer(&old) || log.Flags() != flags || log.Prefix() != "app: " {
		t.Errorf("restored: writer %T, flags %d, prefix %q", log.Writer(), log.Flags(), log.Prefix())
	}
	compat.CaptureStdlog(false) // a second call does nothing
	if log.Writer() != io.Writer(&old) || log.Flags() != flags {
		t.Errorf("a second CaptureStdlog(false) changed the log package")
	}
	log.Print("after")
	if !strings.HasSuffix(old.String(), "stdlog_test.go:"+strconv.Itoa(line()-1)+": app: after\n") || len(h.All()) != len(want) {
		t.Errorf("after capture: %q", old.String())
	}
}

// TestCaptureStdlogLevel: the "stdlog" logger's level and handlers decide,
// as for any logger.
func TestCaptureStdlogLevel(t *testing.T) {
	saveLog(t)
	h := useLogger(t, "stdlog")
	l := slogpy.GetLogger("stdlog")
	l.SetLevel(levels.Error)
	t.Cleanup(func() { l.SetLevel(levels.NotSet) })
	compat.CaptureStdlog(true)
	log.Print("below ERROR")
	if n := len(h.All()); n != 0 {
		t.Errorf("%d records below the logger's level", n)
	}
}

// TestCaptureStdlogConcurrent logs from several goroutines while capture
// is on, then while it is switched on and off, and finds every line
// exactly once, in the captured records or in the old writer.
func TestCaptureStdlogConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	saveLog(t)
	h := useLogger(t, "stdlog")
	old := &syncBuffer{}
	log.SetOutput(old)
	log.SetFlags(0)
	log.SetPrefix("")
	const workers, calls = 8, 250

	run := func(round string, toggle bool) {
		var wg sync.WaitGroup
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range calls {
					log.Printf("%s w%d i%d", round, w, i)
				}
			}()
		}
		if toggle {
			for i := range 50 {
				compat.CaptureStdlog(i%2 == 0)
			}
		}
		wg.Wait()
	}

	compat.CaptureStdlog(true)
	run("on", false)
	compat.CaptureStdlog(false)
	run("toggle", true)
	compat.CaptureStdlog(false)

	seen := map[string]int{}
	for _, r := range h.All() {
		msg, _ := r.Message()
		seen[msg]++
	}
	for _, line := range strings.Split(strings.TrimSuffix(old.String(), "\n"), "\n") {
		if line != "" {
			seen[line]++
		}
	}
	for _, round := range []string{"on", "toggle"} {
		for w := range workers {
			for i := range calls {
				msg := fmt.Sprintf("%s w%d i%d", round, w, i)
				if seen[msg] != 1 {
					t.Errorf("%q seen %d times", msg, seen[msg])
				}
			}
		}
	}
	if len(seen) != 2*workers*calls {
		t.Errorf("%d distinct lines, want %d", len(seen), 2*workers*calls)
	}
	for _, r := range h.All() {
		if msg, _ := r.Message(); strings.HasPrefix(msg, "on ") && r.Filename() != "stdlog_test.go" {
			t.Errorf("caller %s", r.Filename())
			break
		}
	}
}

// TestCaptureStdlogUnconfigured: with no handler anywhere, the last-resort
// handler prints captured lines on standard error (where CPython's
// captureWarnings would add a NullHandler and print nothing).
func TestCaptureStdlogUnconfigured(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	saveLog(t)
	root := slogpy.Root()
	for _, h := range root.Handlers() {
		root.RemoveHandler(h)
		t.Cleanup(func() { root.AddHandler(h) })
	}
	compat.CaptureStdlog(true)
	got := stderrOf(t, func() { log.Printf("no handlers %d", 1) })
	if got != "no handlers 1\n" {
		t.Errorf("stderr = %q", got)
	}
	if hs := slogpy.GetLogger("stdlog").Handlers(); len(hs) != 0 {
		t.Errorf("CaptureStdlog attached %d handlers", len(hs))
	}
}

// stderrOf runs f with os.Stderr replaced by a pipe and returns what f
// wrote to it.
func stderrOf(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		r.Close()
		done <- string(b)
	}()
	old := os.Stderr
	os.Stderr = w
	func() {
		defer func() {
			os.Stderr = old
			w.Close()
		}()
		f()
	}()
	return <-done
}

// TestNewLogLogger routes a *log.Logger to a logger at a level, with the
// caller of its methods as the record's caller.
func TestNewLogLogger(t *testing.T) {
	h := newCapture()
	m := slogpy.NewManager()
	l := m.GetLogger("http")
	l.AddHandler(h)
	ll := compat.NewLogLogger(l, levels.Error)
	ll.Printf("http: TLS handshake error from %s: EOF", "10.0.0.1:5")
	want := line() - 1
	ll.SetPrefix("srv ")
	ll.Println("with prefix")
	rs := h.All()
	if len(rs) != 2 {
		t.Fatalf("%d records", len(rs))
	}
	if msg, _ := rs[0].Message(); msg != "http: TLS handshake error from 10.0.0.1:5: EOF" || rs[0].Levelno != levels.Error || rs[0].Lineno() != want {
		t.Errorf("record %q %v line %d, want line %d", msg, rs[0].Levelno, rs[0].Lineno(), want)
	}
	if msg, _ := rs[1].Message(); msg != "srv with prefix" {
		t.Errorf("record %q", msg)
	}
	l.SetLevel(levels.Critical)
	ll.Print("below the level")
	if len(h.All()) != 2 {
		t.Errorf("a record below the level was logged")
	}
	if compat.NewLogLogger(nil, levels.Warning).Writer() == nil {
		t.Errorf("NewLogLogger(nil) has no writer")
	}
}
