package pyfmt

import (
	"bytes"
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxDepth bounds the nesting of lists and dicts, like Python's recursion
// limit, so that deep values cannot exhaust the stack.
const maxDepth = 1000

// AppendStr appends Python's str(v) to dst and returns the extended buffer.
// See the package documentation for how Go values map to Python objects.
//
// AppendStr cannot report errors. If a String or Error method panics, or
// lists nest more than 1000 deep, it appends "%!s(" followed by the error
// text and ")", in the manner of package fmt. [Append] and the AppendValue
// methods report such errors instead.
func AppendStr(dst []byte, v any) []byte {
	start := len(dst)
	b, err := appendStr(dst, v)
	if err != nil {
		return appendBadValue(b[:start], 's', err)
	}
	return b
}

// AppendRepr appends Python's repr(v) to dst and returns the extended buffer.
// Values that are not Python types (errors, Stringers and other Go values)
// have the same repr as str. Errors are handled as by [AppendStr].
func AppendRepr(dst []byte, v any) []byte {
	start := len(dst)
	b, err := appendRepr(dst, v)
	if err != nil {
		return appendBadValue(b[:start], 'r', err)
	}
	return b
}

// AppendASCII appends Python's ascii(v) to dst and returns the extended
// buffer: repr(v) with every non-ASCII character written as a \x, \u or \U
// escape. Errors are handled as by [AppendStr].
func AppendASCII(dst []byte, v any) []byte {
	start := len(dst)
	b, err := appendASCII(dst, v)
	if err != nil {
		return appendBadValue(b[:start], 'a', err)
	}
	return b
}

func appendBadValue(dst []byte, verb byte, err error) []byte {
	dst = append(dst, '%', '!', verb, '(')
	dst = append(dst, err.Error()...)
	return append(dst, ')')
}

// AppendFloatStr appends str(f), as AppendStr(dst, f) without boxing f.
func AppendFloatStr(dst []byte, f float64) []byte {
	// Between 1e-4 and 1e16 Python's repr is the shortest round-tripping
	// digits in fixed notation, as Go's 'f' with precision -1, plus ".0"
	// for a whole number.
	if a := math.Abs(f); a >= 1e-4 && a < 1e16 {
		start := len(dst)
		dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
		if bytes.IndexByte(dst[start:], '.') < 0 {
			dst = append(dst, '.', '0')
		}
		return dst
	}
	return appendFloat(dst, f, 64, 'r', 0, dtsfAddDot0)
}

// appendStr appends str(v). The common types are handled without the
// printer, which is only needed for composite values.
func appendStr(dst []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case string:
		return append(dst, v...), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(dst, v, 10), nil
	case bool:
		return appendBool(dst, v), nil
	case float64:
		return AppendFloatStr(dst, v), nil
	case nil:
		return append(dst, "None"...), nil
	}
	var p printer
	return p.appendValue(dst, v, false)
}

// appendRepr appends repr(v).
func appendRepr(dst []byte, v any) ([]byte, error) {
	if s, ok := v.(string); ok {
		return appendQuoted(dst, s, false), nil
	}
	var p printer
	return p.appendValue(dst, v, true)
}

// appendASCII appends ascii(v).
func appendASCII(dst []byte, v any) ([]byte, error) {
	if s, ok := v.(string); ok {
		return appendQuoted(dst, s, true), nil
	}
	start := len(dst)
	dst, err := appendRepr(dst, v)
	if err != nil {
		return dst, err
	}
	return escapeNonASCII(dst, start), nil
}

func appendBool(dst []byte, b bool) []byte {
	if b {
		return append(dst, "True"...)
	}
	return append(dst, "False"...)
}

// printer formats one value, tracking the lists and dicts being printed so
// that cycles print as [...] and {...}, as in Python.
type printer struct {
	depth int
	seen  []seenRef
}

type seenRef struct {
	ptr uintptr
	n   int
}

// appendValue appends str(v), or repr(v) if repr is set.
func (p *printer) appendValue(dst []byte, v any, repr bool) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(dst, "None"...), nil
	case string:
		if repr {
			return appendQuoted(dst, v, false), nil
		}
		return append(dst, v...), nil
	case bool:
		return appendBool(dst, v), nil
	case int:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int8:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int16:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(dst, v, 10), nil
	case uint:
		return strconv.AppendUint(dst, uint64(v), 10), nil
	case uint8:
		return strconv.AppendUint(dst, uint64(v), 10), nil
	case uint16:
		return strconv.AppendUint(dst, uint64(v), 10), nil
	case uint32:
		return strconv.AppendUint(dst, uint64(v), 10), nil
	case uint64:
		return strconv.AppendUint(dst, v, 10), nil
	case uintptr:
		return strconv.AppendUint(dst, uint64(v), 10), nil
	case float64:
		return AppendFloatStr(dst, v), nil
	case float32:
		return appendFloat(dst, float64(v), 32, 'r', 0, dtsfAddDot0), nil
	case complex128:
		return appendComplex(dst, v, 64), nil
	case complex64:
		return appendComplex(dst, complex128(v), 32), nil
	case []byte:
		return appendBytesRepr(dst, v), nil
	case *big.Int:
		if v == nil {
			return append(dst, "None"...), nil
		}
		return v.Append(dst, 10), nil
	case slog.Value:
		return p.appendSlogValue(dst, v, repr)
	case Tuple:
		return p.appendTuple(dst, v)
	case Dict:
		return p.appendOrderedDict(dst, v)
	case error:
		return callError(dst, v)
	case fmt.Stringer:
		return callString(dst, v)
	}
	return p.appendReflect(dst, reflect.ValueOf(v), repr)
}

