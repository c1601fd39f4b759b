package config

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/slogpy/slogpy/levels"
)

// The buffered-writing keys of a file handler (slogpy.FileHandlerOptions
// BufferSize, FlushInterval, FlushLevel): names CPython sets as plain
// attributes in a dictConfig handler's "." mapping (or ignores in an INI
// [handler_x] section), so that the same file still loads in Python. They
// are read before the handler is made, since buffering is an option of
// its constructor, and setAttrs skips them.
const (
	bufferSizeAttr    = "slogpy_buffer_size"
	flushIntervalAttr = "slogpy_flush_interval"
	flushLevelAttr    = "slogpy_flush_level"
)

// bufferAttrs are the buffered-writing keys, in the order they are read.
var bufferAttrs = []string{bufferSizeAttr, flushIntervalAttr, flushLevelAttr}

// maxBufferSize is the largest slogpy_buffer_size: the buffer is
// allocated when the handler is made, so a configuration may not ask for
// an unbounded one.
const maxBufferSize = 64 << 20

// bufferClasses names the classes that take the buffered-writing keys,
// for the error about one that does not.
const bufferClasses = "logging.FileHandler, logging.handlers.WatchedFileHandler, RotatingFileHandler and TimedRotatingFileHandler"

// bufferSpec is what the buffered-writing keys of an entry asked for.
type bufferSpec struct {
	given    []string // the keys given, with their places
	paths    []string
	size     int
	interval time.Duration
	level    levels.Level
	// used is set by the factory that passed them to its constructor.
	used bool
}

// isBufferAttr reports whether name is one of the buffered-writing keys.
func isBufferAttr(name string) bool { return contains(bufferAttrs, name) }

// readBuffer reads the buffered-writing keys of an entry's "." mapping
// (props), each key's place given by at; it returns nil when none is
// given, and the errors of bad values. warn hears of a flush key given
// without a buffer size.
func readBuffer(props any, at func(key string) string, warn func(path, msg string)) (*bufferSpec, []error) {
	m, ok := props.(map[string]any)
	if !ok {
		return nil, nil // setAttrs reports a "." that is not a mapping
	}
	b := &bufferSpec{}
	var errs []error
	for _, key := range bufferAttrs {
		v, ok := m[key]
		if !ok {
			continue
		}
		b.given, b.paths = append(b.given, key), append(b.paths, at(key))
		if err := b.set(key, v); err != nil {
			errs = append(errs, &Error{Path: at(key), Err: err})
		}
	}
	if len(b.given) == 0 {
		return nil, nil
	}
	if b.size == 0 && (b.interval != 0 || b.level != 0) && len(errs) == 0 {
		for i, key := range b.given {
			if key != bufferSizeAttr {
				warn(b.paths[i], fmt.Sprintf("has no effect without a positive %s (buffered writing is off)", bufferSizeAttr))
			}
		}
	}
	return b, errs
}

// set converts the value of one key.
func (b *bufferSpec) set(key string, v any) error {
	switch key {
	case bufferSizeAttr:
		n, err := intOrText(v)
		if err != nil || n < 0 || n > maxBufferSize {
			return fmt.Errorf("want the buffer's size in bytes, an integer from 0 (off, the default) to %d (64 MiB), such as 65536; got %s", maxBufferSize, describe(v))
		}
		b.size = n
	case flushIntervalAttr:
		d, err := seconds(v)
		if err != nil {
			return fmt.Errorf("want the longest a buffered record waits: seconds (a number such as 0.5; 0: the default, 1 s; negative: no timer) or a Go duration such as \"250ms\"; got %s", describe(v))
		}
		b.interval = d
	case flushLevelAttr:
		l, err := toLevel(v)
		if s, isText := v.(string); err != nil && isText {
			if n, e := strconv.Atoi(strings.TrimSpace(s)); e == nil { // an INI value
				l, err = levels.Level(n), nil
			}
		}
		if err != nil || l <= 0 {
			return fmt.Errorf("want the level at or above which a record is written at once: a level name (DEBUG, INFO, WARNING, ERROR, CRITICAL) or a number above 0 (the default is ERROR); got %s", describe(v))
		}
		b.level = l
	}
	return nil
}

// intOrText reads an integer, or the text of one (an INI value).
func intOrText(v any) (int, error) {
	if s, ok := v.(string); ok {
		return strconv.Atoi(strings.TrimSpace(s))
	}
	return toInt(v)
}

// seconds reads a number of seconds, the text of one (an INI value) or a
// Go duration.
func seconds(v any) (time.Duration, error) {
	f, ok := toFloat(v)
	if s, isText := v.(string); isText {
		s = strings.TrimSpace(s)
		if d, err := time.ParseDuration(s); err == nil {
			return d, nil
		}
		var err error
		f, err = strconv.ParseFloat(s, 64)
		ok = err == nil
	}
	if !ok || f != f || f > 1e9 || f < -1e9 { // NaN, or beyond 30 years
		return 0, errors.New("not a duration")
	}
	return time.Duration(f * float64(time.Second)), nil
}

// unused returns the error for buffered-writing keys given to class, whose
// factory did not take them, or nil (b may be nil).
func (b *bufferSpec) unused(class string) error {
	if b == nil || b.used {
		return nil
	}
	return &Error{Path: b.paths[0], Err: fmt.Errorf("%s has no buffered writing: %s applies to %s; remove it, or use one of those classes",
		class, b.given[0], bufferClasses)}
}
