package slogpy

import (
	"errors"
	"io"
	"log/slog"
	"math"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slogpy/slogpy/internal/handlerlist"
	"github.com/slogpy/slogpy/levels"
)

// A Manager owns a tree of loggers: Python's logging.Manager and the module
// state around it (the disable level, the last-resort handler, the handlers
// attached to its loggers). The package-level functions use a default
// Manager; [NewManager] gives an isolated tree for tests and embedders.
//
// Changes to the tree take the manager's lock and then publish, for every
// affected logger, an immutable snapshot of its effective level and of the
// handlers its records reach. The logging path reads the snapshot with one
// atomic load and takes no lock.
type Manager struct {
	mu   sync.Mutex
	root *Logger
	// loggers holds the loggers by name (not the root), read without the
	// lock, so that GetLogger of an existing logger never waits for a
	// creation; they are stored with the lock held.
	loggers loggerTable
	names   nameNode // the name tree, for parents and descendants
	disable levels.Level
	// known holds the handlers the manager knows (for Shutdown and
	// GetHandlerByName) with their creation sequence: those of a pointer
	// kind by identity in a map, so that tracking and untracking cost the
	// same however many there are; the others, which cannot all be map
	// keys, in knownOther.
	known        map[slog.Handler]uint64
	knownOther   []knownHandler
	lastResort   atomic.Pointer[Handler]
	noHandlerMsg atomic.Bool

	raiseExceptions atomic.Bool
	start           atomic.Uint64 // logging._startTime, as float64 bits
	extraSeen       sync.Map      // reserved extra keys reported (extra_keys.go)
}

type knownHandler struct {
	h   slog.Handler
	seq uint64
}

var defaultManager = NewManager()

// DefaultManager returns the manager of the package-level functions.
func DefaultManager() *Manager { return defaultManager }

// NewManager returns a manager with a root logger at WARNING and Python's
// last-resort handler (WARNING, standard error, "%(message)s").
func NewManager() *Manager {
	m := &Manager{}
	m.loggers.init()
	m.raiseExceptions.Store(true)
	m.SetStartTime(time.Now())
	m.root = &Logger{name: "root", m: m, level: levels.Warning, propagate: true}
	m.root.state.Store(&loggerState{})
	lr := Handler(newLastResort())
	m.lastResort.Store(&lr)
	m.mu.Lock()
	m.update(m.root)
	m.mu.Unlock()
	return m
}

// Root returns the root logger.
func (m *Manager) Root() *Logger { return m.root }

