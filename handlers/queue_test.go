package handlers_test

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/slogtest"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

type queueGoldenCase struct {
	Name     string
	Respect  bool
	QhLevel  int    `json:"qh_level"`
	QhFormat string `json:"qh_format"`
	Handlers []struct {
		Level  int
		Format string
		Filter string
	}
	Records []struct {
		Level int
		Msg   string
		Args  []any
		Child string
		Make  map[string]any
	}
	Expect struct {
		Handlers [][]string
		Prepared []struct {
			Msg       string
			Args      any
			ExcInfo   any `json:"exc_info"`
			ExcText   any `json:"exc_text"`
			StackInfo any `json:"stack_info"`
			Message   string
			Levelno   int
		}
	}
}

// TestQueueCPythonGoldens replays testdata/queuehandlers/queue.json:
// records logged through a QueueHandler (with and without a level and a
// formatter) and handled by a QueueListener with and without
// RespectHandlerLevel; what each handler writes, and the prepared records
// as the listener hands them over, are CPython's.
func TestQueueCPythonGoldens(t *testing.T) {
	var g struct{ Cases []queueGoldenCase }
	queueLoadGolden(t, "queue.json", &g)
	if len(g.Cases) < 20 {
		t.Fatalf("only %d cases", len(g.Cases))
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			opts := &handlers.QueueHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Level: levels.Level(c.QhLevel)}}
			if c.QhFormat != "" {
				f, err := slogpy.NewFormatter(c.QhFormat, nil)
				if err != nil {
					t.Fatal(err)
				}
				opts.Formatter = f
			}
			qh := handlers.NewQueueHandler(nil, opts)
			m, l := queueLogger(qh)
			probe := newQueueRecorder(t, 0, "")
			probe.keep = true
			hs := []slog.Handler{slogpy.AsSlog(probe)}
			var recs []*queueRecorder
			for _, spec := range c.Handlers {
				format := spec.Format
				if format == "" {
					format = "%(levelno)s:%(name)s:%(message)s"
				}
				r := newQueueRecorder(t, levels.Level(spec.Level), format)
				if spec.Filter != "" {
					r.AddFilter(slogpy.NewNameFilter("L." + spec.Filter))
				}
				recs = append(recs, r)
				hs = append(hs, slogpy.AsSlog(r))
			}
			ql := mustQueueListener(t, qh.Queue(), hs, &handlers.QueueListenerOptions{RespectHandlerLevel: c.Respect})
			if err := ql.Start(); err != nil {
				t.Fatal(err)
			}
			for _, rec := range c.Records {
				if rec.Make != nil {
					d := queuePyValue(rec.Make).(map[string]any)
					d["name"] = "L"
					r, err := slogpy.MakeRecord(d)
					if err != nil {
						t.Fatal(err)
					}
					l.HandleRecord(r)
					continue
				}
				lg := l
				if rec.Child != "" {
					lg = m.GetLogger("L." + rec.Child)
				}
				lg.Log(levels.Level(rec.Level), rec.Msg, queueArgs(rec.Args)...)
			}
			if err := ql.Stop(); err != nil {
				t.Fatal(err)
			}
			for i, r := range recs {
				if got, want := r.take(), c.Expect.Handlers[i]; !equalStrings(got, want) {
					t.Errorf("handler %d got\n%q\nwant (CPython)\n%q", i, got, want)
				}
			}
			if len(probe.records) != len(c.Expect.Prepared) {
				t.Fatalf("listener handed over %d records, CPython %d", len(probe.records), len(c.Expect.Prepared))
			}
			for i, want := range c.Expect.Prepared {
				r := probe.records[i]
				msg, err := r.Message()
				if err != nil {
					t.Fatal(err)
				}
				if r.Msg != want.Msg || msg != want.Message || int(r.Levelno) != want.Levelno {
					t.Errorf("prepared %d: msg %q message %q level %d, CPython %q %q %d", i, r.Msg, msg, r.Levelno, want.Msg, want.Message, want.Levelno)
				}
				if want.Args != nil || want.ExcInfo != nil || want.ExcText != nil || want.StackInfo != nil {
					t.Fatalf("golden %d: CPython's prepare left args/exc/stack", i)
				}
				if len(r.Args) != 0 || r.Err != nil || r.ExcInfo || r.ExcText != "" || r.StackInfo != "" {
					t.Errorf("prepared %d: args %v err %v exc %v %q stack %q, want all cleared as CPython", i, r.Args, r.Err, r.ExcInfo, r.ExcText, r.StackInfo)
				}
			}
		})
	}
}

