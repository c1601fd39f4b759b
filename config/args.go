package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"

	"github.com/slogpy/slogpy/levels"
)

// A Factory checks the arguments of a class and returns the function that
// makes its object: a handler (a [slogpy.Handler], or any
// [log/slog.Handler]), a filter (a [slogpy.Filter] or a
// func(*slogpy.Record) bool), a formatter (a [slogpy.RecordFormatter]) or
// any other value a configuration names with "()" (a queue, a listener).
//
// Reading is the check: the factory reads its arguments with the getters
// of [Args], which record conversion errors under the argument's path,
// checks what it can without effects, and returns a.Err() with the build
// function. The build function is the side effect (opening a file,
// starting a goroutine): a configuration calls it only once every entry
// of the configuration has passed its checks, in dependency order, and
// closes what it made (when it has Close) if a later one fails.
//
//	func(a *config.Args) (func() (any, error), error) {
//		w := a.Writer("stream")
//		prefix := a.String("prefix", "")
//		return func() (any, error) { return NewPrefixHandler(w, prefix), nil }, a.Err()
//	}
//
// [Args.Handler], [Args.Handlers] and [Args.Object] return functions to
// call from the build function: the handlers they refer to are made
// first. A panic in a factory or a build function is an error of the
// configuration.
type Factory func(a *Args) (build func() (any, error), err error)

// class is a registered class: its Python parameters, in order, and the
// factory.
type class struct {
	name    string
	params  []string
	fn      Factory
	builtin bool // from a class table of this package, not Register
	// kind is what the class makes ("handler", "formatter", "filter",
	// "other"), known for the built-in classes and their aliases; "" for
	// a user's class, which may make anything.
	kind string
}

// Args are the keyword arguments a configuration passes to a [Factory]:
// the keys of a dictConfig handler, formatter or filter (less class, (),
// level, formatter, filters and "."), or fileConfig's args= matched to
// the class's parameters and its kwargs=. ext:// and cfg:// references
// are resolved when a value is read, as CPython's ConvertingDict does.
//
// The getters convert a value to the type the parameter needs. A value
// that is missing or null gives the default passed to the getter, as
// Python's None does for optional parameters; a value of the wrong type
// records an error naming the argument's place in the configuration
// ("handlers.file.maxBytes: want an integer, got \"ten\"") and gives the
// default. [Args.Err] returns the recorded errors. Args are used by one
// goroutine: the factory's call and, later, its build function.
type Args struct {
	path    string
	class   string
	kw      map[string]any
	where   map[string]string
	sc      scope
	errs    []error
	managed []Service
	// silent is set when an argument refers to an entry that failed
	// already: the factory fails without a second report of the cause.
	silent bool
	// deps are the configuration's handlers the arguments refer to, made
	// before this object.
	deps []string
	// files are the files the object opens, for commit to undo and to
	// truncate last.
	files []*fileEffect
	// buffer is what the "." mapping's buffered-writing keys asked for
	// (buffer_attrs.go), nil without them.
	buffer *bufferSpec
}

// scope is what the arguments of an entry see of the configuration
// around them: the checker (check.go) is the one scope.
type scope interface {
	// convert resolves the ext:// and cfg:// references of a value.
	convert(v any, depth int) (any, error)
	// handler returns the function that returns the configuration's
	// handler name once it is made, and whether its checks failed; an
	// error when the configuration has no such handler.
	handler(name string) (get func() slog.Handler, failed bool, err error)
	// resolveClass resolves a class given as a value: a name, a Factory
	// or a class reference.
	resolveClass(v any) (*class, error)
	// lookupClass and lookupValue look a name up in the registry.
	lookupClass(name string) (*class, bool)
	lookupValue(name string) (any, bool)
	// stdout and stderr are ext://sys.stdout and ext://sys.stderr.
	stdout() io.Writer
	stderr() io.Writer
	// warn records a warning at path.
	warn(path, msg string)
}

// A Service is something a configuration starts once it is applied and
// stops before the next configuration of the manager replaces it: the
// queue listener of a QueueHandler, or what a user factory hands to
// [Args.Manage].
type Service interface {
	Start() error
	Stop() error
}

