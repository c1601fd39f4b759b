package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"

	"github.com/slogpy/slogpy/slogpy"
)

// checker checks a spec: it reads every entry, calls each factory to read
// and check its arguments, resolves every reference and orders the
// handlers so that each is made after those it refers to. It makes
// nothing.
type checker struct {
	r    *resolver
	errs *errorList
	// the checked entries by name
	formatters map[string]*checked
	filters    map[string]*checked
	handlers   map[string]*checked
}

// failed reports whether the handler name failed its checks.
func (ck *checker) failed(name string) bool {
	c, ok := ck.handlers[name]
	return ok && (c.bad || c.e.failed)
}

// check checks a spec and returns the plan that applies it.
func (o resolved) check(sp *spec, r *resolver, errs *errorList) *plan {
	ck := &checker{r: r, errs: errs, formatters: map[string]*checked{}, filters: map[string]*checked{}, handlers: map[string]*checked{}}
	p := &plan{incremental: sp.incremental, disableExisting: sp.disableExisting}
	for _, e := range sp.formatters {
		ck.formatters[e.name] = ck.entry(e)
	}
	for _, e := range sp.filters {
		ck.filters[e.name] = ck.entry(e)
	}
	for _, e := range sp.handlers {
		ck.handlers[e.name] = &checked{e: e, bad: e.failed}
	}
	for _, e := range sp.handlers {
		c := ck.handlers[e.name]
		*c = *ck.entry(e)
		ck.handlerExtras(c)
	}
	for _, c := range append(ck.sorted(sp.formatters), ck.sorted(sp.filters)...) {
		if !c.bad {
			p.objects = append(p.objects, c)
		}
	}
	p.objects = append(p.objects, ck.order(sp.handlers)...)
	for _, ls := range sp.loggers {
		if lp := ck.logger(ls); lp != nil {
			p.loggers = append(p.loggers, lp)
		}
	}
	return p
}

func (ck *checker) sorted(es []*entrySpec) []*checked {
	out := make([]*checked, 0, len(es))
	for _, e := range es {
		switch e.kind {
		case "formatter":
			out = append(out, ck.formatters[e.name])
		case "filter":
			out = append(out, ck.filters[e.name])
		}
	}
	return out
}

// entry checks one entry: its factory reads its arguments.
func (ck *checker) entry(e *entrySpec) *checked {
	c := &checked{e: e, bad: e.failed}
	if c.bad || e.object != nil {
		return c
	}
	if e.cls == nil {
		c.bad = true
		return c
	}
	a, err := newArgs(ck, e.path, e.cls, e.pos, e.posPath, e.kw)
	if err != nil {
		ck.errs.add(e.path, wrapPath(e.path, err))
		c.bad = true
		return c
	}
	for k, p := range e.kwPath {
		a.setWhere(k, p)
	}
	c.args = a
	a.takeBuffer(e.props, func(key string) string { return propPath(e, key) })
	if c.build, err = invoke(e.cls, a); err == nil {
		err = a.buffer.unused(e.cls.name)
	}
	if err != nil {
		if !errors.Is(err, errFailedRef) {
			ck.errs.add(e.path, err)
		}
		c.bad = true
	}
	return c
}

// handlerExtras resolves a handler's formatter and filters.
func (ck *checker) handlerExtras(c *checked) {
	e := c.e
	switch f := e.formatter.(type) {
	case string:
		fc, ok := ck.formatters[f]
		switch {
		case !ok:
			ck.errs.addf(e.formatterPath, "unknown formatter %q (known: %s)", f, known(f, mapKeys(ck.formatters)))
			c.bad = true
		case fc.bad:
			c.bad = true
		default:
			c.formatter = fc
		}
	case slogpy.RecordFormatter:
		c.formatter = &checked{obj: f}
	}
	fs, ok := ck.filterRefs(e.filters)
	c.filters, c.bad = fs, c.bad || !ok
}

