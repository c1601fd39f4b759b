package config

import (
	"fmt"
	"log/slog"
	"strings"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var (
	formatterKeys = []string{"format", "datefmt", "style", "validate", "defaults", "class", "."}
	filterKeys    = []string{"name", "."}
	loggerKeys    = []string{"level", "propagate", "filters", "handlers"}
	rootKeys      = []string{"level", "filters", "handlers"}
)

// checkKeys reports keys a configuration entry does not know, where Python
// would ignore them silently.
func checkKeys(m map[string]any, allowed []string, path, what string, errs *errorList) {
	for _, k := range mapKeys(m) {
		if !contains(allowed, k) {
			errs.addf(path+"."+k, "unknown key %q in %s (known: %s)", k, what, strings.Join(allowed, ", "))
		}
	}
}

// dictFormatter builds one formatter: Python's configure_formatter.
func (c *buildCtx) dictFormatter(path string, raw any) (slogpy.RecordFormatter, []Service, error) {
	v, err := c.entry(raw, path)
	if err != nil {
		return nil, nil, err
	}
	if f, ok := v.(slogpy.RecordFormatter); ok {
		return f, nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("want a formatter configuration (a mapping), got %s", describe(v))
	}
	if spec, ok := m["()"]; ok {
		cl, err := c.resolveSpec(spec, path+".()", "formatter")
		if err != nil {
			return nil, nil, err
		}
		if _, has := m["format"]; has && cl.params != nil && !contains(cl.params, "format") && contains(cl.params, "fmt") {
			m = copyMap(m) // Python retries a factory taking fmt with format renamed
			m["fmt"] = m["format"]
			delete(m, "format")
		}
		obj, services, err := c.callWithProps(cl, path, m, nil)
		if err != nil {
			return nil, nil, err
		}
		f, err := asFormatter(obj)
		if err != nil {
			return nil, nil, &Error{Path: path + ".()", Err: err}
		}
		return f, services, nil
	}
	errs := &errorList{}
	checkKeys(m, formatterKeys, path, "a formatter", errs)
	if !errs.empty() {
		return nil, nil, errs.err()
	}
	cl, _ := c.reg.lookupClass("logging.Formatter")
	if name, ok := m["class"]; ok && name != nil && name != "" {
		if cl, err = c.resolveSpec(name, path+".class", "formatter"); err != nil {
			return nil, nil, err
		}
	}
	style := m["style"]
	if style == nil {
		style = "%"
	}
	positional := []any{m["format"], m["datefmt"], style}
	where := []string{path + ".format", path + ".datefmt", path + ".style"}
	if vd, ok := m["validate"]; ok {
		positional = append(positional, vd)
		where = append(where, path+".validate")
	}
	kw := map[string]any{}
	if d, ok := m["defaults"]; ok && d != nil {
		kw["defaults"] = d
	}
	a, err := newArgs(c, path, cl, positional, func(i int) string { return where[i] }, kw)
	if err != nil {
		return nil, nil, wrapPath(path, err)
	}
	obj, err := c.invoke(cl, a)
	if err != nil {
		return nil, nil, err
	}
	if props, ok := m["."]; ok && props != nil {
		if err := c.setAttrs(obj, props, path+`["."]`); err != nil {
			return nil, nil, err
		}
	}
	f, err := asFormatter(obj)
	if err != nil {
		return nil, nil, &Error{Path: path + ".class", Err: err}
	}
	return f, a.managed, nil
}

// dictFilter builds one filter: Python's configure_filter.
func (c *buildCtx) dictFilter(path string, raw any) (slogpy.Filter, []Service, error) {
	v, err := c.entry(raw, path)
	if err != nil {
		return nil, nil, err
	}
	if f, err := asFilter(v); err == nil {
		return f, nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, nil, fmt.Errorf("want a filter configuration (a mapping), got %s", describe(v))
	}
	var cl *class
	if spec, ok := m["()"]; ok {
		if cl, err = c.resolveSpec(spec, path+".()", "filter"); err != nil {
			return nil, nil, err
		}
	} else {
		errs := &errorList{}
		checkKeys(m, filterKeys, path, "a filter", errs)
		if !errs.empty() {
			return nil, nil, errs.err()
		}
		cl, _ = c.reg.lookupClass("logging.Filter")
	}
	obj, services, err := c.callWithProps(cl, path, m, nil)
	if err != nil {
		return nil, nil, err
	}
	f, err := asFilter(obj)
	if err != nil {
		return nil, nil, &Error{Path: path, Err: err}
	}
	return f, services, nil
}

// resolveSpec resolves a "class" or "()" value.
func (c *buildCtx) resolveSpec(spec any, path, kind string) (*class, error) {
	v, err := c.convert(spec, path, 0)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	cl, err := c.reg.resolveClass(v, kind)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	return cl, nil
}

// callWithProps is call followed by the "." attributes.
func (c *buildCtx) callWithProps(cl *class, path string, m map[string]any, skip map[string]bool) (any, []Service, error) {
	obj, services, err := c.call(cl, path, m, skip)
	if err != nil {
		return nil, nil, err
	}
	if props, ok := m["."]; ok && props != nil {
		if err := c.setAttrs(obj, props, path+`["."]`); err != nil {
			closeObject(obj)
			return nil, nil, err
		}
	}
	return obj, services, nil
}

func copyMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// handlerSpec is a handler's configuration, checked.
type handlerSpec struct {
	name      string
	path      string
	cls       *class
	cfg       map[string]any
	object    slog.Handler
	formatter slogpy.RecordFormatter
	level     *levels.Level
	filters   []slogpy.Filter
}

var handlerSpecial = map[string]bool{"class": true, "()": true, "formatter": true, "level": true, "filters": true}

// dictHandlerSpec checks a handler's configuration short of building it.
func (c *buildCtx) dictHandlerSpec(name string, raw any, formatters map[string]slogpy.RecordFormatter, filters map[string]slogpy.Filter, errs *errorList) *handlerSpec {
	path := "handlers." + name
	s := &handlerSpec{name: name, path: path}
	v, err := c.entry(raw, path)
	if err != nil {
		errs.add(path, err)
		return nil
	}
	if h, ok := v.(slog.Handler); ok {
		s.object = h
		return s
	}
	m, ok := v.(map[string]any)
	if !ok {
		errs.addf(path, "want a handler configuration (a mapping), got %s", describe(v))
		return nil
	}
	s.cfg = m
	ok = true
	spec, has := m["()"]
	if !has {
		spec, has = m["class"]
	}
	if !has {
		errs.addf(path, `no class: a handler needs "class" (or "()") naming its class`)
		ok = false
	} else {
		key := ".class"
		if _, custom := m["()"]; custom {
			key = ".()"
		}
		if s.cls, err = c.resolveSpec(spec, path+key, "handler"); err != nil {
			errs.add(path+key, err)
			ok = false
		}
	}
	if f, has := m["formatter"]; has && f != nil && f != "" {
		fv, err := c.convert(f, path+".formatter", 0)
		switch x := fv.(type) {
		case string:
			if s.formatter = formatters[x]; s.formatter == nil {
				errs.addf(path+".formatter", "unknown formatter %q (known: %s)", x, known(mapKeys(formatters)))
				ok = false
			}
		case slogpy.RecordFormatter:
			s.formatter = x
		default:
			if err == nil {
				err = fmt.Errorf("want a formatter name, got %s", describe(fv))
			}
			errs.add(path+".formatter", err)
			ok = false
		}
	}
	if lv, has := m["level"]; has && lv != nil {
		v, err := c.convert(lv, path+".level", 0)
		var l levels.Level
		if err == nil {
			l, err = toLevel(v)
		}
		if err != nil {
			errs.add(path+".level", err)
			ok = false
		} else {
			s.level = &l
		}
	}
	if fl, has := m["filters"]; has && fl != nil {
		fs, good := c.filterRefs(fl, path+".filters", filters, errs)
		s.filters, ok = fs, ok && good
	}
	if !ok {
		return nil
	}
	return s
}

// filterRefs resolves a list of filter names (or filter objects).
func (c *buildCtx) filterRefs(raw any, path string, filters map[string]slogpy.Filter, errs *errorList) ([]slogpy.Filter, bool) {
	v, err := c.convert(raw, path, 0)
	if err != nil {
		errs.add(path, err)
		return nil, false
	}
	list, ok := toList(v)
	if !ok {
		errs.addf(path, "want a list of filter names, got %s", describe(v))
		return nil, false
	}
	var out []slogpy.Filter
	good := true
	for i, e := range list {
		at := fmt.Sprintf("%s[%d]", path, i)
		if name, ok := e.(string); ok {
			f, ok := filters[name]
			if !ok {
				errs.addf(at, "unknown filter %q (known: %s)", name, known(mapKeys(filters)))
				good = false
				continue
			}
			out = append(out, f)
			continue
		}
		f, err := asFilter(e)
		if err != nil {
			errs.addf(at, "want a filter name, got %s", describe(e))
			good = false
			continue
		}
		out = append(out, f)
	}
	return out, good
}

// buildHandler makes a handler from its checked configuration: Python's
// configure_handler.
func (c *buildCtx) buildHandler(s *handlerSpec) (madeHandler, []Service, error) {
	if s.object != nil {
		if sh, ok := s.object.(slogpy.Handler); ok && sh.Name() == "" {
			sh.SetName(s.name)
		}
		return madeHandler{name: s.name, class: fmt.Sprintf("%T", s.object), h: s.object}, nil, nil
	}
	obj, services, err := c.call(s.cls, s.path, s.cfg, handlerSpecial)
	if err != nil {
		return madeHandler{}, nil, err
	}
	h, err := asHandler(obj)
	if err != nil {
		closeObject(obj)
		return madeHandler{}, nil, &Error{Path: s.path, Err: fmt.Errorf("%s: %w", s.cls.name, err)}
	}
	sh, suite := h.(slogpy.Handler)
	if !suite && (s.formatter != nil || s.level != nil || len(s.filters) > 0) {
		closeObject(obj)
		return madeHandler{}, nil, &Error{Path: s.path, Err: fmt.Errorf("%s made a %T, a slog.Handler that is not a slogpy.Handler: it takes no level, formatter or filters", s.cls.name, h)}
	}
	if suite {
		if s.formatter != nil {
			sh.SetFormatter(s.formatter)
		}
		if s.level != nil {
			sh.SetLevel(*s.level)
		}
		for _, f := range s.filters {
			sh.AddFilter(f)
		}
	}
	if props, ok := s.cfg["."]; ok && props != nil {
		if err := c.setAttrs(obj, props, s.path+`["."]`); err != nil {
			closeObject(obj)
			return madeHandler{}, nil, err
		}
	}
	if suite {
		sh.SetName(s.name)
	}
	return madeHandler{name: s.name, class: s.cls.name, h: h, owned: true}, services, nil
}

// levelAndPropagate reads a logger's level and (but for the root)
// propagate into lp, reporting bad values to errs; it reports whether both
// were good.
func (c *buildCtx) levelAndPropagate(m map[string]any, path string, root bool, lp *loggerPlan, errs *errorList) bool {
	ok := true
	if lv, has := m["level"]; has && lv != nil {
		v, err := c.convert(lv, path+".level", 0)
		var l levels.Level
		if err == nil {
			l, err = toLevel(v)
		}
		if err != nil {
			errs.add(path+".level", err)
			ok = false
		} else {
			lp.level = &l
		}
	}
	if pv, has := m["propagate"]; has && pv != nil && !root {
		v, err := c.convert(pv, path+".propagate", 0)
		var b bool
		if err == nil {
			b, err = toBool(v)
		}
		if err != nil {
			errs.add(path+".propagate", err)
			ok = false
		} else {
			lp.propagate = &b
		}
	}
	return ok
}

// dictLogger checks a logger's (or the root's) configuration.
func (c *buildCtx) dictLogger(path string, raw any, filters map[string]slogpy.Filter, errs *errorList, root bool) *loggerPlan {
	v, err := c.entry(raw, path)
	if err != nil {
		errs.add(path, err)
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		errs.addf(path, "want a logger configuration (a mapping), got %s", describe(v))
		return nil
	}
	lp := &loggerPlan{path: path, setHandlers: true, setFilters: true, empty: len(m) == 0}
	allowed := loggerKeys
	if root {
		allowed = rootKeys
	}
	n := len(errs.errs)
	checkKeys(m, allowed, path, map[bool]string{false: "a logger", true: "the root logger"}[root], errs)
	c.levelAndPropagate(m, path, root, lp, errs)
	if hv, has := m["handlers"]; has && hv != nil {
		v, err := c.convert(hv, path+".handlers", 0)
		list, ok := toList(v)
		switch {
		case err != nil:
			errs.add(path+".handlers", err)
		case !ok:
			errs.addf(path+".handlers", "want a list of handler names, got %s", describe(v))
		default:
			for i, e := range list {
				at := fmt.Sprintf("%s.handlers[%d]", path, i)
				switch x := e.(type) {
				case string:
					if !c.declared[x] {
						errs.addf(at, "unknown handler %q (known: %s)", x, known(mapKeys(c.declared)))
						continue
					}
				case slog.Handler:
				default:
					errs.addf(at, "want a handler name, got %s", describe(e))
					continue
				}
				lp.refs = append(lp.refs, e)
			}
		}
	}
	if fv, has := m["filters"]; has && fv != nil {
		lp.filters, _ = c.filterRefs(fv, path+".filters", filters, errs)
	}
	if len(errs.errs) > n {
		return nil
	}
	return lp
}

// planIncremental checks an incremental configuration: handler levels,
// and logger levels and propagation, as Python's incremental dictConfig.
func (o resolved) planIncremental(ctx *buildCtx, cfg map[string]any, st *managerState, errs *errorList) *plan {
	p := &plan{incremental: true}
	hsec := ctx.section(cfg, "handlers", errs)
	for _, name := range mapKeys(hsec) {
		path := "handlers." + name
		h, ok := st.namedHandler(o.m, name)
		if !ok {
			errs.addf(path, "no handler named %q to change (an incremental configuration changes existing handlers; known: %s)", name, known(st.knownHandlerNames(o.m)))
			continue
		}
		v, err := ctx.entry(hsec[name], path)
		if err != nil {
			errs.add(path, err)
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			errs.addf(path, "want a handler configuration (a mapping), got %s", describe(v))
			continue
		}
		lv, err := ctx.convert(m["level"], path+".level", 0)
		if err != nil {
			errs.add(path+".level", err)
			continue
		}
		if truthy(lv) {
			l, err := toLevel(lv)
			if err != nil {
				errs.add(path+".level", err)
				continue
			}
			p.handlerLevels = append(p.handlerLevels, handlerLevel{h: h, level: l})
		}
	}
	add := func(name, path string, raw any, root bool) {
		v, err := ctx.entry(raw, path)
		if err != nil {
			errs.add(path, err)
			return
		}
		m, ok := v.(map[string]any)
		if !ok {
			errs.addf(path, "want a logger configuration (a mapping), got %s", describe(v))
			return
		}
		if root && len(m) == 0 {
			return
		}
		lp := loggerPlan{name: name, enable: !root}
		if !ctx.levelAndPropagate(m, path, root, &lp, errs) {
			return
		}
		p.loggers = append(p.loggers, lp)
	}
	lsec := ctx.section(cfg, "loggers", errs)
	for _, name := range mapKeys(lsec) {
		add(name, "loggers."+name, lsec[name], false)
	}
	if raw, ok := cfg["root"]; ok && raw != nil {
		add("", "root", raw, true)
	}
	return p
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
