package config

import (
	"fmt"
	"io"
	"os"

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

// listenLimits are the limits a configuration received by Listen is held
// to (Options.listen); zero fields mean no limit.
type listenLimits struct {
	maxLoggers, maxLoggerName int
}

// check refuses a received configuration that names more loggers, or
// longer logger names, than the limits allow.
func (ll listenLimits) check(sp *spec, errs *errorList) {
	named := 0
	for _, ls := range sp.loggers {
		if ll.maxLoggerName > 0 && len(ls.name) > ll.maxLoggerName {
			errs.addf(ls.path, "logger name of %d bytes exceeds the limit of %d bytes (ListenOptions.MaxLoggerName)", len(ls.name), ll.maxLoggerName)
		}
		if ls.named {
			named++
		}
	}
	if ll.maxLoggers > 0 && named > ll.maxLoggers {
		errs.addf("loggers", "%d loggers exceed the limit of %d a received configuration may name (ListenOptions.MaxLoggers)", named, ll.maxLoggers)
	}
}

func (o resolved) newResolver(root map[string]any, converting bool) *resolver {
	return &resolver{reg: o.reg, root: root, converting: converting, stdout: o.stdout, stderr: o.stderr, declared: map[string]bool{}}
}
