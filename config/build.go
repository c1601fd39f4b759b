package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/slogpy/slogpy/levels"
)

// buildCtx is what a configuration being built resolves names against.
type buildCtx struct {
	reg    *Registry
	source string
	// root is the dictionary, for cfg:// references; nil for fileConfig.
	root map[string]any
	// converting resolves ext:// and cfg:// in string values (dictConfig);
	// fileConfig values are Python literals and stay as they are.
	converting     bool
	stdout, stderr io.Writer
	// built holds the handlers made so far, by name; declared the names of
	// the configuration's handlers.
	built    map[string]slog.Handler
	declared map[string]bool
	// checking is set while the factories are called to check their
	// arguments only: Args.Err then stops them before they make anything.
	checking bool
}

// maxDepth bounds cfg:// indirection and nesting.
const maxDepth = 32

var convertPattern = regexp.MustCompile(`^([a-z]+)://(.*)$`)

// convert resolves ext:// and cfg:// references in v, as Python's
// BaseConfigurator.convert does, copying lists and mappings.
func (c *buildCtx) convert(v any, path string, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("values nest more than %d deep (a cfg:// cycle?)", maxDepth)
	}
	switch x := v.(type) {
	case string:
		if !c.converting {
			return x, nil
		}
		m := convertPattern.FindStringSubmatch(x)
		if m == nil {
			return x, nil
		}
		switch m[1] {
		case "ext":
			return c.ext(m[2])
		case "cfg":
			r, err := c.cfg(m[2])
			if err != nil {
				return nil, err
			}
			return c.convert(r, path, depth+1)
		}
		return x, nil
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			ce, err := c.convert(e, fmt.Sprintf("%s[%d]", path, i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = ce
		}
		return out, nil
	case map[string]any:
		out := make(map[string]any, len(x))
		for _, k := range mapKeys(x) {
			ce, err := c.convert(x[k], path+"."+k, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = ce
		}
		return out, nil
	}
	return v, nil
}

// ext resolves an ext:// name: sys.stdout, sys.stderr, a registered value
// or a registered class.
func (c *buildCtx) ext(name string) (any, error) {
	name = strings.TrimSpace(name)
	switch name {
	case "sys.stdout":
		return c.stdout, nil
	case "sys.stderr":
		return c.stderr, nil
	}
	if v, ok := c.reg.lookupValue(name); ok {
		return v, nil
	}
	if cl, ok := c.reg.lookupClass(name); ok {
		return classRef{cl}, nil
	}
	return nil, fmt.Errorf("cannot resolve ext://%s: no such value or class (known values: %s)", name, known(c.reg.valueNames()))
}

var (
	cfgWord  = regexp.MustCompile(`^\s*(\w+)\s*`)
	cfgDot   = regexp.MustCompile(`^\.\s*(\w+)\s*`)
	cfgIndex = regexp.MustCompile(`^\[([^\[\]]*)\]\s*`)
	cfgDigit = regexp.MustCompile(`^\d+$`)
)

// cfg resolves a cfg:// reference against the dictionary, as Python's
// cfg_convert: a key, then .key and [key] or [index] steps. It yields the
// value as written in the dictionary, not an object made from it.
func (c *buildCtx) cfg(ref string) (any, error) {
	if c.root == nil {
		return nil, fmt.Errorf("cfg://%s: no dictionary to refer to", ref)
	}
	m := cfgWord.FindStringSubmatch(ref)
	if m == nil {
		return nil, fmt.Errorf("unable to convert cfg://%s: it must start with a key", ref)
	}
	rest := ref[len(m[0]):]
	cur, ok := c.root[m[1]]
	if !ok {
		return nil, fmt.Errorf("cfg://%s: the configuration has no key %q", ref, m[1])
	}
	for rest != "" {
		var key string
		isIndex := false
		if m := cfgDot.FindStringSubmatch(rest); m != nil {
			key, rest = m[1], rest[len(m[0]):]
		} else if m := cfgIndex.FindStringSubmatch(rest); m != nil {
			key, rest, isIndex = m[1], rest[len(m[0]):], true
		} else {
			return nil, fmt.Errorf("unable to convert cfg://%s at %q", ref, rest)
		}
		next, err := cfgStep(cur, key, isIndex)
		if err != nil {
			return nil, fmt.Errorf("cfg://%s: %w", ref, err)
		}
		cur = next
	}
	return cur, nil
}

func cfgStep(cur any, key string, isIndex bool) (any, error) {
	if isIndex && cfgDigit.MatchString(key) {
		if list, ok := toList(cur); ok {
			n, err := strconv.Atoi(key)
			if err != nil || n >= len(list) {
				return nil, fmt.Errorf("index %s out of range (%d items)", key, len(list))
			}
			return list[n], nil
		}
	}
	if m, ok := cur.(map[string]any); ok {
		v, ok := m[key]
		if !ok {
			return nil, fmt.Errorf("no key %q", key)
		}
		return v, nil
	}
	return nil, fmt.Errorf("cannot look up %q in %s", key, describe(cur))
}

// handlerRef resolves a reference to a handler: the name of one of the
// configuration's handlers, or a handler object.
func (c *buildCtx) handlerRef(v any) (slog.Handler, error) {
	switch x := v.(type) {
	case string:
		if h, ok := c.built[x]; ok {
			return h, nil
		}
		if c.declared[x] {
			if c.checking {
				return nil, errChecked
			}
			return nil, fmt.Errorf("handler %q: %w", x, errNotBuilt)
		}
		return nil, fmt.Errorf("unknown handler %q (known: %s)", x, known(mapKeys(c.declared)))
	case slog.Handler:
		return x, nil
	}
	return nil, fmt.Errorf("want a handler name, got %s", describe(v))
}

// object makes the object a value describes: a mapping with "()", a class
// name or class, or the value itself.
func (c *buildCtx) object(v any, path string) (any, error) {
	switch x := v.(type) {
	case map[string]any:
		spec, ok := x["()"]
		if !ok {
			return nil, errors.New(`want an object: a mapping with a "()" key naming its class`)
		}
		cl, err := c.reg.resolveClass(spec, "")
		if err != nil {
			return nil, &Error{Path: path + ".()", Err: err}
		}
		obj, _, err := c.callWithProps(cl, path, x, nil)
		return obj, err
	case string, classRef, Factory, func(*Args) (any, error):
		cl, err := c.reg.resolveClass(x, "")
		if err != nil {
			return nil, err
		}
		obj, _, err := c.call(cl, path, nil, nil)
		return obj, err
	}
	return v, nil
}

// call makes an object of class cl with the keyword arguments of spec
// (less "()", "." and the keys in skip). It returns the services the
// factory asked to manage.
func (c *buildCtx) call(cl *class, path string, spec map[string]any, skip map[string]bool) (any, []Service, error) {
	kw := map[string]any{}
	for k, v := range spec {
		if k == "()" || k == "." || skip[k] {
			continue
		}
		kw[k] = v
	}
	a, err := newArgs(c, path, cl, nil, nil, kw)
	if err != nil {
		return nil, nil, wrapPath(path, err)
	}
	obj, err := c.invoke(cl, a)
	if err != nil {
		return nil, nil, err
	}
	return obj, a.managed, nil
}

// invoke calls a factory, turning a panic in user code into an error and
// errors recorded in a into the result.
func (c *buildCtx) invoke(cl *class, a *Args) (obj any, err error) {
	defer func() {
		if p := recover(); p != nil {
			obj, err = nil, &Error{Path: a.path, Err: fmt.Errorf("%s: panic in factory: %v", cl.name, p)}
		}
	}()
	obj, err = cl.fn(a)
	if isNil(obj) {
		obj = nil // a constructor's typed nil pointer returned with its error
	}
	if c.checking {
		if obj != nil {
			closeObject(obj) // a factory that did not stop at a.Err()
		}
		if len(a.errs) > 0 {
			return nil, errors.Join(a.errs...)
		}
		if err != nil && !errors.Is(err, errChecked) {
			return nil, wrapPath(a.path, err)
		}
		return nil, errChecked
	}
	if aerr := a.Err(); aerr != nil {
		if obj != nil {
			closeObject(obj)
		}
		return nil, aerr
	}
	if err != nil {
		if obj != nil {
			closeObject(obj)
		}
		return nil, wrapPath(a.path, err)
	}
	return obj, nil
}

// wrapPath places err at path unless it already names a place.
func wrapPath(path string, err error) error {
	var ce *Error
	if errors.As(err, &ce) {
		return err
	}
	return &Error{Path: path, Err: err}
}

// isNil reports whether v is nil or a nil pointer, map, slice or func.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Interface, reflect.Chan:
		return rv.IsNil()
	}
	return false
}

