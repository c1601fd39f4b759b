package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// commit applies a plan in named steps. Until the loggers are touched,
// every step can fail and is then undone completely: the objects made so
// far are closed and the files they created removed, and no file has
// been truncated.
//
//  1. make: call each build function in dependency order (files are
//     opened, for appending);
//  2. start: start the services (queue listeners);
//  3. truncate: empty the files opened with mode "w";
//  4. attach: configure the loggers, new handlers before old ones go;
//  5. existing: disable or reset the loggers the configuration does not
//     name;
//  6. retire: stop the previous configuration's services and close its
//     handlers.
func (o resolved) commit(st *managerState, p *plan) error {
	if p.incremental {
		for _, hl := range p.handlerLevels {
			hl.h.SetLevel(hl.level)
		}
		for _, lp := range p.loggers {
			o.applyLogger(st, lp, nil)
		}
		return nil
	}
	if err := p.make(); err != nil {
		return err
	}
	if err := p.start(); err != nil {
		p.undo()
		return err
	}
	if err := p.truncate(); err != nil {
		p.stop()
		p.undo()
		return err
	}
	var detached []slog.Handler
	for _, lp := range p.loggers {
		o.applyLogger(st, lp, &detached)
	}
	names := o.m.LoggerNames()
	detached = append(detached, o.handleExisting(p, names)...)
	o.retire(st, p, names, detached)
	return nil
}

// start is step 2: it starts the services.
func (p *plan) start() error {
	for i, s := range p.services {
		if err := s.Start(); err != nil {
			for _, started := range p.services[:i] {
				started.Stop()
			}
			return &Error{Err: fmt.Errorf("starting %T: %w", s, err)}
		}
	}
	return nil
}

func (p *plan) stop() {
	for i := len(p.services) - 1; i >= 0; i-- {
		p.services[i].Stop()
	}
}

// truncate is step 3: it empties the files opened with mode "w".
func (p *plan) truncate() error {
	for _, f := range p.files {
		if err := f.truncate(); err != nil {
			return &Error{Err: err}
		}
	}
	return nil
}

// handleExisting is step 5, Python's _handle_existing_loggers: loggers
// the configuration does not name are disabled (or left enabled), except
// the children of configured loggers, which are reset. names are the
// manager's loggers, sorted (Manager.LoggerNames). It returns the handlers
// it detached.
//
// Python sorts the names of its loggerDict (placeholders included) and
// finds the children of each configured name among the names after it
// that start with the name and a dot. The same loggers are found here by
// their names alone: a logger is a child when its name up to one of its
// dots is configured; placeholders, which Python skips, are not visited.
// No sort, no set of every name: time linear in the loggers.
func (o resolved) handleExisting(p *plan, names []string) []slog.Handler {
	m := o.m
	configured := make(map[string]bool, len(p.loggers))
	for _, lp := range p.loggers {
		if lp.spec.named {
			configured[lp.spec.name] = true
		}
	}
	child := func(name string) bool {
		for i := strings.IndexByte(name, '.'); i >= 0; {
			if i > 0 && configured[name[:i]] {
				return true
			}
			j := strings.IndexByte(name[i+1:], '.')
			if j < 0 {
				break
			}
			i += 1 + j
		}
		return false
	}
	var detached []slog.Handler
	for _, name := range names {
		if configured[name] {
			continue
		}
		l := m.GetLogger(name)
		if child(name) {
			l.SetLevel(levels.NotSet)
			detached = append(detached, setHandlers(l, nil)...)
			l.SetPropagate(true)
		} else {
			l.SetDisabled(p.disableExisting)
		}
	}
	return detached
}

