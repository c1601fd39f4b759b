package config

import "github.com/slogpy/slogpy/levels"

// spec is a configuration as read from a dictionary or an INI file, before
// any class is called: the one form both front ends produce
// (parse_dict.go, parse_ini.go) and check takes. Nothing in it has
// effects: names are names, arguments are values.
type spec struct {
	source          string
	incremental     bool
	disableExisting bool
	formatters      []*entrySpec // in the order they are declared
	filters         []*entrySpec
	handlers        []*entrySpec
	loggers         []*loggerSpec // in the order they apply: root first for fileConfig
	// handlerLevels are an incremental configuration's handler levels.
	handlerLevels []handlerLevelSpec
}

// entrySpec is one formatter, filter or handler: the class and the
// arguments to call it with, or a Go object given in its place.
type entrySpec struct {
	kind string // "formatter", "filter" or "handler"
	name string
	path string
	// classPath is where the class is named ("handlers.h.class").
	classPath string
	cls       *class
	pos       []any
	posPath   []string
	kw        map[string]any
	// kwPath names the place of keyword arguments not at path.key.
	kwPath map[string]string
	// props is the "." mapping: attributes set after the call.
	props any
	// iniProps is set when props holds an INI [handler_x] section's
	// slogpy_ keys, whose places are "[handler_x] key".
	iniProps bool
	// object is a Go value given in place of a configuration (a
	// slog.Handler, a slogpy.Filter, a RecordFormatter).
	object any
	// A handler's formatter (a name or a RecordFormatter), level and
	// filters (names or filter objects).
	formatter     any
	formatterPath string
	level         *levels.Level
	filters       []ref
	// failed is set when reading the entry found an error: what refers to
	// it is then not reported again.
	failed bool
}

// ref is a reference to another entry of the configuration (a name) or
// an object, with its place.
type ref struct {
	v    any
	path string
}

// loggerSpec is what a configuration says of one logger.
type loggerSpec struct {
	name        string // "" for the root logger
	path        string
	level       *levels.Level
	propagate   *bool
	enable      bool // set disabled to false
	setHandlers bool
	handlers    []ref
	setFilters  bool
	filters     []ref
	// named is true for the loggers of dictConfig's loggers and
	// fileConfig's non-root loggers, which take part in the handling of
	// existing loggers.
	named bool
}

// handlerLevelSpec is an incremental configuration's new level for an
// existing handler.
type handlerLevelSpec struct {
	name, path string
	level      levels.Level
}

// propPath returns the place of a key of e's "." mapping.
func propPath(e *entrySpec, key string) string {
	if e.iniProps {
		return e.path + " " + key
	}
	return e.path + `["."].` + key
}
