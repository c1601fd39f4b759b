package contrib

import (
	"bytes"
	"encoding"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"reflect"
	"sort"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// maxJSONDepth bounds the nesting of the values a record carries, as
// Python's recursion limit does; deeper values are written as their str().
const maxJSONDepth = 100

// dumps is Python's json.dumps(obj, default=str, indent=…, ensure_ascii=…)
// for the Go values a record carries: an encoder that appends.
type dumps struct {
	ascii bool
	// indent is Python's indent: nil for None, else the text of one level.
	indent *string
}

// kv is one member of an ordered object (a Python dict keeps insertion
// order).
type kv struct {
	key string
	val any
}

// object is an ordered dict: assigning to a present key keeps its place.
type object struct {
	members []kv
	index   map[string]int
}

func (o *object) set(key string, val any) {
	if o.index == nil {
		o.index = make(map[string]int)
	}
	if i, ok := o.index[key]; ok {
		o.members[i].val = val
		return
	}
	o.index[key] = len(o.members)
	o.members = append(o.members, kv{key, val})
}

// appendValue appends the JSON text of v at nesting level depth.
func (d *dumps) appendValue(dst []byte, v any, depth int) []byte {
	if depth > maxJSONDepth {
		return d.appendString(dst, string(pyfmt.AppendStr(nil, v)))
	}
	switch v := v.(type) {
	case nil:
		return append(dst, "null"...)
	case string:
		return d.appendString(dst, v)
	case bool:
		if v {
			return append(dst, "true"...)
		}
		return append(dst, "false"...)
	case int:
		return strconv.AppendInt(dst, int64(v), 10)
	case int64:
		return strconv.AppendInt(dst, v, 10)
	case uint64:
		return strconv.AppendUint(dst, v, 10)
	case float64:
		return appendJSONFloat(dst, v)
	case float32:
		// the shortest decimal that reads back as v, as a Go developer
		// wrote it: 0.1, not float64(v)'s 0.10000000149011612.
		f, _ := strconv.ParseFloat(strconv.FormatFloat(float64(v), 'g', -1, 32), 64)
		return appendJSONFloat(dst, f)
	case json.Number:
		return append(dst, v...)
	case *object:
		return d.appendObject(dst, v, depth)
	case []any:
		return d.appendList(dst, len(v), func(dst []byte, i int) []byte { return d.appendValue(dst, v[i], depth+1) }, depth)
	case slog.Value:
		return d.appendSlogValue(dst, v, depth)
	case []slog.Attr:
		return d.appendObject(dst, attrsObject(v), depth)
	case time.Time:
		return d.appendString(dst, isoformat(v))
	case json.Marshaler:
		return d.appendMarshaler(dst, v, depth)
	case error:
		return d.appendString(dst, safeString(v.Error))
	case fmt.Stringer:
		return d.appendString(dst, safeString(v.String))
	case encoding.TextMarshaler:
		b, err := v.MarshalText()
		if err == nil {
			return d.appendString(dst, string(b))
		}
	}
	return d.appendReflect(dst, v, depth)
}

// safeString calls a String or Error method, recovering from a panic as
// Python's JsonEncoder.default returns None when str() raises.
func safeString(f func() string) (s string) {
	defer func() {
		if p := recover(); p != nil {
			s = fmt.Sprintf("%%!s(PANIC=%v)", p)
		}
	}()
	return f()
}

// appendMarshaler writes the value a json.Marshaler gives, re-encoded so
// that ensure_ascii and indent apply to it too; members keep their order.
func (d *dumps) appendMarshaler(dst []byte, m json.Marshaler, depth int) []byte {
	b, err := m.MarshalJSON()
	if err != nil {
		return d.appendString(dst, safeString(func() string { return fmt.Sprint(m) }))
	}
	v, err := decodeOrdered(b)
	if err != nil {
		return d.appendString(dst, string(b))
	}
	return d.appendValue(dst, v, depth)
}

// appendReflect writes slices, arrays and maps as lists and objects, the
// numeric kinds as numbers, and everything else as its str(), as
// default=str does.
func (d *dumps) appendReflect(dst []byte, v any, depth int) []byte {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Bool:
		return d.appendValue(dst, rv.Bool(), depth)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return strconv.AppendInt(dst, rv.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return strconv.AppendUint(dst, rv.Uint(), 10)
	case reflect.Float32, reflect.Float64:
		return appendJSONFloat(dst, rv.Float())
	case reflect.String:
		return d.appendString(dst, rv.String())
	case reflect.Slice:
		if rv.IsNil() {
			return append(dst, "null"...)
		}
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			break // bytes: str(b'…'), as default=str
		}
		fallthrough
	case reflect.Array:
		return d.appendList(dst, rv.Len(), func(dst []byte, i int) []byte {
			return d.appendValue(dst, rv.Index(i).Interface(), depth+1)
		}, depth)
	case reflect.Map:
		if rv.IsNil() {
			return append(dst, "null"...)
		}
		return d.appendObject(dst, mapObject(rv), depth)
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return append(dst, "null"...)
		}
		if rv.Kind() == reflect.Pointer && rv.Elem().Kind() != reflect.Struct {
			return d.appendValue(dst, rv.Elem().Interface(), depth+1)
		}
	}
	return d.appendString(dst, string(pyfmt.AppendStr(nil, v)))
}

