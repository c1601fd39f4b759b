package contrib

import (
	"fmt"
	"log/slog"
	"slices"
	"strings"

	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/slogpy"
)

// JSONFormatterOptions are the options of [NewJSONFormatter], the keyword
// arguments of python-json-logger's JsonFormatter. The zero value gives the
// library's defaults: the fields of "%(message)s", ASCII-only JSON on one
// line, the standard record attributes reserved.
type JSONFormatterOptions struct {
	// Format names the fields every record carries (fmt): "%(asctime)s
	// %(levelname)s %(message)s" gives asctime, levelname and message, in
	// that order. Empty means "%(message)s" (or its equivalent in Style).
	Format string
	// Style is "%" (the default when empty), "{" or "$": how Format names
	// fields.
	Style string
	// Datefmt is the time.strftime format of asctime; empty means
	// Python's default. UTC renders asctime in UTC.
	Datefmt string
	UTC     bool
	// Defaults are fields written first on every record, which the
	// record's own fields may replace (defaults, python-json-logger 3.2+).
	Defaults []slog.Attr
	// RenameFields renames fields in the output: {"levelname": "level"}
	// (rename_fields). Each field keeps its place.
	RenameFields map[string]string
	// StaticFields are fields with the same value on every record, after
	// the fields of Format (static_fields).
	StaticFields []slog.Attr
	// Timestamp, when not empty, adds the record's creation time in UTC as
	// ISO 8601 under this key, last (timestamp=True is "timestamp").
	Timestamp string
	// ReservedAttrs are the record attributes not written unless Format
	// names them (reserved_attrs). nil means [ReservedAttrs], the standard
	// LogRecord attributes; an empty non-nil slice reserves none, so every
	// attribute of the record is written.
	ReservedAttrs []string
	// Indent is the text of one level of indentation (json_indent: an
	// integer n means n spaces). Empty means one line, unless Multiline is
	// set: Python's json_indent=0 breaks lines without indenting.
	Indent    string
	Multiline bool
	// NoEnsureASCII writes non-ASCII characters as they are
	// (json_ensure_ascii=False); by default they are \u escapes.
	NoEnsureASCII bool
	// Prefix is written before the JSON text (prefix).
	Prefix string
	// FormatException and FormatStack replace the text of the exc_info and
	// stack_info fields, as overriding formatException and formatStack.
	FormatException func(err error) string
	FormatStack     func(stack string) string
}

// ReservedAttrs are python-json-logger's RESERVED_ATTRS: the attributes of
// Python's LogRecord, which a [JSONFormatter] writes only when its format
// names them.
var ReservedAttrs = []string{
	"args", "asctime", "created", "exc_info", "exc_text", "filename",
	"funcName", "levelname", "levelno", "lineno", "module",
	"msecs", "message", "msg", "name", "pathname", "process",
	"processName", "relativeCreated", "stack_info", "thread", "threadName",
}

// recordAttrs are the attributes of a LogRecord in the order of its
// __dict__, which is the order a JSONFormatter writes the unreserved ones.
var recordAttrs = func() []string {
	d := logrecord.Dict()
	out := make([]string, len(d))
	for i, a := range d {
		out[i] = a.String()
	}
	return out
}()

// A JSONFormatter renders each record as one JSON object: python-json-logger's
// pythonjsonlogger.jsonlogger.JsonFormatter (2.x) and
// pythonjsonlogger.json.JsonFormatter (3.x). Its members are, in order, the
// Defaults, the fields named by the format, the StaticFields, exc_info and
// stack_info when the record has them, every attribute of the record that
// is not reserved (Python's extra: the slog attributes of the call, groups
// as nested objects), and the Timestamp. The text is what Python's
// json.dumps writes for the same values, byte for byte: ", " and ": "
// separators on one line, "," and a newline with an indent, \u escapes
// unless NoEnsureASCII, floats as Python's repr, NaN and Infinity.
//
// Values that are not JSON types are written as python-json-logger's
// encoder writes them: times as ISO 8601 (datetime.isoformat), errors and
// everything else as their str(). Go maps become objects with their keys
// sorted, slices and arrays lists, a json.Marshaler's JSON is re-encoded
// with the formatter's indent and escaping.
//
// A JSONFormatter is a [slogpy.RecordFormatter]: set it on any handler. It
// is immutable and safe for concurrent use.
//
// It differs from python-json-logger in these ways:
//   - Fields in Format are found as the library's 3.x does: "%(name)",
//     "{name}", "${name}" and "$name" by style. Version 2.0.1 (the one
//     Debian ships) finds "(name)" whatever the style, so a "{"-style
//     format gives it no field at all, and a literal parenthesis a bogus
//     one.
//   - RenameFields renames every field, extra and static ones included, in
//     place, as 3.x does; 2.0.1 renames only the fields of Format.
//   - A record attribute exc_info that is not reserved is the formatted
//     exception, where Python writes the (type, value, traceback) tuple.
//   - A message that is a dict (logger.info({"k": 1})) has no Go
//     counterpart; log attributes instead.
type JSONFormatter struct {
	base     *slogpy.Formatter
	opts     JSONFormatterOptions
	fields   []string
	skip     map[string]bool
	asctime  bool
	unreserv []string // standard attributes not reserved, in __dict__ order
	dumps    dumps
}

