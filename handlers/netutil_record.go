package handlers

import (
	"fmt"
	"log/slog"
	"math/big"
	"reflect"
	"time"

	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/slogpy"
)

// A Field is one entry of a record's attribute dictionary (Python's
// record.__dict__), kept in order. Values are Go values standing for
// Python's: string (str), int64, uint64 and *big.Int (int), float64
// (float), bool, nil (None), []any (list), [slogpy.Tuple] (tuple),
// map[string]any (a dict, whose keys print sorted), [slogpy.Dict] (a dict
// in its order: slog groups and Dict values) and []byte (bytes).
type Field struct {
	Key   string
	Value any
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
	return appendRecordFields(make([]Field, 0, logrecord.NumDict+r.NumAttrs()), r, false)
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
	for _, a := range logrecord.Dict() {
		var v any
		switch a {
		case logrecord.Name:
			v = r.Name
		case logrecord.Msg:
			v = msg
		case logrecord.Args:
			v = args
		case logrecord.Levelname:
			v = r.Levelname()
		case logrecord.Levelno:
			v = int64(r.Levelno)
		case logrecord.Pathname:
			v = r.Pathname()
		case logrecord.Filename:
			v = r.Filename()
		case logrecord.Module:
			v = r.Module()
		case logrecord.ExcInfo:
			v = excInfo
		case logrecord.ExcText:
			v = netOptString(r.ExcText)
		case logrecord.StackInfo:
			v = netOptString(r.StackInfo)
		case logrecord.Lineno:
			v = int64(r.Lineno())
		case logrecord.FuncName:
			v = netOptString(r.FuncName())
		case logrecord.Created:
			v = r.Created()
		case logrecord.Msecs:
			v = r.Msecs()
		case logrecord.RelativeCreated:
			v = r.RelativeCreated()
		case logrecord.Thread:
			v = netOptInt(r.HasThread(), r.Thread())
		case logrecord.ThreadName:
			v = r.ThreadName()
		case logrecord.ProcessName:
			v = r.ProcessName()
		case logrecord.Process:
			v = netOptInt(r.HasProcess(), int64(r.Process()))
		}
		dst = append(dst, Field{a.String(), v})
	}
	start := len(dst)
	r.Attrs(func(a slog.Attr) bool {
		if logrecord.Reserved(a.Key) {
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

// netDictSet sets key in d: the last value at the place of the first, as
// in a Python dict.
func netDictSet(d slogpy.Dict, key string, v any) slogpy.Dict {
	for i := range d {
		if d[i].Key == key {
			d[i].Value = v
			return d
		}
	}
	return append(d, slogpy.DictItem{Key: key, Value: v})
}

// netOptInt is n, or nil (None) when !ok.
func netOptInt(ok bool, n int64) any {
	if !ok {
		return nil
	}
	return n
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
// (in order) and maps (keys sorted) as dicts, slogpy.Dict as a dict in its
// order, slogpy.Tuple as a tuple, slices and arrays as lists, []byte as
// bytes, errors and fmt.Stringers as their text, anything else as its fmt
// %v text.
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
		d := make(slogpy.Dict, 0, len(g))
		for _, a := range g {
			var x any
			if depth >= netMaxDepth {
				x = a.Value.String()
			} else {
				x = netValue(a.Value, pickle, depth+1)
			}
			d = netDictSet(d, a.Key, x)
		}
		return d
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
	case slogpy.Tuple:
		if depth >= netMaxDepth {
			return x.String()
		}
		t := make(slogpy.Tuple, len(x))
		for i, e := range x {
			t[i] = netAny(e, pickle, depth+1)
		}
		return t
	case slogpy.Dict:
		if depth >= netMaxDepth {
			return x.String()
		}
		d := make(slogpy.Dict, 0, len(x))
		for _, it := range x {
			k := netAny(it.Key, pickle, depth+1)
			switch k.(type) {
			case nil, string, bool, int64, uint64, float64, *big.Int, slogpy.Tuple:
			default: // not hashable in Python: its text
				k = netStr(k)
			}
			d = append(d, slogpy.DictItem{Key: k, Value: netAny(it.Value, pickle, depth+1)})
		}
		return d
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

// netStr is Python's str(v), as the %-engine prints values (so that it
// matches what formatters print).
func netStr(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return string(pyfmt.AppendStr(nil, v))
}