// newArgs binds positional and keyword arguments to the class's
// parameters, as a Python call does. posPath names the place of each
// positional argument.
func newArgs(sc scope, path string, c *class, positional []any, posPath []string, kw map[string]any) (*Args, error) {
	a := &Args{path: path, class: c.name, kw: make(map[string]any, len(positional)+len(kw)), sc: sc}
	if len(positional) > len(c.params) {
		return nil, fmt.Errorf("%s takes at most %d positional arguments (%d given)", c.name, len(c.params), len(positional))
	}
	for i, v := range positional {
		p := c.params[i]
		a.kw[p] = v
		a.setWhere(p, posPath[i])
	}
	for _, k := range mapKeys(kw) {
		if !identifier.MatchString(k) {
			return nil, fmt.Errorf("%q is not a valid Python identifier", k)
		}
		if _, dup := a.kw[k]; dup {
			return nil, fmt.Errorf("%s got multiple values for argument %q", c.name, k)
		}
		if c.params != nil && !contains(c.params, k) {
			return nil, &Error{Path: a.at(k), Err: fmt.Errorf("unexpected keyword argument %q for %s (it takes: %s)%s", k, c.name, strings.Join(c.params, ", "), suggest(k, c.params))}
		}
		a.kw[k] = kw[k]
	}
	return a, nil
}

// setWhere records the place of the argument name, when it is not
// path.name (the map is made at the first).
func (a *Args) setWhere(name, place string) {
	if a.where == nil {
		a.where = map[string]string{}
	}
	a.where[name] = place
}

// Path returns the place of the arguments in the configuration:
// "handlers.file", "[handler_file]".
func (a *Args) Path() string { return a.path }

// Class returns the name of the class being made.
func (a *Args) Class() string { return a.class }

// Has reports whether the argument was given (null included).
func (a *Args) Has(name string) bool {
	_, ok := a.kw[name]
	return ok
}

// at returns the path of an argument.
func (a *Args) at(name string) string {
	if w, ok := a.where[name]; ok {
		return w
	}
	if strings.HasPrefix(a.path, "[") { // an INI section: kwargs=
		return a.path + " kwargs " + name
	}
	return a.path + "." + name
}

// Errorf records an error about the argument name.
func (a *Args) Errorf(name, format string, args ...any) {
	a.errs = append(a.errs, &Error{Path: a.at(name), Err: fmt.Errorf(format, args...)})
}

// warn records a warning about the argument name: the configuration
// loads, and Options.Warn hears of it (Options.Strict makes it an error).
func (a *Args) warn(name, msg string) {
	a.sc.warn(a.at(name), msg)
}

// fail records err about the argument name.
func (a *Args) fail(name string, err error) {
	var ce *Error
	if errors.As(err, &ce) {
		a.errs = append(a.errs, err)
		return
	}
	a.errs = append(a.errs, &Error{Path: a.at(name), Err: err})
}

// Err returns the errors recorded so far, joined, or nil. A factory
// returns it before returning its build function (see [Factory]).
func (a *Args) Err() error {
	if len(a.errs) == 0 && a.silent {
		return errFailedRef
	}
	return errors.Join(a.errs...)
}

// Manage registers s to be started when the configuration is applied and
// stopped before the next configuration replaces it (or when applying
// fails). Stop is called before the configuration's handlers are closed.
// It is called from the build function, which makes s.
func (a *Args) Manage(s Service) {
	if s != nil {
		a.managed = append(a.managed, s)
	}
}

// Value returns the argument with an ext:// or cfg:// reference resolved,
// and whether it was given and not null.
func (a *Args) Value(name string) (any, bool) {
	raw, ok := a.kw[name]
	if !ok || raw == nil {
		return nil, false
	}
	v, err := a.sc.convert(raw, 0)
	if err != nil {
		a.fail(name, err)
		return nil, false
	}
	if v == nil {
		return nil, false
	}
	return v, true
}