// GetLogger returns the logger called name, creating it and any missing
// link to its ancestors, as Python's logging.getLogger. "" and "root" name
// the root logger. Loggers are never destroyed.
//
// Getting an existing logger takes no lock. Creating one takes time in
// proportion to its name and to the loggers it becomes the parent of, not
// to the number of loggers.
func (m *Manager) GetLogger(name string) *Logger {
	if name == "" || name == m.root.name {
		return m.root
	}
	if l := m.loggers.load(name); l != nil {
		return l
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if l := m.loggers.load(name); l != nil {
		return l
	}
	if testCreateHook != nil {
		testCreateHook(name)
	}
	// The logger and its name's node in one allocation (the node is
	// left unused when the name was a placeholder's, which has a node).
	ln := &loggerNode{}
	l := &ln.logger
	l.name, l.m, l.propagate = name, m, true
	var atBuf [8]dotNode
	leaf, at := m.walk(name, atBuf[:0], &ln.node)
	l.node, leaf.logger = leaf, l
	if children := leaf.waiting; children != nil {
		leaf.waiting = nil
		m.fixupChildren(children, l)
	}
	m.fixupParents(l, at)
	// A new logger has no level and no handlers and propagates: the
	// snapshots of the loggers below it do not change.
	l.publish()
	m.loggers.store(l)
	return l
}

// testCreateHook, when set by a test, is called with the manager's lock
// held while a logger is being created.
var testCreateHook func(name string)

// LookupLogger returns the logger called name if it exists (the root
// logger for "" and "root"), without creating it: Python's
// manager.loggerDict.get(name), placeholders excluded. It takes no lock.
func (m *Manager) LookupLogger(name string) (*Logger, bool) {
	if name == "" || name == m.root.name {
		return m.root, true
	}
	l := m.loggers.load(name)
	return l, l != nil
}

// fixupParents is CPython's Manager._fixupParents: placeholders for every
// missing ancestor, and the nearest existing one as parent. at holds the
// name tree's node of each prefix of the name that ends before a dot.
func (m *Manager) fixupParents(l *Logger, at []dotNode) {
	name := l.name
	var parent *Logger
	i := strings.LastIndexByte(name, '.')
	k := len(at) - 1
	for i > 0 && parent == nil {
		for at[k].pos != i {
			k--
		}
		n := at[k].node
		if n.logger != nil {
			parent = n.logger
		} else {
			n.waiting = append(n.waiting, l)
		}
		i = strings.LastIndexByte(name[:max(i-1, 0)], '.') // Python: name.rfind(".", 0, i - 1)
	}
	if parent == nil {
		parent = m.root
	}
	l.parent = parent
}

// fixupChildren is CPython's Manager._fixupChildren: l takes the place of a
// placeholder between its children and their old parent.
func (m *Manager) fixupChildren(children []*Logger, l *Logger) {
	seen := make(map[*Logger]bool, len(children))
	for _, c := range children {
		if seen[c] {
			continue
		}
		seen[c] = true
		pn := c.parent.name // Python: c.parent.name[:namelen] != name
		if len(pn) > len(l.name) {
			pn = pn[:len(l.name)]
		}
		if pn != l.name {
			l.parent = c.parent
			c.parent = l
		}
	}
}

// update republishes the snapshots of l and its descendants. m.mu is held.
func (m *Manager) update(l *Logger) {
	l.publish()
	// The loggers whose names start with l's name and a dot are in the
	// subtree of l's node (every logger for the root), visited parents
	// first; l's own node is published above.
	n := l.node
	if l == m.root {
		n = &m.names
	}
	n.each(func(n *nameNode) {
		if n.logger != nil && n.logger != l {
			n.logger.publish()
		}
	})
}

// Disable disables every call at or below level on every logger, over their
// own levels: Python's logging.disable. Disable(levels.NotSet) undoes it.
func (m *Manager) Disable(level levels.Level) {
	m.mu.Lock()
	m.disable = level
	m.update(m.root)
	m.mu.Unlock()
}

// DisableLevel returns the level set by Disable (Python's manager.disable).
func (m *Manager) DisableLevel() levels.Level {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.disable
}

// LoggerNames returns the names of the loggers created so far (not the root),
// sorted: the keys of Python's manager.loggerDict that are loggers.
func (m *Manager) LoggerNames() []string {
	m.mu.Lock()
	names := make([]string, 0, m.loggers.n)
	m.loggers.each(func(l *Logger) { names = append(names, l.name) })
	m.mu.Unlock()
	sort.Strings(names)
	return names
}

// SetLastResort sets the handler used when a record finds no handler at
// all (Python's logging.lastResort). nil disables it: then a one-time
// "No handlers could be found for logger" notice goes to standard error.
func (m *Manager) SetLastResort(h Handler) {
	if h == nil {
		m.lastResort.Store(nil)
		return
	}
	m.lastResort.Store(&h)
}

// LastResort returns the last-resort handler, or nil.
func (m *Manager) LastResort() Handler {
	if p := m.lastResort.Load(); p != nil {
		return *p
	}
	return nil
}

// SetRaiseExceptions turns Python's logging.raiseExceptions on or off for
// the default manager (see [Manager.SetRaiseExceptions]).
func SetRaiseExceptions(on bool) { defaultManager.SetRaiseExceptions(on) }

// SetRaiseExceptions turns Python's logging.raiseExceptions on (the
// default) or off for the records logged through m's loggers: when off,
// errors while handling them are not reported on standard error (handlers
// with their own ErrorHandler still call it), nor is the "No handlers could
// be found" message printed. A record that reached no manager's logger (a
// slog record handled by a handler directly) follows the default manager.
func (m *Manager) SetRaiseExceptions(on bool) { m.raiseExceptions.Store(on) }

// remember records a handler attached to one of the manager's loggers, for
// Shutdown and GetHandlerByName. m.mu is held.
func (m *Manager) remember(h slog.Handler) {
	byID := identityKey(h)
	if byID {
		if _, ok := m.known[h]; ok {
			return
		}
	} else {
		for _, k := range m.knownOther {
			if same(k.h, h) {
				return
			}
		}
	}
	var seq uint64
	if sh, ok := h.(Handler); ok {
		seq = sh.base().order()
	} else {
		seq = handlerSeq.Add(1)
	}
	if !byID {
		m.knownOther = append(m.knownOther, knownHandler{h: h, seq: seq})
		return
	}
	if m.known == nil {
		m.known = map[slog.Handler]uint64{}
	}
	m.known[h] = seq
}

// identityKey reports whether h is of a kind compared by identity and
// usable as a map key: a pointer, a channel.
func identityKey(h slog.Handler) bool {
	switch reflect.ValueOf(h).Kind() {
	case reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		return true
	}
	return false
}

// knownHandlers returns the handlers the manager knows. m.mu is held.
func (m *Manager) knownHandlers() []knownHandler {
	out := make([]knownHandler, 0, len(m.known)+len(m.knownOther))
	for h, seq := range m.known {
		out = append(out, knownHandler{h: h, seq: seq})
	}
	return append(out, m.knownOther...)
}

// Track makes the manager know h without attaching it to a logger, as
// Python knows every handler it creates: Shutdown closes it and
// GetHandlerByName finds it. Configuration code tracks the handlers it makes
// for other handlers (a MemoryHandler's target, a queue listener's).
func (m *Manager) Track(h slog.Handler) {
	if h == nil {
		return
	}
	m.mu.Lock()
	m.remember(h)
	m.mu.Unlock()
}

// Untrack makes the manager forget h (after configuration code has closed
// it), so that Shutdown does not close it again. h stays attached to any
// logger it is on.
func (m *Manager) Untrack(h slog.Handler) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if identityKey(h) {
		delete(m.known, h)
		return
	}
	for i, k := range m.knownOther {
		if same(k.h, h) {
			m.knownOther = append(m.knownOther[:i:i], m.knownOther[i+1:]...)
			return
		}
	}
}