// closeObject closes what a failed configuration made.
func closeObject(obj any) {
	if cl, ok := obj.(io.Closer); ok {
		cl.Close()
	}
}

// setAttrs applies the "." mapping of a configuration entry: Python's
// setattr, done in Go by calling the object's setter method: "terminator"
// calls SetTerminator, "level" SetLevel.
func (c *buildCtx) setAttrs(obj any, props any, path string) error {
	m, ok := props.(map[string]any)
	if !ok {
		return &Error{Path: path, Err: fmt.Errorf(`want a mapping of attribute names to values, got %s`, describe(props))}
	}
	for _, name := range mapKeys(m) {
		at := path + "." + name
		v, err := c.convert(m[name], at, 0)
		if err != nil {
			return &Error{Path: at, Err: err}
		}
		if err := setAttr(obj, name, v); err != nil {
			return &Error{Path: at, Err: err}
		}
	}
	return nil
}

// setAttr calls obj's Set<Name> method with v converted to its parameter.
func setAttr(obj any, name string, v any) error {
	if name == "" || !identifier.MatchString(name) {
		return fmt.Errorf("%q is not a valid attribute name", name)
	}
	r := []rune(name)
	r[0] = unicode.ToUpper(r[0])
	method := "Set" + string(r)
	mv := reflect.ValueOf(obj).MethodByName(method)
	if !mv.IsValid() || mv.Type().NumIn() != 1 {
		return fmt.Errorf("%T has no attribute %q that can be set (no method %s with one argument)", obj, name, method)
	}
	pt := mv.Type().In(0)
	arg, err := convertTo(v, pt)
	if err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	out := mv.Call([]reflect.Value{arg})
	for _, o := range out {
		if e, ok := o.Interface().(error); ok && e != nil {
			return fmt.Errorf("%s: %w", method, e)
		}
	}
	return nil
}

