package slogpy

import (
	"math"
	"time"

	"github.com/slogpy/slogpy/internal/pytime"
	"github.com/slogpy/slogpy/levels"
)

// SetStartTime sets the time relativeCreated is measured from, Python's
// logging._startTime (for the default manager, the time the package was
// loaded; for another, the time [NewManager] made it, or [Manager.Reset]
// reset it). It applies to the records of the manager's loggers and, for
// the default manager, to records that reached no manager; a record made
// before the change and formatted after it (behind a queue) uses the new
// start, where Python's record keeps the value computed when it was made.
func (m *Manager) SetStartTime(t time.Time) {
	m.start.Store(math.Float64bits(pytime.Created(t)))
}

// StartTime returns the time relativeCreated is measured from.
func (m *Manager) StartTime() time.Time {
	s := m.startCreated()
	sec := math.Floor(s)
	return time.Unix(int64(sec), int64(math.Round((s-sec)*1e9)))
}

// startCreated is the start time in seconds since the epoch, as Python's
// logging._startTime.
func (m *Manager) startCreated() float64 { return math.Float64frombits(m.start.Load()) }

// RaiseExceptions reports whether Python's logging.raiseExceptions is on for
// the manager (see [Manager.SetRaiseExceptions]).
func (m *Manager) RaiseExceptions() bool { return m.raiseExceptions.Load() }

// Reset returns the manager to the state [NewManager] gives, for tests of
// code that configures logging: the root logger at WARNING, every other
// logger with no level (NOTSET), no handlers, no filters, propagating and
// enabled; no disable level; the last-resort handler back; raiseExceptions
// on; the start time of relativeCreated now; the handlers it knew
// forgotten; the reserved extra keys it reported forgotten. The loggers themselves stay, so a *Logger held by a package
// variable keeps working and GetLogger returns the same one. Reset does not
// flush or close the handlers it forgets: call [Manager.Shutdown] first
// when they own files or connections. Python has no such call (its tests
// restore logging's module state by hand).
func (m *Manager) Reset() {
	m.mu.Lock()
	defer m.mu.Unlock()
	fresh := func(l *Logger, level levels.Level) {
		l.level, l.propagate, l.disabled, l.handlers = level, true, false, nil
		l.filters.mu.Lock()
		l.filters.store(nil)
		l.filters.mu.Unlock()
	}
	fresh(m.root, levels.Warning)
	m.loggers.each(func(l *Logger) { fresh(l, levels.NotSet) })
	m.disable = levels.NotSet
	m.known, m.knownOther = nil, nil
	lr := Handler(newLastResort())
	m.lastResort.Store(&lr)
	m.noHandlerMsg.Store(false)
	m.raiseExceptions.Store(true)
	m.extraSeen.Clear()
	m.SetStartTime(time.Now())
	m.update(m.root)
}

// LoggerDict returns Python's manager.loggerDict: every logger by name (the
// root excluded, as in Python) and every placeholder, a name no logger has
// yet that stands above loggers that do, mapped to nil. The map is a copy.
func (m *Manager) LoggerDict() map[string]*Logger {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make(map[string]*Logger, m.loggers.n)
	// prefix is the name of n followed by its dot ("" at the top, where
	// the empty segment of ".a" is a name of its own).
	var walk func(n *nameNode, prefix string)
	visit := func(seg string, c *nameNode, prefix string) {
		name := prefix + seg
		switch {
		case c.logger != nil:
			out[name] = c.logger
		case len(c.waiting) > 0:
			out[name] = nil
		}
		walk(c, name+".")
	}
	walk = func(n *nameNode, prefix string) {
		if n.kid0 != nil {
			visit(n.seg0, n.kid0, prefix)
		}
		for seg, c := range n.kids {
			visit(seg, c, prefix)
		}
	}
	walk(&m.names, "")
	return out
}
