package adapter_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/slogpy"
)

// TestBoundExtraOnceWithPairs: an adapter's extra (and a With logger's
// fields) appear once when the call also has slog key–value pairs, on
// every path a record can take: a handler that merges lazily, one with a
// filter (the call's arguments are sorted twice), a logger filter.
// Checked by hand: the extra once, then the call's pair.
func TestBoundExtraOnceWithPairs(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(l *slogpy.Logger, h *slogpy.StreamHandler)
	}{
		{"lazy", func(*slogpy.Logger, *slogpy.StreamHandler) {}},
		{"handler filter", func(_ *slogpy.Logger, h *slogpy.StreamHandler) {
			h.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
		}},
		{"logger filter", func(l *slogpy.Logger, _ *slogpy.StreamHandler) {
			l.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			l := slogpy.NewManager().GetLogger("app")
			l.SetPropagate(false)
			h := slogpy.NewStreamHandler(&buf, nil)
			f, err := slogpy.NewFormatter("%(message)s%(attrs)s", nil)
			if err != nil {
				t.Fatal(err)
			}
			h.SetFormatter(f)
			l.AddHandler(h)
			tt.setup(l, h)
			a := adapter.New(l, []slog.Attr{slog.String("connid", "c9")}, nil)
			a.Warning("x", "n", 1)
			a.Warning("y %d", 2, "n", 3)
			adapter.New(l, nil, nil).With("svc", "api").Warning("z", "n", 4)
			want := "x connid=c9 n=1\ny 2 connid=c9 n=3\nz svc=api n=4\n"
			if got := buf.String(); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
