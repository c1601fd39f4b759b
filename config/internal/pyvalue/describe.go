// Package pyvalue describes the values a configuration holds (decoded
// JSON, YAML and Python literals) for error messages.
package pyvalue

import (
	"fmt"
	"io"
	"math"
	"reflect"
	"strconv"
	"strings"
)

// Describe renders a configuration value for an error message: strings
// quoted, lists and mappings by kind, other values as they print.
func Describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		if len(x) > 60 {
			x = x[:57] + "..."
		}
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0" // as Python prints a float
		}
		return s
	case []any:
		return fmt.Sprintf("a list of %d", len(x))
	case map[string]any:
		return "a mapping"
	case io.Writer:
		return fmt.Sprintf("a stream (%T)", x)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64:
		return fmt.Sprint(v)
	case reflect.Slice, reflect.Array:
		return fmt.Sprintf("a list of %d", rv.Len())
	case reflect.Map:
		return fmt.Sprintf("a %T", v) // not "a mapping": one was wanted
	case reflect.Func:
		return fmt.Sprintf("a function (%T)", v)
	}
	return fmt.Sprintf("a %T", v)
}

// Walk calls leaf for every value of v that is not a list ([]any) or a
// mapping (map[string]any), depth first, until leaf returns false; it
// reports whether every call returned true. The decoders' and the literal
// parser's tests check their values with it.
func Walk(v any, leaf func(any) bool) bool {
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if !Walk(e, leaf) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !Walk(e, leaf) {
				return false
			}
		}
		return true
	}
	return leaf(v)
}

// HasNaN reports whether v holds a NaN, which compares unequal to itself.
func HasNaN(v any) bool {
	return !Walk(v, func(x any) bool { f, ok := x.(float64); return !ok || !math.IsNaN(f) })
}
