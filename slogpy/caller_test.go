package slogpy_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// callerProbe records, for each record, whether the logging call captured
// its caller up front (PC set on arrival) and the caller the record gives
// when asked: found up front, or later on the stack.
type callerProbe struct {
	slogpy.HandlerBase
	captured []bool
	sites    []string
	// onEmit, when set, is called with the record before it is read.
	onEmit func(r *slogpy.Record)
}

func newCallerProbe(formatOnly bool, opts *slogpy.HandlerOptions) *callerProbe {
	p := &callerProbe{}
	p.Configure(opts)
	if formatOnly {
		p.FormatOnly()
	}
	return p
}

func (p *callerProbe) Emit(r *slogpy.Record) error {
	p.captured = append(p.captured, r.PC != 0)
	if p.onEmit != nil {
		p.onEmit(r)
	}
	p.sites = append(p.sites, site(r.Filename(), r.Lineno(), r.FuncName()))
	return nil
}

func site(file string, line int, fn string) string {
	return file + ":" + strconv.Itoa(line) + " " + fn
}

// here returns the site of its caller's next line, as a logging call on
// that line reports it.
func here() string {
	pc, file, line, _ := runtime.Caller(1)
	fn := runtime.FuncForPC(pc).Name()
	fn = fn[strings.LastIndexByte(fn, '/')+1:]
	fn = fn[strings.IndexByte(fn, '.')+1:]
	return site(file[strings.LastIndexByte(file, '/')+1:], line+1, fn)
}

// TestCallerIsFoundWhenNotCaptured logs through every kind of logging call
// to a handler that promises to read records only through its formatter
// (FormatOnly) and whose format prints no caller, so that the calls skip
// runtime.Callers; the handler then reads the caller anyway (as an error
// report does) and must get the same call site as a handler that does not
// promise it and gets the caller captured up front.
func TestCallerIsFoundWhenNotCaptured(t *testing.T) {
	m := slogpy.NewManager()
	m.Root().SetLevel(levels.Debug)
	l := m.GetLogger("caller")
	lazy := newCallerProbe(true, nil)
	l.AddHandler(slogpy.AsSlog(lazy))
	eager := newCallerProbe(false, nil)
	eagerLogger := m.GetLogger("caller.eager")
	eagerLogger.SetPropagate(false)
	eagerLogger.AddHandler(slogpy.AsSlog(eager))

	var want []string
	helper := func(l *slogpy.Logger) { l.Info("helper", slogpy.StackLevel(2)) }
	for _, lg := range []*slogpy.Logger{l, eagerLogger} {
		want = want[:0]
		want = append(want, here())
		lg.Info("info")
		want = append(want, here())
		lg.Log(levels.Warning, "log %d", 1)
		want = append(want, here())
		lg.LogAttrs(context.Background(), levels.Error, "attrs", slog.Int("n", 1))
		want = append(want, here())
		lg.ErrorContext(context.Background(), "ctx")
		want = append(want, here())
		lg.Exception(io.EOF, "exc")
		want = append(want, here())
		helper(lg)
		ad := adapter.New(lg, []slog.Attr{slog.Int("k", 1)}, nil)
		want = append(want, here())
		ad.Info("adapter")
	}
	if len(lazy.sites) != len(want) || len(eager.sites) != len(want) {
		t.Fatalf("records: lazy %d, eager %d, want %d", len(lazy.sites), len(eager.sites), len(want))
	}
	for i := range want {
		if lazy.captured[i] {
			t.Errorf("call %d: caller captured up front for a FormatOnly handler with %%(message)s", i)
		}
		if !eager.captured[i] {
			t.Errorf("call %d: caller not captured for a handler without FormatOnly", i)
		}
		if lazy.sites[i] != want[i] || eager.sites[i] != want[i] {
			t.Errorf("call %d: found later %q, captured %q, want %q", i, lazy.sites[i], eager.sites[i], want[i])
		}
	}
}

