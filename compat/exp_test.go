package compat_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"go.uber.org/goleak"
	expslog "golang.org/x/exp/slog"
	expslogtest "golang.org/x/exp/slog/slogtest"

	"github.com/slogpy/slogpy/compat"
	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) Bytes() []byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]byte(nil), b.buf.Bytes()...)
}

func (b *syncBuffer) String() string { return string(b.Bytes()) }

func parseLines(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	ms, err := slogtestutil.ParseJSONLines(data)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// jsonFormatter renders records as slog's JSON handler would, for slogtest.
type jsonFormatter = slogtestutil.JSONFormatter

// TestSlogtestExpHandler runs testing/slogtest on a suite handler emitting
// to x/exp's JSON handler (the log/slog → x/exp direction).
func TestSlogtestExpHandler(t *testing.T) {
	var buf syncBuffer
	h := compat.NewExpHandler(expslog.NewJSONHandler(&buf, nil), nil)
	if err := slogtest.TestHandler(h, func() []map[string]any { return parseLines(t, buf.Bytes()) }); err != nil {
		t.Error(err)
	}
}

// TestSlogtestToExp runs x/exp's slogtest on ToExp over a suite
// StreamHandler (the x/exp → log/slog direction).
func TestSlogtestToExp(t *testing.T) {
	var buf syncBuffer
	h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: jsonFormatter{}})
	if err := expslogtest.TestHandler(compat.ToExp(h), func() []map[string]any { return parseLines(t, buf.Bytes()) }); err != nil {
		t.Error(err)
	}
}

// TestSlogtestRoundTrip runs x/exp's slogtest on records that go from
// x/exp into a logger of the hierarchy and out again to x/exp's JSON
// handler: both directions at once.
func TestSlogtestRoundTrip(t *testing.T) {
	var buf syncBuffer
	l := slogpy.NewManager().GetLogger("app")
	l.SetLevel(levels.Debug)
	l.AddHandler(compat.NewExpHandler(expslog.NewJSONHandler(&buf, nil), nil))
	if err := expslogtest.TestHandler(compat.ToExp(l.Handler()), func() []map[string]any { return parseLines(t, buf.Bytes()) }); err != nil {
		t.Error(err)
	}
	for _, m := range parseLines(t, buf.Bytes()) {
		if m["logger"] != "app" {
			t.Errorf("record %v lacks logger=app", m)
		}
	}
}

type token string

func (tk token) LogValue() slog.Value { return slog.StringValue("tok:" + string(tk)) }

type expToken string

func (tk expToken) LogValue() expslog.Value { return expslog.StringValue("tok:" + string(tk)) }

type point struct{ X, Y int }

var (
	when = time.Date(2023, 7, 8, 16, 49, 45, 896000000, time.UTC)
	// The levels include odd ones between Python's multiples of 5.
	slogLevels = []slog.Level{slog.LevelDebug - 2, slog.LevelDebug, -3, slog.LevelInfo, 1, 2, 3, slog.LevelWarn, 6, slog.LevelError, 12}
)

// slogAttrs are attributes of every kind, groups nested, inline and empty.
func slogAttrs() []slog.Attr {
	return []slog.Attr{
		slog.String("s", "text"), slog.Int64("i", -42), slog.Uint64("u", 1<<63),
		slog.Float64("f", 2.5), slog.Bool("b", true), slog.Duration("d", 1500*time.Millisecond),
		slog.Time("t", when), slog.Any("pt", point{1, 2}), slog.Any("err", errors.New("boom")),
		slog.Any("tok", token("x")), slog.Any("nil", nil),
		slog.Group("g", slog.String("a", "1"), slog.Group("h", slog.Int("b", 2))),
		slog.Group("", slog.String("inline", "yes")), slog.Group("empty"),
	}
}

func expAttrs() []expslog.Attr {
	return []expslog.Attr{
		expslog.String("s", "text"), expslog.Int64("i", -42), expslog.Uint64("u", 1<<63),
		expslog.Float64("f", 2.5), expslog.Bool("b", true), expslog.Duration("d", 1500*time.Millisecond),
		expslog.Time("t", when), expslog.Any("pt", point{1, 2}), expslog.Any("err", errors.New("boom")),
		expslog.Any("tok", expToken("x")), expslog.Any("nil", nil),
		expslog.Group("g", expslog.String("a", "1"), expslog.Group("h", expslog.Int("b", 2))),
		expslog.Group("", expslog.String("inline", "yes")), expslog.Group("empty"),
	}
}