func (p *printer) appendSlogValue(dst []byte, v slog.Value, repr bool) ([]byte, error) {
	switch v.Kind() {
	case slog.KindString:
		if repr {
			return appendQuoted(dst, v.String(), false), nil
		}
		return append(dst, v.String()...), nil
	case slog.KindInt64:
		return strconv.AppendInt(dst, v.Int64(), 10), nil
	case slog.KindUint64:
		return strconv.AppendUint(dst, v.Uint64(), 10), nil
	case slog.KindFloat64:
		return AppendFloatStr(dst, v.Float64()), nil
	case slog.KindBool:
		return appendBool(dst, v.Bool()), nil
	case slog.KindLogValuer:
		return p.appendValue(dst, v.Resolve(), repr)
	}
	return p.appendValue(dst, v.Any(), repr)
}

// appendReflect handles named types without String or Error methods and
// the composite kinds.
func (p *printer) appendReflect(dst []byte, rv reflect.Value, repr bool) ([]byte, error) {
	switch rv.Kind() {
	case reflect.Bool:
		return appendBool(dst, rv.Bool()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, rv.Int(), 10), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(dst, rv.Uint(), 10), nil
	case reflect.Float32:
		return appendFloat(dst, rv.Float(), 32, 'r', 0, dtsfAddDot0), nil
	case reflect.Float64:
		return AppendFloatStr(dst, rv.Float()), nil
	case reflect.Complex64:
		return appendComplex(dst, rv.Complex(), 32), nil
	case reflect.Complex128:
		return appendComplex(dst, rv.Complex(), 64), nil
	case reflect.String:
		if repr {
			return appendQuoted(dst, rv.String(), false), nil
		}
		return append(dst, rv.String()...), nil
	case reflect.Slice:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			return appendBytesRepr(dst, rv.Bytes()), nil
		}
		return p.appendList(dst, rv)
	case reflect.Array:
		return p.appendList(dst, rv)
	case reflect.Map:
		return p.appendDict(dst, rv)
	}
	return append(dst, fmt.Sprint(rv.Interface())...), nil
}

// enter records that the list or dict at ptr with n elements is being
// printed. It reports whether that value is already being printed (a cycle).
func (p *printer) enter(ptr uintptr, n int) (cycle bool, err error) {
	if p.depth >= maxDepth {
		return false, errRecursion
	}
	for _, s := range p.seen {
		if s.ptr == ptr && s.n == n {
			return true, nil
		}
	}
	p.depth++
	p.seen = append(p.seen, seenRef{ptr, n})
	return false, nil
}

func (p *printer) leave() {
	p.depth--
	p.seen = p.seen[:len(p.seen)-1]
}

func (p *printer) appendList(dst []byte, rv reflect.Value) ([]byte, error) {
	n := rv.Len()
	if n == 0 {
		return append(dst, "[]"...), nil
	}
	var ptr uintptr
	if rv.Kind() == reflect.Slice {
		ptr = rv.Pointer()
	}
	cycle, err := p.enter(ptr, n)
	if err != nil {
		return dst, err
	}
	if cycle {
		return append(dst, "[...]"...), nil
	}
	defer p.leave()
	dst = append(dst, '[')
	for i := 0; i < n; i++ {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		if dst, err = p.appendValue(dst, rv.Index(i).Interface(), true); err != nil {
			return dst, err
		}
	}
	return append(dst, ']'), nil
}

func (p *printer) appendDict(dst []byte, rv reflect.Value) ([]byte, error) {
	n := rv.Len()
	if n == 0 {
		return append(dst, "{}"...), nil
	}
	cycle, err := p.enter(rv.Pointer(), -1)
	if err != nil {
		return dst, err
	}
	if cycle {
		return append(dst, "{...}"...), nil
	}
	defer p.leave()
	type entry struct {
		str, repr string
		val       reflect.Value
	}
	entries := make([]entry, 0, n)
	var buf []byte
	iter := rv.MapRange()
	for iter.Next() {
		k := iter.Key().Interface()
		if buf, err = p.appendValue(buf[:0], k, false); err != nil {
			return dst, err
		}
		e := entry{str: string(buf), val: iter.Value()}
		if buf, err = p.appendValue(buf[:0], k, true); err != nil {
			return dst, err
		}
		e.repr = string(buf)
		entries = append(entries, e)
	}
	sort.Slice(entries, func(i, j int) bool {
		if entries[i].str != entries[j].str {
			return entries[i].str < entries[j].str
		}
		return entries[i].repr < entries[j].repr
	})
	dst = append(dst, '{')
	for i, e := range entries {
		if i > 0 {
			dst = append(dst, ", "...)
		}
		dst = append(dst, e.repr...)
		dst = append(dst, ": "...)
		if dst, err = p.appendValue(dst, e.val.Interface(), true); err != nil {
			return dst, err
		}
	}
	return append(dst, '}'), nil
}