var _ slogpy.RecordFormatter = (*JSONFormatter)(nil)

// NewJSONFormatter returns a JSONFormatter; nil opts means the library's
// defaults. The error is for a format or datefmt that Python's
// logging.Formatter would refuse.
func NewJSONFormatter(opts *JSONFormatterOptions) (*JSONFormatter, error) {
	f := &JSONFormatter{}
	if opts != nil {
		f.opts = *opts
	}
	o := &f.opts
	base, err := slogpy.NewFormatter(o.Format, &slogpy.FormatterOptions{
		Datefmt: o.Datefmt, Style: o.Style, UTC: o.UTC,
		FormatException: o.FormatException, FormatStack: o.FormatStack,
	})
	if err != nil {
		return nil, fmt.Errorf("contrib: JsonFormatter: %w", err)
	}
	f.base = base
	style := o.Style
	if style == "" {
		style = "%"
	}
	f.fields = parseFields(base.String(), style[0])
	reserved := o.ReservedAttrs
	if reserved == nil {
		reserved = ReservedAttrs
	}
	f.skip = make(map[string]bool, len(reserved)+len(f.fields))
	for _, k := range reserved {
		f.skip[k] = true
	}
	for _, k := range recordAttrs {
		if !f.skip[k] {
			f.unreserv = append(f.unreserv, k)
		}
	}
	for _, k := range f.fields {
		f.skip[k] = true
	}
	f.asctime = slices.Contains(f.fields, "asctime")
	f.dumps.ascii = !o.NoEnsureASCII
	if o.Indent != "" || o.Multiline {
		ind := o.Indent
		f.dumps.indent = &ind
	}
	return f, nil
}

// parseFields finds the fields a format names, as python-json-logger 3.x's
// parse: the non-greedy matches of %\((.+?)\), \{(.+?)\} or, for "$",
// \$(?:\$|\{(.+?)\}|([_a-z][_a-z0-9]*)) ignoring case. A field does not
// span lines ("." stops at a newline).
func parseFields(format string, style byte) []string {
	var out []string
	switch style {
	case '%':
		out = findDelimited(format, "%(", ')')
	case '{':
		out = findDelimited(format, "{", '}')
	case '$':
		for i := 0; i < len(format); i++ {
			if format[i] != '$' || i+1 >= len(format) {
				continue
			}
			switch c := format[i+1]; {
			case c == '$':
				i++
			case c == '{':
				if name, n, ok := delimited(format[i+2:], '}'); ok {
					out = append(out, name)
					i += 1 + n
				}
			case c == '_' || 'a' <= c|0x20 && c|0x20 <= 'z':
				j := i + 2
				for j < len(format) && (format[j] == '_' || 'a' <= format[j]|0x20 && format[j]|0x20 <= 'z' || '0' <= format[j] && format[j] <= '9') {
					j++
				}
				out = append(out, format[i+1:j])
				i = j - 1
			}
		}
	}
	return out
}

// findDelimited returns the matches of open(.+?)close in s.
func findDelimited(s, open string, close byte) []string {
	var out []string
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		s = s[i+len(open):]
		if name, n, ok := delimited(s, close); ok {
			out = append(out, name)
			s = s[n:]
		}
	}
}

// delimited matches (.+?)close at the start of s: at least one character,
// none a newline, up to the first close after it; n is the length matched.
func delimited(s string, close byte) (name string, n int, ok bool) {
	for j := 1; j < len(s); j++ {
		if s[j-1] == '\n' {
			return "", 0, false
		}
		if s[j] == close {
			return s[:j], j + 1, true
		}
	}
	return "", 0, false
}

// Format returns the record as JSON text, as Python's JsonFormatter.format.
func (f *JSONFormatter) Format(r *slogpy.Record) (string, error) {
	b, err := f.AppendFormat(nil, r)
	return string(b), err
}

