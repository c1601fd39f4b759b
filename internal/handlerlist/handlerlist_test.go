package handlerlist

import (
	"context"
	"log/slog"
	"runtime"
	"slices"
	"testing"
)

type handler struct {
	slog.Handler
	name string
	_    [16]byte // not a tiny allocation, which the collector batches
}

func (*handler) Enabled(context.Context, slog.Level) bool { return true }

// TestLive: Live returns the handlers added that are alive, in order; a
// handler nothing else refers to is collected and its entry pruned, so the
// list stays bounded when a program makes and drops handlers in a loop
// (Add prunes when the list has doubled since the last prune).
func TestLive(t *testing.T) {
	kept := []*handler{{name: "a"}, {name: "b"}}
	for _, h := range kept {
		Add(h)
	}
	for range 10000 {
		Add(&handler{name: "dropped"})
	}
	runtime.GC()
	runtime.GC()
	var names []string
	for _, h := range Live() {
		names = append(names, h.(*handler).name)
	}
	if !slices.Equal(names[:2], []string{"a", "b"}) || len(names) > 100 {
		t.Errorf("Live() = %d handlers starting %v, want a, b and few of the dropped", len(names), names[:min(2, len(names))])
	}
	list.mu.Lock() // Live pruned the list
	n := len(list.entries)
	list.mu.Unlock()
	if n > 1000 {
		t.Errorf("%d entries after a prune, want the live ones", n)
	}
	runtime.KeepAlive(kept)
}