// Require records an error for each of the names that is missing or null:
// Python's "missing required argument".
func (a *Args) Require(names ...string) bool {
	ok := true
	for _, n := range names {
		if v, given := a.kw[n]; !given || v == nil {
			a.errs = append(a.errs, &Error{Path: a.path, Err: fmt.Errorf("%s: missing required argument %q", a.class, n)})
			ok = false
		}
	}
	return ok
}

// String returns a string argument.
func (a *Args) String(name, def string) string {
	v, ok := a.Value(name)
	if !ok {
		return def
	}
	s, ok := v.(string)
	if !ok {
		a.Errorf(name, "want a string, got %s", describe(v))
		return def
	}
	return s
}

// Int returns an integer argument. A float with no fraction is accepted;
// a string is not, even if it holds digits.
func (a *Args) Int(name string, def int) int {
	v, ok := a.Value(name)
	if !ok {
		return def
	}
	n, err := toInt(v)
	if s, isStr := v.(string); isStr && err != nil {
		// "maxBytes": "5000000": CPython stores the string and fails
		// on it (at once, or at the first rollover); what was meant is
		// the number.
		if i, perr := strconv.Atoi(s); perr == nil {
			a.warn(name, fmt.Sprintf("%s is a string; read as the integer %d (CPython keeps the string and fails on it)", describe(v), i))
			return i
		}
	}
	if err != nil {
		a.fail(name, err)
		return def
	}
	return n
}

// Float returns a number argument.
func (a *Args) Float(name string, def float64) float64 {
	v, ok := a.Value(name)
	if !ok {
		return def
	}
	if f, ok := toFloat(v); ok {
		return f
	}
	a.Errorf(name, "want a number, got %s", describe(v))
	return def
}

// Bool returns a boolean argument: true or false, or an integer (non-zero
// is true), as Python tests truth. A string spelling a boolean ("false",
// "no") is read as the boolean it spells, with a warning, "false" being
// true in Python; other strings are refused.
func (a *Args) Bool(name string, def bool) bool {
	v, ok := a.Value(name)
	if !ok {
		return def
	}
	if b, warning, isWord := boolWord(v); isWord {
		a.warn(name, warning)
		return b
	}
	b, err := toBool(v)
	if err != nil {
		a.fail(name, err)
		return def
	}
	return b
}

// Level returns a level argument: a number, or a registered level name
// spelt exactly (Python's _checkLevel).
func (a *Args) Level(name string, def levels.Level) levels.Level {
	v, ok := a.Value(name)
	if !ok {
		return def
	}
	l, err := toLevel(v)
	if err != nil {
		a.fail(name, err)
		return def
	}
	return l
}

// Strings returns a list of strings; a single string is a list of one, as
// SMTPHandler's toaddrs.
func (a *Args) Strings(name string) []string {
	v, ok := a.Value(name)
	if !ok {
		return nil
	}
	if s, ok := v.(string); ok {
		return []string{s}
	}
	list, ok := toList(v)
	if !ok {
		a.Errorf(name, "want a list of strings, got %s", describe(v))
		return nil
	}
	out := make([]string, 0, len(list))
	for i, e := range list {
		s, ok := e.(string)
		if !ok {
			a.errs = append(a.errs, &Error{Path: fmt.Sprintf("%s[%d]", a.at(name), i), Err: fmt.Errorf("want a string, got %s", describe(e))})
			return nil
		}
		out = append(out, s)
	}
	return out
}

// List returns a list argument (a list or a tuple).
func (a *Args) List(name string) []any {
	v, ok := a.Value(name)
	if !ok {
		return nil
	}
	list, ok := toList(v)
	if !ok {
		a.Errorf(name, "want a list, got %s", describe(v))
		return nil
	}
	return list
}

// Map returns a mapping argument.
func (a *Args) Map(name string) map[string]any {
	v, ok := a.Value(name)
	if !ok {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		a.Errorf(name, "want a mapping, got %s", describe(v))
		return nil
	}
	return m
}

