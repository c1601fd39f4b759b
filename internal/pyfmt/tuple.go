package pyfmt

import (
	"reflect"
	"unsafe"
)

// Tuple is a Python tuple: str and repr print it in parentheses, with a
// trailing comma when it holds one value: (1, 2), (1,), ().
type Tuple []any

// Dict is a Python dict that keeps the order its items were given in, as
// Python's dicts do. Go maps have no order, so a map prints with its keys
// sorted by their str(); a Dict prints its items in order. Keys are
// compared as Go values (==); a Dict should not hold a key twice.
type Dict []DictItem

// A DictItem is one key and value of a [Dict].
type DictItem struct {
	Key, Value any
}

// String returns str(t), "(1, 2)", so that a Tuple can be a message.
func (t Tuple) String() string { return string(AppendStr(nil, t)) }

// String returns str(d), "{'b': 1, 'a': 2}", so that a Dict can be a
// message.
func (d Dict) String() string { return string(AppendStr(nil, d)) }

// Get returns the value of the first item whose key equals key.
func (d Dict) Get(key any) (any, bool) {
	for _, it := range d {
		if keyEqual(it.Key, key) {
			return it.Value, true
		}
	}
	return nil, false
}

// isPyContainer reports whether v is a Tuple or a Dict, whose String
// methods are Python's str() and do not make them Go Stringers.
func isPyContainer(v any) bool {
	switch v.(type) {
	case Tuple, Dict:
		return true
	}
	return false
}

// keyEqual compares two keys without panicking on uncomparable values.
func keyEqual(a, b any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb || !ta.Comparable() {
		return false
	}
	defer func() { _ = recover() }() // an interface field holding a slice
	return a == b
}

// lookupDict returns the value of the key in d that is the str key,
// as %(key)s looks it up.
func lookupDict(d Dict, key string) (any, bool) {
	for _, it := range d {
		if k, ok := toString(it.Key); ok && k == key {
			return it.Value, true
		}
	}
	return nil, false
}

// sliceID identifies a slice's backing array for cycle detection.
func sliceID[E any](s []E) uintptr {
	return uintptr(unsafe.Pointer(unsafe.SliceData(s)))
}

func (p *printer) appendTuple(dst []byte, t Tuple) ([]byte, error) {
	n := len(t)
	if n == 0 {
		return append(dst, "()"...), nil
	}
	cycle, err := p.enter(sliceID(t), n)
	if err != nil {
		return dst, err
	}
	if cycle {
		// A Python tuple cannot contain itself; Go's can, through an
		// interface. Print what Python prints for a list.
		return append(dst, "(...)"...), nil
	}
	defer p.leave()
	dst = append(dst, '(')
	for i, v := range t {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if dst, err = p.appendValue(dst, v, true); err != nil {
			return dst, err
		}
	}
	if n == 1 {
		dst = append(dst, ',')
	}
	return append(dst, ')'), nil
}

func (p *printer) appendOrderedDict(dst []byte, d Dict) ([]byte, error) {
	n := len(d)
	if n == 0 {
		return append(dst, "{}"...), nil
	}
	cycle, err := p.enter(sliceID(d), -n)
	if err != nil {
		return dst, err
	}
	if cycle {
		return append(dst, "{...}"...), nil
	}
	defer p.leave()
	dst = append(dst, '{')
	for i, it := range d {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if dst, err = p.appendValue(dst, it.Key, true); err != nil {
			return dst, err
		}
		dst = append(dst, ": "...)
		if dst, err = p.appendValue(dst, it.Value, true); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}
