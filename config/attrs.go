package config

import (
	"fmt"
	"log/slog"
	"reflect"
	"unicode"

	"github.com/slogpy/slogpy/levels"
)

// setAttrs applies the "." mapping of a configuration entry: Python's
// setattr, done in Go by calling the object's setter method: "terminator"
// calls SetTerminator, "level" SetLevel.
//
// The values are set as written, as CPython iterates the mapping.
func setAttrs(obj any, props any, path string) error {
	m, ok := props.(map[string]any)
	if !ok {
		return &Error{Path: path, Err: fmt.Errorf(`want a mapping of attribute names to values, got %s`, describe(props))}
	}
	for _, name := range mapKeys(m) {
		if isBufferAttr(name) {
			continue // an option of the constructor (buffer_attrs.go)
		}
		at := path + "." + name
		if err := setAttr(obj, name, m[name]); err != nil {
			return &Error{Path: at, Err: err}
		}
	}
	return nil
}

// maxLineAttr is the "." attribute (and the INI [handler_x] key) that
// sets a handler's HandlerOptions.MaxLine: a name CPython sets as a plain
// attribute (or ignores), prefixed as the other slogpy extensions of a
// file (slogpy_aliases).
const maxLineAttr = "slogpy_max_line"

// setAttr calls obj's Set<Name> method with v converted to its parameter.
func setAttr(obj any, name string, v any) error {
	if name == "" || !identifier.MatchString(name) {
		return fmt.Errorf("%q is not a valid attribute name", name)
	}
	if name == maxLineAttr {
		name = "maxLine" // slogpy.HandlerBase.SetMaxLine
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