// TestRoundTripFromSlog sends the same log/slog records, with every level,
// every kind of value and With/WithGroup state, to log/slog's JSON handler
// and, through a suite ExpHandler, to x/exp's JSON handler: the outputs are
// the same but for the "logger" attribute the bridge adds.
func TestRoundTripFromSlog(t *testing.T) {
	var want, got bytes.Buffer
	direct := slog.Handler(slog.NewJSONHandler(&want, &slog.HandlerOptions{Level: slog.Level(-10)}))
	dropLogger := func(groups []string, a expslog.Attr) expslog.Attr {
		if len(groups) == 0 && a.Key == "logger" {
			if a.Value.String() != "root" {
				t.Errorf("logger = %v", a.Value)
			}
			return expslog.Attr{}
		}
		return a
	}
	bridged := slog.Handler(compat.NewExpHandler(expslog.NewJSONHandler(&got, &expslog.HandlerOptions{Level: expslog.Level(-10), ReplaceAttr: dropLogger}), nil))
	for _, h := range []*slog.Handler{&direct, &bridged} {
		for i, l := range slogLevels {
			r := slog.NewRecord(when, l, fmt.Sprintf("level %d 100%%", l), 0)
			r.AddAttrs(slogAttrs()...)
			hh := *h
			switch i % 3 {
			case 1:
				hh = hh.WithAttrs([]slog.Attr{slog.String("with", "w")}).WithGroup("req")
			case 2:
				// Not WithGroup(""): log/slog's JSONHandler opens a group
				// named "" for it, where the suite (and x/exp) follow the
				// Handler contract and return the receiver.
				hh = hh.WithGroup("outer").WithAttrs([]slog.Attr{slog.Int("n", 1)}).WithGroup("inner")
			}
			if err := hh.Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got.String() != want.String() {
		t.Errorf("through the bridge:\n%s\ndirect:\n%s", got.String(), want.String())
	}
	if n := strings.Count(want.String(), "\n"); n != len(slogLevels) {
		t.Errorf("%d lines", n)
	}
}

// TestRoundTripFromExp does the same for x/exp records through ToExp to
// log/slog's JSON handler, and through ToExp and a logger back to x/exp.
func TestRoundTripFromExp(t *testing.T) {
	var want, got, loop bytes.Buffer
	opts := &expslog.HandlerOptions{Level: expslog.Level(-10)}
	direct := expslog.Handler(expslog.NewJSONHandler(&want, opts))
	bridged := compat.ToExp(slog.NewJSONHandler(&got, &slog.HandlerOptions{Level: slog.Level(-10)}))
	l := slogpy.NewManager().GetLogger("app")
	l.SetLevel(levels.Level(1))
	l.AddHandler(compat.NewExpHandler(expslog.NewJSONHandler(&loop, &expslog.HandlerOptions{
		Level: expslog.Level(-10),
		ReplaceAttr: func(groups []string, a expslog.Attr) expslog.Attr {
			if len(groups) == 0 && a.Key == "logger" {
				return expslog.Attr{}
			}
			return a
		},
	}), nil))
	looped := compat.ToExp(l.Handler())
	for _, h := range []*expslog.Handler{&direct, &bridged, &looped} {
		for i, sl := range slogLevels {
			r := expslog.NewRecord(when, expslog.Level(sl), fmt.Sprintf("level %d", sl), 0)
			r.AddAttrs(expAttrs()...)
			hh := *h
			switch i % 3 {
			case 1:
				hh = hh.WithAttrs([]expslog.Attr{expslog.String("with", "w")}).WithGroup("req")
			case 2:
				hh = hh.WithGroup("outer").WithAttrs([]expslog.Attr{expslog.Int("n", 1)}).WithGroup("inner").WithGroup("")
			}
			if err := hh.Handle(context.Background(), r); err != nil {
				t.Fatal(err)
			}
		}
	}
	if got.String() != want.String() {
		t.Errorf("x/exp → log/slog:\n%s\nx/exp direct:\n%s", got.String(), want.String())
	}
	if loop.String() != want.String() {
		t.Errorf("x/exp → logger → x/exp:\n%s\nx/exp direct:\n%s", loop.String(), want.String())
	}
	// Enabled crosses the bridge: the logger's level is Python's 1.
	for _, sl := range slogLevels {
		if got, want := looped.Enabled(context.Background(), expslog.Level(sl)), levels.FromSlog(sl) >= 1; got != want {
			t.Errorf("Enabled(%v) = %v", sl, got)
		}
	}
}

// TestExpHandlerRecord checks what an ExpHandler on a logger gives the
// x/exp handler: merged message, logger name, attributes, exception and
// stack, and that its level, filters and the x/exp handler's Enabled apply.
func TestExpHandlerRecord(t *testing.T) {
	var buf bytes.Buffer
	xh := expslog.NewTextHandler(&buf, &expslog.HandlerOptions{
		Level: expslog.LevelInfo,
		ReplaceAttr: func(groups []string, a expslog.Attr) expslog.Attr {
			if a.Key == expslog.TimeKey && len(groups) == 0 {
				return expslog.Attr{}
			}
			return a
		},
	})
	h := compat.NewExpHandler(xh, &slogpy.HandlerOptions{
		Level:   levels.Info,
		Filters: []slogpy.Filter{slogpy.FilterFunc(func(r *slogpy.Record) bool { return r.Msg != "filtered" })},
	})
	if h.Handler() != xh {
		t.Errorf("Handler() is not the x/exp handler")
	}
	m := slogpy.NewManager()
	l := m.GetLogger("app.db")
	l.SetLevel(levels.Debug)
	l.AddHandler(h)
	l.Debug("below the handler's level")
	l.Info("filtered")
	l.Warning("user %s try %d", "ann", 3, slog.String("ip", "10.0.0.1"), slog.Group("req", slog.Int("id", 7)))
	l.Error("failed", slogpy.ExcInfo(errors.New("disk full")))
	l.Log(levels.Level(25), "notice")
	want := `level=WARN msg="user ann try 3" logger=app.db ip=10.0.0.1 req.id=7
level=ERROR msg=failed logger=app.db exc_info="disk full"
level=INFO+2 msg=notice logger=app.db
`
	if buf.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", buf.String(), want)
	}
	buf.Reset()
	l.Warning("stack", slogpy.StackInfo())
	if !strings.Contains(buf.String(), `stack_info="Stack (most recent call last):`) {
		t.Errorf("no stack_info in %q", buf.String())
	}

	// The x/exp handler's own level: a suite handler at NOTSET still skips
	// what x/exp would not log, and says so through Enabled.
	buf.Reset()
	h2 := compat.NewExpHandler(xh, nil)
	l2 := m.GetLogger("other")
	l2.SetLevel(levels.Debug)
	l2.AddHandler(h2)
	l2.Debug("x/exp is at INFO")
	if buf.Len() != 0 || h2.Enabled(context.Background(), slog.LevelDebug) || !h2.Enabled(context.Background(), slog.LevelInfo) {
		t.Errorf("x/exp level not applied: %q", buf.String())
	}
}

// failingExp is an x/exp handler whose Handle fails.
type failingExp struct{ expslog.Handler }

func (failingExp) Handle(context.Context, expslog.Record) error { return errors.New("sink down") }

// TestExpHandlerErrors: a bad %-argument and an x/exp Handle error both go
// to the handler's error hook, and logging goes on.
func TestExpHandlerErrors(t *testing.T) {
	var report bytes.Buffer
	var out bytes.Buffer
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(compat.NewExpHandler(expslog.NewTextHandler(&out, nil), &slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&report)}))
	l.Warning("count %d", "not a number")
	l.Warning("ok")
	l2 := slogpy.NewManager().GetLogger("sink")
	l2.AddHandler(compat.NewExpHandler(failingExp{expslog.NewTextHandler(&out, nil)}, &slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&report)}))
	l2.Error("lost?")
	r := report.String()
	if !strings.Contains(r, "TypeError: %d format: a real number is required, not str") || !strings.Contains(r, "sink down\n") || strings.Count(r, "--- Logging error ---") != 2 {
		t.Errorf("reports:\n%s", r)
	}
	if !strings.Contains(out.String(), "msg=ok") {
		t.Errorf("logging stopped: %q", out.String())
	}
}

