package config

import (
	"fmt"
	"io"
	"log/slog"
	"maps"
	"reflect"
	"slices"
	"strconv"

	"github.com/slogpy/slogpy/slogpy"
)

// A dictionary given to DictConfig may be built of Go's typed maps and
// slices (map[string]map[string]any for the loggers, map[string]string for
// one logger, []string for a handler list): they are converted once, before
// the dictionary is read, to the map[string]any and []any the stages read,
// as Python sees any mapping and any sequence. Maps and slices that are
// objects (a slog.Handler, a slogpy.Filter, a formatter, an io.Writer) are
// left as they are, and so is []byte.

// maxGoNesting bounds the nesting of a Go dictionary, which may hold
// itself.
const maxGoNesting = 200

// plainGo converts the typed maps and slices in v to map[string]any and
// []any, copying only what changes: a dictionary of map[string]any and
// []any throughout is returned as it is, unchanged reported false.
func plainGo(v any, path string, depth int) (out any, changed bool, err error) {
	if depth > maxGoNesting {
		return nil, false, &Error{Path: path, Err: fmt.Errorf("nested more than %d deep (does the dictionary hold itself?)", maxGoNesting)}
	}
	switch x := v.(type) {
	case nil, string, bool, int, int64, float64:
		return v, false, nil
	case map[string]any:
		var m map[string]any
		for k, e := range x {
			ce, ch, err := plainGo(e, joinPath(path, k), depth+1)
			if err != nil {
				return nil, false, err
			}
			if ch {
				if m == nil {
					m = maps.Clone(x)
				}
				m[k] = ce
			}
		}
		if m == nil {
			return x, false, nil
		}
		return m, true, nil
	case []any:
		var l []any
		for i, e := range x {
			ce, ch, err := plainGo(e, path+"["+strconv.Itoa(i)+"]", depth+1)
			if err != nil {
				return nil, false, err
			}
			if ch {
				if l == nil {
					l = slices.Clone(x)
				}
				l[i] = ce
			}
		}
		if l == nil {
			return x, false, nil
		}
		return l, true, nil
	}
	if isObject(v) {
		return v, false, nil
	}
	rv := reflect.ValueOf(v)
	switch {
	case rv.Kind() == reflect.Map:
		if rv.Type().Key().Kind() != reflect.String {
			return nil, false, &Error{Path: path, Err: fmt.Errorf("want a mapping with string keys, got a Go %s", rv.Type())}
		}
		if rv.IsNil() {
			return nil, true, nil
		}
		m := make(map[string]any, rv.Len())
		for it := rv.MapRange(); it.Next(); {
			k := it.Key().String()
			ce, _, err := plainGo(it.Value().Interface(), joinPath(path, k), depth+1)
			if err != nil {
				return nil, false, err
			}
			m[k] = ce
		}
		return m, true, nil
	case rv.Kind() == reflect.Slice && rv.Type().Elem().Kind() != reflect.Uint8, rv.Kind() == reflect.Array:
		l := make([]any, rv.Len())
		for i := range l {
			ce, _, err := plainGo(rv.Index(i).Interface(), path+"["+strconv.Itoa(i)+"]", depth+1)
			if err != nil {
				return nil, false, err
			}
			l[i] = ce
		}
		return l, true, nil
	}
	return v, false, nil
}

// joinPath adds a key to an error path.
func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// isObject reports whether v is an object a configuration may hold in
// place of a configuration or as an argument, whatever its kind.
func isObject(v any) bool {
	switch v.(type) {
	case slog.Handler, slogpy.Filter, slogpy.RecordFormatter, io.Writer, Factory:
		return true
	}
	return false
}