// filterRefs resolves a list of filter names (or filter objects).
func (ck *checker) filterRefs(refs []ref) ([]filterRef, bool) {
	var out []filterRef
	good := true
	for _, r := range refs {
		if name, ok := r.v.(string); ok {
			c, ok := ck.filters[name]
			switch {
			case !ok:
				ck.errs.addf(r.path, "unknown filter %q (known: %s)", name, known(name, mapKeys(ck.filters)))
				good = false
			case c.bad:
				good = false
			default:
				out = append(out, filterRef{c: c})
			}
			continue
		}
		f, err := asFilter(r.v)
		if err != nil {
			ck.errs.addf(r.path, "want a filter name, got %s", describe(r.v))
			good = false
			continue
		}
		out = append(out, filterRef{obj: f})
	}
	return out, good
}

// order returns the handlers that passed their checks, each after the
// handlers it refers to (a MemoryHandler's target, a QueueHandler's
// handlers), otherwise in the order of the spec. A handler that refers to
// one that failed fails without a report of its own; a cycle is an error.
func (ck *checker) order(es []*entrySpec) []*checked {
	const (
		unvisited = iota
		visiting
		done
	)
	state := map[string]int{}
	var out []*checked
	var visit func(name string, stack []string) bool
	visit = func(name string, stack []string) bool {
		c := ck.handlers[name]
		switch state[name] {
		case done:
			return !c.bad
		case visiting:
			cycle := append(stack[max(slices.Index(stack, name), 0):], name)
			ck.errs.addf(c.e.path, "circular reference among handlers %s: each refers to the next (target, handlers)", strings.Join(cycle[:len(cycle)-1], ", "))
			c.bad = true
			return false
		}
		state[name] = visiting
		if c.args != nil {
			for _, d := range c.args.deps {
				if !visit(d, append(stack, name)) {
					c.bad = true
				}
			}
		}
		state[name] = done
		if !c.bad {
			out = append(out, c)
		}
		return !c.bad
	}
	for _, e := range es {
		visit(e.name, nil)
	}
	return out
}

// logger checks a logger's handler and filter references.
func (ck *checker) logger(ls *loggerSpec) *loggerPlan {
	lp := &loggerPlan{spec: ls}
	good := true
	for _, r := range ls.handlers {
		switch x := r.v.(type) {
		case string:
			c, ok := ck.handlers[x]
			switch {
			case !ok:
				ck.errs.addf(r.path, "unknown handler %q (known: %s)", x, known(x, mapKeys(ck.handlers)))
				good = false
			case c.bad:
				good = false
			default:
				lp.handlers = append(lp.handlers, handlerRef{c: c})
			}
		case slog.Handler:
			lp.handlers = append(lp.handlers, handlerRef{obj: x})
		default:
			ck.errs.addf(r.path, "want a handler name, got %s", describe(r.v))
			good = false
		}
	}
	fs, ok := ck.filterRefs(ls.filters)
	lp.filters = fs
	if !good || !ok {
		return nil
	}
	return lp
}

// The checker is the scope of the arguments it reads (see scope).

func (ck *checker) convert(v any, depth int) (any, error) { return ck.r.convert(v, depth) }

func (ck *checker) handler(name string) (func() slog.Handler, bool, error) {
	if !ck.r.declared[name] {
		return nil, false, fmt.Errorf("unknown handler %q (known: %s)", name, known(name, mapKeys(ck.r.declared)))
	}
	return func() slog.Handler { h, _ := ck.handlers[name].obj.(slog.Handler); return h }, ck.failed(name), nil
}

func (ck *checker) resolveClass(v any) (*class, error)     { return ck.r.reg.resolveClass(v, "") }
func (ck *checker) lookupClass(name string) (*class, bool) { return ck.r.reg.lookupClass(name) }
func (ck *checker) lookupValue(name string) (any, bool)    { return ck.r.reg.lookupValue(name) }
func (ck *checker) stdout() io.Writer                      { return ck.r.stdout }
func (ck *checker) stderr() io.Writer                      { return ck.r.stderr }
func (ck *checker) warn(path, msg string)                  { ck.errs.warn(path, msg) }