// TestExpHandlerConcurrent logs from several goroutines through a shared
// ExpHandler and ToExp and counts every line.
func TestExpHandlerConcurrent(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var buf syncBuffer
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(compat.NewExpHandler(expslog.NewJSONHandler(&buf, nil), nil))
	xl := expslog.New(compat.ToExp(l.Handler())).With("via", "exp")
	const workers, calls = 6, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				if i%2 == 0 {
					l.Warning("w%d i%d", w, i)
				} else {
					xl.Warn(fmt.Sprintf("w%d i%d", w, i), "i", i)
				}
			}
		}()
	}
	wg.Wait()
	seen := map[string]bool{}
	for _, m := range parseLines(t, buf.Bytes()) {
		seen[m["msg"].(string)] = true
	}
	if len(seen) != workers*calls {
		t.Errorf("%d distinct records, want %d", len(seen), workers*calls)
	}
}

// TestNilHandlers: nil means the root logger (ToExp) and x/exp's text
// handler on standard error (NewExpHandler).
func TestNilHandlers(t *testing.T) {
	if !compat.ToExp(nil).Enabled(context.Background(), expslog.LevelWarn) {
		t.Errorf("ToExp(nil) is not enabled at WARNING, the root logger's level")
	}
	if compat.ToExp(nil).Enabled(context.Background(), expslog.LevelInfo) {
		t.Errorf("ToExp(nil) is enabled at INFO")
	}
	if _, ok := compat.NewExpHandler(nil, nil).Handler().(*expslog.TextHandler); !ok {
		t.Errorf("NewExpHandler(nil) does not use a TextHandler")
	}
}