// TestQueuePrepare checks Prepare beyond the goldens: an error logged with
// the record is formatted into the message on the caller's side and
// cleared, the original record is left for the other handlers, the
// attributes travel, and the logging goroutine's id is kept.
func TestQueuePrepare(t *testing.T) {
	qh := handlers.NewQueueHandler(nil, nil)
	// The error text joins the message on the caller's side, as in Python,
	// so the format puts %(message)s last to compare with the direct path.
	direct := newQueueRecorder(t, 0, "%(thread)d|%(k)s|%(message)s")
	direct.keep = true
	_, l := queueLogger(qh)
	l.AddHandler(slogpy.AsSlog(direct)) // after qh: sees the record after Prepare
	probe := newQueueRecorder(t, 0, "%(thread)d|%(k)s|%(message)s")
	probe.keep = true
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(probe)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	l.Exception(errors.New("disk full"), "saving %s", "a.txt", slog.Int("k", 7))
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	got, want := probe.take(), direct.take()
	if len(got) != 1 || len(want) != 1 || got[0] != want[0] {
		t.Fatalf("through the queue %q, direct %q: want the same text", got, want)
	}
	if !strings.HasSuffix(got[0], "|7|saving a.txt\ndisk full") {
		t.Errorf("got %q, want the attribute, the message, then the error text", got[0])
	}
	p := probe.records[0]
	if p.Msg != "saving a.txt\ndisk full" || p.Err != nil || p.ExcInfo || p.ExcText != "" || len(p.Args) != 0 {
		t.Errorf("prepared record: msg %q err %v excinfo %v exctext %q args %v", p.Msg, p.Err, p.ExcInfo, p.ExcText, p.Args)
	}
	d := direct.records[0]
	if d.Msg != "saving %s" || len(d.Args) != 1 || d.Err == nil || !d.ExcInfo {
		t.Errorf("the original record was changed: msg %q args %v err %v", d.Msg, d.Args, d.Err)
	}
	if p.Thread() != d.Thread() {
		t.Errorf("listener saw goroutine %d, logging goroutine is %d", p.Thread(), d.Thread())
	}
}

// TestQueuePrepareError checks that a message that cannot be merged is
// reported through the queue handler's error hook and not enqueued, as
// Python's emit calls handleError.
func TestQueuePrepareError(t *testing.T) {
	var buf bytes.Buffer
	q := handlers.NewChanQueue(4)
	qh := handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&buf)}})
	_, l := queueLogger(qh)
	l.Info("%d apples", "three")
	if q.Len() != 0 {
		t.Errorf("queue holds %d records, want 0", q.Len())
	}
	if !strings.HasPrefix(buf.String(), "--- Logging error ---\n") || !strings.Contains(buf.String(), "Message: '%d apples'") {
		t.Errorf("report:\n%s", buf.String())
	}
	if qh.Dropped() != 0 {
		t.Errorf("Dropped = %d, want 0: the record was reported, not dropped", qh.Dropped())
	}
}

// TestQueueHandlerAsSlogHandler uses a QueueHandler under slog.New, with
// WithAttrs and WithGroup.
func TestQueueHandlerAsSlogHandler(t *testing.T) {
	qh := handlers.NewQueueHandler(nil, &handlers.QueueHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Level: levels.Info}})
	rec := newQueueRecorder(t, 0, "%(levelname)s %(name)s %(message)s %(svc)s %(req.id)s")
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(rec)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	logger := slog.New(qh).With("svc", "api").WithGroup("req")
	logger.Debug("dropped", "id", 1)
	logger.Warn("slow 100%", "id", 7)
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.take(), []string{"WARNING root slow 100% api 7"}; !equalStrings(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSlogtestQueueHandler(t *testing.T) {
	type setup struct {
		buf bytes.Buffer
		ql  *handlers.QueueListener
	}
	var cur *setup
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		s := &setup{}
		target := slogpy.NewStreamHandler(&s.buf, &slogpy.HandlerOptions{Formatter: queueJSONFormatter{}})
		qh := handlers.NewQueueHandler(nil, nil)
		s.ql = mustQueueListener(t, qh.Queue(), []slog.Handler{target}, nil)
		if err := s.ql.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.ql.Stop() })
		cur = s
		return qh
	}, func(t *testing.T) map[string]any {
		if err := cur.ql.Stop(); err != nil {
			t.Fatal(err)
		}
		ms := queueParseLines(t, cur.buf.Bytes())
		if len(ms) != 1 {
			t.Fatalf("%d records, want 1", len(ms))
		}
		return ms[0]
	})
}

