package config

import (
	"errors"
	"os"
)

// FileConfigOptions are the options of [FileConfig]: Python's
// fileConfig(fname, defaults, disable_existing_loggers, encoding). The
// zero value gives Python's defaults.
type FileConfigOptions struct {
	Options
	// Defaults are values for %(name)s references in the file, under its
	// own [DEFAULT] section (Python's defaults argument).
	Defaults map[string]string
	// KeepExistingLoggers leaves loggers that the file does not name
	// enabled (Python's disable_existing_loggers=False), as
	// Options.KeepExistingLoggers does; either is enough. false disables
	// them, as Python does by default.
	KeepExistingLoggers bool
	// Encoding is the file's encoding, a Python codec name ("utf-8",
	// "latin-1", "cp1252"…). Empty means UTF-8 (a leading byte-order mark
	// is skipped).
	Encoding string
}

// FileConfig configures logging from an INI file in the format of
// Python's logging.config.fileConfig: [loggers], [handlers] and
// [formatters] with keys=, [logger_x] with level, handlers, qualname and
// propagate, [handler_x] with class, level, formatter, args, kwargs (and
// target for a MemoryHandler), [formatter_x] with format, datefmt, style,
// defaults and class. %(name)s references are expanded as Python's
// ConfigParser does, from the section, [DEFAULT] and opts.Defaults. nil
// opts means defaults.
//
// Python evaluates args=, kwargs= and defaults= as code. FileConfig parses
// them as Python literals and never runs anything: strings, numbers,
// True, False, None, tuples, lists, dicts, arithmetic, sys.stdout,
// sys.stderr and the constants of the logging module (DEBUG,
// handlers.SYSLOG_UDP_PORT…); a function call, an attribute other than
// those, __import__ or any other name is an error naming the column. So
// a file that CPython would run as code is refused here.
//
// As [DictConfig], the file is checked and its handlers built before the
// logger tree changes, and an error leaves the previous configuration in
// place; errors name the file, the section and the key:
// "config: logging.conf: [handler_file] args[2] (maxBytes): want an
// integer, got \"ten\"".
func FileConfig(path string, opts *FileConfigOptions) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return &Error{Source: path, Err: errors.New("file doesn't exist")}
		}
		return &Error{Source: path, Err: err}
	}
	if len(data) == 0 {
		return &Error{Source: path, Err: errors.New("the file is empty")}
	}
	return fileConfigBytes(data, path, opts)
}

func fileConfigBytes(data []byte, source string, opts *FileConfigOptions) error {
	var fo FileConfigOptions
	if opts != nil {
		fo = *opts
	}
	o := resolveOptions(&fo.Options)
	cp, err := readINI(data, fo.Encoding, fo.Defaults)
	if err != nil {
		return &Error{Source: source, Err: err}
	}
	disable := !o.keepExisting && !fo.KeepExistingLoggers
	return o.apply(source, func(errs *errorList) (*spec, *resolver) { return o.parseINI(cp, source, disable, errs) })
}
