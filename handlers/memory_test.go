package handlers_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

type memoryGoldenCase struct {
	Name         string
	Capacity     int
	FlushLevel   *int  `json:"flush_level"`
	FlushOnClose *bool `json:"flush_on_close"`
	Target       bool
	TargetLevel  int    `json:"target_level"`
	TargetFilter string `json:"target_filter"`
	HandlerLevel int    `json:"handler_level"`
	Steps        []struct {
		Op    string
		Level int
		Msg   string
		Args  []any
		Child string
	}
	Expect []struct {
		Delivered []string
		Buffered  int
	}
}

// TestMemoryCPythonGoldens replays testdata/queuehandlers/memory.json:
// for sequences of records at given levels, mixed with SetTarget, Flush,
// Close and BufferingHandler's own Flush, what the MemoryHandler delivers
// to its target at each step and how many records stay buffered are
// CPython's.
func TestMemoryCPythonGoldens(t *testing.T) {
	var g struct{ Cases []memoryGoldenCase }
	queueLoadGolden(t, "memory.json", &g)
	if len(g.Cases) < 50 {
		t.Fatalf("only %d cases", len(g.Cases))
	}
	steps := 0
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			tgt := newQueueRecorder(t, levels.Level(c.TargetLevel), "%(levelno)s:%(name)s:%(message)s")
			if c.TargetFilter != "" {
				tgt.AddFilter(slogpy.NewNameFilter("L." + c.TargetFilter))
			}
			opts := &handlers.MemoryHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Level: levels.Level(c.HandlerLevel)}}
			if c.FlushLevel != nil {
				opts.FlushLevel = levels.Level(*c.FlushLevel)
			}
			if c.FlushOnClose != nil && !*c.FlushOnClose {
				opts.NoFlushOnClose = true
			}
			var target slog.Handler
			if c.Target {
				target = slogpy.AsSlog(tgt)
			}
			mh, err := handlers.NewMemoryHandler(c.Capacity, target, opts)
			if err != nil {
				t.Fatal(err)
			}
			m, l := queueLogger(mh)
			if len(c.Steps) != len(c.Expect) {
				t.Fatalf("%d steps, %d expectations", len(c.Steps), len(c.Expect))
			}
			for i, st := range c.Steps {
				switch st.Op {
				case "log":
					lg := l
					if st.Child != "" {
						lg = m.GetLogger("L." + st.Child)
					}
					lg.Log(levels.Level(st.Level), st.Msg, queueArgs(st.Args)...)
				case "set_target":
					err = mh.SetTarget(slogpy.AsSlog(tgt))
				case "clear_target":
					err = mh.SetTarget(nil)
				case "flush":
					err = mh.Flush()
				case "buffering_flush":
					err = mh.BufferingHandler.Flush()
				case "close":
					// Records left in a buffer without target are reported
					// (rule 4); CPython keeps them silently.
					if err = mh.Close(); errors.Is(err, handlers.ErrNoTarget) {
						err = nil
					}
				default:
					t.Fatalf("unknown op %q", st.Op)
				}
				if err != nil {
					t.Fatalf("step %d %s: %v", i, st.Op, err)
				}
				want := c.Expect[i]
				if got := tgt.take(); !equalStrings(got, want.Delivered) {
					t.Errorf("step %d (%s %d %q): delivered %q, CPython %q", i, st.Op, st.Level, st.Msg, got, want.Delivered)
				}
				if n := mh.Len(); n != want.Buffered {
					t.Errorf("step %d (%s %d %q): %d buffered, CPython %d", i, st.Op, st.Level, st.Msg, n, want.Buffered)
				}
				steps++
			}
		})
	}
	t.Logf("%d cases, %d steps", len(g.Cases), steps)
}

