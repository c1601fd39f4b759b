package adapter_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// newLogger returns the logger "app" of a fresh tree at DEBUG, not
// propagating, with a capture handler.
func newLogger(t testing.TB) (*slogpy.Logger, *captureHandler) {
	t.Helper()
	h := newCapture()
	l := slogpy.NewManager().GetLogger("app")
	l.SetPropagate(false)
	l.SetLevel(levels.Debug)
	l.AddHandler(h)
	return l, h
}

// attrsOf lists a record's attributes as key=value.
func attrsOf(r *slogpy.Record) string {
	var b []string
	r.Attrs(func(a slog.Attr) bool {
		b = append(b, a.Key+"="+a.Value.String())
		return true
	})
	return strings.Join(b, " ")
}

// TestMergeExtraHandChecked holds the merge_extra expectations written by
// hand from Python 3.13's documentation of LoggerAdapter ("the individual
// call extra taking precedence over the LoggerAdapter instance extra";
// without merge_extra the call's extra is ignored) and its process():
// {**self.extra, **kwargs["extra"]}, which keeps the adapter's keys first.
// Python 3.11, the oracle of the other tests, has no merge_extra.
func TestMergeExtraHandChecked(t *testing.T) {
	adapterExtra := []slog.Attr{slog.String("connid", "c42"), slog.String("region", "eu")}
	call := []any{slog.String("user", "bob"), slog.String("connid", "other")}
	tests := []struct {
		name  string
		extra []slog.Attr
		merge bool
		args  []any
		want  string
	}{
		{"merge: call wins, adapter's keys first", adapterExtra, true, call, "connid=other region=eu user=bob"},
		{"no merge: call ignored", adapterExtra, false, call, "connid=c42 region=eu"},
		{"merge, no call attrs", adapterExtra, true, nil, "connid=c42 region=eu"},
		{"merge, no adapter extra", nil, true, call, "user=bob connid=other"},
		{"no merge, no adapter extra", nil, false, call, ""},
		{"merge: the last of a repeated call key wins", adapterExtra, true,
			[]any{slog.String("connid", "x"), slog.String("connid", "y")}, "connid=y region=eu"},
		{"merge: a group replaces the adapter's group whole",
			[]slog.Attr{slog.Group("req", slog.Int("id", 1), slog.String("path", "/"))}, true,
			[]any{slog.Group("req", slog.Int("id", 2))}, "req=[id=2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, h := newLogger(t)
			a := adapter.New(l, tt.extra, &adapter.Options{MergeExtra: tt.merge})
			a.Info("m %d", append([]any{1}, tt.args...)...)
			rs := h.All()
			if len(rs) != 1 {
				t.Fatalf("%d records", len(rs))
			}
			if got := attrsOf(rs[0]); got != tt.want {
				t.Errorf("attrs = %q, want %q", got, tt.want)
			}
			if msg, _ := rs[0].Message(); msg != "m 1" {
				t.Errorf("message = %q", msg)
			}
			// DefaultProcess gives the same list without logging.
			_, out := a.DefaultProcess("m", tt.args)
			var keys []string
			for _, x := range out {
				if at, ok := x.(slog.Attr); ok {
					keys = append(keys, at.Key+"="+at.Value.String())
				}
			}
			if got := strings.Join(keys, " "); got != tt.want {
				t.Errorf("DefaultProcess attrs = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNestedMergeHandChecked: an outer adapter's extra becomes the inner
// adapter's call extra, which a merging inner adapter keeps (hand-checked
// from 3.13's process(), as TestMergeExtraHandChecked).
func TestNestedMergeHandChecked(t *testing.T) {
	l, h := newLogger(t)
	inner := adapter.New(l, []slog.Attr{slog.String("user", "ann"), slog.String("connid", "inner")}, &adapter.Options{MergeExtra: true})
	outer := adapter.New(inner, []slog.Attr{slog.String("connid", "c1")}, nil)
	outer.Warning("nested", slog.String("dropped", "by outer"))
	if got, want := attrsOf(h.All()[0]), "user=ann connid=c1"; got != want {
		t.Errorf("attrs = %q, want %q", got, want)
	}
	if outer.Logger() != inner || inner.Logger() != l {
		t.Errorf("Logger() does not return the wrapped target")
	}
	if !inner.MergeExtra() || outer.MergeExtra() {
		t.Errorf("MergeExtra() = %v, %v", inner.MergeExtra(), outer.MergeExtra())
	}
}

// TestCaller checks that %(lineno)d and %(funcName)s name the adapter's
// caller for every method, with Process, nested, and with StackLevel.
func TestCaller(t *testing.T) {
	l, h := newLogger(t)
	prefix := &adapter.Options{Process: prefixProcess}
	cases := map[string]*adapter.LoggerAdapter{
		"plain":  adapter.New(l, nil, nil),
		"merge":  adapter.New(l, nil, &adapter.Options{MergeExtra: true}),
		"prefix": adapter.New(l, []slog.Attr{slog.String("connid", "c")}, prefix),
		"nested": adapter.New(adapter.New(adapter.New(l, nil, prefix), nil, nil), nil, prefix),
	}
	ctx := context.Background()
	for name, a := range cases {
		calls := []func() int{
			func() int { _, _, n, _ := runtime.Caller(0); a.Debug("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Info("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Warning("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Warn("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Error("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Critical("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Fatal("x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Log(levels.Info, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.Exception(nil, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.DebugContext(ctx, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.InfoContext(ctx, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.WarningContext(ctx, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.ErrorContext(ctx, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.CriticalContext(ctx, "x"); return n },
			func() int { _, _, n, _ := runtime.Caller(0); a.LogContext(ctx, levels.Error, "x"); return n },
		}
		for i, call := range calls {
			line := call()
			rs := h.All()
			r := rs[len(rs)-1]
			if r.Lineno() != line || r.Filename() != "adapter_test.go" || !strings.HasPrefix(r.FuncName(), "TestCaller.func") {
				t.Errorf("%s call %d: caller %s:%d %s, want adapter_test.go:%d", name, i, r.Filename(), r.Lineno(), r.FuncName(), line+1)
			}
		}
	}
	// StackLevel(2) through two adapters names the caller's caller.
	a := adapter.New(adapter.New(l, nil, nil), nil, nil)
	want := logVia(a)
	rs := h.All()
	if r := rs[len(rs)-1]; r.Lineno() != want || r.FuncName() != "TestCaller" {
		t.Errorf("StackLevel(2): caller %s:%d, want TestCaller line %d", r.FuncName(), r.Lineno(), want)
	}
}

// logVia logs with StackLevel(2) and returns the line it was called from.
//
//go:noinline
func logVia(a *adapter.LoggerAdapter) int {
	a.Info("helper", slogpy.StackLevel(2))
	_, _, line, _ := runtime.Caller(1)
	return line
}

// TestProcessSeesTheCall checks what Process receives and that what it
// returns is what the logger logs, including call options it adds.
func TestProcessSeesTheCall(t *testing.T) {
	l, h := newLogger(t)
	var seen []any
	boom := errors.New("boom")
	a := adapter.New(l, []slog.Attr{slog.String("connid", "c7")}, &adapter.Options{
		Process: func(a *adapter.LoggerAdapter, msg string, args []any) (string, []any) {
			seen = append([]any(nil), args...)
			msg, args = a.DefaultProcess(">> "+msg, args)
			return msg, append(args, slogpy.ExcInfo(boom), slog.Int("n", len(args)))
		},
	})
	a.Info("sent %d to %s", 3, "b", slog.String("user", "u"))
	if len(seen) != 3 || seen[0] != 3 || seen[1] != "b" {
		t.Errorf("Process saw %v", seen)
	}
	if at, ok := seen[2].(slog.Attr); !ok || at.Key != "user" {
		t.Errorf("Process saw %v", seen)
	}
	r := h.All()[0]
	if msg, err := r.Message(); msg != ">> sent 3 to b" || err != nil {
		t.Errorf("message = %q, %v", msg, err)
	}
	if got, want := attrsOf(r), "connid=c7 n=3"; got != want {
		t.Errorf("attrs = %q, want %q", got, want)
	}
	if !r.ExcInfo || r.Err != boom {
		t.Errorf("exc = %v %v", r.ExcInfo, r.Err)
	}
	// Below the level, Process is not called.
	l.SetLevel(levels.Error)
	seen = nil
	a.Info("dropped")
	if seen != nil || len(h.All()) != 1 {
		t.Errorf("Process ran for a disabled call")
	}
}

// stderr runs f with os.Stderr replaced by a pipe and returns what f wrote
// to it.
func stderr(t *testing.T, f func()) string {
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
	defer func() {
		os.Stderr = old
		w.Close()
	}()
	f()
	os.Stderr = old
	w.Close()
	return <-done
}

// TestProcessPanic: a panicking Process is reported as a logging error, and
// the call is still logged, as DefaultProcess would log it.
func TestProcessPanic(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, h := newLogger(t)
	a := adapter.New(l, []slog.Attr{slog.String("connid", "c9")}, &adapter.Options{
		Process: func(*adapter.LoggerAdapter, string, []any) (string, []any) { panic("process exploded") },
	})
	report := stderr(t, func() { a.Warning("still %s", "logged", slog.String("user", "u")) })
	want := "\nadapter: panic in Process of an adapter of logger \"app\": process exploded\n"
	if !strings.HasPrefix(report, "--- Logging error ---\nTraceback (most recent call last):\n") || !strings.HasSuffix(report, want) {
		t.Errorf("report = %q, want %q", report, want)
	}
	rs := h.All()
	if len(rs) != 1 {
		t.Fatalf("%d records", len(rs))
	}
	if msg, _ := rs[0].Message(); msg != "still logged" || attrsOf(rs[0]) != "connid=c9" {
		t.Errorf("record %q %q", msg, attrsOf(rs[0]))
	}
}

// TestExceptionThroughAdapters: Exception's error and the "NoneType: None"
// of a nil error reach the record through nested adapters.
func TestExceptionThroughAdapters(t *testing.T) {
	l, h := newLogger(t)
	var buf bytes.Buffer
	f, _ := slogpy.NewFormatter("%(levelname)s %(k)s %(message)s", nil)
	l.AddHandler(slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: f}))
	a := adapter.New(adapter.New(l, []slog.Attr{slog.String("k", "v")}, nil), nil, &adapter.Options{MergeExtra: true})
	a.Exception(fmt.Errorf("wrapped: %w", io.EOF), "read %s", "conf")
	a.Exception(nil, "no error")
	want := "ERROR v read conf\nwrapped: EOF\nERROR v no error\nNoneType: None\n"
	if buf.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", buf.String(), want)
	}
	if rs := h.All(); len(rs) != 2 || !errors.Is(rs[0].Err, io.EOF) || !rs[1].ExcInfo || rs[1].Err != nil {
		t.Errorf("records do not carry the errors")
	}
}

// TestNilTargetIsTheRootLogger: New(nil, …) logs on the default manager's
// root logger.
func TestNilTargetIsTheRootLogger(t *testing.T) {
	a := adapter.New(nil, nil, nil)
	if a.Logger() != slogpy.Root() || a.Name() != "root" {
		t.Errorf("New(nil) wraps %v", a.Logger())
	}
}

// TestExtraIsCopied: changing the slice given to New or returned by Extra
// does not change the adapter; empty attributes are dropped.
func TestExtraIsCopied(t *testing.T) {
	l, h := newLogger(t)
	extra := []slog.Attr{slog.String("a", "1"), {}, slog.String("b", "2")}
	a := adapter.New(l, extra, nil)
	extra[0] = slog.String("a", "changed")
	a.Extra()[1] = slog.String("b", "changed")
	a.Info("m")
	if got := attrsOf(h.All()[0]); got != "a=1 b=2" {
		t.Errorf("attrs = %q", got)
	}
}

// TestConcurrentAdapters logs from many goroutines through shared adapters,
// with and without merging, and checks that every record carries its own
// call's arguments: the pooled argument lists are not shared between calls.
func TestConcurrentAdapters(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, h := newLogger(t)
	adapters := []*adapter.LoggerAdapter{
		adapter.New(l, []slog.Attr{slog.String("ad", "plain")}, nil),
		adapter.New(l, []slog.Attr{slog.String("ad", "merge")}, &adapter.Options{MergeExtra: true}),
		adapter.New(adapter.New(l, []slog.Attr{slog.String("ad", "inner")}, &adapter.Options{MergeExtra: true}), nil, &adapter.Options{Process: prefixProcess}),
	}
	const workers, calls = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				a := adapters[(w+i)%len(adapters)]
				a.Info("w%d i%d", w, i, slog.Int("w", w), slog.Int("i", i))
			}
		}()
	}
	wg.Wait()
	rs := h.All()
	if len(rs) != workers*calls {
		t.Fatalf("%d records, want %d", len(rs), workers*calls)
	}
	seen := map[string]bool{}
	for _, r := range rs {
		msg, _ := r.Message()
		msg = strings.TrimPrefix(msg, "[] ")
		attrs := attrsOf(r)
		var w, i int
		fmt.Sscanf(msg, "w%d i%d", &w, &i)
		var want string
		switch (w + i) % len(adapters) {
		case 0:
			want = "ad=plain"
		case 1:
			want = fmt.Sprintf("ad=merge w=%d i=%d", w, i)
		case 2:
			want = fmt.Sprintf("ad=inner w=%d i=%d", w, i)
		}
		if attrs != want {
			t.Errorf("%q: attrs %q, want %q", msg, attrs, want)
		}
		if seen[msg] {
			t.Errorf("%q logged twice", msg)
		}
		seen[msg] = true
	}
}

// TestAllocs checks the goal: an adapter call allocates at most one
// object more than the equivalent direct logger call, and a disabled call
// allocates nothing.
func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	f, _ := slogpy.NewFormatter("%(asctime)s %(connid)s %(levelname)s %(message)s", nil)
	l := slogpy.NewManager().GetLogger("app")
	l.SetLevel(levels.Info)
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{Formatter: f}))
	connid := slog.String("connid", "c42")
	user, ip := "bob", "10.0.0.1"
	direct := testing.AllocsPerRun(1000, func() { l.Info("user %s from %s", user, ip, connid) })
	for name, a := range map[string]*adapter.LoggerAdapter{
		"plain":  adapter.New(l, []slog.Attr{connid}, nil),
		"merge":  adapter.New(l, []slog.Attr{connid}, &adapter.Options{MergeExtra: true}),
		"nested": adapter.New(adapter.New(l, []slog.Attr{connid}, nil), nil, nil),
	} {
		got := testing.AllocsPerRun(1000, func() { a.Info("user %s from %s", user, ip) })
		if got > direct+1 {
			t.Errorf("%s adapter: %.1f allocs, direct call %.1f", name, got, direct)
		}
		if n := testing.AllocsPerRun(1000, func() { a.Debug("user %s from %s", user, ip) }); n != 0 {
			t.Errorf("%s adapter: disabled call allocates %.1f", name, n)
		}
	}
}
