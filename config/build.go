package config

import (
	"fmt"
	"log/slog"

	"github.com/slogpy/slogpy/slogpy"
)

// The build stage: the objects of a checked plan are made in dependency
// order, each by the build function its factory returned, and finished
// (the "." attributes; a handler's formatter, level, filters and name).
// Files are opened here (for appending), nothing else outside the plan
// changes; a failure closes what was made and removes the files made.

// make is step 1: it makes the plan's objects in order.
func (p *plan) make() error {
	for _, c := range p.objects {
		if c.args != nil {
			for _, f := range c.args.files {
				f.before()
				p.files = append(p.files, f)
			}
		}
		if err := buildEntry(c); err != nil {
			p.undo()
			return err
		}
		if c.e.kind == "handler" {
			h := c.obj.(slog.Handler)
			mh := madeHandler{name: c.e.name, class: fmt.Sprintf("%T", h), h: h}
			if c.e.object == nil {
				mh.class, mh.owned = c.e.cls.name, true
			}
			p.made = append(p.made, mh)
		}
		if c.args != nil {
			p.services = append(p.services, c.args.managed...)
		}
	}
	return nil
}

// undo closes what make made, newest first, and removes the files it
// created.
func (p *plan) undo() {
	for i := len(p.objects) - 1; i >= 0; i-- {
		if c := p.objects[i]; c.obj != nil && c.e.object == nil {
			closeObject(c.obj)
		}
	}
	for _, f := range p.files {
		f.undo()
	}
}

// buildEntry calls the build function of a checked entry and finishes what it
// made: the "." attributes, and a handler's formatter, level, filters
// and name.
func buildEntry(c *checked) error {
	e := c.e
	obj := e.object
	if obj == nil {
		var err error
		obj, err = c.build()
		if isNil(obj) {
			obj = nil // a constructor's typed nil pointer returned with its error
		}
		if err != nil {
			closeObject(obj)
			return wrapPath(e.path, err)
		}
		if e.props != nil {
			if err := setAttrs(obj, e.props, e.path+`["."]`); err != nil {
				closeObject(obj)
				return err
			}
		}
	}
	var err error
	switch e.kind {
	case "formatter":
		c.obj, err = asFormatter(obj)
	case "filter":
		c.obj, err = asFilter(obj)
	case "handler":
		c.obj, err = finishHandler(c, obj)
	}
	if err != nil {
		if e.object == nil {
			closeObject(obj)
		}
		return wrapPath(e.classPath, err)
	}
	return nil
}

// finishHandler sets a handler's formatter, level, filters and name:
// the rest of Python's configure_handler.
func finishHandler(c *checked, obj any) (slog.Handler, error) {
	e := c.e
	h, err := asHandler(obj)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", e.cls.name, err)
	}
	sh, suite := h.(slogpy.Handler)
	if e.object != nil {
		if suite && sh.Name() == "" {
			sh.SetName(e.name)
		}
		return h, nil
	}
	if !suite {
		if c.formatter != nil || e.level != nil || len(c.filters) > 0 {
			return nil, fmt.Errorf("%s made a %T, a slog.Handler that is not a slogpy.Handler: it takes no level, formatter or filters", e.cls.name, h)
		}
		return h, nil
	}
	if c.formatter != nil {
		sh.SetFormatter(c.formatter.obj.(slogpy.RecordFormatter))
	}
	if e.level != nil {
		sh.SetLevel(*e.level)
	}
	for _, f := range c.filters {
		sh.AddFilter(f.get())
	}
	sh.SetName(e.name)
	return h, nil
}
