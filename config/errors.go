package config

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/slogpy/slogpy/config/internal/pyvalue"
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

// errorList collects the errors and warnings of one configuration.
type errorList struct {
	source string
	errs   []*Error
	warns  []*Error
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

// warn records a warning: something CPython ignores silently that a
// configuration most likely did not mean.
func (l *errorList) warn(path, msg string) {
	l.warns = append(l.warns, &Error{Source: l.source, Path: path, Err: errors.New(msg)})
}

// warnKey warns about a key that neither CPython nor this package reads,
// suggesting the nearest of the known keys.
func (l *errorList) warnKey(path, key string, known []string) {
	l.warn(path, "unknown key, ignored"+suggest(key, known))
}

// err returns the collected errors, ordered by section (version first,
// then formatters, filters, handlers, loggers and root) and within a
// section in the order they were found, at most maxErrors of them; nil
// when there are none.
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

// describe renders a configuration value for an error message.
var describe = pyvalue.Describe

// known lists names for an "unknown X" error about name: the nearest
// first (by edit distance, ignoring case; ties in alphabetical order), so
// the likely fix leads the list, at most 40.
func known(name string, names []string) string {
	names = append([]string(nil), names...)
	lower := strings.ToLower(name)
	dist := make(map[string]int, len(names))
	for _, n := range names {
		dist[n] = editDistance(lower, strings.ToLower(n))
	}
	sort.Slice(names, func(i, j int) bool {
		if di, dj := dist[names[i]], dist[names[j]]; di != dj {
			return di < dj
		}
		return names[i] < names[j]
	})
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

// suggest returns " (did you mean X?)" for the known name nearest to name
// (at most 2 edits away, or 1 for short names), or "".
func suggest(name string, known []string) string {
	best, bestD := "", 3
	if len(name) <= 3 {
		bestD = 2
	}
	for _, k := range sortedCopy(known) {
		if d := editDistance(strings.ToLower(name), strings.ToLower(k)); d < bestD && k != name {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// editDistance is the Damerau–Levenshtein distance (adjacent
// transpositions count one), bounded: inputs over 64 bytes count as far.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
