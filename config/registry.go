package config

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// A Registry maps the dotted names a configuration uses to classes and
// values: Python's import system, as dictConfig's "class", "()" and
// ext:// and fileConfig's class= and args= reach it. [NewRegistry] returns
// one holding this module's classes under their Python names
// (logging.StreamHandler, logging.handlers.RotatingFileHandler,
// logging.Formatter, logging.Filter, queue.Queue…) and values
// (logging.DEBUG…, the logging.handlers port and syslog constants); users
// add their own handler, filter and formatter classes with
// [Registry.Register], exactly as the built-in ones are added.
//
// [DefaultRegistry] is the registry configurations use when
// [Options].Registry is nil. A Registry is safe for concurrent use.
type Registry struct {
	mu      sync.RWMutex
	classes map[string]*class
	values  map[string]any
}

// addTable registers a class table.
func (r *Registry) addTable(t []classDef) {
	for _, c := range t {
		if err := r.Register(c.name, c.params, c.fn); err != nil {
			panic(err) // class tables are constants
		}
		r.classes[c.name].builtin = true
		r.classes[c.name].kind = builtinKind(c.name)
	}
}

// builtinKinds are the kinds of the built-in classes whose names do not
// end in Handler, Formatter or Filter.
var builtinKinds = map[string]string{
	"django.utils.log.RequireDebugFalse": "filter",
	"django.utils.log.RequireDebugTrue":  "filter",
}

// builtinKind returns the kind of a built-in class: by its name's ending,
// or from builtinKinds; "other" for queues and listeners.
func builtinKind(name string) string {
	if k, ok := builtinKinds[name]; ok {
		return k
	}
	for _, k := range []string{"Handler", "Formatter", "Filter"} {
		if strings.HasSuffix(name, k) {
			return strings.ToLower(k)
		}
	}
	return "other"
}

var dottedName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)

// Register makes the class name (a dotted Python name, such as
// "myapp.handlers.SlackHandler") available to configurations: as a
// handler's or formatter's "class", as "()", and as fileConfig's class=.
// params are the class's parameters in Python's order, and a keyword that
// is not among them is an error naming the accepted ones. nil params
// accept any keyword and no positional argument.
//
// Some places call a class positionally, as CPython does, so params
// decide what the factory reads there:
//
//   - a fileConfig [formatter_x] section's class= gets three positional
//     arguments, CPython's c(format, datefmt, style): the section's format
//     and datefmt (absent: None) and style ("%" when absent), bound to
//     params[0], params[1] and params[2], so a formatter class should
//     register at least three parameters, such as
//     []string{"fmt", "datefmt", "style"}; its defaults= is the keyword
//     "defaults". A dictConfig formatter's "class" is called the same way,
//     with validate as a fourth positional argument when given;
//   - a fileConfig [handler_x] section's args= tuple is bound to params in
//     order and kwargs= by name, as in a Python call; more positional
//     arguments than params is an error.
//
// "()" and a dictConfig handler's "class" pass every key as a keyword
// (a "()" formatter's "format" is passed as "fmt" when params has fmt and
// no format, as CPython retries). A later
// registration of a name replaces the earlier one, so a built-in class can
// be replaced too. The error is for a malformed name or a nil fn.
func (r *Registry) Register(name string, params []string, fn Factory) error {
	if !dottedName.MatchString(name) {
		return fmt.Errorf("config: register %q: not a dotted Python name", name)
	}
	if fn == nil {
		return fmt.Errorf("config: register %q: nil factory", name)
	}
	for i, p := range params {
		if !identifier.MatchString(p) {
			return fmt.Errorf("config: register %q: parameter %d %q is not a Python identifier", name, i, p)
		}
	}
	r.mu.Lock()
	r.classes[name] = &class{name: name, params: append([]string(nil), params...), fn: fn}
	r.mu.Unlock()
	return nil
}

// Alias makes name (a dotted Python name) another name of the class
// target, registered already: for a thin subclass that only renames a
// class of the registry, such as
//
//	r.Alias("airflow.utils.log.timezone_aware.TimezoneAware", "logging.Formatter")
//
// The alias takes the target's parameters and factory as they are now.
// A configuration file can declare aliases too, under a key CPython
// ignores: a dictionary's top-level "slogpy_aliases" mapping, an INI
// file's [slogpy_aliases] section, each entry alias = target.
func (r *Registry) Alias(name, target string) error {
	if !dottedName.MatchString(name) {
		return fmt.Errorf("config: alias %q: not a dotted Python name", name)
	}
	c, ok := r.lookupClass(target)
	if !ok {
		return fmt.Errorf("config: alias %q: unknown class %q", name, target)
	}
	if err := r.Register(name, c.params, c.fn); err != nil {
		return err
	}
	r.mu.Lock()
	r.classes[name].kind = c.kind // an alias makes what its target makes
	r.mu.Unlock()
	return nil
}