// retire is step 6: it stops the previous configuration's services (queue
// listeners drain), then closes its handlers and the ones this one
// detached, newest first, unless a logger still holds them (names are the
// manager's loggers, which step 5 did not change): Python closes
// them but leaves them attached, where its stream and file handlers go on
// writing; here they simply stay open.
func (o resolved) retire(st *managerState, p *plan, names []string, detached []slog.Handler) {
	m := o.m
	keep := newHandlerSet()
	for _, mh := range p.made {
		keep.add(mh.h)
	}
	for _, h := range m.Root().Handlers() {
		keep.add(h)
	}
	for _, name := range names {
		for _, h := range m.GetLogger(name).Handlers() {
			keep.add(h)
		}
	}
	var errs []error
	for i := len(st.services) - 1; i >= 0; i-- {
		s := st.services[i]
		if _, ok := s.(slog.Handler); ok {
			continue // a queue handler: closing it stops its listener
		}
		if err := s.Stop(); err != nil {
			errs = append(errs, fmt.Errorf("stopping %T: %w", s, err))
		}
	}
	var old []slog.Handler
	for i := len(st.made) - 1; i >= 0; i-- {
		if st.made[i].owned {
			old = append(old, st.made[i].h)
		}
	}
	old = append(old, detached...)
	closed := newHandlerSet()
	var untrack []slog.Handler
	for _, h := range old {
		if keep.has(h) || closed.has(h) {
			continue
		}
		closed.add(h)
		untrack = append(untrack, h)
		if f, ok := h.(interface{ Flush() error }); ok {
			if err := f.Flush(); err != nil {
				errs = append(errs, fmt.Errorf("flushing %s: %w", handlerLabel(h), err))
			}
		}
		if c, ok := h.(io.Closer); ok {
			if err := c.Close(); err != nil {
				errs = append(errs, fmt.Errorf("closing %s: %w", handlerLabel(h), err))
			}
		}
	}
	for _, h := range untrack {
		m.Untrack(h)
	}
	st.made, st.services = p.made, p.services
	st.named = make(map[string]slog.Handler, len(p.made))
	for _, mh := range p.made {
		st.named[mh.name] = mh.h
		if mh.owned {
			m.Track(mh.h) // Shutdown closes it even if no logger holds it
		}
	}
	if len(errs) > 0 {
		o.onErr(&Error{Err: fmt.Errorf("the new configuration is applied; replacing the previous one: %w", errors.Join(errs...))})
	}
}

func handlerLabel(h slog.Handler) string {
	if sh, ok := h.(slogpy.Handler); ok && sh.Name() != "" {
		return fmt.Sprintf("handler %q (%T)", sh.Name(), h)
	}
	return fmt.Sprintf("handler %T", h)
}

// applyLogger applies one logger's part of a plan (step 4), collecting
// the handlers it detaches.
func (o resolved) applyLogger(st *managerState, lp *loggerPlan, detached *[]slog.Handler) {
	ls := lp.spec
	l := o.m.GetLogger(ls.name)
	if ls.level != nil {
		l.SetLevel(*ls.level)
	}
	if ls.setHandlers {
		hs := make([]slog.Handler, 0, len(lp.handlers))
		for _, r := range lp.handlers {
			hs = append(hs, r.get())
		}
		d := setHandlers(l, hs)
		if detached != nil {
			*detached = append(*detached, d...)
		}
	}
	if ls.setFilters {
		key := l.Name()
		for _, f := range st.filters[key] {
			l.RemoveFilter(f)
		}
		fs := make([]slogpy.Filter, 0, len(lp.filters))
		for _, f := range lp.filters {
			fs = append(fs, f.get())
			l.AddFilter(f.get())
		}
		if len(fs) > 0 {
			st.filters[key] = fs
		} else {
			delete(st.filters, key)
		}
	}
	if ls.propagate != nil {
		l.SetPropagate(*ls.propagate)
	}
	if ls.enable {
		l.SetDisabled(false)
	}
}

// setHandlers makes want the handlers of l in one step and returns the
// handlers it detached: a record logged meanwhile reaches the old set or
// the new one. A handler in both keeps its place, the new ones following
// it (a configuration read from a file makes all its handlers anew, so its
// order is exactly the configured one).
func setHandlers(l *slogpy.Logger, want []slog.Handler) []slog.Handler {
	var wanted, kept handlerSet
	var uniq []slog.Handler
	for _, h := range want {
		if !wanted.has(h) {
			wanted.add(h)
			uniq = append(uniq, h)
		}
	}
	have := l.Handlers()
	var next, detached []slog.Handler
	for _, h := range have {
		if wanted.has(h) {
			next = append(next, h)
			kept.add(h)
		} else {
			detached = append(detached, h)
		}
	}
	for _, h := range uniq {
		if !kept.has(h) {
			next = append(next, h)
		}
	}
	l.SetHandlers(next...)
	return detached
}

