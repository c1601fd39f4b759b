package config

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/slogpy/slogpy/config/internal/pyliteral"
)

// list splits a comma-separated list as fileConfig does.
func list(s string) []string {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// iniParser reads a fileConfig file into a spec.
type iniParser struct {
	cp   *iniFile
	r    *resolver
	errs *errorList
	sp   *spec
}

// The keys fileConfig reads in each kind of section, and the keys CPython
// 3.11 ignores that files carry on purpose (accepted silently): validate
// is in the Python documentation's own example; a root logger's qualname
// and propagate are often copied from the other loggers; channel and
// parent are in older files' logger sections (fileConfig has never read
// them; testdata/config upstream_evasion_director_cfg).
var (
	iniHandlerKeys      = []string{"class", "level", "formatter", "args", "kwargs", "target", maxLineAttr, bufferSizeAttr, flushIntervalAttr, flushLevelAttr}
	iniFormatterKeys    = []string{"format", "datefmt", "style", "defaults", "class"}
	iniFormatterIgnored = []string{"validate"}
	iniLoggerKeys       = []string{"level", "handlers", "qualname", "propagate"}
	iniLoggerIgnored    = []string{"channel", "parent"}
	iniRootKeys         = []string{"level", "handlers"}
	iniRootIgnored      = []string{"qualname", "propagate", "channel", "parent"}
)

func (ip *iniParser) section(name, why string) *iniSection {
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
func (ip *iniParser) value(sec *iniSection, key string, required bool) (string, bool) {
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
func (ip *iniParser) keys(name string) ([]string, bool) {
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
func (ip *iniParser) literal(sec *iniSection, key, text string) (any, bool) {
	v, err := pyliteral.Parse(text, ip.resolveName, ip.knownName)
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
func (ip *iniParser) resolveName(name string) (any, bool) {
	switch name {
	case "sys.stdout":
		return ip.r.stdout, true
	case "sys.stderr":
		return ip.r.stderr, true
	}
	if v, ok := ip.r.reg.lookupValue("logging." + name); ok {
		return v, true
	}
	if strings.HasPrefix(name, "socket.") {
		// CPython raises NameError (the logging namespace has no socket);
		// the file means the socket type.
		return ip.r.reg.lookupValue(name)
	}
	return nil, false
}

// knownName lists the names of literalNames for an error about name,
// nearest first.
func (ip *iniParser) knownName(name string) string { return known(name, ip.literalNames()) }

func (ip *iniParser) literalNames() []string {
	names := []string{"sys.stdout", "sys.stderr"}
	for _, n := range ip.r.reg.valueNames() {
		if rest, ok := strings.CutPrefix(n, "logging."); ok {
			names = append(names, rest)
		}
	}
	return names
}

// class resolves fileConfig's class=: for a handler, a name in the
// logging module's namespace (StreamHandler, handlers.RotatingFileHandler)
// or a full dotted name; for a formatter, a full dotted name.
func (ip *iniParser) class(sec *iniSection, name, kind string) *class {
	path := fmt.Sprintf("[%s] class", sec.name)
	name = strings.TrimSpace(name)
	if !dottedName.MatchString(name) {
		ip.errs.addf(path, "want a class name (such as StreamHandler or handlers.RotatingFileHandler), got %s: fileConfig does not evaluate code", shorten(name))
		return nil
	}
	if kind == "handler" {
		if c, ok := ip.r.reg.lookupClass("logging." + name); ok {
			return c
		}
	}
	c, err := ip.r.reg.resolveClass(name, kind)
	if err != nil {
		ip.errs.add(path, err)
		return nil
	}
	return c
}

// unknownKeys warns about the keys of a section fileConfig does not read.
func (ip *iniParser) unknownKeys(sec *iniSection, read, ignored []string) {
	for _, k := range mapKeys(sec.values) {
		if !contains(read, k) && !contains(ignored, k) {
			ip.errs.warnKey(fmt.Sprintf("[%s] %s", sec.name, k), k, slices.Concat(read, ignored))
		}
	}
}

// parseINI reads a fileConfig file into a spec: Python's
// _create_formatters, _install_handlers and _install_loggers, short of
// calling anything.
func (o resolved) parseINI(cp *iniFile, source string, disableExisting bool, errs *errorList) (*spec, *resolver) {
	ip := &iniParser{cp: cp, r: o.newResolver(nil, false), errs: errs, sp: &spec{source: source, disableExisting: disableExisting}}
	if sec, ok := cp.sections[aliasKey]; ok {
		// INI keys are case-insensitive, class names are not: the aliases
		// are the lines of one value, "alias = target" each.
		m := map[string]any{}
		for _, line := range strings.Split(sec.values["classes"], "\n") {
			if alias, target, ok := strings.Cut(line, "="); ok {
				m[strings.TrimSpace(alias)] = strings.TrimSpace(target)
			} else if strings.TrimSpace(line) != "" {
				errs.addf("["+aliasKey+"] classes", "want lines of the form alias = target, got %s", shorten(line))
			}
		}
		ip.r.reg = ip.r.reg.withAliases(m, "["+aliasKey+"] classes", errs)
	}
	fnames, _ := ip.keys("formatters")
	for _, name := range fnames {
		ip.sp.formatters = append(ip.sp.formatters, ip.formatter(name))
	}
	hnames, _ := ip.keys("handlers")
	for _, name := range hnames {
		ip.r.declared[name] = true
	}
	for _, name := range hnames {
		if e := ip.handler(name); e != nil {
			ip.sp.handlers = append(ip.sp.handlers, e)
		}
	}
	lnames, ok := ip.keys("loggers")
	if !ok {
		return ip.sp, ip.r
	}
	rootAt := slices.Index(lnames, "root")
	if rootAt < 0 {
		errs.addf("[loggers] keys", "must include root (got %s)", strings.Join(lnames, ","))
		return ip.sp, ip.r
	}
	lnames = append(lnames[:rootAt:rootAt], lnames[rootAt+1:]...)
	if sec := ip.section("logger_root", "every configuration has [logger_root]"); sec != nil {
		ip.unknownKeys(sec, iniRootKeys, iniRootIgnored)
		root := &loggerSpec{name: "", path: "[logger_root]", setHandlers: true}
		ip.loggerCommon(sec, root)
		ip.sp.loggers = append(ip.sp.loggers, root)
	}
	for _, name := range lnames {
		sec := ip.section("logger_"+name, "named in [loggers] keys")
		if sec == nil {
			continue
		}
		ip.unknownKeys(sec, iniLoggerKeys, iniLoggerIgnored)
		ls := &loggerSpec{path: "[" + sec.name + "]", setHandlers: true, named: true, enable: true}
		if qn, ok := ip.value(sec, "qualname", true); ok {
			ls.name = qn
		}
		prop := true
		if pv, ok := ip.value(sec, "propagate", false); ok {
			n, err := pyInt(pv)
			if err != nil {
				errs.addf(fmt.Sprintf("[%s] propagate", sec.name), "want an integer (0 or 1), got %q", pv)
			}
			prop = n != 0
		}
		ls.propagate = &prop
		ip.loggerCommon(sec, ls)
		ip.sp.loggers = append(ip.sp.loggers, ls)
	}
	return ip.sp, ip.r
}

// handler reads one [handler_x] section.
func (ip *iniParser) handler(name string) *entrySpec {
	sec := ip.section("handler_"+name, "named in [handlers] keys")
	if sec == nil {
		return &entrySpec{kind: "handler", name: name, path: "[handler_" + name + "]", failed: true}
	}
	n := len(ip.errs.errs)
	ip.unknownKeys(sec, iniHandlerKeys, nil)
	e := &entrySpec{kind: "handler", name: name, path: "[" + sec.name + "]", classPath: "[" + sec.name + "] class", kw: map[string]any{}}
	if cname, ok := ip.value(sec, "class", true); ok {
		e.cls = ip.class(sec, cname, "handler")
	}
	if fname, ok := ip.value(sec, "formatter", false); ok && fname != "" {
		e.formatter, e.formatterPath = fname, fmt.Sprintf("[%s] formatter", sec.name)
	}
	if lv, ok := ip.value(sec, "level", false); ok {
		l, err := levelByName(lv)
		if err != nil {
			ip.errs.add(fmt.Sprintf("[%s] level", sec.name), err)
		}
		e.level = &l
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
			ip.errs.addf(fmt.Sprintf("[%s] args", sec.name), "want a tuple of arguments, got %s%s", describe(v), hint)
		}
		e.pos = list
		for i := range list {
			p := "?"
			if e.cls != nil && i < len(e.cls.params) {
				p = e.cls.params[i]
			}
			e.posPath = append(e.posPath, fmt.Sprintf("%s args[%d] (%s)", e.path, i, p))
		}
	}
	if v, ok := ip.value(sec, "kwargs", false); ok {
		if kv, ok := ip.literal(sec, "kwargs", v); ok {
			m, isMap := kv.(map[string]any)
			if !isMap {
				ip.errs.addf(fmt.Sprintf("[%s] kwargs", sec.name), "want a dict of keyword arguments, got %s", describe(kv))
			}
			for k, x := range m {
				e.kw[k] = x
			}
		}
	}
	if e.cls != nil && contains(e.cls.params, "target") {
		if t, ok := ip.value(sec, "target", false); ok && t != "" {
			if _, dup := e.kw["target"]; dup {
				ip.errs.addf(fmt.Sprintf("[%s] target", sec.name), "target given both here and in kwargs")
			} else {
				e.kw["target"] = t
				e.kwPath = map[string]string{"target": fmt.Sprintf("[%s] target", sec.name)}
			}
		}
	}
	if v, ok := ip.value(sec, maxLineAttr, false); ok {
		ml, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			ip.errs.addf(fmt.Sprintf("[%s] %s", sec.name, maxLineAttr), "want the longest line in bytes (an integer; 0: the default, 1 MiB; negative: no limit), got %q", v)
		}
		e.props = map[string]any{maxLineAttr: int64(ml)}
	}
	for _, key := range bufferAttrs {
		if v, ok := ip.value(sec, key, false); ok {
			if e.props == nil {
				e.props = map[string]any{}
			}
			e.props.(map[string]any)[key] = v // read by Args.takeBuffer
			e.iniProps = true
		}
	}
	e.failed = len(ip.errs.errs) > n || e.cls == nil
	return e
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
func (ip *iniParser) loggerCommon(sec *iniSection, ls *loggerSpec) {
	if lv, ok := ip.value(sec, "level", false); ok {
		l, err := levelByName(lv)
		if err != nil {
			ip.errs.add(fmt.Sprintf("[%s] level", sec.name), err)
		}
		ls.level = &l
	}
	hl, ok := ip.value(sec, "handlers", true)
	if !ok || hl == "" {
		return
	}
	for i, h := range list(hl) {
		ls.handlers = append(ls.handlers, ref{v: h, path: fmt.Sprintf("[%s] handlers[%d]", sec.name, i)})
	}
}

// formatter reads one [formatter_x] section.
func (ip *iniParser) formatter(name string) *entrySpec {
	e := &entrySpec{kind: "formatter", name: name, path: "[formatter_" + name + "]", classPath: "[formatter_" + name + "] class", kw: map[string]any{}}
	sec := ip.section("formatter_"+name, "named in [formatters] keys")
	if sec == nil {
		e.failed = true
		return e
	}
	n := len(ip.errs.errs)
	ip.unknownKeys(sec, iniFormatterKeys, iniFormatterIgnored)
	e.cls, _ = ip.r.reg.lookupClass("logging.Formatter")
	if cname, ok := ip.value(sec, "class", false); ok && cname != "" {
		e.cls = ip.class(sec, cname, "formatter")
	}
	for _, k := range []string{"format", "datefmt"} {
		v, ok := ip.cp.raw(sec, k)
		if ok {
			e.pos = append(e.pos, v)
		} else {
			e.pos = append(e.pos, nil)
		}
		e.posPath = append(e.posPath, fmt.Sprintf("[%s] %s", sec.name, k))
	}
	style := "%"
	if v, ok := ip.cp.raw(sec, "style"); ok {
		style = v
	}
	e.pos = append(e.pos, style)
	e.posPath = append(e.posPath, fmt.Sprintf("[%s] style", sec.name))
	if d, ok := ip.cp.raw(sec, "defaults"); ok {
		if v, ok := ip.literal(sec, "defaults", d); ok {
			e.kw["defaults"] = v
		}
	}
	e.failed = len(ip.errs.errs) > n || e.cls == nil
	return e
}
