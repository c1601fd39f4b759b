package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// list splits a comma-separated list as fileConfig does.
func list(s string) []string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// iniPlanner checks and builds a fileConfig file.
type iniPlanner struct {
	cp   *iniFile
	ctx  *buildCtx
	errs *errorList
}

func (ip *iniPlanner) section(name, why string) *iniSection {
	s, ok := ip.cp.sections[name]
	if !ok {
		msg := "section is missing"
		if why != "" {
			msg += " (" + why + ")"
		}
		ip.errs.addf("["+name+"]", "%s", msg)
		return nil
	}
	return s
}

// value returns an interpolated option; required options that are
// missing are errors.
func (ip *iniPlanner) value(sec *iniSection, key string, required bool) (string, bool) {
	v, ok, err := ip.cp.get(sec, key)
	if err != nil {
		ip.errs.add(fmt.Sprintf("[%s] %s", sec.name, key), errors.New(strings.TrimPrefix(err.Error(), fmt.Sprintf("[%s] %s: ", sec.name, key))))
		return "", false
	}
	if !ok && required {
		ip.errs.addf(fmt.Sprintf("[%s] %s", sec.name, key), "missing")
	}
	return v, ok
}

// keys reads the keys= list of [formatters], [handlers] or [loggers].
func (ip *iniPlanner) keys(name string) ([]string, bool) {
	sec := ip.section(name, "")
	if sec == nil {
		return nil, false
	}
	v, ok := ip.value(sec, "keys", true)
	if !ok {
		return nil, false
	}
	if v == "" {
		return nil, true
	}
	return list(v), true
}

// literal parses a Python literal option.
func (ip *iniPlanner) literal(sec *iniSection, key, text string) (any, bool) {
	v, err := parseLiteral(text, ip.resolveName, ip.literalNames)
	if err != nil {
		ip.errs.addf(fmt.Sprintf("[%s] %s", sec.name, key), "%v (in %s)", err, shorten(text))
		return nil, false
	}
	return v, true
}

func shorten(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return strconv.Quote(s)
}

// resolveName resolves a name of fileConfig's literals in the namespace
// of Python's logging module.
func (ip *iniPlanner) resolveName(name string) (any, bool) {
	switch name {
	case "sys.stdout":
		return ip.ctx.stdout, true
	case "sys.stderr":
		return ip.ctx.stderr, true
	}
	return ip.ctx.reg.lookupValue("logging." + name)
}

func (ip *iniPlanner) literalNames() []string {
	names := []string{"sys.stdout", "sys.stderr"}
	for _, n := range ip.ctx.reg.valueNames() {
		if rest, ok := strings.CutPrefix(n, "logging."); ok {
			names = append(names, rest)
		}
	}
	return names
}

// iniClass resolves fileConfig's class=: a name in the logging module's
// namespace (StreamHandler, handlers.RotatingFileHandler) or a full
// dotted name.
func (ip *iniPlanner) iniClass(sec *iniSection, name, kind string) *class {
	path := fmt.Sprintf("[%s] class", sec.name)
	name = strings.TrimSpace(name)
	if !dottedName.MatchString(name) {
		ip.errs.addf(path, "want a class name (such as StreamHandler or handlers.RotatingFileHandler), got %s: fileConfig does not evaluate code", shorten(name))
		return nil
	}
	if c, ok := ip.ctx.reg.lookupClass("logging." + name); ok {
		return c
	}
	c, err := ip.ctx.reg.resolveClass(name, kind)
	if err != nil {
		ip.errs.add(path, err)
		return nil
	}
	return c
}