// queueThreadPinner stands for the cost every handler handing records to
// another goroutine pays: pinning the goroutine id.
type queueThreadPinner struct{ slogpy.HandlerBase }

func (h *queueThreadPinner) Emit(r *slogpy.Record) error { r.Thread(); return nil }

// TestQueueCallerAllocs checks the allocations of a logging call through a
// QueueHandler beyond those of the logger and of pinning the goroutine id
// (which are the core's): one for a message without arguments (the copy),
// two with %-arguments (the copy and the merged message).
func TestQueueCallerAllocs(t *testing.T) {
	if queueRaceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	pin := &queueThreadPinner{}
	pin.Configure(nil)
	_, base := queueLogger(slogpy.AsSlog(pin))
	qh := handlers.NewQueueHandler(nil, nil)
	_, l := queueLogger(qh)
	target := &queueCount{}
	target.Configure(nil)
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(target)}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	defer ql.Stop()
	for _, tt := range []struct {
		name  string
		log   func(*slogpy.Logger)
		extra float64
	}{
		{"plain", func(l *slogpy.Logger) { l.Info("request handled") }, 1},
		{"args", func(l *slogpy.Logger) { l.Info("user %s logged in", "bob") }, 2},
	} {
		baseline := minAllocsPerRun(200, func() { tt.log(base) })
		got := minAllocsPerRun(200, func() { tt.log(l) })
		if got-baseline > tt.extra {
			t.Errorf("%s: %v allocs through the queue, %v for the logger and the goroutine id: %v more, want <= %v", tt.name, got, baseline, got-baseline, tt.extra)
		}
	}
}

// minAllocsPerRun is the least of five testing.AllocsPerRun: it counts the
// allocations of the whole process, and the listener's goroutine, running
// late on a loaded machine, returns records to their pool late, so that
// one trial in several sees the pool empty. Late frees only ever add
// allocations, so the least trial is the caller's own cost.
func minAllocsPerRun(runs int, f func()) float64 {
	least := testing.AllocsPerRun(runs, f)
	for i := 0; i < 4; i++ {
		least = min(least, testing.AllocsPerRun(runs, f))
	}
	return least
}

// The benchmarks compare the caller's side of a logging call through a
// QueueHandler (whose listener only counts, so that the queue never fills
// and the caller never waits) with the same call through a FileHandler,
// with the default format and with a typical one. The queue's caller-side
// cost does not depend on the format, which the listener applies, but on
// whether a handler of the listener reads the caller: "queue" counts as a
// FileHandler with either format would (FormatOnly: the logging call skips
// capturing the caller), "queue-caller" as a handler that reads it.

func benchQueueLogger(b *testing.B) *slogpy.Logger { return benchQueueLoggerFor(b, true) }

func benchQueueCallerLogger(b *testing.B) *slogpy.Logger { return benchQueueLoggerFor(b, false) }

func benchQueueLoggerFor(b *testing.B, formatOnly bool) *slogpy.Logger {
	qh := handlers.NewQueueHandler(nil, nil)
	_, l := queueLogger(qh)
	l.SetLevel(levels.Info)
	target := &queueCount{}
	target.Configure(nil)
	if formatOnly {
		target.FormatOnly()
	}
	ql := mustQueueListener(b, qh.Queue(), []slog.Handler{slogpy.AsSlog(target)}, nil)
	if err := ql.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { ql.Stop() })
	return l
}

func benchFileLogger(format string) func(b *testing.B) *slogpy.Logger {
	return func(b *testing.B) *slogpy.Logger {
		opts := &slogpy.FileHandlerOptions{}
		if format != "" {
			f, err := slogpy.NewFormatter(format, nil)
			if err != nil {
				b.Fatal(err)
			}
			opts.Formatter = f
		}
		fh, err := slogpy.NewFileHandler(filepath.Join(b.TempDir(), "bench.log"), opts)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { fh.Close() })
		_, l := queueLogger(fh)
		l.SetLevel(levels.Info)
		return l
	}
}

func BenchmarkQueueHandler(b *testing.B) {
	for _, bc := range []struct {
		name   string
		logger func(*testing.B) *slogpy.Logger
	}{
		{"queue", benchQueueLogger},
		{"queue-caller", benchQueueCallerLogger},
		{"file", benchFileLogger("")},
		{"file-typical-format", benchFileLogger("%(asctime)s %(levelname)s %(name)s: %(message)s")},
		{"file-caller-format", benchFileLogger("%(asctime)s %(levelname)s %(filename)s:%(lineno)d: %(message)s")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := bc.logger(b)
			b.ReportAllocs()
			for b.Loop() {
				l.Info("user %s logged in", "bob")
			}
		})
		b.Run(bc.name+"/parallel", func(b *testing.B) {
			l := bc.logger(b)
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					l.Info("user %s logged in", "bob")
				}
			})
		})
	}
}

