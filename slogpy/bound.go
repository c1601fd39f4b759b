package slogpy

import (
	"log/slog"
	"sync"
	"sync/atomic"

	"github.com/slogpy/slogpy/internal/bindattrs"
	"github.com/slogpy/slogpy/internal/logrecord"
)

// Attributes bound once to many records.
//
// An adapter's extra, and slog's WithAttrs (on a logger's Handler or on a
// suite handler) outside any group, add the same attributes to every
// record. They are converted once, into an attrBlock the records point to
// (Record.bound: attributes before the record's own), and each Formatter
// formats the block's values once, the first time it meets the block, as
// slog's handlers preformat WithAttrs: a record then costs one lookup per
// field, not a search of its attributes and a conversion. Only values
// whose text cannot change are kept formatted (strings, numbers, bools,
// times, durations); any other value is formatted for every record, as
// Python's str() would be called on it.

// attrBlock is an immutable list of attributes bound to many records.
type attrBlock struct {
	attrs []slog.Attr // as appendAttr left them: resolved, groups cleaned
	mu    sync.Mutex  // serialises adding to forms
	forms atomic.Pointer[[]blockForm]
	// extraChecked is set once the block's keys were checked for
	// reserved names (see checkExtra).
	extraChecked atomic.Bool
}

// blockForm is the block as formatted by one Formatter.
type blockForm struct {
	f   *Formatter
	pre *preformatted
}

// preformatted holds, per op of a Formatter, the text of the block's value
// for the op's field, when the block has the field and its text is fixed.
type preformatted struct {
	text [][]byte
	has  []bool
	// run[i], where has[i], is text[i] followed by the literal and text
	// of each next op that has a text too, up to op end[i]: a record
	// without attributes of its own appends the run in one copy.
	run [][]byte
	end []int
	// attrsText is the %(attrs)s text of the block's attributes that the
	// format does not name, when hasAttrs.
	attrsText []byte
	hasAttrs  bool
}

// maxBlockForms bounds the formatters a block keeps formatted values for;
// the formatters past it format the block's values for every record.
const maxBlockForms = 8

func init() {
	bindattrs.Block = func(as []slog.Attr) any { return newAttrBlock(as) }
}

// newAttrBlock converts as into a block, as a record's attributes are
// converted (appendAttr).
func newAttrBlock(as []slog.Attr) *attrBlock {
	b := &attrBlock{}
	for _, a := range as {
		b.attrs = appendAttr(b.attrs, a)
	}
	return b
}

// formatted returns the block formatted by f, or nil when the block keeps
// the values of maxBlockForms other formatters already.
func (b *attrBlock) formatted(f *Formatter) *preformatted {
	if p := b.forms.Load(); p != nil {
		for i := range *p {
			if (*p)[i].f == f {
				return (*p)[i].pre
			}
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var old []blockForm
	if p := b.forms.Load(); p != nil {
		old = *p
		for i := range old {
			if old[i].f == f {
				return old[i].pre
			}
		}
	}
	if len(old) >= maxBlockForms {
		return nil
	}
	next := append(old[:len(old):len(old)], blockForm{f, f.preformat(b)})
	b.forms.Store(&next)
	return next[len(next)-1].pre
}

// preformat formats the values of b for f's fields, through the code that
// formats a record's fields, so that the text is the same byte for byte.
func (f *Formatter) preformat(b *attrBlock) *preformatted {
	pre := &preformatted{text: make([][]byte, len(f.ops)), has: make([]bool, len(f.ops))}
	r := &Record{bound: b}
	attrsOp := false
	for i := range f.ops {
		op := &f.ops[i]
		if op.field != logrecord.Extra || op.brace != nil && op.brace.Nested != nil {
			continue
		}
		if op.key == attrsKey {
			attrsOp = true
		}
		v, ok := lookupAttr(b.attrs, op.key)
		if !ok || !fixedText(v) {
			continue
		}
		out, err := f.appendField(nil, op, r)
		if err == nil {
			pre.text[i], pre.has[i] = out, true
		}
	}
	pre.run, pre.end = make([][]byte, len(f.ops)), make([]int, len(f.ops))
	for i := len(f.ops) - 1; i >= 0; i-- {
		if !pre.has[i] {
			continue
		}
		pre.run[i], pre.end[i] = pre.text[i], i+1
		if i+1 < len(f.ops) && pre.has[i+1] {
			run := append(append(pre.text[i][:len(pre.text[i]):len(pre.text[i])], f.ops[i+1].lit...), pre.run[i+1]...)
			pre.run[i], pre.end[i] = run, pre.end[i+1]
		}
	}
	if attrsOp {
		attrs := b.attrs
		if len(f.named) > 0 {
			attrs = dropNamed(nil, attrs, "", f.named)
		}
		fixed := true
		for _, a := range attrs {
			fixed = fixed && fixedText(a.Value)
		}
		if fixed {
			pre.attrsText, pre.hasAttrs = appendAttrList(nil, attrs), true
		}
	}
	return pre
}

// fixedText reports whether v prints the same text every time: a scalar,
// or a group of them.
func fixedText(v slog.Value) bool {
	switch v.Kind() {
	case slog.KindString, slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindBool,
		slog.KindDuration, slog.KindTime:
		return true
	case slog.KindGroup:
		for _, a := range v.Group() {
			if !fixedText(a.Value) {
				return false
			}
		}
		return true
	}
	return false
}

// preformatted returns r's bound block as formatted by f, or nil.
func (f *Formatter) preformatted(r *Record) *preformatted {
	if r.bound == nil {
		return nil
	}
	return r.bound.formatted(f)
}

// ownsAttr reports whether r's own attributes (not the bound ones) have
// key, which then overrides a bound attribute's preformatted text.
func (r *Record) ownsAttr(key string) bool {
	_, ok := lookupAttr(r.attrs, key)
	return ok
}

// numAttrs is the number of r's attributes, bound ones included.
func (r *Record) numAttrs() int {
	if r.bound != nil {
		return len(r.bound.attrs) + len(r.attrs)
	}
	return len(r.attrs)
}

// lookupAll finds key among r's own attributes, then its bound ones.
func (r *Record) lookupAll(key string) (slog.Value, bool) {
	if v, ok := lookupAttr(r.attrs, key); ok || r.bound == nil {
		return v, ok
	}
	return lookupAttr(r.bound.attrs, key)
}

// flatAttrs appends r's attributes, bound ones first, to dst.
func (r *Record) flatAttrs(dst []slog.Attr) []slog.Attr {
	if r.bound != nil {
		dst = append(dst, r.bound.attrs...)
	}
	return append(dst, r.attrs...)
}