// Writer returns a stream argument: ext://sys.stdout, ext://sys.stderr
// (sys.stdout and sys.stderr in fileConfig), or an io.Writer registered
// with RegisterValue or placed in the map. nil when absent.
func (a *Args) Writer(name string) io.Writer {
	v, ok := a.Value(name)
	if !ok {
		return nil
	}
	w, ok := v.(io.Writer)
	if !ok {
		a.Errorf(name, "want a stream (ext://sys.stdout, ext://sys.stderr or a registered io.Writer), got %s", describe(v))
		return nil
	}
	return w
}

// Handler returns a handler argument, to be called from the build
// function: the name of another handler of the configuration (or a
// cfg://handlers.NAME reference to it), which is then made first, or a
// slog.Handler placed in the map or registered as a value. The function
// returns nil when the argument is absent.
func (a *Args) Handler(name string) func() slog.Handler {
	v, ok := a.Value(name)
	if !ok {
		return func() slog.Handler { return nil }
	}
	get, err := a.handlerRef(v)
	if err != nil {
		a.fail(name, err)
		return func() slog.Handler { return nil }
	}
	return get
}

// Handlers returns a list of handler arguments, as [Args.Handler].
func (a *Args) Handlers(name string) func() []slog.Handler {
	v, ok := a.Value(name)
	if !ok {
		return func() []slog.Handler { return nil }
	}
	list, ok := toList(v)
	if !ok {
		a.Errorf(name, "want a list of handler names, got %s", describe(v))
		return func() []slog.Handler { return nil }
	}
	gets := make([]func() slog.Handler, 0, len(list))
	for i, e := range list {
		if s, ok := e.(string); ok && strings.HasPrefix(s, "cfg://") {
			var err error
			if e, err = a.sc.convert(s, 0); err != nil {
				a.fail(name, &Error{Path: fmt.Sprintf("%s[%d]", a.at(name), i), Err: err})
				continue
			}
		}
		get, err := a.handlerRef(e)
		if err != nil {
			a.fail(name, &Error{Path: fmt.Sprintf("%s[%d]", a.at(name), i), Err: err})
			continue
		}
		gets = append(gets, get)
	}
	return func() []slog.Handler {
		out := make([]slog.Handler, 0, len(gets))
		for _, g := range gets {
			out = append(out, g())
		}
		return out
	}
}

// handlerRef resolves a reference to a handler.
func (a *Args) handlerRef(v any) (func() slog.Handler, error) {
	switch x := v.(type) {
	case string:
		return a.handlerNamed(x)
	case handlerName:
		return a.handlerNamed(string(x))
	case slog.Handler:
		return func() slog.Handler { return x }, nil
	}
	return nil, fmt.Errorf("want a handler name, got %s", describe(v))
}

func (a *Args) handlerNamed(name string) (func() slog.Handler, error) {
	get, failed, err := a.sc.handler(name)
	if err != nil {
		return nil, err
	}
	if failed {
		a.silent = true
	}
	a.deps = append(a.deps, name)
	return get, nil
}

// Object returns an argument that names an object to make, as a function
// to call from the build function: a mapping with a "()" key (the class,
// the rest its arguments), a class name (the class made with no
// arguments) or an object placed in the map. The function returns nil
// when the argument is absent.
func (a *Args) Object(name string) func() (any, error) {
	v, ok := a.Value(name)
	if !ok {
		return func() (any, error) { return nil, nil }
	}
	build, err := a.object(v, a.at(name))
	if err != nil {
		a.fail(name, err)
		return func() (any, error) { return nil, nil }
	}
	return build
}

