package pyfmt

import "unicode/utf8"

// A limit bounds the output of one formatting call: once more than max
// bytes have been appended after start, formatting stops, the output is cut
// back to max bytes (on a UTF-8 boundary) and the call reports that it
// truncated. Every piece appended before the check is itself bounded (a
// literal of the format, or one directive, whose width and precision are
// at most 1,000,000), so no call builds more than max plus one piece.
type limit struct {
	start, max int // max <= 0: no limit
}

// over reports whether dst has grown past the limit.
func (l limit) over(dst []byte) bool { return l.max > 0 && len(dst)-l.start > l.max }

// cut returns dst cut back to the limit, on a UTF-8 boundary.
func (l limit) cut(dst []byte) []byte { return CutUTF8(dst, l.start+l.max) }

// appendLit appends a literal piece, at most up to just past the limit.
func (l limit) appendLit(dst []byte, s string) []byte {
	if l.max > 0 {
		if room := l.start + l.max + 1 - len(dst); room < len(s) {
			s = s[:max(room, 0)]
		}
	}
	return append(dst, s...)
}

// CutUTF8 returns b[:n], or less so as not to split a UTF-8 sequence; b
// itself if it is not longer than n.
func CutUTF8(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for i := n; i > n-utf8.UTFMax && i > 0; i-- {
		if utf8.RuneStart(b[i]) {
			return b[:i]
		}
	}
	return b[:n]
}

// AppendLogArgsLimit is [AppendLogArgs] that stops producing output once
// it has appended more than max bytes (max <= 0: no limit): the result is
// then cut to max bytes, on a UTF-8 boundary, and truncated is true. The
// directives after the cut are neither formatted nor checked, so an error
// CPython would raise for one of them is not reported.
func AppendLogArgsLimit(dst []byte, format string, args []any, max int) (out []byte, truncated bool, err error) {
	out, truncated, _, err = appendOperandLimit(dst, format, args, IsLogMapping(args), true, limit{len(dst), max})
	if err != nil {
		out = dst
	}
	return out, truncated, err
}

// AppendLogArgsSurplus is [AppendLogArgsLimit] that also says which
// arguments the directives left over. When they took only the first used
// of args, where Python fails with "not all arguments converted during
// string formatting", surplus is true, err is that error and out holds the
// merged text (every directive formatted), so that a caller reading the
// rest of the arguments otherwise (slog's key–value pairs) keeps it; a
// caller that does not cuts it back to len(dst). On any other error out is
// dst. When truncated, used is unknown (the directives after the cut were
// not read): count them with [CountLogArgs].
func AppendLogArgsSurplus(dst []byte, format string, args []any, max int) (out []byte, truncated, surplus bool, used int, err error) {
	start := len(dst)
	out, truncated, used, err = appendOperandLimit(dst, format, args, IsLogMapping(args), true, limit{start, max})
	if err == errNotAllConverted {
		return out, false, true, used, err
	}
	if err != nil {
		out = out[:start]
	}
	return out, truncated, false, used, err
}

// AppendLimit is [FieldTemplate.Append] that stops producing output once it
// has appended more than max bytes (max <= 0: no limit): the result is then
// cut to max bytes, on a UTF-8 boundary, and truncated is true. The fields
// after the cut are not looked up or formatted.
func (t *FieldTemplate) AppendLimit(dst []byte, lookup func(name string) (any, error), max int) (out []byte, truncated bool, err error) {
	lim := limit{len(dst), max}
	for i := range t.Fields {
		f := &t.Fields[i]
		dst = lim.appendLit(dst, f.Literal)
		if lim.over(dst) {
			return lim.cut(dst), true, nil
		}
		if dst, err = t.appendField(dst, f, lookup); err != nil {
			return dst, false, err
		}
		if lim.over(dst) {
			return lim.cut(dst), true, nil
		}
	}
	dst = lim.appendLit(dst, t.Tail)
	if lim.over(dst) {
		return lim.cut(dst), true, nil
	}
	return dst, false, nil
}
