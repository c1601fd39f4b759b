package slogpy

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// The attrs field: every attribute the format does not name.
//
// %(attrs)s ({attrs}, $attrs) prints the record's attributes that no other
// field of the format names, as slog.TextHandler prints them (key=value,
// groups dotted, values quoted where slog quotes them), after one space;
// nothing when there are none. Python has no such field (the format fails
// with "Formatting field not found in record: 'attrs'"), so a record
// attribute or a default called attrs keeps its Python meaning and wins.

// attrsKey is the field's name.
const attrsKey = "attrs"

// textAttrs renders attributes with a slog.TextHandler writing into buf.
// A record with zero time, level INFO and an empty message makes the
// handler write textPrefix first, which is cut.
type textAttrs struct {
	buf bytes.Buffer
	h   *slog.TextHandler
}

const textPrefix = `level=INFO msg=""`

var textAttrsPool = sync.Pool{New: func() any {
	t := new(textAttrs)
	t.h = slog.NewTextHandler(&t.buf, nil)
	return t
}}

// appendAttrsText appends the attributes of r that the format does not
// name in slog's text form, after a space, to dst.
func (f *Formatter) appendAttrsText(dst []byte, r *Record) []byte {
	if r.bound != nil {
		if pre := r.bound.formatted(f); pre != nil && pre.hasAttrs {
			dst = append(dst, pre.attrsText...)
		} else {
			dst = f.appendUnnamed(dst, r.bound.attrs)
		}
	}
	return f.appendUnnamed(dst, r.attrs)
}

// appendUnnamed appends those of attrs that the format does not name in
// slog's text form.
func (f *Formatter) appendUnnamed(dst []byte, attrs []slog.Attr) []byte {
	if len(f.named) > 0 {
		attrs = dropNamed(nil, attrs, "", f.named)
	}
	return appendAttrList(dst, attrs)
}

// appendAttrList appends attrs in slog's text form, each after a space.
func appendAttrList(dst []byte, attrs []slog.Attr) []byte {
	if len(attrs) == 0 {
		return dst
	}
	t := textAttrsPool.Get().(*textAttrs)
	t.buf.Reset()
	sr := slog.NewRecord(time.Time{}, slog.LevelInfo, "", 0)
	sr.AddAttrs(attrs...)
	_ = t.h.Handle(context.Background(), sr) // writes to a bytes.Buffer: no error
	out := bytes.TrimSuffix(bytes.TrimPrefix(t.buf.Bytes(), []byte(textPrefix)), []byte("\n"))
	dst = append(dst, out...)
	if t.buf.Cap() <= 16<<10 {
		textAttrsPool.Put(t)
	}
	return dst
}

// dropNamed appends to dst the attributes of attrs (inside the group path
// prefix) whose dotted keys are not in named, leaving out groups that end
// up empty.
func dropNamed(dst, attrs []slog.Attr, prefix string, named []string) []slog.Attr {
	for _, a := range attrs {
		key := prefix + a.Key
		if isNamed(named, key) {
			continue
		}
		if hasNamedUnder(named, key+".") {
			if a.Value.Kind() != slog.KindGroup {
				continue // a value the format reads into ({user.name})
			}
			inner := dropNamed(nil, a.Value.Group(), key+".", named)
			if len(inner) > 0 {
				dst = append(dst, slog.Attr{Key: a.Key, Value: slog.GroupValue(inner...)})
			}
			continue
		}
		dst = append(dst, a)
	}
	return dst
}

func isNamed(named []string, key string) bool {
	for _, n := range named {
		if n == key {
			return true
		}
	}
	return false
}

func hasNamedUnder(named []string, prefix string) bool {
	for _, n := range named {
		if strings.HasPrefix(n, prefix) {
			return true
		}
	}
	return false
}

// accessPath is the dotted key a {-style field names, for %(attrs)s to
// leave out: "req.id" for {req[id]} or {req.id}, so that the other
// members of the group req are still printed, as %(req.id)s leaves them.
// An access it cannot read as keys ({a[0][x}) names the whole of name.
func accessPath(name, access string) string {
	path := name
	for access != "" {
		var key string
		switch access[0] {
		case '[':
			end := strings.IndexByte(access, ']')
			if end < 0 {
				return name
			}
			key, access = access[1:end], access[end+1:]
		case '.':
			end := strings.IndexAny(access[1:], ".[")
			if end < 0 {
				end = len(access) - 1
			}
			key, access = access[1:end+1], access[end+1:]
		default:
			return name
		}
		if key == "" {
			return name
		}
		path += "." + key
	}
	return path
}
