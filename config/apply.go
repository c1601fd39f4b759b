package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// Options say where a configuration applies and how its names resolve.
// The zero value (and nil) configures the default manager with the default
// registry, ext://sys.stdout and ext://sys.stderr being the process's
// standard output and error.
type Options struct {
	// Manager is the logger tree to configure. nil means
	// slogpy.DefaultManager().
	Manager *slogpy.Manager
	// Registry resolves class names, "()" factories and ext:// names. nil
	// means DefaultRegistry().
	Registry *Registry
	// Stdout and Stderr are what ext://sys.stdout and ext://sys.stderr
	// (sys.stdout and sys.stderr in fileConfig's args) resolve to, and
	// Stderr is the stream of a StreamHandler configured without one. nil
	// means the process's standard output and error at the time of each
	// write.
	Stdout, Stderr io.Writer
	// ErrorHandler receives the errors met after a configuration was
	// applied: closing the handlers it replaced, stopping their queue
	// listeners. nil writes them to standard error.
	ErrorHandler func(err error)
}

// resolved are Options with the defaults filled in.
type resolved struct {
	m      *slogpy.Manager
	reg    *Registry
	stdout io.Writer
	stderr io.Writer
	onErr  func(error)
}

func resolveOptions(opts *Options) resolved {
	var o Options
	if opts != nil {
		o = *opts
	}
	r := resolved{m: o.Manager, reg: o.Registry, stdout: o.Stdout, stderr: o.Stderr, onErr: o.ErrorHandler}
	if r.m == nil {
		r.m = slogpy.DefaultManager()
	}
	if r.reg == nil {
		r.reg = defaultRegistry
	}
	if r.stdout == nil {
		r.stdout = stdWriter{}
	}
	if r.stderr == nil {
		r.stderr = stdWriter{err: true}
	}
	if r.onErr == nil {
		r.onErr = func(err error) { fmt.Fprintln(os.Stderr, err) }
	}
	return r
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

// madeHandler is a handler a configuration made.
type madeHandler struct {
	name  string
	class string
	h     slog.Handler
	// owned is false for a handler object placed in the dictionary: the
	// configuration neither made it nor closes it.
	owned bool
}

// plan is a configuration checked and built, ready to be applied. Nothing
// in the logger tree has changed yet.
type plan struct {
	incremental     bool
	disableExisting bool
	made            []madeHandler // creation order
	services        []Service
	loggers         []loggerPlan // in the order they apply
	handlerLevels   []handlerLevel
}

type handlerLevel struct {
	h     slogpy.Handler
	level levels.Level
}

// loggerPlan is what a configuration does to one logger.
type loggerPlan struct {
	name        string // "" for the root logger
	level       *levels.Level
	propagate   *bool
	enable      bool // set disabled to false
	setHandlers bool
	handlers    []slog.Handler
	setFilters  bool
	filters     []slogpy.Filter
	// named is true for the loggers of dictConfig's loggers and
	// fileConfig's non-root loggers, which take part in the handling of
	// existing loggers.
	named bool

	// While checking: the place in the configuration, the handler
	// references (names or objects), and whether the entry was empty.
	path  string
	refs  []any
	empty bool
}

// discard closes what a plan made, for a configuration that failed.
func (p *plan) discard() {
	for i := len(p.made) - 1; i >= 0; i-- {
		if p.made[i].owned {
			closeObject(p.made[i].h)
		}
	}
}

// apply builds a plan under the manager's configuration lock and applies
// it; a plan that fails to build changes nothing.
func (o resolved) apply(build func(st *managerState) (*plan, error)) error {
	st := stateOf(o.m)
	st.mu.Lock()
	defer st.mu.Unlock()
	p, err := build(st)
	if err != nil {
		return err
	}
	return o.commit(st, p)
}

// commit applies a plan to the tree. Only starting its services can fail,
// and then nothing has changed.
func (o resolved) commit(st *managerState, p *plan) error {
	m := o.m
	if p.incremental {
		for _, hl := range p.handlerLevels {
			hl.h.SetLevel(hl.level)
		}
		for i := range p.loggers {
			o.applyLogger(st, &p.loggers[i], nil)
		}
		return nil
	}
	for i, s := range p.services {
		if err := s.Start(); err != nil {
			for _, started := range p.services[:i] {
				started.Stop()
			}
			p.discard()
			return &Error{Err: fmt.Errorf("starting %T: %w", s, err)}
		}
	}
	// Python's handling of existing loggers: the configured loggers, and
	// the existing children of configured loggers, which are reset rather
	// than disabled.
	// Python's existing list is the manager's loggerDict: the loggers and
	// the placeholders for their missing ancestors.
	real := m.LoggerNames()
	isReal := map[string]bool{}
	var existing []string
	for _, name := range real {
		isReal[name] = true
	}
	seen := map[string]bool{}
	for _, name := range real {
		for n := name; ; {
			if !seen[n] {
				seen[n] = true
				existing = append(existing, n)
			}
			i := strings.LastIndexByte(n, '.')
			if i <= 0 {
				break
			}
			n = n[:i]
		}
	}
	sort.Strings(existing)
	configured := map[string]bool{}
	for _, lp := range p.loggers {
		if lp.named {
			configured[lp.name] = true
		}
	}
	children := map[string]bool{}
	for _, name := range existing {
		if !configured[name] {
			continue
		}
		prefix := name + "."
		for _, other := range existing {
			if strings.HasPrefix(other, prefix) {
				children[other] = true
			}
		}
	}
	var detached []slog.Handler
	for i := range p.loggers {
		o.applyLogger(st, &p.loggers[i], &detached)
	}
	for _, name := range existing {
		if configured[name] || !isReal[name] {
			continue
		}
		l := m.GetLogger(name)
		if children[name] {
			l.SetLevel(levels.NotSet)
			detached = append(detached, setHandlers(l, nil)...)
			l.SetPropagate(true)
		} else {
			l.SetDisabled(p.disableExisting)
		}
	}
	// The previous configuration: stop its services (queue listeners
	// drain), then close its handlers and the ones this one detached,
	// newest first, unless this configuration uses them.
	// Handlers still attached somewhere stay open: Python closes them but
	// leaves them attached, where its stream and file handlers go on
	// writing; here they simply stay open.
	var keep []slog.Handler
	for _, mh := range p.made {
		keep = append(keep, mh.h)
	}
	keep = append(keep, m.Root().Handlers()...)
	for _, name := range m.LoggerNames() {
		keep = append(keep, m.GetLogger(name).Handlers()...)
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
	var closed []slog.Handler
	for _, h := range old {
		if containsHandler(keep, h) || containsHandler(closed, h) {
			continue
		}
		closed = append(closed, h)
		o.m.Untrack(h)
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
	st.made, st.services = p.made, p.services
	st.named = map[string]slog.Handler{}
	for _, mh := range p.made {
		st.named[mh.name] = mh.h
		if mh.owned {
			o.m.Track(mh.h) // Shutdown closes it even if no logger holds it
		}
	}
	if len(errs) > 0 {
		o.onErr(&Error{Err: fmt.Errorf("the new configuration is applied; replacing the previous one: %w", errors.Join(errs...))})
	}
	return nil
}

func handlerLabel(h slog.Handler) string {
	if sh, ok := h.(slogpy.Handler); ok && sh.Name() != "" {
		return fmt.Sprintf("handler %q (%T)", sh.Name(), h)
	}
	return fmt.Sprintf("handler %T", h)
}

// applyLogger applies one logger's part of a plan, collecting the handlers
// it detaches.
func (o resolved) applyLogger(st *managerState, lp *loggerPlan, detached *[]slog.Handler) {
	l := o.m.GetLogger(lp.name)
	if lp.level != nil {
		l.SetLevel(*lp.level)
	}
	if lp.setHandlers {
		d := setHandlers(l, lp.handlers)
		if detached != nil {
			*detached = append(*detached, d...)
		}
	}
	if lp.setFilters {
		key := l.Name()
		for _, f := range st.filters[key] {
			l.RemoveFilter(f)
		}
		for _, f := range lp.filters {
			l.AddFilter(f)
		}
		if len(lp.filters) > 0 {
			st.filters[key] = lp.filters
		} else {
			delete(st.filters, key)
		}
	}
	if lp.propagate != nil {
		l.SetPropagate(*lp.propagate)
	}
	if lp.enable {
		l.SetDisabled(false)
	}
}

// setHandlers makes want the handlers of l in one step and returns the
// handlers it detached: a record logged meanwhile reaches the old set or
// the new one. A handler in both keeps its place, the new ones following
// it (a configuration read from a file makes all its handlers anew, so its
// order is exactly the configured one).
func setHandlers(l *slogpy.Logger, want []slog.Handler) []slog.Handler {
	want = dedup(want)
	have := l.Handlers()
	var next, detached []slog.Handler
	for _, h := range have {
		if containsHandler(want, h) {
			next = append(next, h)
		} else {
			detached = append(detached, h)
		}
	}
	for _, h := range want {
		if !containsHandler(next, h) {
			next = append(next, h)
		}
	}
	l.SetHandlers(next...)
	return detached
}

func dedup(hs []slog.Handler) []slog.Handler {
	var out []slog.Handler
	for _, h := range hs {
		if !containsHandler(out, h) {
			out = append(out, h)
		}
	}
	return out
}

func containsHandler(hs []slog.Handler, h slog.Handler) bool {
	for _, x := range hs {
		if sameHandler(x, h) {
			return true
		}
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

// namedHandler finds a handler by name for an incremental configuration:
// one the last configuration made, else one attached to a logger.
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
