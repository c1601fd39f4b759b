package pyfmt

import (
	"log/slog"
	"math/big"
	"reflect"
	"strconv"
	"unicode/utf8"
)

// accessor is one step of a field name after its first part: .attr or
// [key], where a key of ASCII digits is an integer index.
type accessor struct {
	attr  bool
	key   string
	index int64 // the key as an integer; -1 if it is not one
}

// fieldAccess is the parsed Access of a Field: its steps, and the error
// CPython's FieldNameIterator raises after the last of them, if any. As in
// CPython, the steps before a malformed one are taken (and may fail
// first) before the malformed one is reported.
type fieldAccess struct {
	steps []accessor
	err   error
}

// parseAccess parses the access part of a field name (".a[0]"), as
// CPython's FieldNameIterator_next does.
func parseAccess(s string) fieldAccess {
	var fa fieldAccess
	i := 0
	for i < len(s) {
		c := s[i]
		i++
		var a accessor
		start := i
		switch c {
		case '.':
			a.attr = true
			for i < len(s) && s[i] != '.' && s[i] != '[' {
				i++
			}
			a.key = s[start:i]
		case '[':
			for i < len(s) && s[i] != ']' {
				i++
			}
			if i >= len(s) {
				fa.err = valueError("Missing ']' in format string")
				return fa
			}
			a.key = s[start:i]
			i++
		default:
			fa.err = valueError("Only '.' or '[' may follow ']' in format field specifier")
			return fa
		}
		if a.key == "" {
			fa.err = valueError("Empty attribute in format string")
			return fa
		}
		a.index = -1
		if !a.attr {
			if n, ok := fieldIndex(a.key); ok {
				if n < 0 {
					fa.err = errTooManyDigits
					return fa
				}
				a.index = n
			}
		}
		fa.steps = append(fa.steps, a)
	}
	return fa
}

// Resolve returns v, the value of the field's Name, with the field's
// attribute and index access applied ({args[0]}, {ctx[user]}, {err.Op}), as
// str.format does; v itself when the field has none. Errors are CPython's:
// "IndexError: tuple index out of range", "KeyError: 'user'", "TypeError:
// 'int' object is not subscriptable", "AttributeError: 'dict' object has no
// attribute 'x'", and the syntax errors of the access ("ValueError: Empty
// attribute in format string"), reported when reached, as CPython does.
//
// Indexing works on Tuple, Dict, slices, arrays, maps, strings (a code
// point) and []byte (an int); a key of ASCII digits is an integer. Attribute
// access reads an exported field of a struct or of a pointer to one;
// methods are not called.
func (f *Field) Resolve(v any) (any, error) {
	var err error
	for i := range f.access.steps {
		a := &f.access.steps[i]
		if a.attr {
			v, err = getAttr(v, a.key)
		} else {
			v, err = getItem(v, a)
		}
		if err != nil {
			return nil, err
		}
	}
	return v, f.access.err
}

// getAttr is getattr(v, name) for the Go values that have attributes: the
// exported fields of structs.
func getAttr(v any, name string) (any, error) {
	if sv, ok := v.(slog.Value); ok {
		v = sv.Resolve().Any()
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv = rv.Elem()
	}
	if rv.Kind() == reflect.Struct {
		if sf, ok := rv.Type().FieldByName(name); ok && sf.IsExported() {
			if fv, err := rv.FieldByIndexErr(sf.Index); err == nil {
				return fv.Interface(), nil
			}
		}
	}
	return nil, &Error{"AttributeError", "'" + typeName(v) + "' object has no attribute " + string(appendQuoted(nil, name, false))}
}

// getItem is v[key] for a str key, or v[index] for an integer one.
func getItem(v any, a *accessor) (any, error) {
	if sv, ok := v.(slog.Value); ok {
		v = sv.Resolve().Any()
	}
	var key any = a.key
	if a.index >= 0 {
		key = int(a.index)
	}
	switch x := v.(type) {
	case nil:
		return nil, notSubscriptable(v)
	case Dict:
		if val, ok := x.Get(key); ok {
			return val, nil
		}
		return nil, keyErrorValue(key)
	case map[string]any:
		if a.index < 0 {
			if val, ok := x[a.key]; ok {
				return val, nil
			}
		}
		return nil, keyErrorValue(key)
	case string:
		if a.index < 0 {
			return nil, typeError("string indices must be integers, not 'str'")
		}
		return stringIndex(x, a.index)
	case []byte:
		if a.index < 0 {
			return nil, typeError("byte indices must be integers or slices, not str")
		}
		if a.index >= int64(len(x)) {
			return nil, &Error{"IndexError", "index out of range"}
		}
		return int(x[a.index]), nil
	case *big.Int:
		return nil, notSubscriptable(v)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		kind := typeName(v)
		if a.index < 0 {
			return nil, typeError(kind + " indices must be integers or slices, not str")
		}
		if a.index >= int64(rv.Len()) {
			return nil, &Error{"IndexError", kind + " index out of range"}
		}
		return rv.Index(int(a.index)).Interface(), nil
	case reflect.Map:
		if val, ok := mapIndex(rv, key); ok {
			return val, nil
		}
		return nil, keyErrorValue(key)
	case reflect.String:
		if a.index < 0 {
			return nil, typeError("string indices must be integers, not 'str'")
		}
		return stringIndex(rv.String(), a.index)
	}
	return nil, notSubscriptable(v)
}

// mapIndex looks key (a string or an int) up in the map rv, converting it
// to the map's key type when that is a string or integer kind.
func mapIndex(rv reflect.Value, key any) (any, bool) {
	kt := rv.Type().Key()
	kv := reflect.ValueOf(key)
	switch kt.Kind() {
	case reflect.Interface:
		if !kv.Type().Implements(kt) {
			return nil, false
		}
	case reflect.String:
		if kv.Kind() != reflect.String {
			return nil, false
		}
		kv = kv.Convert(kt)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := key.(int)
		if !ok || reflect.Zero(kt).OverflowInt(int64(n)) {
			return nil, false
		}
		kv = reflect.ValueOf(int64(n)).Convert(kt)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n, ok := key.(int)
		if !ok || n < 0 || reflect.Zero(kt).OverflowUint(uint64(n)) {
			return nil, false
		}
		kv = reflect.ValueOf(uint64(n)).Convert(kt)
	default:
		return nil, false
	}
	e := rv.MapIndex(kv)
	if !e.IsValid() {
		return nil, false
	}
	return e.Interface(), true
}

// stringIndex returns the code point at index i of s as a string; a byte
// that is not UTF-8 counts as one code point, as elsewhere in the package.
func stringIndex(s string, i int64) (any, error) {
	for j := 0; j < len(s); i-- {
		_, size := utf8.DecodeRuneInString(s[j:])
		if i == 0 {
			return s[j : j+size], nil
		}
		j += size
	}
	return nil, &Error{"IndexError", "string index out of range"}
}

func notSubscriptable(v any) error {
	return typeError("'" + typeName(v) + "' object is not subscriptable")
}

// keyErrorValue is KeyError(key) for a str or int key.
func keyErrorValue(key any) error {
	if s, ok := key.(string); ok {
		return keyError(s)
	}
	return &Error{"KeyError", strconv.Itoa(key.(int))}
}