// planINI checks and builds a fileConfig file: Python's
// _create_formatters, _install_handlers and _install_loggers.
func (o resolved) planINI(cp *iniFile, source string, disableExisting bool) (*plan, error) {
	errs := &errorList{source: source}
	ip := &iniPlanner{cp: cp, ctx: o.newCtx(source, nil, false), errs: errs}
	p := &plan{disableExisting: disableExisting}

	formatters := map[string]slogpy.RecordFormatter{}
	fnames, _ := ip.keys("formatters")
	for _, name := range fnames {
		if f := ip.formatter(name); f != nil {
			formatters[name] = f
		}
	}
	hnames, _ := ip.keys("handlers")
	type handlerEntry struct {
		name string
		path string
		cls  *class
		pos  []any
		kw   map[string]any
		fmt  slogpy.RecordFormatter
		lvl  *levels.Level
	}
	var entries []*handlerEntry
	for _, name := range hnames {
		ip.ctx.declared[name] = true
	}
	for _, name := range hnames {
		sec := ip.section("handler_"+name, "named in [handlers] keys")
		if sec == nil {
			continue
		}
		n := len(errs.errs)
		checkINIKeys(sec, []string{"class", "level", "formatter", "args", "kwargs", "target"}, errs)
		e := &handlerEntry{name: name, path: "[" + sec.name + "]", kw: map[string]any{}}
		if cname, ok := ip.value(sec, "class", true); ok {
			e.cls = ip.iniClass(sec, cname, "handler")
		}
		if fname, ok := ip.value(sec, "formatter", false); ok && fname != "" {
			if e.fmt = formatters[fname]; e.fmt == nil {
				errs.addf(fmt.Sprintf("[%s] formatter", sec.name), "unknown formatter %q (known: %s)", fname, known(fnames))
			}
		}
		if lv, ok := ip.value(sec, "level", false); ok {
			l, err := levelByName(lv)
			if err != nil {
				errs.add(fmt.Sprintf("[%s] level", sec.name), err)
			}
			e.lvl = &l
		}
		argsText := "()"
		if v, ok := ip.value(sec, "args", false); ok {
			argsText = v
		}
		if v, ok := ip.literal(sec, "args", argsText); ok {
			list, isList := v.([]any)
			if !isList {
				hint := ""
				if _, isStr := v.(string); isStr {
					hint = fmt.Sprintf(" (a tuple of one needs a trailing comma: (%s,))", strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(argsText), "("), ")"))
				}
				errs.addf(fmt.Sprintf("[%s] args", sec.name), "want a tuple of arguments, got %s%s", describe(v), hint)
			}
			e.pos = list
		}
		if v, ok := ip.value(sec, "kwargs", false); ok {
			if kv, ok := ip.literal(sec, "kwargs", v); ok {
				m, isMap := kv.(map[string]any)
				if !isMap {
					errs.addf(fmt.Sprintf("[%s] kwargs", sec.name), "want a dict of keyword arguments, got %s", describe(kv))
				}
				for k, x := range m {
					e.kw[k] = x
				}
			}
		}
		if e.cls != nil && contains(e.cls.params, "target") {
			if t, ok := ip.value(sec, "target", false); ok && t != "" {
				if !ip.ctx.declared[t] {
					errs.addf(fmt.Sprintf("[%s] target", sec.name), "unknown handler %q (known: %s)", t, known(hnames))
				} else if _, dup := e.kw["target"]; dup {
					errs.addf(fmt.Sprintf("[%s] target", sec.name), "target given both here and in kwargs")
				} else {
					e.kw["target"] = t
				}
			}
		}
		if len(errs.errs) == n {
			entries = append(entries, e)
		}
	}

	root := &loggerPlan{name: "", setHandlers: true}
	var loggers []loggerPlan
	lnames, ok := ip.keys("loggers")
	if ok {
		rootAt := -1
		for i, n := range lnames {
			if n == "root" {
				rootAt = i
				break
			}
		}
		if rootAt < 0 {
			errs.addf("[loggers] keys", "must include root (got %s)", strings.Join(lnames, ","))
		} else {
			lnames = append(lnames[:rootAt:rootAt], lnames[rootAt+1:]...)
			if sec := ip.section("logger_root", "every configuration has [logger_root]"); sec != nil {
				checkINIKeys(sec, []string{"level", "handlers", "qualname", "propagate"}, errs)
				ip.loggerCommon(sec, root, hnames)
			}
		}
		for _, name := range lnames {
			sec := ip.section("logger_"+name, "named in [loggers] keys")
			if sec == nil {
				continue
			}
			checkINIKeys(sec, []string{"level", "handlers", "qualname", "propagate"}, errs)
			lp := loggerPlan{setHandlers: true, named: true, enable: true}
			if qn, ok := ip.value(sec, "qualname", true); ok {
				lp.name = qn
			}
			prop := true
			if pv, ok := ip.value(sec, "propagate", false); ok {
				n, err := pyInt(pv)
				if err != nil {
					errs.addf(fmt.Sprintf("[%s] propagate", sec.name), "want an integer (0 or 1), got %q", pv)
				}
				prop = n != 0
			}
			lp.propagate = &prop
			ip.loggerCommon(sec, &lp, hnames)
			loggers = append(loggers, lp)
		}
	}
	ip.ctx.checking = true
	for _, e := range entries {
		a, err := newArgs(ip.ctx, e.path, e.cls, e.pos, func(i int) string { return fmt.Sprintf("%s args[%d] (%s)", e.path, i, e.cls.params[i]) }, e.kw)
		if err == nil {
			_, err = ip.ctx.invoke(e.cls, a)
		}
		if err != nil && !errors.Is(err, errChecked) {
			errs.add(e.path, err)
		}
	}
	ip.ctx.checking = false
	if !errs.empty() {
		return nil, errs.err()
	}

	// Build the handlers in keys order; a MemoryHandler whose target
	// comes later waits for it.
	pending := entries
	for len(pending) > 0 {
		var next []*handlerEntry
		for _, e := range pending {
			mh, services, err := ip.buildINIHandler(e.name, e.path, e.cls, e.pos, e.kw, e.fmt, e.lvl)
			if errors.Is(err, errNotBuilt) {
				next = append(next, e)
				continue
			}
			if err != nil {
				errs.add(e.path, err)
				p.discard()
				return nil, errs.err()
			}
			ip.ctx.built[e.name] = mh.h
			p.made = append(p.made, mh)
			p.services = append(p.services, services...)
		}
		if len(next) == len(pending) {
			for _, e := range next {
				errs.addf(e.path, "circular target references among handlers: each waits for another")
			}
			p.discard()
			return nil, errs.err()
		}
		pending = next
	}
	resolve := func(lp *loggerPlan) {
		for _, ref := range lp.refs {
			lp.handlers = append(lp.handlers, ip.ctx.built[ref.(string)])
		}
	}
	resolve(root)
	p.loggers = append(p.loggers, *root)
	for i := range loggers {
		resolve(&loggers[i])
		p.loggers = append(p.loggers, loggers[i])
	}
	return p, nil
}

