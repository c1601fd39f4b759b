package adapter_test

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"testing"
	"time"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// counter prints a different text each time it is formatted, as a Python
// object whose __str__ reads changing state.
type counter struct{ n int }

func (c *counter) String() string { c.n++; return "call" + strconv.Itoa(c.n) }

type lazyValue struct{}

func (lazyValue) LogValue() slog.Value { return slog.StringValue("resolved") }

// boundLogger returns a logger of a new manager with a handler per format
// ("{"-style when it starts with "{"), writing to out.
func boundLogger(t *testing.T, out *bytes.Buffer, formats ...string) *slogpy.Logger {
	t.Helper()
	l := slogpy.NewManager().GetLogger("app")
	l.SetLevel(levels.Debug)
	for _, format := range formats {
		opts := &slogpy.FormatterOptions{}
		if format[0] == '{' {
			opts.Style = "{"
		}
		f, err := slogpy.NewFormatter(format, opts)
		if err != nil {
			t.Fatal(err)
		}
		l.AddHandler(slogpy.NewStreamHandler(out, &slogpy.HandlerOptions{
			Formatter:    f,
			ErrorHandler: func(_ *slogpy.Record, err error) { out.WriteString("error " + err.Error() + "\n") },
		}))
	}
	return l
}

// TestBoundExtra: an adapter's extra, converted once and formatted once
// per formatter, prints what the same attributes passed with every call
// print, named fields, %(attrs)s, groups, overrides by the call's own
// attributes, values that print differently each time and two formatters
// on one logger included.
func TestBoundExtra(t *testing.T) {
	formats := []string{
		"%(levelname)s %(message)s u=%(user)s n=%(n)d f=%(f).2f g=%(g.k)s%(attrs)s",
		"{message} {user!r:>6} {n:03d} c={c} lazy={lazy}",
	}
	extra := func(c *counter) []slog.Attr {
		return []slog.Attr{
			slog.String("user", "bob"), slog.Int("n", 7), slog.Float64("f", 0.5),
			slog.Group("g", slog.String("k", "v w")), slog.Any("c", c), slog.Any("lazy", lazyValue{}),
			slog.Time("at", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), slog.Duration("d", time.Second),
		}
	}
	calls := []struct {
		msg  string
		args []any
	}{
		{"plain", nil},
		{"printf %s %d", []any{"a", 1}},
		{"surplus %s", []any{"a", "k", "v"}},
		{"own attr", []any{slog.String("user", "alice"), slog.Int("extra", 1)}},
		{"bad %d", []any{"x"}},
	}
	for _, merge := range []bool{false, true} {
		c1, c2 := &counter{}, &counter{}
		var got, want bytes.Buffer
		a := adapter.New(boundLogger(t, &got, formats...), extra(c1), &adapter.Options{MergeExtra: merge})
		ref := boundLogger(t, &want, formats...)
		for i := 0; i < 3; i++ {
			for _, call := range calls {
				a.Info(call.msg, call.args...)
				_, args := adapter.New(ref, extra(c2), &adapter.Options{MergeExtra: merge}).DefaultProcess(call.msg, call.args)
				ref.Info(call.msg, args...)
			}
		}
		if got.String() != want.String() {
			t.Errorf("merge=%v: bound extra printed\n%s\nextra passed with each call printed\n%s", merge, got.String(), want.String())
		}
		if !bytes.Contains(got.Bytes(), []byte("c=call6")) {
			t.Errorf("merge=%v: a value whose text changes was formatted once:\n%s", merge, got.String())
		}
	}
}

// TestBoundWithAttrs: slog's WithAttrs, on a logger's Handler and on a
// suite handler, bound once, prints what the attributes passed with each
// call print; inside a group it is nested as before.
func TestBoundWithAttrs(t *testing.T) {
	format := "%(message)s u=%(user)s n=%(n)s%(attrs)s"
	attrs := []slog.Attr{slog.String("user", "bob"), slog.Int("n", 7), slog.String("q", "a b")}
	var got, want bytes.Buffer
	l := boundLogger(t, &got, format)
	ref := boundLogger(t, &want, format)
	h := l.Handlers()[0]
	for _, s := range []*slog.Logger{slog.New(l.Handler()), slog.New(h)} {
		w := s.With("user", "bob", "n", 7, "q", "a b")
		w.Info("one")
		w.Info("two", "n", 8, "k", "v")
		w.WithGroup("g").Info("three", "n", 9)
	}
	for _, s := range []*slog.Logger{slog.New(ref.Handler()), slog.New(ref.Handlers()[0])} {
		s.LogAttrs(context.Background(), slog.LevelInfo, "one", attrs...)
		s.LogAttrs(context.Background(), slog.LevelInfo, "two", append(attrs[:3:3], slog.Int("n", 8), slog.String("k", "v"))...)
		s.Info("three", "user", "bob", "n", 7, "q", "a b", slog.Group("g", "n", 9))
	}
	// A logger whose handler carries WithAttrs, called through an adapter.
	a := adapter.New(l, []slog.Attr{slog.String("svc", "api")}, nil)
	l.SetHandlers(h.WithAttrs([]slog.Attr{slog.String("user", "bob")}))
	a.Info("four")
	ref.Info("four", slog.String("user", "bob"), slog.String("svc", "api"))
	if got.String() != want.String() {
		t.Errorf("bound WithAttrs printed\n%s\nattributes with each call printed\n%s", got.String(), want.String())
	}
}
