// Package handlerlist keeps the handlers that hold records back (a file
// handler with an opt-in buffer, a memory handler) so that slogpy.Shutdown
// flushes and closes them even when no logger holds them: behind a queue
// listener, as a memory handler's target. Python's logging.shutdown does
// the same for every handler it made (logging._handlerList). The list holds
// weak references, as Python's does: a handler the program dropped is
// collected, and its entry is pruned.
package handlerlist

import (
	"log/slog"
	"sync"
	"weak"
)

var list struct {
	mu      sync.Mutex
	entries []func() slog.Handler // nil once the handler was collected
	pruneAt int                   // len(entries) that triggers the next prune
}

// Add adds h to the list.
func Add[E any, P interface {
	*E
	slog.Handler
}](h P) {
	wp := weak.Make((*E)(h))
	entry := func() slog.Handler {
		if v := wp.Value(); v != nil {
			return P(v)
		}
		return nil
	}
	list.mu.Lock()
	defer list.mu.Unlock()
	if len(list.entries) >= list.pruneAt {
		prune()
		list.pruneAt = max(64, 2*len(list.entries))
	}
	list.entries = append(list.entries, entry)
}

// prune drops the entries of collected handlers. The lock is held.
func prune() {
	kept := list.entries[:0]
	for _, e := range list.entries {
		if e() != nil {
			kept = append(kept, e)
		}
	}
	clear(list.entries[len(kept):])
	list.entries = kept
}

// Live returns the handlers of the list that are still alive, in the
// order they were added, and prunes the others.
func Live() []slog.Handler {
	list.mu.Lock()
	defer list.mu.Unlock()
	prune()
	var out []slog.Handler
	for _, e := range list.entries {
		if h := e(); h != nil {
			out = append(out, h)
		}
	}
	return out
}