// withAliases returns r, or a copy of r with the aliases a configuration
// file declares (alias -> target), the file's aliases applying to it
// only.
func (r *Registry) withAliases(aliases map[string]any, path string, errs *errorList) *Registry {
	if len(aliases) == 0 {
		return r
	}
	r.mu.RLock()
	c := &Registry{classes: make(map[string]*class, len(r.classes)), values: make(map[string]any, len(r.values))}
	for k, v := range r.classes {
		c.classes[k] = v
	}
	for k, v := range r.values {
		c.values[k] = v
	}
	r.mu.RUnlock()
	for _, name := range mapKeys(aliases) {
		target, ok := aliases[name].(string)
		if !ok {
			errs.addf(path+"."+name, "want the name of a registered class, got %s", describe(aliases[name]))
			continue
		}
		if err := c.Alias(name, strings.TrimSpace(target)); err != nil {
			errs.add(path+"."+name, errors.New(strings.TrimPrefix(err.Error(), "config: ")))
		}
	}
	return c
}

// RegisterValue makes v available under name (a dotted Python name) to
// ext:// references ("ext://myapp.errors" for an io.Writer, a queue, a
// handler made in Go) and to fileConfig's args=, which sees the names of
// Python's logging module namespace: "DEBUG" there is "logging.DEBUG"
// here. The names sys.stdout and sys.stderr are reserved: they are the
// writers of [Options].
func (r *Registry) RegisterValue(name string, v any) error {
	if !dottedName.MatchString(name) {
		return fmt.Errorf("config: register value %q: not a dotted Python name", name)
	}
	if name == "sys.stdout" || name == "sys.stderr" {
		return fmt.Errorf("config: register value %q: reserved (set Options.Stdout or Options.Stderr)", name)
	}
	r.mu.Lock()
	r.values[name] = v
	r.mu.Unlock()
	return nil
}

func (r *Registry) mustValue(name string, v any) {
	if err := r.RegisterValue(name, v); err != nil {
		panic(err)
	}
}

// lookupClass returns the class registered under name.
func (r *Registry) lookupClass(name string) (*class, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	c, ok := r.classes[name]
	return c, ok
}

// lookupValue returns the value registered under name.
func (r *Registry) lookupValue(name string) (any, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	v, ok := r.values[name]
	return v, ok
}

// classNames returns the registered class names that start with prefix.
func (r *Registry) classNames(prefix string) []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var names []string
	for n := range r.classes {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	return names
}

func (r *Registry) valueNames() []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	names := []string{"sys.stderr", "sys.stdout"}
	for n := range r.values {
		names = append(names, n)
	}
	return names
}

// ClassNames returns the names of the registered classes, sorted.
func (r *Registry) ClassNames() []string {
	names := r.classNames("")
	return sortedCopy(names)
}

// Params returns the parameters registered for the class name, and
// whether the class is registered.
func (r *Registry) Params(name string) ([]string, bool) {
	c, ok := r.lookupClass(name)
	if !ok {
		return nil, false
	}
	return append([]string(nil), c.params...), true
}

// errUnknownClass is wrapped by the errors for class names no registry
// entry has.
var errUnknownClass = errors.New("unknown class")

// resolveClass finds the class a configuration names: a registered name
// (with an optional ext:// prefix), a Factory, or a class value.
func (r *Registry) resolveClass(v any, kind string) (*class, error) {
	switch x := v.(type) {
	case classRef:
		return x.c, nil
	case Factory:
		return &class{name: fmt.Sprintf("%T", x), fn: x}, nil
	case func(*Args) (func() (any, error), error):
		return &class{name: fmt.Sprintf("%T", x), fn: x}, nil
	case string:
		name := strings.TrimPrefix(strings.TrimSpace(x), "ext://")
		if c, ok := r.lookupClass(name); ok {
			return c, nil
		}
		if v, ok := r.lookupValue(name); ok {
			if ref, ok := v.(classRef); ok {
				return ref.c, nil
			}
			return nil, fmt.Errorf("%q is a value (%s), not a class", name, describe(v))
		}
		names := r.kindNames(kind)
		return nil, fmt.Errorf("%w %q (known %s classes: %s)%s", errUnknownClass, name, kind, known(name, names), unknownClassHint(name, names))
	}
	return nil, fmt.Errorf("want a class name, got %s", describe(v))
}

// unknownClassHint is the likely fix for an unknown class that is no typo
// of a known one (none is within three edits): a third-party class, which
// the configuration maps onto a built-in class or a Go factory.
func unknownClassHint(name string, names []string) string {
	lower := strings.ToLower(name)
	for _, n := range names {
		if editDistance(lower, strings.ToLower(n)) <= 3 {
			return ""
		}
	}
	return "; a class that is not built in needs an alias to one that is " +
		"(a slogpy_aliases entry in the file, or config.Alias) or a Go factory (config.Register)"
}

// kindNames lists the registered classes of a kind, for error messages:
// the built-in classes (and aliases of them) of that kind, and the
// classes registered with Register, whose kind is unknown, under every
// kind.
func (r *Registry) kindNames(kind string) []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	var out []string
	for n, c := range r.classes {
		if c.kind == "" || c.kind == kind || kind == "" {
			out = append(out, n)
		}
	}
	return out
}

// aliasKey is the top-level key (for dictConfig) and the section (for
// fileConfig) where a file declares class aliases: keys CPython ignores.
const aliasKey = "slogpy_aliases"

// classDef is one entry of a class table: a Python class name, its
// parameters in Python's order, and its constructor.
type classDef struct {
	name   string
	params []string
	fn     Factory
}

// valueDef is one entry of a value table: a dotted name for ext:// and
// fileConfig's args.
type valueDef struct {
	name string
	v    any
}
