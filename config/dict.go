package config

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/slogpy/slogpy/slogpy"
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
	return o.apply(func(st *managerState) (*plan, error) { return o.planDict(cfg, "", st) })
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
	cfg, err := decodeDict(data, format)
	if err != nil {
		return &Error{Source: path, Err: err}
	}
	o := resolveOptions(opts)
	return o.apply(func(st *managerState) (*plan, error) { return o.planDict(cfg, path, st) })
}

// DecodeDict parses a JSON object or a YAML mapping into the dictionary
// [DictConfig] takes, with the value types Python's json and PyYAML's
// safe_load give: integers as int64, other numbers as float64, yes/no/on/
// off as booleans in YAML. Text starting with "{" is JSON.
func DecodeDict(data []byte) (map[string]any, error) {
	cfg, err := decodeDict(data, "")
	if err != nil {
		return nil, &Error{Err: err}
	}
	return cfg, nil
}

func (o resolved) newCtx(source string, root map[string]any, converting bool) *buildCtx {
	return &buildCtx{
		reg: o.reg, source: source, root: root, converting: converting,
		stdout: o.stdout, stderr: o.stderr,
		built: map[string]slog.Handler{}, declared: map[string]bool{},
	}
}

// dictSection is a section of the dictionary (formatters, handlers…) with
// its entries.
func (c *buildCtx) section(cfg map[string]any, key string, errs *errorList) map[string]any {
	raw, ok := cfg[key]
	if !ok || raw == nil {
		return nil
	}
	v, err := c.entry(raw, key) // values inside convert when read
	if err != nil {
		errs.add(key, err)
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		errs.addf(key, "want a mapping of names to configurations, got %s", describe(v))
		return nil
	}
	return m
}

// entry returns one entry of a section, a cfg:// reference resolved.
func (c *buildCtx) entry(v any, path string) (any, error) {
	if s, ok := v.(string); ok {
		return c.convert(s, path, 0)
	}
	return v, nil
}

// planDict checks and builds a dictionary configuration.
func (o resolved) planDict(cfg map[string]any, source string, st *managerState) (*plan, error) {
	errs := &errorList{source: source}
	ctx := o.newCtx(source, cfg, true)
	if cfg == nil {
		return nil, &Error{Source: source, Err: errors.New("nil configuration")}
	}
	ver, ok := cfg["version"]
	if !ok {
		errs.addf("version", "missing: the dictionary must say version: 1")
		return nil, errs.err()
	}
	if v, err := ctx.convert(ver, "version", 0); err != nil {
		errs.add("version", err)
	} else if f, ok := toFloat(v); !ok || f != 1 {
		errs.addf("version", "unsupported version %s (want 1)", describe(v))
	}
	if !errs.empty() {
		return nil, errs.err()
	}
	incremental := false
	if raw, ok := cfg["incremental"]; ok {
		v, err := ctx.convert(raw, "incremental", 0)
		if err == nil {
			incremental, err = toBool(v)
		}
		errs.add("incremental", err)
	}
	if incremental {
		p := o.planIncremental(ctx, cfg, st, errs)
		return p, errs.err()
	}
	p := &plan{disableExisting: true}
	if raw, ok := cfg["disable_existing_loggers"]; ok {
		v, err := ctx.convert(raw, "disable_existing_loggers", 0)
		if err == nil {
			p.disableExisting, err = toBool(v)
		}
		errs.add("disable_existing_loggers", err)
	}

	formatters := map[string]slogpy.RecordFormatter{}
	fsec := ctx.section(cfg, "formatters", errs)
	for _, name := range mapKeys(fsec) {
		path := "formatters." + name
		f, services, err := ctx.dictFormatter(path, fsec[name])
		if err != nil {
			errs.add(path, err)
			continue
		}
		formatters[name] = f
		p.services = append(p.services, services...)
	}
	filters := map[string]slogpy.Filter{}
	flsec := ctx.section(cfg, "filters", errs)
	for _, name := range mapKeys(flsec) {
		path := "filters." + name
		f, services, err := ctx.dictFilter(path, flsec[name])
		if err != nil {
			errs.add(path, err)
			continue
		}
		filters[name] = f
		p.services = append(p.services, services...)
	}

	hsec := ctx.section(cfg, "handlers", errs)
	for name := range hsec {
		ctx.declared[name] = true
	}
	specs := map[string]*handlerSpec{}
	for _, name := range mapKeys(hsec) {
		if s := ctx.dictHandlerSpec(name, hsec[name], formatters, filters, errs); s != nil {
			specs[name] = s
		}
	}

	lsec := ctx.section(cfg, "loggers", errs)
	for _, name := range mapKeys(lsec) {
		path := "loggers." + name
		lp := ctx.dictLogger(path, lsec[name], filters, errs, false)
		if lp != nil {
			lp.name, lp.named, lp.enable = name, true, true
			p.loggers = append(p.loggers, *lp)
		}
	}
	if raw, ok := cfg["root"]; ok && raw != nil {
		if lp := ctx.dictLogger("root", raw, filters, errs, true); lp != nil && !lp.empty {
			lp.name = ""
			p.loggers = append(p.loggers, *lp)
		}
	}
	// Check every handler's arguments before making any: factories stop
	// at Args.Err, so nothing is opened for a configuration that fails.
	ctx.checking = true
	for _, name := range mapKeys(specs) {
		if s := specs[name]; s.object == nil {
			if _, _, err := ctx.call(s.cls, s.path, s.cfg, handlerSpecial); err != nil && !errors.Is(err, errChecked) {
				errs.add(s.path, err)
			}
		}
	}
	ctx.checking = false
	if !errs.empty() {
		return nil, errs.err()
	}

	// Build the handlers, in the order of their names; a handler that
	// refers to one not built yet (a MemoryHandler's target, a
	// QueueHandler's handlers) waits for it.
	pending := mapKeys(specs)
	for len(pending) > 0 {
		var next []string
		for _, name := range pending {
			mh, services, err := ctx.buildHandler(specs[name])
			if errors.Is(err, errNotBuilt) {
				next = append(next, name)
				continue
			}
			if err != nil {
				errs.add(specs[name].path, err)
				p.discard()
				return nil, errs.err()
			}
			ctx.built[name] = mh.h
			p.made = append(p.made, mh)
			p.services = append(p.services, services...)
		}
		if len(next) == len(pending) {
			for _, name := range next {
				errs.addf(specs[name].path, "circular reference among handlers %s: each refers to another (target, handlers)", strings.Join(next, ", "))
			}
			p.discard()
			return nil, errs.err()
		}
		pending = next
	}
	for i := range p.loggers {
		lp := &p.loggers[i]
		for j, ref := range lp.refs {
			h, err := ctx.handlerRef(ref)
			if err != nil { // checked above; cannot happen
				errs.add(fmt.Sprintf("%s.handlers[%d]", lp.path, j), err)
				continue
			}
			lp.handlers = append(lp.handlers, h)
		}
	}
	if !errs.empty() {
		p.discard()
		return nil, errs.err()
	}
	return p, nil
}