func TestMemoryBadArguments(t *testing.T) {
	if _, err := handlers.NewMemoryHandler(-1, nil, nil); err == nil || err.Error() != "handlers: memory handler: negative capacity -1" {
		t.Errorf("negative capacity: %v", err)
	}
	mh, err := handlers.NewMemoryHandler(2, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := mh.SetTarget(mh); err == nil || !strings.Contains(err.Error(), "target is the memory handler itself") {
		t.Errorf("SetTarget(itself) = %v", err)
	}
	if mh.Target() != nil {
		t.Errorf("Target() = %v after a refused SetTarget", mh.Target())
	}
	if mh.FlushLevel() != levels.Error || mh.Capacity() != 2 {
		t.Errorf("defaults: flush level %v, capacity %d", mh.FlushLevel(), mh.Capacity())
	}
}

// TestMemoryFlushOnAnotherGoroutine checks that buffered records keep the
// goroutine that logged them when another goroutine's error flushes them.
func TestMemoryFlushOnAnotherGoroutine(t *testing.T) {
	tgt := newQueueRecorder(t, 0, "%(thread)d %(message)s")
	mh, err := handlers.NewMemoryHandler(10, slogpy.AsSlog(tgt), nil)
	if err != nil {
		t.Fatal(err)
	}
	direct := newQueueRecorder(t, 0, "%(thread)d %(message)s")
	_, l := queueLogger(mh)
	l.AddHandler(slogpy.AsSlog(direct))
	done := make(chan struct{})
	go func() {
		defer close(done)
		l.Debug("context")
	}()
	<-done
	l.Error("failure")
	got, want := tgt.take(), direct.take()
	if len(got) != 2 || !equalStrings(got, want) {
		t.Errorf("flushed %q, logged %q", got, want)
	}
	if got[0][:strings.IndexByte(got[0], ' ')] == got[1][:strings.IndexByte(got[1], ' ')] {
		t.Errorf("both records show one goroutine: %q", got)
	}
}

// TestMemoryUserRules checks the ShouldFlush option and a slog.LevelVar as
// the flush level.
func TestMemoryUserRules(t *testing.T) {
	tgt := newQueueRecorder(t, 0, "")
	mh, err := handlers.NewMemoryHandler(100, slogpy.AsSlog(tgt), &handlers.MemoryHandlerOptions{
		ShouldFlush: func(n int, r *slogpy.Record) bool { return strings.HasSuffix(r.Msg, "!") || n == 3 },
	})
	if err != nil {
		t.Fatal(err)
	}
	_, l := queueLogger(mh)
	l.Critical("a")
	l.Critical("b")
	if got := tgt.take(); len(got) != 0 {
		t.Errorf("flushed %q with a rule that ignores levels", got)
	}
	l.Debug("c")
	if got := tgt.take(); !equalStrings(got, []string{"a", "b", "c"}) {
		t.Errorf("third record: flushed %q", got)
	}
	l.Debug("now!")
	if got := tgt.take(); !equalStrings(got, []string{"now!"}) {
		t.Errorf("flushed %q", got)
	}

	var lv slog.LevelVar
	lv.Set(slog.LevelWarn)
	mh2, err := handlers.NewMemoryHandler(100, slogpy.AsSlog(tgt), &handlers.MemoryHandlerOptions{FlushLevel: &lv})
	if err != nil {
		t.Fatal(err)
	}
	_, l2 := queueLogger(mh2)
	l2.Info("i")
	if got := tgt.take(); len(got) != 0 {
		t.Errorf("INFO flushed %q at flush level WARNING", got)
	}
	lv.Set(slog.LevelInfo)
	l2.Info("j")
	if got := tgt.take(); !equalStrings(got, []string{"i", "j"}) {
		t.Errorf("after lowering the flush level: %q", got)
	}
}

// TestMemorySlogTarget flushes to a plain slog handler: its Enabled is its
// level, and it gets the merged message, the logger name and attributes.
func TestMemorySlogTarget(t *testing.T) {
	var buf bytes.Buffer
	target := slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelInfo, ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey && len(groups) == 0 {
			return slog.Attr{}
		}
		return a
	}})
	mh, err := handlers.NewMemoryHandler(10, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, l := queueLogger(mh)
	l.Debug("not shown")
	l.Info("step %d", 1, slog.String("id", "r1"))
	if buf.Len() != 0 {
		t.Fatalf("written before the flush: %s", buf.String())
	}
	l.Error("failed")
	want := "level=INFO msg=\"step 1\" logger=L id=r1\nlevel=ERROR msg=failed logger=L\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// TestMemoryConcurrent logs from several goroutines into a small buffer:
// every record reaches the target once, each goroutine's in order.
func TestMemoryConcurrent(t *testing.T) {
	const goroutines, each = 8, 2000
	target := &queueOrderChecker{next: make([]int, goroutines)}
	target.Configure(nil)
	mh, err := handlers.NewMemoryHandler(7, slogpy.AsSlog(target), nil)
	if err != nil {
		t.Fatal(err)
	}
	_, l := queueLogger(mh)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if i%97 == 0 {
					l.Error("%d %d", g, i)
				} else {
					l.Debug("%d %d", g, i)
				}
			}
		}()
	}
	wg.Wait()
	if err := mh.Close(); err != nil {
		t.Fatal(err)
	}
	if target.bad != "" {
		t.Fatal(target.bad)
	}
	if target.total != goroutines*each || mh.Len() != 0 {
		t.Errorf("target got %d records, %d left, want %d and 0", target.total, mh.Len(), goroutines*each)
	}
}

func TestSlogtestMemoryHandler(t *testing.T) {
	var buf bytes.Buffer
	var mh *handlers.MemoryHandler
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		buf.Reset()
		var err error
		mh, err = handlers.NewMemoryHandler(100, slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: queueJSONFormatter{}}), nil)
		if err != nil {
			t.Fatal(err)
		}
		return mh
	}, func(t *testing.T) map[string]any {
		if buf.Len() != 0 {
			t.Fatalf("written before the flush: %s", buf.String())
		}
		if err := mh.Flush(); err != nil {
			t.Fatal(err)
		}
		ms := queueParseLines(t, buf.Bytes())
		if len(ms) != 1 {
			t.Fatalf("%d records, want 1", len(ms))
		}
		return ms[0]
	})
}

func BenchmarkMemoryHandler(b *testing.B) {
	target := &queueCount{}
	target.Configure(nil)
	mh, err := handlers.NewMemoryHandler(100, slogpy.AsSlog(target), nil)
	if err != nil {
		b.Fatal(err)
	}
	_, l := queueLogger(mh)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Debug("step %d", 3)
		}
	})
}

// ExampleNewMemoryHandler keeps the DEBUG context of a task in memory and
// writes it out only when an error happens, as the cookbook's "Buffering
// logging messages and outputting them conditionally".
func ExampleNewMemoryHandler() {
	out := slogpy.NewStreamHandler(os.Stdout, nil)
	f, _ := slogpy.NewFormatter("%(levelname)s %(message)s", nil)
	out.SetFormatter(f)
	mh, err := handlers.NewMemoryHandler(100, out, nil) // flush level ERROR
	if err != nil {
		panic(err)
	}
	m := slogpy.NewManager()
	log := m.GetLogger("task")
	log.SetLevel(levels.Debug)
	log.AddHandler(mh)

	for _, fail := range []bool{false, true} {
		log.Debug("connecting")
		log.Info("fetched %d rows", 12)
		if fail {
			log.Error("write failed")
		}
		mh.BufferingHandler.Flush() // a task without error leaves nothing
		fmt.Println("task done")
	}
	// Output:
	// task done
	// DEBUG connecting
	// INFO fetched 12 rows
	// ERROR write failed
	// task done
}
