package slogpy

import (
	"errors"
	"fmt"
	"io"
	"log/slog"

	"github.com/slogpy/slogpy/levels"
)

// BasicConfigOptions are the keyword arguments of Python's
// logging.basicConfig. The zero value configures a StreamHandler on standard
// error with the format "%(levelname)s:%(name)s:%(message)s".
type BasicConfigOptions struct {
	// Filename makes a FileHandler for that file; it cannot be combined
	// with Stream or Handlers.
	Filename string
	// Filemode is the FileHandler's mode, "a" when empty.
	Filemode string
	// Format is the format string; empty means Python's BASIC_FORMAT in the
	// chosen style.
	Format string
	// Datefmt is the date format of %(asctime)s.
	Datefmt string
	// Style is "%" (the default when empty), "{" or "$".
	Style string
	// Level, when not NOTSET, is set on the root logger.
	Level levels.Level
	// Stream makes a StreamHandler on that writer; it cannot be combined
	// with Filename or Handlers.
	Stream io.Writer
	// Handlers are attached to the root logger; those without a formatter
	// get the one built from Format, Datefmt and Style.
	Handlers []slog.Handler
	// Force removes and closes the root logger's handlers first, so that
	// the configuration applies even when root already has handlers.
	Force bool
	// Encoding and Errors are passed to the FileHandler.
	Encoding, Errors string
}

// basicFormats are Python's BASIC_FORMAT per style.
var basicFormats = map[string]string{
	"%": "%(levelname)s:%(name)s:%(message)s",
	"{": "{levelname}:{name}:{message}",
	"$": "${levelname}:${name}:${message}",
}

// BasicConfig configures the default manager's root logger: Python's
// logging.basicConfig. It does nothing when the root logger already has
// handlers, unless opts.Force is set. nil opts means defaults.
//
// Per-logger levels from a flag or the environment go with BasicConfig:
// see [LevelsFlag], [SetLevelsFromEnv] and [ParseLevelSpec]
// ("app.db=DEBUG,app=INFO,WARNING").
func BasicConfig(opts *BasicConfigOptions) error { return defaultManager.BasicConfig(opts) }

// BasicConfig configures the manager's root logger; see the package-level
// [BasicConfig].
func (m *Manager) BasicConfig(opts *BasicConfigOptions) error {
	var o BasicConfigOptions
	if opts != nil {
		o = *opts
	}
	root := m.root
	if o.Force {
		for _, h := range root.Handlers() {
			root.RemoveHandler(h)
			if c, ok := h.(io.Closer); ok {
				c.Close()
			}
		}
	}
	if len(root.Handlers()) > 0 {
		return nil
	}
	if o.Handlers != nil {
		if o.Stream != nil || o.Filename != "" {
			return errors.New("slogpy: BasicConfig: 'stream' or 'filename' should not be specified together with 'handlers'")
		}
	} else if o.Stream != nil && o.Filename != "" {
		return errors.New("slogpy: BasicConfig: 'stream' and 'filename' should not be specified together")
	}
	style := o.Style
	if style == "" {
		style = "%"
	}
	format := o.Format
	if format == "" {
		if format = basicFormats[style]; format == "" {
			return fmt.Errorf("slogpy: BasicConfig: style %q: Style must be one of: %%,{,$", o.Style)
		}
	}
	f, err := NewFormatter(format, &FormatterOptions{Datefmt: o.Datefmt, Style: style})
	if err != nil {
		return err
	}
	hs := o.Handlers
	if hs == nil {
		if o.Filename != "" {
			fh, err := NewFileHandler(o.Filename, &FileHandlerOptions{Mode: o.Filemode, Encoding: o.Encoding, Errors: o.Errors})
			if err != nil {
				return err
			}
			hs = []slog.Handler{fh}
		} else {
			hs = []slog.Handler{NewStreamHandler(o.Stream, nil)}
		}
	}
	for _, h := range hs {
		if sh, ok := h.(Handler); ok && sh.base().Formatter() == nil {
			sh.SetFormatter(f)
		}
		root.AddHandler(h)
	}
	if o.Level != levels.NotSet {
		root.SetLevel(o.Level)
	}
	return nil
}
