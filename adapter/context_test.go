package adapter_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func attrList(as []slog.Attr) string {
	var b []string
	for _, a := range as {
		b = append(b, a.Key+"="+a.Value.String())
	}
	return strings.Join(b, " ")
}

func TestWithContext(t *testing.T) {
	base := context.Background()
	ctx := adapter.WithContext(base, slog.String("request_id", "r1"), slog.String("user", "ann"))
	child := adapter.WithContext(ctx, slog.String("user", "bob"), slog.Attr{}, slog.Int("try", 2))
	tests := []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"background", base, ""},
		{"first", ctx, "request_id=r1 user=ann"},
		{"a later value replaces in place", child, "request_id=r1 user=bob try=2"},
		{"nil context", adapter.WithContext(nil, slog.String("k", "v")), "k=v"}, //nolint:staticcheck // nil is accepted
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := attrList(adapter.FromContext(tt.ctx)); got != tt.want {
				t.Errorf("FromContext = %q, want %q", got, tt.want)
			}
		})
	}
	if adapter.WithContext(ctx) != ctx || adapter.WithContext(ctx, slog.Attr{}) != ctx {
		t.Errorf("WithContext without attributes returned a new context")
	}
	if adapter.FromContext(nil) != nil { //nolint:staticcheck // nil is accepted
		t.Errorf("FromContext(nil) is not nil")
	}
	// The parent is unchanged, and FromContext returns a copy.
	adapter.FromContext(ctx)[0] = slog.String("request_id", "changed")
	if got := attrList(adapter.FromContext(ctx)); got != "request_id=r1 user=ann" {
		t.Errorf("parent context changed: %q", got)
	}
}

// TestContextFilter checks that context attributes reach the format, that
// the call's and the adapter's attributes win, and that a record passing
// two handlers with the filter gets each attribute once.
func TestContextFilter(t *testing.T) {
	var out1, out2 bytes.Buffer
	f, err := slogpy.NewFormatter("%(request_id)s %(user)s %(message)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	filter := &adapter.ContextFilter{}
	m := slogpy.NewManager()
	l := m.GetLogger("app")
	l.SetLevel(levels.Debug)
	l.AddHandler(slogpy.NewStreamHandler(&out1, &slogpy.HandlerOptions{Formatter: f, Filters: []slogpy.Filter{filter}}))
	m.Root().AddHandler(slogpy.NewStreamHandler(&out2, &slogpy.HandlerOptions{Formatter: f, Filters: []slogpy.Filter{filter}}))
	capture := newCapture()
	m.Root().AddHandler(capture)

	ctx := adapter.WithContext(context.Background(), slog.String("request_id", "r1"), slog.String("user", "ctx-user"))
	l.InfoContext(ctx, "plain")
	l.InfoContext(ctx, "call wins", slog.String("user", "call-user"))
	adapter.New(l, []slog.Attr{slog.String("user", "adapter-user")}, nil).InfoContext(ctx, "adapter wins")
	slog.New(l.Handler()).With("user", "with-user").InfoContext(ctx, "slog With wins")
	slog.New(l.Handler()).InfoContext(ctx, "through slog")

	want := "r1 ctx-user plain\nr1 call-user call wins\nr1 adapter-user adapter wins\nr1 with-user slog With wins\nr1 ctx-user through slog\n"
	if out1.String() != want || out2.String() != want {
		t.Errorf("outputs:\n%s\n%s\nwant:\n%s", out1.String(), out2.String(), want)
	}
	for _, r := range capture.All() {
		if n := r.NumAttrs(); n != 2 {
			t.Errorf("record %q has %d attributes (%s), want 2", r.Msg, n, attrsOf(r))
		}
	}
}

// TestContextFilterExtract reads values another package stored under its
// own context key, and leaves records without a context alone.
func TestContextFilterExtract(t *testing.T) {
	type traceKey struct{}
	filter := &adapter.ContextFilter{Extract: func(ctx context.Context) []slog.Attr {
		if id, ok := ctx.Value(traceKey{}).(string); ok {
			return []slog.Attr{slog.String("trace", id)}
		}
		return nil
	}}
	var out bytes.Buffer
	f, _ := slogpy.NewFormatter("%(message)s", nil)
	l := slogpy.NewManager().GetLogger("app")
	h := slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{Formatter: f, Filters: []slogpy.Filter{filter}})
	l.AddHandler(h)
	capture := newCapture()
	capture.AddFilter(filter)
	l.AddHandler(capture)
	l.WarningContext(context.WithValue(context.Background(), traceKey{}, "t-9"), "traced")
	l.Warning("untraced")
	rs := capture.All()
	if len(rs) != 2 || attrsOf(rs[0]) != "trace=t-9" || attrsOf(rs[1]) != "" {
		t.Errorf("records: %d, %q", len(rs), attrsOf(rs[0]))
	}
	if out.String() != "traced\nuntraced\n" {
		t.Errorf("output %q", out.String())
	}
	// A nil *ContextFilter reads WithContext's attributes.
	r, _ := slogpy.MakeRecord(map[string]any{"msg": "x"})
	r.SetContext(adapter.WithContext(context.Background(), slog.String("k", "v")))
	if (*adapter.ContextFilter)(nil).Filter(r) != r || attrsOf(r) != "k=v" {
		t.Errorf("nil filter: %q", attrsOf(r))
	}
}
