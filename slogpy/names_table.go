package slogpy

import (
	"hash/maphash"
	"sync/atomic"
)

// loggerTable finds the manager's loggers by name without a lock, so that
// getting an existing logger never waits for a creation. It is an
// open-addressing hash table of atomic slots: a reader loads the current
// array and probes it; a writer (holding the manager's lock) fills an
// empty slot, or, past half full, copies the loggers into an array twice
// the size and publishes it. Loggers are never removed, so a reader
// holding an older array finds every logger it held, and one that misses
// a logger stored since takes the lock and looks again.
//
// Unlike the sync.Map it replaces, storing a logger allocates nothing
// (the arrays grow by doubling), and a lookup that finds nothing reads
// only the slots' hashes, not the loggers they point to.
type loggerTable struct {
	cur  atomic.Pointer[tableArray]
	seed maphash.Seed
	n    int // loggers stored; written with the manager's lock held
}

// tableArray is one array of slots; its length is a power of two.
type tableArray struct {
	mask  uint64
	slots []tableSlot
}

// tableSlot holds one logger and its name's hash (stored before the
// logger, so that a reader that sees the logger sees its hash).
type tableSlot struct {
	hash   atomic.Uint64
	logger atomic.Pointer[Logger]
}

// minTableSlots is the size of the first array.
const minTableSlots = 64

// init makes the table empty, before the manager is shared.
func (t *loggerTable) init() {
	t.seed, t.n = maphash.MakeSeed(), 0
	t.cur.Store(&tableArray{mask: minTableSlots - 1, slots: make([]tableSlot, minTableSlots)})
}

// load returns the logger called name, or nil. It takes no lock.
func (t *loggerTable) load(name string) *Logger {
	a := t.cur.Load()
	h := maphash.String(t.seed, name)
	for i := h & a.mask; ; i = (i + 1) & a.mask {
		s := &a.slots[i]
		l := s.logger.Load()
		if l == nil {
			return nil
		}
		if s.hash.Load() == h && l.name == name {
			return l
		}
	}
}

// store adds l, whose name is not in the table. The manager's lock is
// held.
func (t *loggerTable) store(l *Logger) {
	a := t.cur.Load()
	if uint64(t.n+1) > (a.mask+1)/2 {
		a = t.grow(a)
	}
	put(a, maphash.String(t.seed, l.name), l)
	t.n++
}

// put fills the first empty slot of h's probe sequence.
func put(a *tableArray, h uint64, l *Logger) {
	i := h & a.mask
	for a.slots[i].logger.Load() != nil {
		i = (i + 1) & a.mask
	}
	a.slots[i].hash.Store(h)
	a.slots[i].logger.Store(l)
}

// grow publishes an array twice the size of a holding a's loggers, and
// returns it. The manager's lock is held.
func (t *loggerTable) grow(a *tableArray) *tableArray {
	size := 2 * (a.mask + 1)
	b := &tableArray{mask: size - 1, slots: make([]tableSlot, size)}
	for i := range a.slots {
		if l := a.slots[i].logger.Load(); l != nil {
			put(b, a.slots[i].hash.Load(), l)
		}
	}
	t.cur.Store(b)
	return b
}

// each calls fn for every logger in the table. The manager's lock is held.
func (t *loggerTable) each(fn func(*Logger)) {
	a := t.cur.Load()
	for i := range a.slots {
		if l := a.slots[i].logger.Load(); l != nil {
			fn(l)
		}
	}
}