// callString appends s.String(), recovering a panic. Like package fmt, it
// treats a panic on a nil pointer receiver as the nil value: None.
func callString(dst []byte, s fmt.Stringer) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = recovered(dst, s, "String", r)
		}
	}()
	return append(dst, s.String()...), nil
}

// callError appends e.Error(), recovering a panic as callString does.
func callError(dst []byte, e error) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = recovered(dst, e, "Error", r)
		}
	}()
	return append(dst, e.Error()...), nil
}

func recovered(dst []byte, v any, method string, r any) ([]byte, error) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return append(dst, "None"...), nil
	}
	return dst, &PanicError{Method: method, Value: r}
}

// appendQuoted appends repr(s) of a Python str, or ascii(s) if ascii is set.
func appendQuoted(dst []byte, s string, ascii bool) []byte {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	dst = append(dst, quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\t':
				dst = append(dst, `\t`...)
			case c == '\n':
				dst = append(dst, `\n`...)
			case c == '\r':
				dst = append(dst, `\r`...)
			case c < ' ' || c == 0x7f:
				dst = AppendEscape(dst, rune(c))
			default:
				dst = append(dst, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			// Not UTF-8: show the surrogate that surrogateescape makes.
			dst = AppendEscape(dst, 0xdc00+rune(c))
		} else if !ascii && unicode.IsPrint(r) {
			dst = append(dst, s[i:i+size]...)
		} else {
			dst = AppendEscape(dst, r)
		}
		i += size
	}
	return append(dst, quote)
}

// AppendEscape appends r as a Python \xNN, \uNNNN or \UNNNNNNNN escape.
func AppendEscape(dst []byte, r rune) []byte {
	const hex = "0123456789abcdef"
	var n int
	switch {
	case r <= 0xff:
		dst, n = append(dst, '\\', 'x'), 2
	case r <= 0xffff:
		dst, n = append(dst, '\\', 'u'), 4
	default:
		dst, n = append(dst, '\\', 'U'), 8
	}
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, hex[(r>>(4*i))&0xf])
	}
	return dst
}

// escapeNonASCII rewrites dst[start:] with every non-ASCII character
// escaped, as ascii() does with the result of repr().
func escapeNonASCII(dst []byte, start int) []byte {
	i := start
	for i < len(dst) && dst[i] < utf8.RuneSelf {
		i++
	}
	if i == len(dst) {
		return dst
	}
	tail := append([]byte(nil), dst[i:]...)
	dst = dst[:i]
	for j := 0; j < len(tail); {
		c := tail[j]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			j++
			continue
		}
		r, size := utf8.DecodeRune(tail[j:])
		if r == utf8.RuneError && size == 1 {
			r = 0xdc00 + rune(c)
		}
		dst = AppendEscape(dst, r)
		j += size
	}
	return dst
}

// appendBytesRepr appends repr(b) of a Python bytes object.
func appendBytesRepr(dst []byte, b []byte) []byte {
	quote := byte('\'')
	sq, dq := false, false
	for _, c := range b {
		sq = sq || c == '\''
		dq = dq || c == '"'
	}
	if sq && !dq {
		quote = '"'
	}
	dst = append(dst, 'b', quote)
	for _, c := range b {
		switch {
		case c == quote || c == '\\':
			dst = append(dst, '\\', c)
		case c == '\t':
			dst = append(dst, `\t`...)
		case c == '\n':
			dst = append(dst, `\n`...)
		case c == '\r':
			dst = append(dst, `\r`...)
		case c < ' ' || c >= 0x7f:
			dst = AppendEscape(dst, rune(c))
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, quote)
}

// typeName returns the Python type name of v, or its Go type name if v does
// not map to a Python type.
func typeName(v any) string {
	switch v := v.(type) {
	case nil:
		return "NoneType"
	case *big.Int:
		if v == nil {
			return "NoneType"
		}
		return "int"
	case slog.Value:
		return typeName(v.Resolve().Any())
	case Tuple:
		return "tuple"
	case Dict:
		return "dict"
	}
	rt := reflect.TypeOf(v)
	switch rt.Kind() {
	case reflect.Bool:
		return "bool"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "int"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.Complex64, reflect.Complex128:
		return "complex"
	case reflect.String:
		return "str"
	case reflect.Slice:
		if rt.Elem().Kind() == reflect.Uint8 {
			return "bytes"
		}
		return "list"
	case reflect.Array:
		return "list"
	case reflect.Map:
		return "dict"
	}
	return rt.String()
}
