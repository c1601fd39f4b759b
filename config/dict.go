package config

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/slogpy/slogpy/config/internal/decode"
)

// DictConfig configures logging from a dictionary in the schema of
// Python's logging.config.dictConfig, version 1: formatters, filters,
// handlers, loggers, root, incremental, disable_existing_loggers, "()"
// factories, "." attributes, ext:// and cfg:// references. Class names are
// Python's (logging.StreamHandler, logging.handlers.RotatingFileHandler,
// …) and resolve through [Options].Registry; handler keywords are the
// Python constructors' (filename, maxBytes, backupCount, when, target…).
// nil opts configures the default manager.
//
// The configuration is checked and built completely before the logger
// tree is touched: when DictConfig returns an error, the previous
// configuration is still in place and the handlers this one made are
// closed. The error names every problem found with its path in the
// dictionary ("config: handlers.file.maxBytes: want an integer, got
// \"ten\"") — up to 20 of them for the checks made before any handler is
// built, the first one after. Values may be Go values as well as the JSON
// kinds: an io.Writer as a stream, a slog.Handler in place of a handler's
// configuration or a logger's handler name, a slogpy.Filter or a
// RecordFormatter likewise, a [Factory] as "()".
//
// DictConfig is safe for concurrent use; configurations of one manager
// are applied one at a time. See the package documentation for how it
// differs from CPython.
func DictConfig(cfg map[string]any, opts *Options) error {
	o := resolveOptions(opts)
	return o.applyDict(cfg, "")
}

// DictConfigFile reads a dictConfig dictionary from a JSON or YAML file
// and applies it with [DictConfig]. Files named .json are JSON, .yaml and
// .yml YAML; for other names a file starting with "{" is JSON and any
// other YAML. YAML is read as PyYAML's safe_load reads it (yes, no, on
// and off are booleans). Errors name the file.
func DictConfigFile(path string, opts *Options) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return &Error{Err: err}
	}
	format := ""
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		format = "json"
	case ".yaml", ".yml":
		format = "yaml"
	}
	cfg, err := decode.Dict(data, format)
	if err != nil {
		return &Error{Source: path, Err: err}
	}
	return resolveOptions(opts).applyDict(cfg, path)
}

// DecodeDict parses a JSON object or a YAML mapping into the dictionary
// [DictConfig] takes, with the value types Python's json and PyYAML's
// safe_load give: integers as int64, other numbers as float64, yes/no/on/
// off as booleans in YAML. Text starting with "{" is JSON.
func DecodeDict(data []byte) (map[string]any, error) {
	cfg, err := decode.Dict(data, "")
	if err != nil {
		return nil, &Error{Err: err}
	}
	return cfg, nil
}

// applyDict parses, checks and commits a dictionary.
func (o resolved) applyDict(cfg map[string]any, source string) error {
	return o.apply(source, func(errs *errorList) (*spec, *resolver) { return o.parseDict(cfg, source, errs) })
}