// object checks the object a value describes and returns its build
// function.
func (a *Args) object(v any, path string) (func() (any, error), error) {
	var cl *class
	var kw map[string]any
	var props any
	switch x := v.(type) {
	case lazyObject:
		return x, nil
	case map[string]any:
		spec, ok := x["()"]
		if !ok {
			return nil, errors.New(`want an object: a mapping with a "()" key naming its class`)
		}
		c, err := a.sc.resolveClass(spec)
		if err != nil {
			return nil, &Error{Path: path + ".()", Err: err}
		}
		cl, kw, props = c, map[string]any{}, x["."]
		for k, e := range x {
			if k != "()" && k != "." && identifier.MatchString(k) {
				kw[k] = e
			}
		}
	case string, classRef, Factory, func(*Args) (func() (any, error), error):
		c, err := a.sc.resolveClass(x)
		if err != nil {
			return nil, err
		}
		cl = c
	default:
		return func() (any, error) { return v, nil }, nil
	}
	inner, err := newArgs(a.sc, path, cl, nil, nil, kw)
	if err != nil {
		return nil, wrapPath(path, err)
	}
	inner.takeBuffer(props, func(key string) string { return path + `["."].` + key })
	build, err := invoke(cl, inner)
	if err == nil {
		err = inner.buffer.unused(cl.name)
	}
	if err != nil {
		return nil, err
	}
	a.deps = append(a.deps, inner.deps...)
	return func() (any, error) {
		obj, err := build()
		if err != nil {
			return nil, wrapPath(path, err)
		}
		a.managed = append(a.managed, inner.managed...)
		if props != nil {
			if err := setAttrs(obj, props, path+`["."]`); err != nil {
				closeObject(obj)
				return nil, err
			}
		}
		return obj, nil
	}, nil
}

// takeBuffer reads the buffered-writing keys of the "." mapping of the
// object being made (buffer_attrs.go) for its factory; the errors of bad
// values are the arguments' errors.
func (a *Args) takeBuffer(props any, at func(key string) string) {
	b, errs := readBuffer(props, at, a.sc.warn)
	a.buffer, a.errs = b, append(a.errs, errs...)
}

// errFailedRef is what Args.Err returns when an argument refers to an
// entry of the configuration that failed already: the factory stops,
// and the cause is reported once, at the entry that failed.
var errFailedRef = errors.New("refers to an entry that failed")

// invoke calls a factory, turning a panic in user code into an error.
func invoke(cl *class, a *Args) (build func() (any, error), err error) {
	defer func() {
		if p := recover(); p != nil {
			build, err = nil, &Error{Path: a.path, Err: fmt.Errorf("%s: panic in factory: %v", cl.name, p)}
		}
	}()
	build, err = cl.fn(a)
	if aerr := a.Err(); aerr != nil {
		return nil, aerr
	}
	if err != nil {
		return nil, wrapPath(a.path, err)
	}
	if build == nil {
		return nil, &Error{Path: a.path, Err: fmt.Errorf("%s: the factory returned no build function", cl.name)}
	}
	return build, nil
}

// wrapPath places err at path unless it already names a place. The
// package prefix of a constructor's error ("handlers: ", "slogpy: ") is
// dropped: the error reads "config: file: path: cause", as the others.
func wrapPath(path string, err error) error {
	var ce *Error
	if errors.As(err, &ce) {
		return err
	}
	return &Error{Path: path, Err: unprefixed(err)}
}

// constructorPrefixes are the package prefixes of the errors the classes'
// constructors return.
var constructorPrefixes = []string{"handlers: ", "slogpy: ", "contrib: ", "adapter: ", "levels: "}

// unprefixed returns err with its message's package prefix dropped,
// still wrapping err.
func unprefixed(err error) error {
	msg := err.Error()
	for _, p := range constructorPrefixes {
		if rest, ok := strings.CutPrefix(msg, p); ok {
			return &prefixDropped{msg: rest, err: err}
		}
	}
	return err
}

// prefixDropped is an error shown without its package prefix.
type prefixDropped struct {
	msg string
	err error
}

func (e *prefixDropped) Error() string { return e.msg }
func (e *prefixDropped) Unwrap() error { return e.err }

// lazyObject is an object made once, when the build functions run: the
// queue a QueueHandler shares with its listener.
type lazyObject func() (any, error)

// once returns build memoized.
func once(build func() (any, error)) lazyObject {
	var (
		o   sync.Once
		v   any
		err error
	)
	return func() (any, error) {
		o.Do(func() { v, err = build() })
		return v, err
	}
}

// classRef is a class used as a value: ext://logging.StreamHandler, or a
// Factory placed in a map given to DictConfig.
type classRef struct {
	c *class
}

// handlerName is a cfg://handlers.NAME reference to a handler of the
// configuration: it stands for the handler once made, as CPython replaces
// each handler's dictionary by the handler it configured.
type handlerName string