// mapObject turns a Go map into an object with its keys in sorted order
// (a Go map has no insertion order to keep). Keys become strings as
// json.dumps converts them: str() of strings and numbers, "true", "false".
func mapObject(rv reflect.Value) *object {
	o := &object{}
	keys := rv.MapKeys()
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = jsonKey(k.Interface())
	}
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	for _, i := range order {
		o.set(names[i], rv.MapIndex(keys[i]).Interface())
	}
	return o
}

// jsonKey converts a dict key as json.dumps does: floats by repr, True as
// "true", None as "null", everything else by str().
func jsonKey(k any) string {
	switch k := k.(type) {
	case string:
		return k
	case bool:
		if k {
			return "true"
		}
		return "false"
	case nil:
		return "null"
	case float64:
		return string(appendJSONFloat(nil, k))
	}
	return string(pyfmt.AppendStr(nil, k))
}

// attrsObject turns attributes into an object; a group with an empty key
// is inlined, as slog does.
func attrsObject(as []slog.Attr) *object {
	o := &object{}
	addAttrs(o, as)
	return o
}

func addAttrs(o *object, as []slog.Attr) {
	for _, a := range as {
		v := a.Value.Resolve()
		if a.Key == "" && v.Kind() == slog.KindGroup {
			addAttrs(o, v.Group())
			continue
		}
		o.set(a.Key, v)
	}
}

func (d *dumps) appendSlogValue(dst []byte, v slog.Value, depth int) []byte {
	switch v.Kind() {
	case slog.KindString:
		return d.appendString(dst, v.String())
	case slog.KindInt64:
		return strconv.AppendInt(dst, v.Int64(), 10)
	case slog.KindUint64:
		return strconv.AppendUint(dst, v.Uint64(), 10)
	case slog.KindFloat64:
		return appendJSONFloat(dst, v.Float64())
	case slog.KindBool:
		return d.appendValue(dst, v.Bool(), depth)
	case slog.KindDuration:
		return d.appendString(dst, v.Duration().String())
	case slog.KindTime:
		return d.appendString(dst, isoformat(v.Time()))
	case slog.KindGroup:
		return d.appendObject(dst, attrsObject(v.Group()), depth)
	case slog.KindLogValuer:
		return d.appendSlogValue(dst, v.Resolve(), depth)
	}
	return d.appendValue(dst, v.Any(), depth)
}

// appendJSONFloat writes float.__repr__, and NaN, Infinity and -Infinity
// as json.dumps does (allow_nan=True).
func appendJSONFloat(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	}
	return pyfmt.AppendFloatStr(dst, f)
}

// newline starts a member on a new line, indented for depth (Python's
// _iterencode with indent not None).
func (d *dumps) newline(dst []byte, depth int) []byte {
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, *d.indent...)
	}
	return dst
}

// appendList writes n items as a JSON array: "[1, 2]" without indent,
// "[\n  1,\n  2\n]" with.
func (d *dumps) appendList(dst []byte, n int, item func([]byte, int) []byte, depth int) []byte {
	return d.appendSeq(dst, '[', ']', n, item, depth)
}

// appendObject writes o's members in order: {"k": 1}.
func (d *dumps) appendObject(dst []byte, o *object, depth int) []byte {
	return d.appendSeq(dst, '{', '}', len(o.members), func(dst []byte, i int) []byte {
		dst = d.appendString(dst, o.members[i].key)
		dst = append(dst, ':', ' ')
		return d.appendValue(dst, o.members[i].val, depth+1)
	}, depth)
}

