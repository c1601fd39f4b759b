package handlers

import (
	"fmt"
	"log/slog"
	"math/big"
	"reflect"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// A Field is one entry of a record's attribute dictionary (Python's
// record.__dict__), kept in order. Values are Go values standing for
// Python's: string (str), int64 and uint64 (int), float64 (float), bool,
// nil (None), []any (list), map[string]any (dict) and []byte (bytes).
type Field struct {
	Key   string
	Value any
}

// recordKeys are the attributes of CPython 3.11's LogRecord, in the order
// of its __dict__.
var recordKeys = [...]string{
	"name", "msg", "args", "levelname", "levelno", "pathname", "filename",
	"module", "exc_info", "exc_text", "stack_info", "lineno", "funcName",
	"created", "msecs", "relativeCreated", "thread", "threadName",
	"processName", "process",
}

// recordReserved reports whether an attribute key would overwrite a
// LogRecord attribute; Python's makeRecord refuses such keys in extra
// (and "message" and "asctime", which formatters set).
func recordReserved(key string) bool {
	switch key {
	case "message", "asctime":
		return true
	}
	for _, k := range recordKeys {
		if k == key {
			return true
		}
	}
	return false
}

// RecordFields returns r as CPython's record.__dict__, the dictionary
// HTTPHandler.mapLogRecord returns: name, msg (unmerged), args (as Python
// prints the tuple), levelname, levelno, pathname, filename, module,
// exc_info (the error's text, or None), exc_text, stack_info, lineno,
// funcName, created, msecs, relativeCreated, thread, threadName,
// processName and process, in that order, then the record's attributes
// (Python's extra) in order.
//
// An attribute whose key is one of those names, or "message" or "asctime",
// is left out (Python's makeRecord refuses such keys in extra); of two
// attributes with the same key, the last value is kept at the place of the
// first, as in a Python dict. Attribute values are converted as by the
// socket handlers: see [SocketHandler].
func RecordFields(r *slogpy.Record) []Field {
	return appendRecordFields(make([]Field, 0, len(recordKeys)+r.NumAttrs()), r, false)
}

// appendRecordFields appends the fields of r. For the pickle (CPython's
// makePickle), msg is the merged message (the caller has merged it without
// error), args and exc_info are None; otherwise they are as in __dict__.
func appendRecordFields(dst []Field, r *slogpy.Record, pickle bool) []Field {
	var msg, args, excInfo any
	if pickle {
		msg, _ = r.Message()
	} else {
		msg = r.Msg
		args = string(r.AppendArgsRepr(nil))
		if r.ExcInfo {
			if r.Err != nil {
				excInfo = r.Err.Error()
			} else {
				excInfo = "NoneType: None"
			}
		}
	}
	dst = append(dst,
		Field{"name", r.Name},
		Field{"msg", msg},
		Field{"args", args},
		Field{"levelname", r.Levelname()},
		Field{"levelno", int64(r.Levelno)},
		Field{"pathname", r.Pathname()},
		Field{"filename", r.Filename()},
		Field{"module", r.Module()},
		Field{"exc_info", excInfo},
		Field{"exc_text", netOptString(r.ExcText)},
		Field{"stack_info", netOptString(r.StackInfo)},
		Field{"lineno", int64(r.Lineno())},
		Field{"funcName", netOptString(r.FuncName())},
		Field{"created", r.Created()},
		Field{"msecs", r.Msecs()},
		Field{"relativeCreated", r.RelativeCreated()},
		Field{"thread", r.Thread()},
		Field{"threadName", r.ThreadName()},
		Field{"processName", r.ProcessName()},
		Field{"process", int64(r.Process())},
	)
	start := len(dst)
	r.Attrs(func(a slog.Attr) bool {
		if recordReserved(a.Key) {
			return true
		}
		v := netValue(a.Value, pickle, 0)
		for i := start; i < len(dst); i++ {
			if dst[i].Key == a.Key {
				dst[i].Value = v
				return true
			}
		}
		dst = append(dst, Field{a.Key, v})
		return true
	})
	return dst
}

// netOptString is s, or nil (None) when s is empty.
func netOptString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// netMaxDepth bounds the nesting of converted attribute values; deeper
// values (and cycles) are sent as their fmt text.
const netMaxDepth = 32

// netValue converts an attribute value to the Go value standing for the
// Python value sent: strings, numbers, booleans and nil as themselves,
// durations and times as text (Go's Duration.String and RFC 3339), groups
// and maps as dicts, slices and arrays as lists, []byte as bytes, errors
// and fmt.Stringers as their text, anything else as its fmt %v text.
func netValue(v slog.Value, pickle bool, depth int) any {
	v = v.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return v.String()
	case slog.KindInt64:
		return v.Int64()
	case slog.KindUint64:
		return v.Uint64()
	case slog.KindFloat64:
		return v.Float64()
	case slog.KindBool:
		return v.Bool()
	case slog.KindDuration:
		return v.Duration().String()
	case slog.KindTime:
		return v.Time().Format(time.RFC3339Nano)
	case slog.KindGroup:
		g := v.Group()
		m := make(map[string]any, len(g))
		for _, a := range g {
			if depth >= netMaxDepth {
				m[a.Key] = a.Value.String()
				continue
			}
			m[a.Key] = netValue(a.Value, pickle, depth+1)
		}
		return m
	}
	return netAny(v.Any(), pickle, depth)
}

func netAny(x any, pickle bool, depth int) any {
	switch x := x.(type) {
	case nil, string, bool, int64, uint64, float64, *big.Int:
		return x
	case int:
		return int64(x)
	case int8:
		return int64(x)
	case int16:
		return int64(x)
	case int32:
		return int64(x)
	case uint:
		return uint64(x)
	case uint8:
		return uint64(x)
	case uint16:
		return uint64(x)
	case uint32:
		return uint64(x)
	case float32:
		return float64(x)
	case []byte:
		if pickle {
			return socketBytes(x)
		}
		return append([]byte(nil), x...)
	case time.Time:
		return x.Format(time.RFC3339Nano)
	case time.Duration:
		return x.String()
	case slog.Value:
		return netValue(x, pickle, depth)
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	if depth >= netMaxDepth {
		return fmt.Sprint(x)
	}
	rv := reflect.ValueOf(x)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		if rv.Kind() == reflect.Slice && rv.IsNil() {
			return nil
		}
		l := make([]any, rv.Len())
		for i := range l {
			l[i] = netAny(rv.Index(i).Interface(), pickle, depth+1)
		}
		return l
	case reflect.Map:
		if rv.IsNil() {
			return nil
		}
		m := make(map[string]any, rv.Len())
		it := rv.MapRange()
		for it.Next() {
			k := it.Key().Interface()
			ks, ok := k.(string)
			if !ok {
				ks = fmt.Sprint(k)
			}
			m[ks] = netAny(it.Value().Interface(), pickle, depth+1)
		}
		return m
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			return nil
		}
	}
	return fmt.Sprint(x)
}

// netRepr is Python's repr(v) and netStr Python's str(v), as the core's
// %-engine prints values (so that they match what formatters print).
func netRepr(v any) string { return string(slogpy.AppendRepr(nil, v)) }

func netStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return string(slogpy.AppendStr(nil, v))
}