// checkINIKeys reports keys of a section that fileConfig does not read.
func checkINIKeys(sec *iniSection, allowed []string, errs *errorList) {
	for _, k := range mapKeys(sec.values) {
		if !contains(allowed, k) {
			errs.addf(fmt.Sprintf("[%s] %s", sec.name, k), "unknown key (known: %s)", strings.Join(allowed, ", "))
		}
	}
}

// pyInt parses an integer as Python's int() of a string.
func pyInt(s string) (int, error) {
	t := strings.TrimSpace(s)
	if strings.Contains(t, "_") {
		if strings.HasPrefix(t, "_") || strings.HasSuffix(t, "_") || strings.Contains(t, "__") {
			return 0, strconv.ErrSyntax
		}
		t = strings.ReplaceAll(t, "_", "")
	}
	return strconv.Atoi(t)
}

// loggerCommon reads level and handlers of a logger section.
func (ip *iniPlanner) loggerCommon(sec *iniSection, lp *loggerPlan, hnames []string) {
	if lv, ok := ip.value(sec, "level", false); ok {
		l, err := levelByName(lv)
		if err != nil {
			ip.errs.add(fmt.Sprintf("[%s] level", sec.name), err)
		}
		lp.level = &l
	}
	hl, ok := ip.value(sec, "handlers", true)
	if !ok || hl == "" {
		return
	}
	for i, h := range list(hl) {
		if !ip.ctx.declared[h] {
			ip.errs.addf(fmt.Sprintf("[%s] handlers[%d]", sec.name, i), "unknown handler %q (known: %s)", h, known(hnames))
			continue
		}
		lp.refs = append(lp.refs, h)
	}
}

