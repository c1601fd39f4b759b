package config

import (
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// registerCoreClasses registers the classes and constants of Python's
// logging module that package slogpy has.
func registerCoreClasses(r *Registry) {
	r.mustRegister("logging.StreamHandler", []string{"stream"}, func(a *Args) (any, error) {
		w := a.Writer("stream")
		if err := a.Err(); err != nil {
			return nil, err
		}
		if w == nil {
			w = a.ctx.stderr // Python: sys.stderr
		}
		return slogpy.NewStreamHandler(w, nil), nil
	})
	r.mustRegister("logging.FileHandler", fileParams, func(a *Args) (any, error) {
		a.Require("filename")
		filename := a.String("filename", "")
		o := fileOptions(a)
		if err := a.Err(); err != nil {
			return nil, err
		}
		return slogpy.NewFileHandler(filename, &o)
	})
	r.mustRegister("logging.NullHandler", []string{"level"}, func(a *Args) (any, error) {
		level := a.Level("level", levels.NotSet)
		if err := a.Err(); err != nil {
			return nil, err
		}
		h := slogpy.NewNullHandler()
		h.SetLevel(level)
		return h, nil
	})
	r.mustRegister("logging.Formatter", []string{"fmt", "datefmt", "style", "validate", "defaults"}, func(a *Args) (any, error) {
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
		return slogpy.NewFormatter(format, &o)
	})
	r.mustRegister("logging.Filter", []string{"name"}, func(a *Args) (any, error) {
		name := a.String("name", "")
		if err := a.Err(); err != nil {
			return nil, err
		}
		return slogpy.NewNameFilter(name), nil
	})
	for name, l := range map[string]levels.Level{
		"CRITICAL": levels.Critical, "FATAL": levels.Fatal, "ERROR": levels.Error,
		"WARNING": levels.Warning, "WARN": levels.Warning, "INFO": levels.Info,
		"DEBUG": levels.Debug, "NOTSET": levels.NotSet,
	} {
		r.mustValue("logging."+name, int64(l))
	}
}

// fileParams are the parameters of Python's FileHandler and
// WatchedFileHandler.
var fileParams = []string{"filename", "mode", "encoding", "delay", "errors"}

// fileOptions reads the keywords every file handler shares.
func fileOptions(a *Args) slogpy.FileHandlerOptions {
	return slogpy.FileHandlerOptions{
		Mode:     a.String("mode", ""),
		Encoding: a.String("encoding", ""),
		Errors:   a.String("errors", ""),
		Delay:    a.Bool("delay", false),
	}
}