// TestCallerCapturedWhenAHandlerMayReadIt: what makes a logging call
// capture its caller up front.
func TestCallerCapturedWhenAHandlerMayReadIt(t *testing.T) {
	caller := mustFormatter(t, "%(message)s at %(lineno)d", nil)
	plain := mustFormatter(t, "%(asctime)s %(levelname)s %(message)s", nil)
	tests := []struct {
		name  string
		setup func(l *slogpy.Logger, p *callerProbe)
		want  bool
	}{
		{"plain format", func(*slogpy.Logger, *callerProbe) {}, false},
		{"format without caller fields", func(_ *slogpy.Logger, p *callerProbe) { p.SetFormatter(plain) }, false},
		{"format with lineno", func(_ *slogpy.Logger, p *callerProbe) { p.SetFormatter(caller) }, true},
		{"formatter set back to plain", func(_ *slogpy.Logger, p *callerProbe) { p.SetFormatter(caller); p.SetFormatter(plain) }, false},
		{"foreign formatter", func(_ *slogpy.Logger, p *callerProbe) { p.SetFormatter(jsonLike{}) }, true},
		{"handler FilterFunc", func(_ *slogpy.Logger, p *callerProbe) {
			p.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
		}, true},
		{"handler NameFilter", func(_ *slogpy.Logger, p *callerProbe) { p.AddFilter(slogpy.NewNameFilter("c")) }, false},
		{"filter removed", func(_ *slogpy.Logger, p *callerProbe) {
			f := slogpy.FilterFunc(func(*slogpy.Record) bool { return true })
			p.AddFilter(f)
			p.RemoveFilter(f)
		}, false},
		{"logger FilterFunc", func(l *slogpy.Logger, _ *callerProbe) {
			l.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
		}, true},
		{"logger NameFilter", func(l *slogpy.Logger, _ *callerProbe) { l.AddFilter(slogpy.NewNameFilter("c")) }, false},
		{"foreign slog handler on the parent", func(l *slogpy.Logger, _ *callerProbe) {
			l.Parent().AddHandler(slog.NewTextHandler(io.Discard, nil))
		}, true},
		{"handler without FormatOnly on the parent", func(l *slogpy.Logger, _ *callerProbe) {
			l.Parent().AddHandler(slogpy.AsSlog(newCallerProbe(false, nil)))
		}, true},
		{"SetReadsCaller false on a handler without FormatOnly", func(l *slogpy.Logger, _ *callerProbe) {
			p := newCallerProbe(false, nil)
			p.SetReadsCaller(func() bool { return false })
			l.Parent().AddHandler(slogpy.AsSlog(p))
		}, false},
		{"SetReadsCaller true", func(_ *slogpy.Logger, p *callerProbe) { p.SetReadsCaller(func() bool { return true }) }, true},
		{"SetReadsCaller false but a FilterFunc", func(_ *slogpy.Logger, p *callerProbe) {
			p.SetReadsCaller(func() bool { return false })
			p.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
		}, true},
		{"SetReadsCaller(nil) restores FormatOnly", func(_ *slogpy.Logger, p *callerProbe) {
			p.SetReadsCaller(func() bool { return true })
			p.SetReadsCaller(nil)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := slogpy.NewManager().GetLogger("c.d")
			p := newCallerProbe(true, nil)
			l.AddHandler(slogpy.AsSlog(p))
			tt.setup(l, p)
			l.Warning("x")
			if len(p.captured) != 1 || p.captured[0] != tt.want {
				t.Errorf("captured = %v, want [%v]", p.captured, tt.want)
			}
		})
	}
	t.Run("ReadsCaller", func(t *testing.T) {
		if !slogpy.ReadsCaller(slog.NewTextHandler(io.Discard, nil)) {
			t.Error("ReadsCaller(slog.TextHandler) = false")
		}
		if slogpy.ReadsCaller(slogpy.NewStreamHandler(io.Discard, nil)) {
			t.Error("ReadsCaller(StreamHandler with the default format) = true")
		}
		if slogpy.ReadsCaller(slogpy.NewNullHandler()) {
			t.Error("ReadsCaller(NullHandler) = true")
		}
		h := slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{Formatter: caller})
		if !slogpy.ReadsCaller(h) || !slogpy.ReadsCaller(h.WithAttrs([]slog.Attr{slog.Int("a", 1)})) {
			t.Error("ReadsCaller(StreamHandler printing lineno, or its WithAttrs) = false")
		}
	})
	t.Run("error handler", func(t *testing.T) {
		l := slogpy.NewManager().GetLogger("c")
		p := newCallerProbe(true, &slogpy.HandlerOptions{ErrorHandler: func(*slogpy.Record, error) {}})
		l.AddHandler(slogpy.AsSlog(p))
		l.Warning("x")
		if !p.captured[0] {
			t.Error("caller not captured for a handler with an ErrorHandler")
		}
	})
}

