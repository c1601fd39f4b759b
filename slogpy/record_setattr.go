package slogpy

import "log/slog"

// SetAttr sets the attribute a.Key of r to a's value, as Python's
// record.key = value does: the first top-level attribute with that key
// takes a's value where it stands, and any later one with the same key is
// removed; with none, a is appended. A filter redacts a secret with it,
//
//	r.SetAttr(slog.String("password", "***"))
//
// and the old value is gone from %(attrs)s, the JSON formatter and a
// foreign slog.Handler alike, where AddAttrs (slog's append) would print
// both. An attribute with an empty key, or an empty group, removes the key
// as DeleteAttr does.
//
// A string set as "levelname" is the record's level name, which
// %(levelname)s prints, as Python's record.levelname = value (a filter
// lowercasing or colouring it); the other standard attributes are fields
// of Record (Name, Msg, Levelno, …).
func (r *Record) SetAttr(a slog.Attr) {
	if v := a.Value.Resolve(); a.Key == "levelname" && v.Kind() == slog.KindString {
		r.levelname = v.String()
		return
	}
	r.settle()
	set := appendAttr(nil, a)
	if len(set) != 1 || set[0].Key != a.Key || a.Key == "" {
		r.DeleteAttr(a.Key)
		return
	}
	r.unbindKey(a.Key)
	for i := range r.attrs {
		if r.attrs[i].Key == a.Key {
			r.attrs[i] = set[0]
			n := len(r.attrs)
			r.attrs = r.attrs[:i+1+len(dropKey(r.attrs[i+1:], a.Key))]
			clear(r.attrs[len(r.attrs):n])
			return
		}
	}
	r.attrs = append(r.attrs, set[0])
}

// DeleteAttr removes every top-level attribute of r with the key, as
// Python's del record.key, and reports whether there was one.
func (r *Record) DeleteAttr(key string) bool {
	r.settle()
	r.unbindKey(key)
	n := len(r.attrs)
	r.attrs = dropKey(r.attrs, key)
	clear(r.attrs[len(r.attrs):n])
	return len(r.attrs) < n
}

// unbindKey copies the attributes bound once (an adapter's extra, With's
// fields), which records share, into r's own when one of them has the
// key, so that changing it changes r alone.
func (r *Record) unbindKey(key string) {
	if r.bound == nil {
		return
	}
	for _, a := range r.bound.attrs {
		if a.Key == key {
			own := make([]slog.Attr, 0, len(r.bound.attrs)+len(r.attrs))
			r.attrs = append(append(own, r.bound.attrs...), r.attrs...)
			r.bound = nil
			return
		}
	}
}

// dropKey removes the attributes with the key from attrs, in place.
func dropKey(attrs []slog.Attr, key string) []slog.Attr {
	out := attrs[:0]
	for _, a := range attrs {
		if a.Key != key {
			out = append(out, a)
		}
	}
	return out
}
