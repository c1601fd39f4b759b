package config

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sort"
	"sync"
	"weak"

	"github.com/slogpy/slogpy/internal/stdio"
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
	// KeepExistingLoggers leaves enabled the loggers that exist when the
	// configuration is applied and that it does not name — Python's
	// disable_existing_loggers=False, whatever the configuration says.
	// false follows the configuration: a dictionary's
	// disable_existing_loggers (true when absent), and for FileConfig,
	// FileConfigOptions.KeepExistingLoggers. Package-level loggers
	// (var logger = slogpy.GetLogger("app.db")) exist before main runs:
	// set this, or name them (or a parent) in the configuration, or they
	// are disabled.
	KeepExistingLoggers bool
	// Warn receives the warnings of a configuration that loads: keys that
	// neither CPython nor this package reads ("loggers.app.handelrs:
	// unknown key (did you mean handlers?)"), credentials sent without
	// TLS. nil writes each on one line to standard error. Warnings come
	// before the configuration is applied.
	Warn func(w *Error)
	// Strict makes every warning an error: the configuration is then
	// refused.
	Strict bool

	listen listenLimits // set by Listen
}

// resolved are Options with the defaults filled in.
type resolved struct {
	m            *slogpy.Manager
	reg          *Registry
	stdout       io.Writer
	stderr       io.Writer
	onErr        func(error)
	warn         func(*Error)
	strict       bool
	keepExisting bool
	listen       listenLimits
}

func resolveOptions(opts *Options) resolved {
	var o Options
	if opts != nil {
		o = *opts
	}
	r := resolved{m: o.Manager, reg: o.Registry, stdout: o.Stdout, stderr: o.Stderr, onErr: o.ErrorHandler,
		warn: o.Warn, strict: o.Strict, keepExisting: o.KeepExistingLoggers, listen: o.listen}
	if r.m == nil {
		r.m = slogpy.DefaultManager()
	}
	if r.reg == nil {
		r.reg = DefaultRegistry()
	}
	if r.stdout == nil {
		r.stdout = stdio.Stdout
	}
	if r.stderr == nil {
		r.stderr = stdio.Stderr
	}
	if r.onErr == nil {
		r.onErr = func(err error) { fmt.Fprintln(os.Stderr, err) }
	}
	if r.warn == nil {
		r.warn = func(w *Error) { fmt.Fprintln(os.Stderr, "warning: "+w.Error()) }
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

// apply runs the stages under the manager's configuration lock: parse
// (the front end given), check, then commit. A configuration that fails
// before commit changes nothing, and commit undoes what it made when it
// fails before the loggers are touched.
func (o resolved) apply(source string, parse func(errs *errorList) (*spec, *resolver)) error {
	st := stateOf(o.m)
	st.mu.Lock()
	defer st.mu.Unlock()
	errs := &errorList{source: source}
	sp, r := parse(errs)
	var p *plan
	if sp != nil {
		o.listen.check(sp, errs)
		p = o.check(sp, r, errs)
		if sp.incremental {
			o.checkIncremental(st, sp, p, errs)
		}
	}
	if err := o.report(errs); err != nil || p == nil {
		return err
	}
	return o.commit(st, p)
}

// report hands the warnings to the hook (or, when strict, to the errors)
// and returns the errors.
func (o resolved) report(errs *errorList) error {
	if o.strict {
		errs.errs = append(errs.errs, errs.warns...)
	} else {
		for _, w := range errs.warns {
			o.warn(w)
		}
	}
	errs.warns = nil
	return errs.err()
}

// checkIncremental finds the handlers an incremental configuration sets
// the level of: ones the last configuration made, else ones attached to a
// logger.
func (o resolved) checkIncremental(st *managerState, sp *spec, p *plan, errs *errorList) {
	for _, hl := range sp.handlerLevels {
		h, ok := st.namedHandler(o.m, hl.name)
		if !ok {
			errs.addf("handlers."+hl.name, "no handler named %q to change (an incremental configuration changes existing handlers; known: %s)", hl.name, known(hl.name, st.knownHandlerNames(o.m)))
			continue
		}
		if hl.path != "" {
			p.handlerLevels = append(p.handlerLevels, handlerLevel{h: h, level: hl.level})
		}
	}
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
