package config

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// An Error is a configuration error at one place of a configuration. Path
// names the place: "handlers.file.maxBytes" or "loggers.app.handlers[1]"
// in a dictionary, "[handler_file] args[2] (maxBytes)" in an INI file.
// Source is the file the configuration came from, or "" for a map.
//
// Every error DictConfig, DictConfigFile and FileConfig return is an *Error
// or an errors.Join of them, so errors.As finds the first one.
type Error struct {
	Source string
	Path   string
	Err    error
}

// Error returns "config: [source: ]path: message".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("config: ")
	if e.Source != "" {
		b.WriteString(e.Source)
		b.WriteString(": ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// errNotBuilt marks a reference to a handler of the configuration that is
// not built yet: the referring handler is built after it.
var errNotBuilt = errors.New("handler not configured yet")

// errChecked is what Args.Err returns to a factory called to check its
// arguments: all is well, and the factory is to make nothing yet.
var errChecked = errors.New("arguments checked")

// errorList collects the errors of one configuration.
type errorList struct {
	source string
	errs   []*Error
}

// maxErrors bounds the errors one configuration reports.
const maxErrors = 20

func (l *errorList) add(path string, err error) {
	if err == nil {
		return
	}
	var ce *Error
	if errors.As(err, &ce) && ce.Path != "" {
		if ce.Source == "" {
			ce.Source = l.source
		}
		l.errs = append(l.errs, ce)
		return
	}
	l.errs = append(l.errs, &Error{Source: l.source, Path: path, Err: err})
}

// pathRank orders errors as a configuration is read: version first, then
// formatters, filters, handlers, loggers and root.
func pathRank(path string) int {
	p := strings.TrimPrefix(path, "[")
	for i, prefix := range []string{"version", "incremental", "disable_existing_loggers", "formatter", "filter", "handler", "logger", "root"} {
		if strings.HasPrefix(p, prefix) {
			return i
		}
	}
	return 8
}

func (l *errorList) addf(path, format string, args ...any) {
	l.add(path, fmt.Errorf(format, args...))
}

func (l *errorList) empty() bool { return len(l.errs) == 0 }

// err returns the collected errors, in the order they were found, at most
// maxErrors of them; nil when there are none.
func (l *errorList) err() error {
	if len(l.errs) == 0 {
		return nil
	}
	if len(l.errs) == 1 {
		return l.errs[0]
	}
	sort.SliceStable(l.errs, func(i, j int) bool { return pathRank(l.errs[i].Path) < pathRank(l.errs[j].Path) })
	n := min(len(l.errs), maxErrors)
	errs := make([]error, 0, n+1)
	for _, e := range l.errs[:n] {
		errs = append(errs, e)
	}
	if len(l.errs) > n {
		errs = append(errs, fmt.Errorf("config: %d more errors", len(l.errs)-n))
	}
	return errors.Join(errs...)
}

// describe renders a configuration value for an error message: strings
// quoted, lists and mappings by kind, other values as they print.
func describe(v any) string {
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
		return "a mapping"
	case reflect.Func:
		return fmt.Sprintf("a function (%T)", v)
	}
	return fmt.Sprintf("a %T", v)
}

// known lists names for "unknown X" errors: sorted, at most 40.
func known(names []string) string {
	names = append([]string(nil), names...)
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	if len(names) > 40 {
		return strings.Join(names[:40], ", ") + fmt.Sprintf(", … (%d more)", len(names)-40)
	}
	return strings.Join(names, ", ")
}

func mapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
