package config

import (
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// coreClasses are the classes of Python's logging module that package
// slogpy has.
var coreClasses = []classDef{
	{"logging.StreamHandler", []string{"stream"}, newStreamHandler},
	{"logging.FileHandler", fileParams, newFileHandler},
	{"logging.NullHandler", []string{"level"}, newNullHandler},
	{"logging.Formatter", []string{"fmt", "datefmt", "style", "validate", "defaults"}, newFormatter},
	{"logging.Filter", []string{"name"}, newFilter},
}

// coreValues are the level constants of logging.
func coreValues() []valueDef {
	var out []valueDef
	for name, l := range map[string]levels.Level{
		"CRITICAL": levels.Critical, "FATAL": levels.Fatal, "ERROR": levels.Error,
		"WARNING": levels.Warning, "WARN": levels.Warning, "INFO": levels.Info,
		"DEBUG": levels.Debug, "NOTSET": levels.NotSet,
	} {
		out = append(out, valueDef{"logging." + name, int64(l)})
	}
	return out
}

// made returns a build function returning v: for factories whose object
// has no effects to defer.
func made(v any) func() (any, error) { return func() (any, error) { return v, nil } }

// newStreamHandler is logging.StreamHandler(stream=None).
func newStreamHandler(a *Args) (func() (any, error), error) {
	w := a.Writer("stream")
	if w == nil {
		w = a.sc.stderr() // Python: sys.stderr
	}
	return func() (any, error) { return slogpy.NewStreamHandler(w, nil), nil }, a.Err()
}

// newFileHandler is logging.FileHandler(filename, mode='a',
// encoding=None, delay=False, errors=None).
func newFileHandler(a *Args) (func() (any, error), error) {
	filename, o := fileArgs(a)
	bufferArgs(a, &o)
	return func() (any, error) { return slogpy.NewFileHandler(filename, &o) }, a.Err()
}

// newNullHandler is logging.NullHandler, with the level of
// Handler.__init__.
func newNullHandler(a *Args) (func() (any, error), error) {
	level := a.Level("level", levels.NotSet)
	return func() (any, error) {
		h := slogpy.NewNullHandler()
		h.SetLevel(level)
		return h, nil
	}, a.Err()
}

// newFormatter is logging.Formatter(fmt=None, datefmt=None, style='%',
// validate=True, *, defaults=None). The format is compiled, and so
// checked, here.
func newFormatter(a *Args) (func() (any, error), error) {
	format := a.String("fmt", "")
	o := slogpy.FormatterOptions{
		Datefmt:    a.String("datefmt", ""),
		Style:      a.String("style", "%"),
		NoValidate: !a.Bool("validate", true),
		Defaults:   a.Map("defaults"),
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	f, err := slogpy.NewFormatter(format, &o)
	return made(f), err
}

// newFilter is logging.Filter(name=”).
func newFilter(a *Args) (func() (any, error), error) {
	return made(slogpy.NewNameFilter(a.String("name", ""))), a.Err()
}