// appendSeq writes the n items between open and close, separated by ", "
// without indent and by ",\n" and the indentation with (json.dumps's
// default separators in each case).
func (d *dumps) appendSeq(dst []byte, open, close byte, n int, item func([]byte, int) []byte, depth int) []byte {
	dst = append(dst, open)
	if n == 0 {
		return append(dst, close)
	}
	for i := range n {
		if i > 0 {
			dst = append(dst, ',')
			if d.indent == nil {
				dst = append(dst, ' ')
			}
		}
		if d.indent != nil {
			dst = d.newline(dst, depth+1)
		}
		dst = item(dst, i)
	}
	if d.indent != nil {
		dst = d.newline(dst, depth)
	}
	return append(dst, close)
}

const hexDigits = "0123456789abcdef"

// appendString writes s as a JSON string, as json.dumps: '"', '\\' and
// the control characters escaped (\n, \r, \t, \b, \f, else \u00XX), and
// with ensure_ascii DEL and every non-ASCII character as \uXXXX (a surrogate pair
// above U+FFFF). Invalid UTF-8 is read as U+FFFD.
func (d *dumps) appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"':
				dst = append(dst, '\\', '"')
			case c == '\\':
				dst = append(dst, '\\', '\\')
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c == '\b':
				dst = append(dst, '\\', 'b')
			case c == '\f':
				dst = append(dst, '\\', 'f')
			case c < 0x20 || c == 0x7f && d.ascii:
				dst = appendU(dst, rune(c))
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case !d.ascii && r != utf8.RuneError:
			dst = append(dst, s[i-n:i]...)
		case !d.ascii:
			dst = utf8.AppendRune(dst, r)
		case r > 0xFFFF:
			r1, r2 := utf16.EncodeRune(r)
			dst = appendU(appendU(dst, r1), r2)
		default:
			dst = appendU(dst, r)
		}
	}
	return append(dst, '"')
}

func appendU(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&15], hexDigits[r>>8&15], hexDigits[r>>4&15], hexDigits[r&15])
}

// isoformat is Python's datetime.isoformat() of an aware datetime: the
// microseconds only when not zero, the UTC offset as +HH:MM (with seconds
// when the offset has them).
func isoformat(t time.Time) string {
	b := t.AppendFormat(nil, "2006-01-02T15:04:05")
	if us := t.Nanosecond() / 1000; us != 0 {
		b = fmt.Appendf(b, ".%06d", us)
	}
	_, off := t.Zone()
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	b = fmt.Appendf(b, "%c%02d:%02d", sign, off/3600, off/60%60)
	if off%60 != 0 {
		b = fmt.Appendf(b, ":%02d", off%60)
	}
	return string(b)
}

// fromTimestamp is Python's datetime.fromtimestamp(created, tz=timezone.utc):
// the microseconds rounded half to even from the float.
func fromTimestamp(created float64) time.Time {
	sec, frac := math.Modf(created)
	us := math.RoundToEven(frac * 1e6)
	if us >= 1e6 {
		sec, us = sec+1, us-1e6
	} else if us < 0 {
		sec, us = sec-1, us+1e6
	}
	return time.Unix(int64(sec), int64(us)*1000).UTC()
}

// decodeOrdered decodes JSON text into the values appendValue writes,
// keeping the order of object members.
func decodeOrdered(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := decodeToken(dec, 0)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data")
	}
	return v, nil
}

func decodeToken(dec *json.Decoder, depth int) (any, error) {
	if depth > maxJSONDepth {
		return nil, fmt.Errorf("too deep")
	}
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok := tok.(type) {
	case json.Delim:
		switch tok {
		case '[':
			list := []any{}
			for dec.More() {
				v, err := decodeToken(dec, depth+1)
				if err != nil {
					return nil, err
				}
				list = append(list, v)
			}
			_, err := dec.Token()
			return list, err
		case '{':
			o := &object{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeToken(dec, depth+1)
				if err != nil {
					return nil, err
				}
				o.set(k.(string), v)
			}
			_, err := dec.Token()
			return o, err
		}
		return nil, fmt.Errorf("unexpected %v", tok)
	}
	return tok, nil
}