var (
	levelType  = reflect.TypeFor[levels.Level]()
	slevelType = reflect.TypeFor[slog.Level]()
)

// convertTo converts a configuration value to a Go parameter type.
func convertTo(v any, t reflect.Type) (reflect.Value, error) {
	switch t {
	case levelType:
		l, err := toLevel(v)
		return reflect.ValueOf(l), err
	case slevelType:
		l, err := toLevel(v)
		return reflect.ValueOf(levels.ToSlog(l)), err
	}
	if v == nil {
		switch t.Kind() {
		case reflect.Interface, reflect.Pointer, reflect.Slice, reflect.Map, reflect.Func:
			return reflect.Zero(t), nil
		}
		return reflect.Value{}, fmt.Errorf("want %s, got null", t)
	}
	rv := reflect.ValueOf(v)
	switch t.Kind() {
	case reflect.String:
		if s, ok := v.(string); ok {
			return reflect.ValueOf(s).Convert(t), nil
		}
		return reflect.Value{}, fmt.Errorf("want a string, got %s", describe(v))
	case reflect.Bool:
		b, err := toBool(v)
		return reflect.ValueOf(b).Convert(t), err
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := toInt(v)
		if err != nil {
			return reflect.Value{}, err
		}
		out := reflect.New(t).Elem()
		if out.OverflowInt(int64(n)) {
			return reflect.Value{}, fmt.Errorf("integer %d out of range for %s", n, t)
		}
		out.SetInt(int64(n))
		return out, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, err := toInt(v)
		if err != nil {
			return reflect.Value{}, err
		}
		out := reflect.New(t).Elem()
		if n < 0 || out.OverflowUint(uint64(n)) {
			return reflect.Value{}, fmt.Errorf("integer %d out of range for %s", n, t)
		}
		out.SetUint(uint64(n))
		return out, nil
	case reflect.Float32, reflect.Float64:
		f, ok := toFloat(v)
		if !ok {
			return reflect.Value{}, fmt.Errorf("want a number, got %s", describe(v))
		}
		return reflect.ValueOf(f).Convert(t), nil
	}
	if rv.Type().AssignableTo(t) {
		return rv, nil
	}
	return reflect.Value{}, fmt.Errorf("want %s, got %s", t, describe(v))
}

// stdWriter writes to the process's standard output or error as it is at
// the time of each write, as Python's handlers made from sys.stderr follow
// a replaced sys.stderr.
type stdWriter struct{ err bool }

func (w stdWriter) Write(p []byte) (int, error) {
	if w.err {
		return os.Stderr.Write(p)
	}
	return os.Stdout.Write(p)
}
