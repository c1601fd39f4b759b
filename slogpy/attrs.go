package slogpy

import "log/slog"

// attrSet holds the attributes and groups added by slog's WithAttrs and
// WithGroup. It is immutable: each With returns a new set.
type attrSet struct {
	groups []string
	// attrs[i] are the attributes added inside groups[:i]; attrs[0] are
	// top level. len(attrs) == len(groups)+1.
	attrs [][]slog.Attr
	// block holds attrs[0] bound once (see bound.go) while there are no
	// groups; nil otherwise.
	block *attrBlock
}

func (s *attrSet) clone() *attrSet {
	if s == nil {
		return &attrSet{attrs: make([][]slog.Attr, 1)}
	}
	c := &attrSet{groups: s.groups[:len(s.groups):len(s.groups)], attrs: make([][]slog.Attr, len(s.attrs))}
	for i, as := range s.attrs {
		c.attrs[i] = as[:len(as):len(as)]
	}
	return c
}

func (s *attrSet) withAttrs(as []slog.Attr) *attrSet {
	c := s.clone()
	last := len(c.attrs) - 1
	for _, a := range as {
		c.attrs[last] = appendAttr(c.attrs[last], a)
	}
	if len(c.groups) == 0 && len(c.attrs[0]) > 0 {
		c.block = &attrBlock{attrs: c.attrs[0]}
	}
	return c
}

func (s *attrSet) withGroup(name string) *attrSet {
	if name == "" {
		if s == nil {
			return s.clone()
		}
		return s // slog: WithGroup("") is the handler itself
	}
	c := s.clone()
	c.groups = append(c.groups, name)
	c.attrs = append(c.attrs, nil)
	return c
}

// appendRecord appends the set's attributes with those of sr nested in the
// open groups.
func (s *attrSet) appendRecord(dst []slog.Attr, sr slog.Record) []slog.Attr {
	if s == nil || len(s.groups) == 0 {
		if s != nil {
			dst = append(dst, s.attrs[0]...)
		}
		sr.Attrs(func(a slog.Attr) bool {
			dst = appendAttr(dst, a)
			return true
		})
		return dst
	}
	var inner []slog.Attr
	sr.Attrs(func(a slog.Attr) bool {
		inner = appendAttr(inner, a)
		return true
	})
	return s.nest(dst, inner)
}

// appendAttrs is appendRecord for attributes already in slices: pre, then
// as.
func (s *attrSet) appendAttrs(dst, pre, as []slog.Attr) []slog.Attr {
	if s == nil || len(s.groups) == 0 {
		if s != nil {
			dst = append(dst, s.attrs[0]...)
		}
		return append(append(dst, pre...), as...)
	}
	return s.nest(dst, append(append(make([]slog.Attr, 0, len(pre)+len(as)), pre...), as...))
}

// nest wraps inner in the open groups, innermost first, dropping groups that
// end up empty (as slog handlers must).
func (s *attrSet) nest(dst, inner []slog.Attr) []slog.Attr {
	for i := len(s.groups) - 1; i >= 0; i-- {
		level := append(append([]slog.Attr(nil), s.attrs[i+1]...), inner...)
		inner = nil
		if len(level) > 0 {
			inner = []slog.Attr{{Key: s.groups[i], Value: slog.GroupValue(level...)}}
		}
	}
	dst = append(dst, s.attrs[0]...)
	return append(dst, inner...)
}

// appendAttr appends a after slog's rules for handlers: an empty attribute
// is dropped, a group with no attributes is dropped, and a group with an
// empty key is inlined.
func appendAttr(dst []slog.Attr, a slog.Attr) []slog.Attr {
	k := a.Value.Kind()
	if k == slog.KindLogValuer {
		a.Value = a.Value.Resolve()
		k = a.Value.Kind()
	}
	if a.Key == "" && a.Equal(slog.Attr{}) {
		return dst
	}
	if k == slog.KindGroup {
		g := a.Value.Group()
		var inner []slog.Attr
		for _, ga := range g {
			inner = appendAttr(inner, ga)
		}
		if len(inner) == 0 {
			return dst
		}
		if a.Key == "" {
			return append(dst, inner...)
		}
		a.Value = slog.GroupValue(inner...)
	}
	return append(dst, a)
}