// ExampleNewQueueHandler puts a QueueHandler in front of a slow handler:
// the logging goroutine only enqueues; the listener's goroutine formats
// and writes. Stop drains the queue before returning.
func ExampleNewQueueHandler() {
	slow := slogpy.NewStreamHandler(os.Stdout, nil) // an SMTP or HTTP handler in real life
	f, _ := slogpy.NewFormatter("%(levelname)s:%(name)s:%(message)s", nil)
	slow.SetFormatter(f)

	qh := handlers.NewQueueHandler(nil, nil)
	listener, err := handlers.NewQueueListener(qh.Queue(), []slog.Handler{slow}, nil)
	if err != nil {
		panic(err)
	}
	listener.Start()

	m := slogpy.NewManager()
	log := m.GetLogger("app")
	log.AddHandler(qh)
	log.Warning("disk %d%% full", 91)
	slog.New(qh).Error("from plain slog")

	listener.Stop()
	// Output:
	// WARNING:app:disk 91% full
	// ERROR:root:from plain slog
}

// ExampleQueueHandler_Close: a QueueHandler that owns its listener
// (QueueHandlerOptions.Listener, as dictConfig makes it) starts it with
// Start, and Close hands every queued record on before stopping it.
func ExampleQueueHandler_Close() {
	out := slogpy.NewStreamHandler(os.Stdout, nil)
	q := handlers.NewChanQueue(0)
	listener, err := handlers.NewQueueListener(q, []slog.Handler{out}, nil)
	if err != nil {
		panic(err)
	}
	qh := handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{Listener: listener})
	if err := qh.Start(); err != nil {
		panic(err)
	}

	log := slogpy.NewManager().GetLogger("app")
	log.AddHandler(qh)
	log.Warning("queued, then written by the listener")

	qh.Close()
	// Output:
	// queued, then written by the listener
}

// queuePCs is a listener handler that records whether each record came
// with its caller's PC.
type queuePCs struct {
	slogpy.HandlerBase
	pcs []uintptr
}

func (h *queuePCs) Emit(r *slogpy.Record) error { h.pcs = append(h.pcs, r.PC); return nil }

// TestQueueHandlerCapturesTheCallerForItsListener: a logging call through
// a QueueHandler captures its caller only when a handler of the listener
// may read it, and then the listener's handlers print the right line.
func TestQueueHandlerCapturesTheCallerForItsListener(t *testing.T) {
	qh := handlers.NewQueueHandler(nil, nil)
	_, l := queueLogger(qh)
	l.Info("before any listener")

	probe := &queuePCs{}
	probe.Configure(nil)
	probe.FormatOnly()
	var out bytes.Buffer
	f, err := slogpy.NewFormatter("%(filename)s:%(lineno)d %(message)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	printer := slogpy.NewStreamHandler(&out, nil)
	ql := mustQueueListener(t, qh.Queue(), []slog.Handler{slogpy.AsSlog(probe), printer}, nil)
	if err := ql.Start(); err != nil {
		t.Fatal(err)
	}
	l.Info("nobody reads the caller")
	printer.SetFormatter(f)
	_, _, line, _ := runtime.Caller(0)
	l.Info("the printer prints it")
	if err := ql.Stop(); err != nil {
		t.Fatal(err)
	}
	if len(probe.pcs) != 3 || probe.pcs[0] == 0 || probe.pcs[1] != 0 || probe.pcs[2] == 0 {
		t.Errorf("PCs at the listener = %#x, want set (no listener yet), 0 (none reads it), set", probe.pcs)
	}
	// Queues in a chain: a QueueHandler behind a listener counts as reading
	// the caller (asking it would follow the chain, maybe round a loop).
	qh2 := handlers.NewQueueHandler(nil, nil)
	mustQueueListener(t, qh2.Queue(), []slog.Handler{qh}, nil)
	if !slogpy.ReadsCaller(qh2) {
		t.Error("ReadsCaller(QueueHandler whose listener feeds another QueueHandler) = false")
	}
	want := fmt.Sprintf("queue_test.go:%d the printer prints it\n", line+1)
	if !strings.HasSuffix(out.String(), want) {
		t.Errorf("listener output = %q, want it to end with %q", out.String(), want)
	}
}
