package config

import (
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// classDef is one entry of a class table: a Python class name, its
// parameters in Python's order, and its constructor.
type classDef struct {
	name   string
	params []string
	fn     Factory
}

// valueDef is one entry of a value table: a dotted name for ext:// and
// fileConfig's args.
type valueDef struct {
	name string
	v    any
}

// classTables are the tables every new registry holds: this file's, the
// handlers' (classes_handlers.go), and those other files of the package
// add from an init function (classes_contrib*.go) through addClasses.
var classTables = [][]classDef{coreClasses, handlerClasses}

// valueTables are the values every new registry holds.
var valueTables = [][]valueDef{coreValues(), handlerValues()}

// addClasses adds a class table to every registry made from now on, and
// to the default registry. It is for the init functions of this
// package's files.
func addClasses(t []classDef) {
	classTables = append(classTables, t)
	if defaultReg != nil {
		defaultReg.addTable(t)
	}
}

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
		w = a.r.stderr // Python: sys.stderr
	}
	return func() (any, error) { return slogpy.NewStreamHandler(w, nil), nil }, a.Err()
}

// newFileHandler is logging.FileHandler(filename, mode='a',
// encoding=None, delay=False, errors=None).
func newFileHandler(a *Args) (func() (any, error), error) {
	filename, o := fileArgs(a)
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

// fileParams are the parameters of Python's FileHandler and
// WatchedFileHandler.
var fileParams = []string{"filename", "mode", "encoding", "delay", "errors"}

// fileArgs reads the filename and the keywords every file handler
// shares, and checks the file (see Args.file).
func fileArgs(a *Args) (string, slogpy.FileHandlerOptions) {
	a.Require("filename")
	filename := a.String("filename", "")
	o := slogpy.FileHandlerOptions{
		Mode:     a.String("mode", ""),
		Encoding: a.String("encoding", ""),
		Errors:   a.String("errors", ""),
		Delay:    a.Bool("delay", false),
	}
	if len(a.errs) > 0 {
		return filename, o
	}
	return filename, a.file(filename, o)
}