// GetHandlerByName returns the handler attached to one of the manager's
// loggers with that name, the most recently created if several share it, or
// nil (Python 3.12's logging.getHandlerByName).
func (m *Manager) GetHandlerByName(name string) Handler {
	m.mu.Lock()
	defer m.mu.Unlock()
	var found Handler
	var seq uint64
	for _, k := range m.knownHandlers() {
		if h, ok := k.h.(Handler); ok && h.Name() == name && k.seq >= seq {
			found, seq = unwrapped(h), k.seq
		}
	}
	return found
}

// GetHandlerNames returns the sorted, distinct non-empty names of the
// handlers attached to the manager's loggers (Python 3.12's
// logging.getHandlerNames).
func (m *Manager) GetHandlerNames() []string {
	m.mu.Lock()
	set := map[string]bool{}
	for _, k := range m.knownHandlers() {
		if h, ok := k.h.(Handler); ok && h.Name() != "" {
			set[h.Name()] = true
		}
	}
	m.mu.Unlock()
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Shutdown flushes and closes every handler ever attached to the manager's
// loggers or tracked by it ([Manager.Track]), most recently created first,
// as Python's logging.shutdown. The default manager's also flushes and
// closes the handlers that hold records back — a FileHandler or a rotating
// or watched handler with a buffer, a MemoryHandler — that no logger holds
// (behind a queue listener, a memory handler's target), as Python's
// reaches every handler it made; the others are not its to close. A
// foreign slog.Handler is flushed and closed when it has Flush() error or
// Close() error methods. The errors are joined.
func (m *Manager) Shutdown() error {
	m.mu.Lock()
	hs := m.knownHandlers()
	m.mu.Unlock()
	if m == defaultManager {
		hs = appendUnattached(hs)
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].seq > hs[j].seq })
	var errs []error
	for _, k := range hs {
		if f, ok := k.h.(interface{ Flush() error }); ok {
			errs = append(errs, f.Flush())
		}
		if c, ok := k.h.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// appendUnattached adds to hs the handlers that hold records back
// (internal/handlerlist) that hs does not have: the default manager's
// Shutdown flushes and closes them wherever they are, as Python's
// logging.shutdown flushes every handler it made.
func appendUnattached(hs []knownHandler) []knownHandler {
	for _, h := range handlerlist.Live() {
		if slices.ContainsFunc(hs, func(k knownHandler) bool { return same(k.h, h) }) {
			continue
		}
		k := knownHandler{h: h}
		if sh, ok := h.(Handler); ok {
			k.seq = sh.base().order()
		}
		hs = append(hs, k)
	}
	return hs
}

// loggerState is the immutable snapshot the logging path reads.
type loggerState struct {
	// threshold is the lowest level that is logged: above the disable
	// level and at or above the effective level; MaxInt when disabled.
	threshold levels.Level
	effective levels.Level
	disabled  bool
	own       int    // handlers attached to the logger itself
	chain     []link // every handler along the propagation walk, in order
}

type link struct {
	suite   Handler
	foreign slog.Handler
}

// publish computes and stores l's snapshot from l's own settings and its
// parent's snapshot, which is current: update publishes a subtree parents
// first. A logger with no level, no handlers, enabled and propagating,
// below a parent enabled and with no handlers of its own, shares the
// parent's snapshot (a new logger, most loggers); a snapshot that says
// what the stored one says is not stored again; otherwise publishing
// allocates the snapshot, and the chain when the logger has handlers of
// its own. l.m.mu is held.
func (l *Logger) publish() {
	var ps *loggerState
	if l.parent != nil {
		ps = l.parent.state.Load()
	}
	effective := l.level
	if effective == levels.NotSet && ps != nil {
		effective = ps.effective
	}
	threshold := max(effective, l.m.disable+1)
	if l.disabled {
		threshold = math.MaxInt
	}
	var tail []link // the parent's chain, where records propagate
	if l.propagate && ps != nil {
		tail = ps.chain
	}
	own := len(l.handlers)
	if ps != nil && own == 0 && l.propagate && !l.disabled && !ps.disabled && ps.own == 0 &&
		effective == ps.effective && threshold == ps.threshold {
		l.state.Store(ps)
		return
	}
	if old := l.state.Load(); old != nil && old.threshold == threshold && old.effective == effective &&
		old.disabled == l.disabled && old.own == own && sameChain(old.chain, l.handlers, tail) {
		return
	}
	s := &loggerState{threshold: threshold, effective: effective, disabled: l.disabled, own: own, chain: tail}
	if own > 0 {
		s.chain = make([]link, 0, own+len(tail))
		for _, h := range l.handlers {
			s.chain = append(s.chain, linkTo(h))
		}
		s.chain = append(s.chain, tail...)
	}
	l.state.Store(s)
}

// linkTo returns the chain's link to h.
func linkTo(h slog.Handler) link {
	if sh, ok := h.(Handler); ok {
		return link{suite: sh}
	}
	return link{foreign: h}
}

// sameChain reports whether chain is the links to hs followed by tail.
func sameChain(chain []link, hs []slog.Handler, tail []link) bool {
	if len(chain) != len(hs)+len(tail) {
		return false
	}
	for i, h := range hs {
		if l := linkTo(h); !same(chain[i].suite, l.suite) || !same(chain[i].foreign, l.foreign) {
			return false
		}
	}
	rest := chain[len(hs):]
	if len(rest) > 0 && &rest[0] == &tail[0] {
		return true // the parent's chain itself
	}
	for i := range rest {
		if !same(rest[i].suite, tail[i].suite) || !same(rest[i].foreign, tail[i].foreign) {
			return false
		}
	}
	return true
}