type jsonLike struct{}

func (jsonLike) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	return append(dst, r.Msg...), nil
}

// TestCallerNotFoundOutsideTheCall: a record read on another goroutine, or
// while another logging call is running on the stack, gives no caller
// rather than a wrong one; a clone, which outlives the call, has the
// caller only if the handler said it reads it.
func TestCallerNotFoundOutsideTheCall(t *testing.T) {
	m := slogpy.NewManager()
	m.Root().SetLevel(levels.Debug)
	l := m.GetLogger("a")
	p := newCallerProbe(true, nil)
	l.AddHandler(slogpy.AsSlog(p))
	var clone *slogpy.Record
	p.onEmit = func(r *slogpy.Record) {
		if r.Msg == "clone" {
			clone = r.Clone()
			return
		}
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { // against the rules: a record is the call's only
			defer wg.Done()
			if n := r.Lineno(); n != 0 {
				t.Errorf("line on another goroutine = %d, want 0", n)
			}
		}()
		wg.Wait()
	}
	l.Info("elsewhere")
	if p.sites[0] != "(unknown file):0 (unknown function)" {
		t.Errorf("caller after a read on another goroutine = %q, want CPython's unknown caller", p.sites[0])
	}
	l.Info("clone")
	if clone.PC != 0 || clone.Lineno() != 0 {
		t.Errorf("clone of a record whose call skipped the caller: PC %#x, line %d; want none", clone.PC, clone.Lineno())
	}
	p.SetReadsCaller(func() bool { return true })
	want := here()
	l.Info("clone")
	if got := site(clone.Filename(), clone.Lineno(), clone.FuncName()); got != want {
		t.Errorf("clone's caller = %q, want %q", got, want)
	}

	nested := newCallerProbe(true, nil)
	inner := m.GetLogger("b")
	inner.AddHandler(slogpy.AsSlog(nested))
	outer := newCallerProbe(true, nil)
	m.GetLogger("c").AddHandler(slogpy.AsSlog(outer))
	ran := false
	outer.onEmit = func(r *slogpy.Record) {
		nested.onEmit = func(*slogpy.Record) {
			ran = true
			if n := r.Lineno(); n != 0 {
				t.Errorf("outer record's line during a nested call = %d, want 0", n)
			}
		}
		inner.Info("nested")
	}
	m.GetLogger("c").Info("outer")
	if !ran {
		t.Error("the nested call did not reach its handler")
	}
}

// TestErrorReportNamesTheCallWithoutCapture: the default error report's
// call stack ends with the logging call though the call did not capture it.
func TestErrorReportNamesTheCallWithoutCapture(t *testing.T) {
	rd, wr, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	saved := os.Stderr
	os.Stderr = wr
	l := slogpy.NewManager().GetLogger("r")
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, nil))
	want := here()
	l.Warning("n=%d", "x")
	wr.Close()
	os.Stderr = saved
	report, _ := io.ReadAll(rd)
	_, line, _ := strings.Cut(want, ":")
	line, _, _ = strings.Cut(line, " ")
	if !strings.Contains(string(report), "caller_test.go\", line "+line+", in TestErrorReportNamesTheCallWithoutCapture\n") {
		t.Errorf("report = %q, want the line of the call (%s)", report, line)
	}
}