// formatter builds one formatter section.
func (ip *iniPlanner) formatter(name string) slogpy.RecordFormatter {
	sec := ip.section("formatter_"+name, "named in [formatters] keys")
	if sec == nil {
		return nil
	}
	n := len(ip.errs.errs)
	checkINIKeys(sec, []string{"format", "datefmt", "style", "defaults", "class"}, ip.errs)
	cl, _ := ip.ctx.reg.lookupClass("logging.Formatter")
	if cname, ok := ip.value(sec, "class", false); ok && cname != "" {
		path := fmt.Sprintf("[%s] class", sec.name)
		if !dottedName.MatchString(cname) {
			ip.errs.addf(path, "want a class name, got %s", shorten(cname))
		} else if c, err := ip.ctx.reg.resolveClass(cname, "formatter"); err != nil {
			ip.errs.add(path, err)
		} else {
			cl = c
		}
	}
	var positional []any
	for _, k := range []string{"format", "datefmt"} {
		if v, ok := ip.cp.raw(sec, k); ok {
			positional = append(positional, v)
		} else {
			positional = append(positional, nil)
		}
	}
	style := "%"
	if v, ok := ip.cp.raw(sec, "style"); ok {
		style = v
	}
	positional = append(positional, style)
	kw := map[string]any{}
	if d, ok := ip.cp.raw(sec, "defaults"); ok {
		if v, ok := ip.literal(sec, "defaults", d); ok {
			kw["defaults"] = v
		}
	}
	if len(ip.errs.errs) > n {
		return nil
	}
	where := []string{"format", "datefmt", "style"}
	a, err := newArgs(ip.ctx, "["+sec.name+"]", cl, positional, func(i int) string { return fmt.Sprintf("[%s] %s", sec.name, where[i]) }, kw)
	if err != nil {
		ip.errs.add("["+sec.name+"]", err)
		return nil
	}
	obj, err := ip.ctx.invoke(cl, a)
	if err != nil {
		ip.errs.add("["+sec.name+"]", err)
		return nil
	}
	f, err := asFormatter(obj)
	if err != nil {
		ip.errs.add(fmt.Sprintf("[%s] class", sec.name), err)
		return nil
	}
	return f
}

// buildINIHandler makes one handler section: Python's klass(*args,
// **kwargs), then its name, level and formatter.
func (ip *iniPlanner) buildINIHandler(name, path string, cl *class, pos []any, kw map[string]any, f slogpy.RecordFormatter, lvl *levels.Level) (madeHandler, []Service, error) {
	a, err := newArgs(ip.ctx, path, cl, pos, func(i int) string { return fmt.Sprintf("%s args[%d] (%s)", path, i, cl.params[i]) }, kw)
	if err != nil {
		return madeHandler{}, nil, wrapPath(path, err)
	}
	obj, err := ip.ctx.invoke(cl, a)
	if err != nil {
		return madeHandler{}, nil, err
	}
	h, err := asHandler(obj)
	if err != nil {
		closeObject(obj)
		return madeHandler{}, nil, &Error{Path: path + " class", Err: fmt.Errorf("%s: %w", cl.name, err)}
	}
	sh, suite := h.(slogpy.Handler)
	if !suite {
		if f != nil || lvl != nil {
			closeObject(obj)
			return madeHandler{}, nil, &Error{Path: path, Err: fmt.Errorf("%s made a %T, a slog.Handler that is not a slogpy.Handler: it takes no level or formatter", cl.name, h)}
		}
		return madeHandler{name: name, class: cl.name, h: h, owned: true}, a.managed, nil
	}
	sh.SetName(name)
	if lvl != nil {
		sh.SetLevel(*lvl)
	}
	if f != nil {
		sh.SetFormatter(f)
	}
	return madeHandler{name: name, class: cl.name, h: slog.Handler(sh), owned: true}, a.managed, nil
}