// Fields returns the fields the format names, in order.
func (f *JSONFormatter) Fields() []string { return slices.Clone(f.fields) }

// AppendFormat implements [slogpy.RecordFormatter].
func (f *JSONFormatter) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	msg, err := r.Message()
	if err != nil {
		return dst, err
	}
	var asctime string
	if f.asctime {
		asctime = f.base.FormatTime(r, f.opts.Datefmt)
	}
	lookup := func(key string) (any, bool) {
		switch key {
		case "message":
			return msg, true
		case "asctime":
			if f.asctime {
				return asctime, true
			}
			return nil, false
		}
		return f.recordAttr(r, key)
	}
	rec := &object{}
	for _, a := range f.opts.Defaults {
		rec.set(f.rename(a.Key), a.Value.Resolve())
	}
	for _, k := range f.fields {
		v, _ := lookup(k)
		rec.set(f.rename(k), v)
	}
	for _, a := range f.opts.StaticFields {
		rec.set(f.rename(a.Key), a.Value.Resolve())
	}
	switch {
	case r.ExcInfo:
		rec.set(f.rename("exc_info"), f.base.FormatException(r.Err))
	case r.ExcText != "":
		rec.set(f.rename("exc_info"), r.ExcText)
	}
	if r.StackInfo != "" {
		rec.set(f.rename("stack_info"), f.base.FormatStack(r.StackInfo))
	}
	for _, k := range f.unreserv {
		v, _ := lookup(k)
		rec.set(f.rename(k), v)
	}
	r.Attrs(func(a slog.Attr) bool {
		f.addExtra(rec, a)
		return true
	})
	for _, k := range []string{"message", "asctime"} {
		if !f.skip[k] {
			if v, ok := lookup(k); ok {
				rec.set(f.rename(k), v)
			}
		}
	}
	if f.opts.Timestamp != "" {
		rec.set(f.rename(f.opts.Timestamp), fromTimestamp(r.Created()))
	}
	dst = append(dst, f.opts.Prefix...)
	return f.dumps.appendObject(dst, rec, 0), nil
}

// addExtra adds an attribute of the record unless it is reserved or
// private ("_" first); a group with an empty key is inlined, as slog does.
func (f *JSONFormatter) addExtra(rec *object, a slog.Attr) {
	v := a.Value.Resolve()
	if a.Key == "" {
		if v.Kind() == slog.KindGroup {
			for _, g := range v.Group() {
				f.addExtra(rec, g)
			}
		}
		return
	}
	if f.skip[a.Key] || a.Key[0] == '_' {
		return
	}
	rec.set(f.rename(a.Key), v)
}

func (f *JSONFormatter) rename(key string) string {
	if to, ok := f.opts.RenameFields[key]; ok {
		return to
	}
	return key
}

// recordAttr returns a LogRecord attribute or an attribute of the record
// (record.__dict__.get(key)).
func (f *JSONFormatter) recordAttr(r *slogpy.Record, key string) (any, bool) {
	switch key {
	case "name":
		return r.Name, true
	case "msg":
		return r.Msg, true
	case "args":
		if pyfmt.IsLogMapping(r.Args) {
			return r.Args[0], true
		}
		if r.Args == nil {
			return []any{}, true
		}
		return r.Args, true
	case "levelname":
		return r.Levelname(), true
	case "levelno":
		return int(r.Levelno), true
	case "pathname":
		return r.Pathname(), true
	case "filename":
		return r.Filename(), true
	case "module":
		return r.Module(), true
	case "exc_info":
		if !r.ExcInfo {
			return nil, true
		}
		return f.base.FormatException(r.Err), true
	case "exc_text":
		return nilIfEmpty(r.ExcText), true
	case "stack_info":
		return nilIfEmpty(r.StackInfo), true
	case "lineno":
		return r.Lineno(), true
	case "funcName":
		return r.FuncName(), true
	case "created":
		return r.Created(), true
	case "msecs":
		return r.Msecs(), true
	case "relativeCreated":
		return r.RelativeCreated(), true
	case "thread":
		return r.Thread(), true
	case "threadName":
		return r.ThreadName(), true
	case "processName":
		return r.ProcessName(), true
	case "process":
		return r.Process(), true
	}
	if v, ok := r.Attr(key); ok {
		return v, true
	}
	return nil, false
}

func nilIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// String returns the format, as Python's formatter._fmt.
func (f *JSONFormatter) String() string { return f.base.String() }
