package config

import (
	"errors"
	"fmt"
	"slices"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The keys dictConfig reads in each kind of entry, and the keys CPython
// 3.11 ignores that configurations carry on purpose (accepted silently).
// Any other key is ignored with a warning naming the nearest known key.
var (
	formatterKeys = []string{"format", "datefmt", "style", "validate", "defaults", "class", "."}
	filterKeys    = []string{"name", "."}
	loggerKeys    = []string{"level", "propagate", "filters", "handlers"}
	rootKeys      = []string{"level", "filters", "handlers"}
	// qualname is fileConfig's; gunicorn and sanic write it in dicts too.
	// class and formatter are a handler's, often copied along.
	loggerIgnored = []string{"qualname", "class", "formatter"}
	rootIgnored   = []string{"qualname", "class", "formatter", "propagate"}
)

// dictParser reads a dictionary into a spec.
type dictParser struct {
	r    *resolver
	errs *errorList
	sp   *spec
}

// parseDict reads a dictConfig dictionary into a spec: Python's
// DictConfigurator.configure, short of calling anything.
func (o resolved) parseDict(cfg map[string]any, source string, errs *errorList) (*spec, *resolver) {
	if cfg == nil {
		errs.add("", errors.New("nil configuration"))
		return nil, nil
	}
	plain, _, err := plainGo(cfg, "", 0)
	if err != nil {
		errs.add("", err)
		return nil, nil
	}
	cfg = plain.(map[string]any)
	d := &dictParser{r: o.newResolver(cfg, true), errs: errs, sp: &spec{source: source, disableExisting: true}}
	if raw, ok := cfg[aliasKey]; ok {
		if m, ok := raw.(map[string]any); ok {
			d.r.reg = d.r.reg.withAliases(m, aliasKey, errs)
		} else {
			errs.addf(aliasKey, "want a mapping of class names to the registered classes they stand for, got %s", describe(raw))
		}
	}
	ver, ok := cfg["version"]
	if !ok {
		errs.addf("version", "missing: the dictionary must say version: 1")
		return nil, nil
	}
	if v, err := d.r.convert(ver, 0); err != nil {
		errs.add("version", err)
		return nil, nil
	} else if f, ok := toFloat(v); !ok || f != 1 {
		errs.addf("version", "unsupported version %s (want 1)", describe(v))
		return nil, nil
	}
	d.sp.incremental = d.flag(cfg, "incremental", false)
	if d.sp.incremental {
		d.incremental(cfg)
		return d.sp, d.r
	}
	d.sp.disableExisting = d.flag(cfg, "disable_existing_loggers", true)
	if o.keepExisting {
		d.sp.disableExisting = false
	}
	fsec := d.section(cfg, "formatters")
	for _, name := range mapKeys(fsec) {
		d.sp.formatters = append(d.sp.formatters, d.formatter(name, fsec[name]))
	}
	flsec := d.section(cfg, "filters")
	for _, name := range mapKeys(flsec) {
		d.sp.filters = append(d.sp.filters, d.filter(name, flsec[name]))
	}
	hsec := d.section(cfg, "handlers")
	for name := range hsec {
		d.r.declared[name] = true
	}
	for _, name := range mapKeys(hsec) {
		d.sp.handlers = append(d.sp.handlers, d.handler(name, hsec[name]))
	}
	lsec := d.section(cfg, "loggers")
	for _, name := range mapKeys(lsec) {
		if ls := d.logger("loggers."+name, lsec[name], false); ls != nil {
			ls.name, ls.named, ls.enable = name, true, true
			d.sp.loggers = append(d.sp.loggers, ls)
		}
	}
	if raw, ok := cfg["root"]; ok && raw != nil {
		if ls := d.logger("root", raw, true); ls != nil {
			d.sp.loggers = append(d.sp.loggers, ls)
		}
	}
	return d.sp, d.r
}

// flag reads a top-level boolean.
func (d *dictParser) flag(cfg map[string]any, key string, def bool) bool {
	raw, ok := cfg[key]
	if !ok {
		return def
	}
	v, err := d.r.convert(raw, 0)
	if b, warning, isWord := boolWord(v); err == nil && isWord {
		d.errs.warn(key, warning)
		return b
	}
	if err == nil {
		def, err = toBool(v)
	}
	d.errs.add(key, err)
	return def
}

// section returns a section of the dictionary (formatters, handlers…).
func (d *dictParser) section(cfg map[string]any, key string) map[string]any {
	raw, ok := cfg[key]
	if !ok || raw == nil {
		return nil
	}
	v, err := d.r.convert(raw, 0)
	if err != nil {
		d.errs.add(key, err)
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		d.errs.addf(key, "want a mapping of names to configurations, got %s", describe(v))
		return nil
	}
	return m
}

// mapping reads an entry that must be a mapping (or one of the Go objects
// that may stand in for it, returned as obj).
func (d *dictParser) mapping(raw any, path, what string, object func(any) bool) (m map[string]any, obj any, ok bool) {
	v, err := d.r.convert(raw, 0)
	if err != nil {
		d.errs.add(path, err)
		return nil, nil, false
	}
	if object != nil && object(v) {
		return nil, v, true
	}
	m, ok = v.(map[string]any)
	if !ok {
		d.errs.addf(path, "want a %s configuration (a mapping), got %s", what, describe(v))
	}
	return m, nil, ok
}

// unknownKeys warns about the keys of m that neither dictConfig reads nor
// configurations carry on purpose.
func (d *dictParser) unknownKeys(m map[string]any, path string, read, ignored []string) {
	for _, k := range mapKeys(m) {
		if !contains(read, k) && !contains(ignored, k) {
			d.errs.warnKey(path+"."+k, k, slices.Concat(read, ignored))
		}
	}
}

// value converts a value read by key, as CPython's ConvertingDict does.
func (d *dictParser) value(m map[string]any, key, path string) (any, bool) {
	raw, ok := m[key]
	if !ok || raw == nil {
		return nil, false
	}
	v, err := d.r.convert(raw, 0)
	if err != nil {
		d.errs.add(path, err)
		return nil, false
	}
	return v, v != nil
}

// class resolves a "class" or "()" value.
func (d *dictParser) class(m map[string]any, key, path, kind string) *class {
	v, ok := d.value(m, key, path)
	if !ok {
		return nil
	}
	cl, err := d.r.reg.resolveClass(v, kind)
	if err != nil {
		d.errs.add(path, err)
		return nil
	}
	return cl
}

// custom fills e from a "()" mapping: the class, its keyword arguments
// and the "." attributes (Python's configure_custom).
func (d *dictParser) custom(e *entrySpec, m map[string]any, kind string, skip []string) {
	e.classPath = e.path + ".()"
	if e.cls = d.class(m, "()", e.classPath, kind); e.cls == nil {
		e.failed = true
	}
	e.kw = map[string]any{}
	for k, v := range m {
		if k != "()" && k != "." && !contains(skip, k) {
			e.kw[k] = v // newArgs refuses a key that is not an identifier, as CPython
		}
	}
	e.props = m["."]
}

// entry starts reading an entry of a section: a mapping, or a Go object
// standing in for it; done is true when there is nothing more to read.
func (d *dictParser) entry(kind, section, name string, raw any, object func(any) bool) (e *entrySpec, m map[string]any, done bool) {
	e = &entrySpec{kind: kind, name: name, path: section + "." + name}
	m, obj, ok := d.mapping(raw, e.path, kind, object)
	switch {
	case !ok:
		e.failed = true
	case obj != nil:
		e.object = obj
	default:
		return e, m, false
	}
	return e, nil, true
}

// formatter reads one formatter: Python's configure_formatter.
func (d *dictParser) formatter(name string, raw any) *entrySpec {
	e, m, done := d.entry("formatter", "formatters", name, raw, func(v any) bool { _, ok := v.(slogpy.RecordFormatter); return ok })
	if done {
		return e
	}
	if _, custom := m["()"]; custom {
		d.custom(e, m, "formatter", nil)
		if _, has := e.kw["format"]; has && e.cls != nil && e.cls.params != nil && !contains(e.cls.params, "format") && contains(e.cls.params, "fmt") {
			e.kw["fmt"] = e.kw["format"] // Python retries a factory taking fmt with format renamed
			delete(e.kw, "format")
		}
		return e
	}
	d.unknownKeys(m, e.path, formatterKeys, nil)
	e.cls, _ = d.r.reg.lookupClass("logging.Formatter")
	e.classPath = e.path + ".class"
	if v, ok := d.value(m, "class", e.classPath); ok && v != "" {
		if e.cls, _ = d.r.reg.resolveClass(v, "formatter"); e.cls == nil {
			_, err := d.r.reg.resolveClass(v, "formatter")
			d.errs.add(e.classPath, err)
			e.failed = true
			return e
		}
	}
	style := any("%")
	if v, ok := d.value(m, "style", e.path+".style"); ok {
		style = v
	}
	format, _ := d.value(m, "format", e.path+".format")
	datefmt, _ := d.value(m, "datefmt", e.path+".datefmt")
	e.pos = []any{format, datefmt, style}
	e.posPath = []string{e.path + ".format", e.path + ".datefmt", e.path + ".style"}
	if vd, ok := m["validate"]; ok {
		v, _ := d.r.convert(vd, 0)
		e.pos = append(e.pos, v)
		e.posPath = append(e.posPath, e.path+".validate")
	}
	d.keyword(e, m, "defaults")
	return e
}

// keyword passes the value of key, when given, as the keyword argument of
// that name, and takes the "." attributes.
func (d *dictParser) keyword(e *entrySpec, m map[string]any, key string) {
	if e.kw == nil {
		e.kw = map[string]any{}
	}
	if v, ok := d.value(m, key, e.path+"."+key); ok {
		e.kw[key] = v
	}
	e.props = m["."]
}

// filter reads one filter: Python's configure_filter.
func (d *dictParser) filter(name string, raw any) *entrySpec {
	e, m, done := d.entry("filter", "filters", name, raw, func(v any) bool { _, err := asFilter(v); return err == nil })
	switch {
	case done:
	case m["()"] != nil:
		d.custom(e, m, "filter", nil)
	default:
		d.unknownKeys(m, e.path, filterKeys, nil)
		e.cls, _ = d.r.reg.lookupClass("logging.Filter")
		d.keyword(e, m, "name")
	}
	return e
}

// handler reads one handler: Python's configure_handler, short of the call.
func (d *dictParser) handler(name string, raw any) *entrySpec {
	e, m, done := d.entry("handler", "handlers", name, raw, func(v any) bool { _, ok := asSlogHandler(v); return ok })
	if done {
		if h, ok := asSlogHandler(e.object); ok {
			e.object = h
		}
		return e
	}
	special := []string{"class", "formatter", "level", "filters"}
	if _, custom := m["()"]; custom {
		d.custom(e, m, "handler", special[1:])
	} else if _, has := m["class"]; has {
		e.classPath = e.path + ".class"
		if e.cls = d.class(m, "class", e.classPath, "handler"); e.cls == nil {
			e.failed = true
		}
		e.kw = map[string]any{}
		for k, v := range m {
			if k != "." && !contains(special, k) {
				e.kw[k] = v
			}
		}
		e.props = m["."]
	} else {
		d.errs.addf(e.path, `no class: a handler needs "class" (or "()") naming its class%s`, classHint(m))
		e.failed = true
	}
	if f, ok := d.value(m, "formatter", e.path+".formatter"); ok && f != "" {
		switch f.(type) {
		case string, slogpy.RecordFormatter:
			e.formatter, e.formatterPath = f, e.path+".formatter"
		default:
			d.errs.addf(e.path+".formatter", "want a formatter name, got %s", describe(f))
			e.failed = true
		}
	}
	var good bool
	if e.level, good = d.level(m, e.path); !good {
		e.failed = true
	}
	if fl, ok := d.value(m, "filters", e.path+".filters"); ok {
		refs, good := d.refs(fl, e.path+".filters", "filter")
		e.filters, e.failed = refs, e.failed || !good
	}
	return e
}

// refs reads a list of names (or objects): a logger's or handler's
// handlers or filters. Elements are not converted, as CPython iterates
// the list.
func (d *dictParser) refs(v any, path, what string) ([]ref, bool) {
	list, ok := toList(v)
	if !ok {
		d.errs.addf(path, "want a list of %s names, got %s", what, describe(v))
		return nil, false
	}
	out := make([]ref, 0, len(list))
	for i, e := range list {
		out = append(out, ref{v: e, path: fmt.Sprintf("%s[%d]", path, i)})
	}
	return out, true
}

// level reads the level of a handler or logger: the one reader of
// dictConfig's levels. ok is false when the value is not a level.
func (d *dictParser) level(m map[string]any, path string) (l *levels.Level, ok bool) {
	lv, has := d.value(m, "level", path+".level")
	if !has {
		return nil, true
	}
	v, err := toLevel(lv)
	if err != nil {
		d.errs.add(path+".level", err)
		return nil, false
	}
	return &v, true
}

// levelAndPropagate reads a logger's level and (but for the root)
// propagate; it reports whether both were good.
func (d *dictParser) levelAndPropagate(m map[string]any, path string, root bool, ls *loggerSpec) bool {
	var ok bool
	ls.level, ok = d.level(m, path)
	if pv, has := d.value(m, "propagate", path+".propagate"); has && !root {
		b, err := toBool(pv)
		if w, warning, isWord := boolWord(pv); isWord {
			b, err = w, nil
			d.errs.warn(path+".propagate", warning)
		}
		if err != nil {
			d.errs.add(path+".propagate", err)
			ok = false
		} else {
			ls.propagate = &b
		}
	}
	return ok
}

// logger reads a logger's (or the root's) configuration. An empty root
// entry changes nothing, as in Python.
func (d *dictParser) logger(path string, raw any, root bool) *loggerSpec {
	m, _, ok := d.mapping(raw, path, "logger", nil)
	if !ok || root && len(m) == 0 {
		return nil
	}
	ls := &loggerSpec{path: path, setHandlers: true, setFilters: true}
	if root {
		d.unknownKeys(m, path, rootKeys, rootIgnored)
	} else {
		d.unknownKeys(m, path, loggerKeys, loggerIgnored)
	}
	good := d.levelAndPropagate(m, path, root, ls)
	if hv, has := d.value(m, "handlers", path+".handlers"); has {
		refs, ok := d.refs(hv, path+".handlers", "handler")
		ls.handlers, good = refs, good && ok
	}
	if fv, has := d.value(m, "filters", path+".filters"); has {
		refs, ok := d.refs(fv, path+".filters", "filter")
		ls.filters, good = refs, good && ok
	}
	if !good {
		return nil
	}
	return ls
}

// incremental reads an incremental configuration: handler levels, and
// logger levels and propagation, as Python's incremental dictConfig.
func (d *dictParser) incremental(cfg map[string]any) {
	hsec := d.section(cfg, "handlers")
	for _, name := range mapKeys(hsec) {
		path := "handlers." + name
		m, _, ok := d.mapping(hsec[name], path, "handler", nil)
		if !ok {
			continue
		}
		lv, err := d.r.convert(m["level"], 0)
		if err != nil {
			d.errs.add(path+".level", err)
			continue
		}
		hl := handlerLevelSpec{name: name, path: path, level: levels.NotSet}
		if truthy(lv) {
			if hl.level, err = toLevel(lv); err != nil {
				d.errs.add(path+".level", err)
				continue
			}
		} else {
			hl.path = "" // no level to set: only the name is checked
		}
		d.sp.handlerLevels = append(d.sp.handlerLevels, hl)
	}
	add := func(name, path string, raw any, root bool) {
		m, _, ok := d.mapping(raw, path, "logger", nil)
		if !ok || root && len(m) == 0 {
			return
		}
		ls := &loggerSpec{name: name, path: path, enable: !root}
		if d.levelAndPropagate(m, path, root, ls) {
			d.sp.loggers = append(d.sp.loggers, ls)
		}
	}
	lsec := d.section(cfg, "loggers")
	for _, name := range mapKeys(lsec) {
		add(name, "loggers."+name, lsec[name], false)
	}
	if raw, ok := cfg["root"]; ok && raw != nil {
		add("", "root", raw, true)
	}
}

// truthy is Python's truth test of a configuration value.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case string:
		return x != ""
	}
	if f, ok := toFloat(v); ok {
		return f != 0
	}
	if l, ok := toList(v); ok {
		return len(l) > 0
	}
	if m, ok := v.(map[string]any); ok {
		return len(m) > 0
	}
	return true
}

// classHint suggests the class a handler without one likely means, from
// the arguments it has: a stream is a StreamHandler's, a filename a
// FileHandler's (testdata/config case upstream_numomagic_no_class).
func classHint(m map[string]any) string {
	for _, h := range [...]struct{ key, class string }{{"stream", "logging.StreamHandler"}, {"filename", "logging.FileHandler"}} {
		if _, ok := m[h.key]; ok {
			return fmt.Sprintf(` (it has %q: "class": %q?)`, h.key, h.class)
		}
	}
	return ""
}
