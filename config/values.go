package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"reflect"
	"regexp"
	"sort"
	"strings"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The values of a configuration read as Go values: numbers, booleans,
// levels and lists as Python reads them, and the objects a class made seen
// as a handler, a filter or a formatter. Every stage reads values so.

var identifier = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// toInt converts a configuration value to an int.
func toInt(v any) (int, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return int(rv.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		u := rv.Uint()
		if u > math.MaxInt64 {
			return 0, fmt.Errorf("integer %d out of range", u)
		}
		return int(u), nil
	case reflect.Float32, reflect.Float64:
		f := rv.Float()
		if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
			return int(f), nil
		}
	}
	return 0, fmt.Errorf("want an integer, got %s", describe(v))
}

func toFloat(v any) (float64, bool) {
	if _, isBool := v.(bool); isBool {
		return 0, false
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

// boolWord reads a string that spells a boolean (true, false, yes, no,
// on, off, 1, 0, in any case), as configurations write them in JSON
// ("propagate": "no", "disable_existing_loggers": "False"): CPython takes
// any non-empty string as true, which no configuration means by "no".
// It returns the boolean meant and the warning to give; ok is false for
// any other value.
func boolWord(v any) (b bool, warning string, ok bool) {
	s, isStr := v.(string)
	if !isStr {
		return false, "", false
	}
	switch strings.ToLower(s) {
	case "true", "yes", "on", "1":
		b = true
	case "false", "no", "off", "0":
	default:
		return false, "", false
	}
	return b, fmt.Sprintf("%s is a string, which CPython takes as true; read as %v", describe(v), b), true
}

func toBool(v any) (bool, error) {
	if b, ok := v.(bool); ok {
		return b, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int() != 0, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return rv.Uint() != 0, nil
	}
	return false, fmt.Errorf("want true or false, got %s", describe(v))
}

// toLevel is Python's logging._checkLevel: a number, or a registered level
// name spelt exactly.
func toLevel(v any) (levels.Level, error) {
	switch x := v.(type) {
	case levels.Level:
		return x, nil
	case slog.Level:
		return levels.FromSlog(x), nil
	case string:
		return levelByName(x)
	}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n, err := toInt(v); err == nil {
			return levels.Level(n), nil
		}
	}
	return 0, fmt.Errorf("want a level name or an integer, got %s", describe(v))
}

// levelByName returns the level registered under exactly name, as
// Python's _checkLevel: names are case-sensitive and numbers in a string
// are not levels.
func levelByName(name string) (levels.Level, error) {
	m := levels.GetLevelNamesMapping()
	if l, ok := m[name]; ok {
		return l, nil
	}
	names := mapKeys(m)
	sort.Slice(names, func(i, j int) bool {
		if m[names[i]] != m[names[j]] {
			return m[names[i]] < m[names[j]]
		}
		return names[i] < names[j]
	})
	hint := ""
	if l, err := levels.Parse(name); err == nil {
		if _, isNum := m[strings.ToUpper(name)]; isNum {
			hint = fmt.Sprintf("; level names are case-sensitive, as in Python: %s", strings.ToUpper(name))
		} else {
			hint = fmt.Sprintf("; a number is a level only unquoted (in INI files, by name: %s)", l)
		}
	}
	return 0, fmt.Errorf("unknown level %q (known: %s%s)", name, strings.Join(names, ", "), hint)
}

// toList returns a list or tuple value as []any.
func toList(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8 || rv.Kind() == reflect.Array {
		out := make([]any, rv.Len())
		for i := range out {
			out[i] = rv.Index(i).Interface()
		}
		return out, true
	}
	return nil, false
}

// closeObject closes what a failed configuration made.
func closeObject(obj any) {
	if cl, ok := obj.(io.Closer); ok {
		cl.Close()
	}
}

// asHandler checks that a factory made a handler.
func asHandler(v any) (slog.Handler, error) {
	if h, ok := asSlogHandler(v); ok {
		return h, nil
	}
	if v == nil {
		return nil, errors.New("the factory returned no handler")
	}
	return nil, fmt.Errorf("the class made %s, not a handler", describe(v))
}

// asSlogHandler returns v as a slog.Handler: a slog.Handler itself, or a
// handler written on slogpy.HandlerBase through slogpy.AsSlog.
func asSlogHandler(v any) (slog.Handler, bool) {
	switch h := v.(type) {
	case slog.Handler:
		return h, true
	case slogpy.Handler:
		return slogpy.AsSlog(h), true
	}
	return nil, false
}

// asFilter checks that a factory made a filter.
func asFilter(v any) (slogpy.Filter, error) {
	switch f := v.(type) {
	case slogpy.Filter:
		return f, nil
	case func(*slogpy.Record) bool:
		return slogpy.FilterFunc(f), nil
	case nil:
		return nil, errors.New("the factory returned no filter")
	}
	return nil, fmt.Errorf("the class made %s, not a filter", describe(v))
}

// asFormatter checks that a factory made a formatter.
func asFormatter(v any) (slogpy.RecordFormatter, error) {
	switch f := v.(type) {
	case slogpy.RecordFormatter:
		return f, nil
	case nil:
		return nil, errors.New("the factory returned no formatter")
	}
	return nil, fmt.Errorf("the class made %s, not a formatter", describe(v))
}