// handlerSet is a set of handlers by identity. The first few are kept in
// a slice (a logger's handlers: no map to make for each logger), more in a
// map. Handlers of a type that cannot be a map key (a struct holding a
// slice) are compared one by one.
type handlerSet struct {
	few   []slog.Handler
	m     map[slog.Handler]struct{}
	other []slog.Handler
}

// setSmall is the number of handlers a handlerSet keeps in its slice.
const setSmall = 8

func newHandlerSet() *handlerSet { return &handlerSet{} }

func (s *handlerSet) add(h slog.Handler) {
	switch {
	case !comparable(h):
		s.other = append(s.other, h)
	case s.m == nil && len(s.few) < setSmall:
		s.few = append(s.few, h)
	default:
		if s.m == nil {
			s.m = make(map[slog.Handler]struct{}, 4*setSmall)
			for _, x := range s.few {
				s.m[x] = struct{}{}
			}
			s.few = nil
		}
		s.m[h] = struct{}{}
	}
}

func (s *handlerSet) has(h slog.Handler) bool {
	if comparable(h) {
		if s.m != nil {
			_, ok := s.m[h]
			return ok
		}
		for _, x := range s.few {
			if x == h { // both of pointer kinds: no panic
				return true
			}
		}
		return false
	}
	for _, x := range s.other {
		if sameHandler(x, h) {
			return true
		}
	}
	return false
}

// comparable reports whether h can be a map key without a panic.
func comparable(h slog.Handler) bool {
	switch reflect.ValueOf(h).Kind() {
	case reflect.Pointer, reflect.Chan, reflect.UnsafePointer:
		return true
	}
	return false
}

// sameHandler compares handlers by identity, false for values that cannot
// be compared.
func sameHandler(a, b slog.Handler) (eq bool) {
	defer func() {
		if recover() != nil {
			eq = false
		}
	}()
	return a == b
}

// managerState is what configurations remember about a manager: Python's
// logging._handlers and _handlerList, as far as configurations made them.
type managerState struct {
	mu       sync.Mutex // serializes the configurations of the manager
	made     []madeHandler
	named    map[string]slog.Handler
	services []Service
	// filters holds the filters configurations put on each logger, so that
	// the next configuration replaces them rather than piling up.
	filters map[string][]slogpy.Filter
}

var states sync.Map // weak.Pointer[slogpy.Manager] -> *managerState

// stateOf returns the state of m, dropped when m is collected.
func stateOf(m *slogpy.Manager) *managerState {
	key := weak.Make(m)
	if v, ok := states.Load(key); ok {
		return v.(*managerState)
	}
	st := &managerState{named: map[string]slog.Handler{}, filters: map[string][]slogpy.Filter{}}
	v, loaded := states.LoadOrStore(key, st)
	if !loaded {
		runtime.AddCleanup(m, func(k weak.Pointer[slogpy.Manager]) { states.Delete(k) }, key)
	}
	return v.(*managerState)
}

// namedHandler finds a handler by name for an incremental configuration.
func (st *managerState) namedHandler(m *slogpy.Manager, name string) (slogpy.Handler, bool) {
	if h, ok := st.named[name]; ok {
		sh, ok := h.(slogpy.Handler)
		return sh, ok
	}
	if h := m.GetHandlerByName(name); h != nil {
		return h, true
	}
	return nil, false
}

// knownHandlerNames lists the names namedHandler finds.
func (st *managerState) knownHandlerNames(m *slogpy.Manager) []string {
	set := map[string]bool{}
	for n := range st.named {
		set[n] = true
	}
	for _, n := range m.GetHandlerNames() {
		set[n] = true
	}
	names := mapKeys(set)
	sort.Strings(names)
	return names
}
