package slogpy

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/internal/pytime"
)

// A RecordFormatter turns a record into text. [*Formatter] is the suite's;
// any type with this method can stand on a handler in its place, as any
// object with a format method can in Python.
type RecordFormatter interface {
	// AppendFormat appends the formatted record to dst.
	AppendFormat(dst []byte, r *Record) ([]byte, error)
}

// FormatterOptions are the options of [NewFormatter]. The zero value gives
// Python's defaults.
type FormatterOptions struct {
	// Datefmt is the time.strftime format of %(asctime)s. Empty means
	// Python's default, "2003-07-08 16:49:45,896".
	Datefmt string
	// Style is "%" (the default when empty), "{" or "$".
	Style string
	// NoValidate skips Python's validation of the format (validate=False).
	// The format is still compiled, so a malformed directive is an error.
	NoValidate bool
	// Defaults are values for fields that a record does not have.
	Defaults map[string]any
	// UTC renders times in UTC (Python's converter = time.gmtime); false
	// uses the local time zone.
	UTC bool
	// DefaultTimeFormat and DefaultMsecFormat replace Python's
	// default_time_format "%Y-%m-%d %H:%M:%S" and default_msec_format
	// "%s,%03d", used when Datefmt is empty. Empty means Python's.
	DefaultTimeFormat, DefaultMsecFormat string
	// NoDefaultMsecFormat is Python's default_msec_format = None (or ""):
	// asctime without its milliseconds, "2003-07-08 16:49:45", when
	// Datefmt is empty. False means DefaultMsecFormat.
	NoDefaultMsecFormat bool
	// NoDefaultTimeFormat is Python's default_time_format = None. CPython's
	// formatTime then fails on every record of a format that uses the time
	// (TypeError: strftime() argument 1 must be str, not None) unless
	// datefmt is set, so NewFormatter refuses that combination; with
	// Datefmt set, or a format that does not use the time, it has no
	// effect, as in CPython. False means DefaultTimeFormat.
	NoDefaultTimeFormat bool
	// FormatTime, FormatException and FormatStack, when set, replace the
	// methods of the same names, as overriding them in a Python subclass.
	FormatTime      func(r *Record, datefmt string) string
	FormatException func(err error) string
	FormatStack     func(stack string) string
}

// A Formatter renders records with a Python format string: Python's
// logging.Formatter. The format is compiled once by [NewFormatter]; a
// Formatter is immutable and safe for concurrent use.
//
// Fields are the record attributes of Python's LogRecord (name, levelno,
// levelname, pathname, filename, module, lineno, funcName, created, msecs,
// relativeCreated, thread, threadName, process, processName, message,
// asctime, msg, args, exc_info, exc_text, stack_info), then the record's
// attributes (Python's extra; "group.key" reaches into a group), then
// Defaults. A field found nowhere is an error at format time, as in Python.
//
// One more field, attrs (%(attrs)s, {attrs}, $attrs), prints the record's
// attributes that no other field of the format names, as slog.TextHandler
// prints them (key=value, groups dotted as req.id=7, values quoted where
// slog quotes them), after a space; nothing at all when there are none.
// "%(levelname)s %(name)s %(message)s%(attrs)s" thus prints every
// attribute of a slog program. A record attribute or a default named attrs
// takes precedence, as Python would print it.
//
// It differs from Python's in two ways: a malformed %-directive is an error
// at construction even with NoValidate, and a positional directive (%s
// without a name) is rejected, where Python would print the whole record
// dictionary.
type Formatter struct {
	fmt      string
	style    byte
	ops      []formatOp
	tail     string
	usesTime bool
	// usesCaller is set when the format prints a field of the caller.
	usesCaller bool
	// named are the attribute keys the format names, which %(attrs)s
	// leaves out.
	named   []string
	datefmt *pytime.Layout
	opts    FormatterOptions
	msecFmt *pyfmt.Template
	timeFmt *pytime.Layout
	// second caches the default asctime, without its milliseconds, of the
	// last second formatted.
	second atomic.Pointer[secondText]
	// plainTime is set when asctime is Python's default format, which
	// second caches: no datefmt, default time and msec formats.
	plainTime bool
}

// secondText is "2003-07-08 16:49:45" for the Unix second sec.
type secondText struct {
	sec  int64
	text []byte
}

type formatOp struct {
	lit    string
	field  logrecord.Attr
	key    string
	simple bool
	pct    *pyfmt.Directive
	brace  *pyfmt.Field
}

// defaultFormats are Python's default formats per style.
var defaultFormats = map[string]string{"%": "%(message)s", "{": "{message}", "$": "${message}"}

// NewFormatter returns a formatter for format, Python's
// logging.Formatter(fmt, datefmt, style, validate, defaults=...). An empty
// format means "%(message)s" (or its equivalent in the style). nil opts
// means Python's defaults. The error names what is wrong and where.
func NewFormatter(format string, opts *FormatterOptions) (*Formatter, error) {
	f := &Formatter{}
	if opts != nil {
		f.opts = *opts
	}
	style := f.opts.Style
	if style == "" {
		style = "%"
	}
	def, ok := defaultFormats[style]
	if !ok {
		return nil, fmt.Errorf("slogpy: formatter style %q: Style must be one of: %%,{,$", style)
	}
	if format == "" {
		format = def
	}
	f.fmt, f.style = format, style[0]
	f.usesTime = usesTime(format, f.style)
	if err := f.compile(); err != nil {
		if hint := formatHint(format, style[0]); hint != "" {
			return nil, fmt.Errorf("slogpy: formatter %q (style '%s'): %w; %s", format, style, err, hint)
		}
		return nil, fmt.Errorf("slogpy: formatter %q (style '%s'): %w", format, style, err)
	}
	if f.opts.Datefmt != "" {
		l, err := pytime.Compile(f.opts.Datefmt)
		if err != nil {
			return nil, fmt.Errorf("slogpy: formatter datefmt %q: %w", f.opts.Datefmt, err)
		}
		f.datefmt = l
	}
	if err := f.checkNone(); err != nil {
		return nil, err
	}
	if tf := f.opts.DefaultTimeFormat; tf != "" {
		l, err := pytime.Compile(tf)
		if err != nil {
			return nil, fmt.Errorf("slogpy: formatter default time format %q: %w", tf, err)
		}
		f.timeFmt = l
	}
	if mf := f.opts.DefaultMsecFormat; mf != "" {
		t, err := pyfmt.Compile(mf)
		if err != nil {
			return nil, fmt.Errorf("slogpy: formatter default msec format %q: %w", mf, err)
		}
		f.msecFmt = t
	}
	f.plainTime = f.datefmt == nil && f.timeFmt == nil && f.msecFmt == nil && !f.opts.NoDefaultMsecFormat
	return f, nil
}

// checkNone refuses the None default formats where they contradict a
// format given with them, or where CPython would fail on every record.
func (f *Formatter) checkNone() error {
	o := &f.opts
	switch {
	case o.NoDefaultMsecFormat && o.DefaultMsecFormat != "":
		return fmt.Errorf("slogpy: formatter: NoDefaultMsecFormat and DefaultMsecFormat %q both set: keep one", o.DefaultMsecFormat)
	case o.NoDefaultTimeFormat && o.DefaultTimeFormat != "":
		return fmt.Errorf("slogpy: formatter: NoDefaultTimeFormat and DefaultTimeFormat %q both set: keep one", o.DefaultTimeFormat)
	case o.NoDefaultTimeFormat && f.usesTime && o.Datefmt == "" && o.FormatTime == nil:
		return fmt.Errorf("slogpy: formatter %q: NoDefaultTimeFormat (default_time_format = None) without Datefmt: CPython fails on every record (TypeError: strftime() argument 1 must be str, not None); set Datefmt, or DefaultTimeFormat instead", f.fmt)
	}
	return nil
}

// usesTime is CPython's usesTime of each style: a substring test of the
// format, so that "%%(asctime)s" counts although it prints no time.
func usesTime(format string, style byte) bool {
	switch style {
	case '{':
		return strings.Contains(format, "{asctime")
	case '$':
		return strings.Contains(format, "$asctime") || strings.Contains(format, "${asctime}")
	}
	return strings.Contains(format, "%(asctime)")
}

func (f *Formatter) compile() error {
	if !f.opts.NoValidate {
		if err := validate(f.fmt, f.style); err != nil {
			return err
		}
	}
	switch f.style {
	case '%':
		t, err := pyfmt.Compile(f.fmt)
		if err != nil {
			return err
		}
		for i := range t.Directives {
			d := &t.Directives[i]
			if !d.Keyed {
				return fmt.Errorf("directive %d (%%%c) has no (name): a Formatter's fields are named, as %%(message)s", i+1, d.Verb)
			}
			f.ops = append(f.ops, formatOp{lit: d.Literal, key: d.Key, field: logrecord.Lookup(d.Key), simple: d.Simple(), pct: d})
		}
		f.tail = t.Tail
	case '{', '$':
		var t *pyfmt.FieldTemplate
		var err error
		if f.style == '{' {
			t, err = pyfmt.CompileBrace(f.fmt)
		} else {
			t, err = pyfmt.CompileDollar(f.fmt)
		}
		if err != nil {
			return err
		}
		for i := range t.Fields {
			fl := &t.Fields[i]
			f.ops = append(f.ops, formatOp{lit: fl.Literal, key: fl.Name, field: logrecord.Lookup(fl.Name), simple: fl.Simple(), brace: fl})
		}
		f.tail = t.Tail
	}
	for _, op := range f.ops {
		switch op.field {
		case logrecord.Extra:
			switch {
			case op.key == attrsKey:
			case op.brace != nil && op.brace.Access != "":
				f.named = append(f.named, accessPath(op.key, op.brace.Access))
			default:
				f.named = append(f.named, op.key)
			}
		case logrecord.Pathname, logrecord.Filename, logrecord.Module, logrecord.Lineno, logrecord.FuncName:
			f.usesCaller = true
		}
	}
	return nil
}

// String returns the format string, Python's formatter._fmt: the style's
// default ("%(message)s", "{message}", "${message}") for an empty format.
func (f *Formatter) String() string { return f.fmt }

// Datefmt returns the date format given in the options (Python's
// formatter.datefmt; "" for None).
func (f *Formatter) Datefmt() string { return f.opts.Datefmt }

// Style returns the format's style, "%", "{" or "$" (Python's
// formatter._style is the object of the style's class: PercentStyle,
// StrFormatStyle or StringTemplateStyle). [Formatter.String] returns the
// format itself, Python's formatter._fmt.
func (f *Formatter) Style() string { return string(f.style) }

// UsesTime reports whether the format uses the time, as Python's
// Formatter.usesTime: a substring test of the format ("%(asctime)",
// "{asctime", "$asctime" or "${asctime}" by style), true for
// "%%(asctime)s" too, which prints no time.
func (f *Formatter) UsesTime() bool { return f.usesTime }

// Format returns the formatted record, as Python's Formatter.format.
func (f *Formatter) Format(r *Record) (string, error) {
	b, err := f.AppendFormat(nil, r)
	return string(b), err
}

// AppendFormat implements [RecordFormatter]: the message merged with its
// arguments, the fields of the format, then the exception text and the
// stack, each on a new line, as Python's Formatter.format.
func (f *Formatter) AppendFormat(dst []byte, r *Record) ([]byte, error) {
	start := len(dst)
	var err error
	// A message without arguments within its limit is Msg itself: it is
	// appended from Msg, not copied into the record's merged message
	// first (a later reader merges it then).
	plain := r.plainMessage()
	if !plain {
		if _, err = r.message(); err != nil {
			return dst, err
		}
	}
	pre := f.preformatted(r)
	for i := 0; i < len(f.ops); i++ {
		op := &f.ops[i]
		dst = append(dst, op.lit...)
		if pre != nil && pre.has[i] {
			// Formatted once (bound.go): the run of such fields at once,
			// or this one where the record's own attributes may
			// override a bound one.
			if len(r.attrs) == 0 {
				dst = append(dst, pre.run[i]...)
				i = pre.end[i] - 1
				continue
			}
			if !r.ownsAttr(op.key) {
				dst = append(dst, pre.text[i]...)
				continue
			}
		}
		if op.simple {
			// The fields of nearly every format, without a call.
			switch op.field {
			case logrecord.Message:
				if plain {
					dst = append(dst, r.Msg...)
				} else {
					dst = append(dst, r.msg...) // merged above
				}
				continue
			case logrecord.Name:
				dst = append(dst, r.Name...)
				continue
			case logrecord.Levelname:
				dst = append(dst, r.Levelname()...)
				continue
			case logrecord.Asctime:
				if f.opts.FormatTime == nil {
					dst = f.appendTimeDefault(dst, r)
					continue
				}
			}
		}
		if dst, err = f.appendField(dst, op, r); err != nil {
			return dst[:start], err
		}
	}
	dst = append(dst, f.tail...)
	if r.ExcInfo && r.ExcText == "" {
		r.ExcText = f.FormatException(r.Err)
	}
	if r.ExcText != "" {
		dst = newline(dst, start)
		dst = append(dst, r.ExcText...)
	}
	if r.StackInfo != "" {
		dst = newline(dst, start)
		dst = append(dst, f.FormatStack(r.StackInfo)...)
	}
	return dst, nil
}

func newline(dst []byte, start int) []byte {
	if len(dst) == start || dst[len(dst)-1] != '\n' {
		dst = append(dst, '\n')
	}
	return dst
}

// appendField appends one field. Strings and integers that the format prints
// plainly are appended directly; everything else goes through the style's
// formatting of a value.
func (f *Formatter) appendField(dst []byte, op *formatOp, r *Record) ([]byte, error) {
	if op.simple {
		switch op.field {
		case logrecord.Message:
			m, _ := r.message()
			return append(dst, m...), nil
		case logrecord.Asctime:
			return f.appendTime(dst, r), nil
		case logrecord.Name:
			return append(dst, r.Name...), nil
		case logrecord.Levelname:
			return append(dst, r.Levelname()...), nil
		case logrecord.Levelno:
			return strconv.AppendInt(dst, int64(r.Levelno), 10), nil
		case logrecord.Lineno:
			return strconv.AppendInt(dst, int64(r.Lineno()), 10), nil
		case logrecord.FuncName:
			return append(dst, r.FuncName()...), nil
		case logrecord.Filename:
			return append(dst, r.Filename()...), nil
		case logrecord.Module:
			return append(dst, r.Module()...), nil
		case logrecord.Pathname:
			return append(dst, r.Pathname()...), nil
		case logrecord.Extra:
			v, ok := r.Attr(op.key)
			if ok {
				if out, ok := appendPlainValue(dst, v); ok {
					return out, nil
				}
			} else if op.key == attrsKey {
				if _, isDefault := f.opts.Defaults[attrsKey]; !isDefault {
					return f.appendAttrsText(dst, r), nil
				}
			}
		}
	}
	v, ok := f.value(op, r)
	if !ok {
		return dst, fieldNotFound(op.key)
	}
	if op.pct != nil {
		return op.pct.AppendValue(dst, v)
	}
	var err error
	if v, err = op.brace.Resolve(v); err != nil {
		return dst, notFoundError(err)
	}
	if op.brace.Nested != nil {
		return f.appendNested(dst, op, v, r)
	}
	return op.brace.AppendValue(dst, v)
}

// appendNested formats v with the spec of op, whose replacement fields
// ({message:>{width}}) are record attributes too.
func (f *Formatter) appendNested(dst []byte, op *formatOp, v any, r *Record) ([]byte, error) {
	spec, err := op.brace.Nested.Append(nil, func(name string) (any, error) {
		v, ok := f.value(&formatOp{key: name, field: logrecord.Lookup(name)}, r)
		if !ok {
			return nil, fieldNotFound(name)
		}
		return v, nil
	})
	if err != nil {
		return dst, notFoundError(err)
	}
	return op.brace.AppendValueSpec(dst, v, string(spec))
}

// notFoundError turns a KeyError of an index access ({ctx[user]}) into the
// ValueError StrFormatStyle raises for it: "Formatting field not found in
// record: 'user'".
func notFoundError(err error) error {
	var pe *pyfmt.Error
	if errors.As(err, &pe) && pe.Type == "KeyError" {
		return newFieldError(pe.Msg, "")
	}
	return err
}

// value returns the value of a field as Python would see it.
func (f *Formatter) value(op *formatOp, r *Record) (any, bool) {
	switch op.field {
	case logrecord.Name:
		return r.Name, true
	case logrecord.Msg:
		return r.Msg, true
	case logrecord.Args:
		return r.argsValue(), true
	case logrecord.Levelname:
		return r.Levelname(), true
	case logrecord.Levelno:
		return int(r.Levelno), true
	case logrecord.Pathname:
		return r.Pathname(), true
	case logrecord.Filename:
		return r.Filename(), true
	case logrecord.Module:
		return r.Module(), true
	case logrecord.ExcInfo:
		if !r.ExcInfo {
			return nil, true
		}
		return r.Err, true
	case logrecord.ExcText:
		if r.ExcText == "" {
			return nil, true
		}
		return r.ExcText, true
	case logrecord.StackInfo:
		if r.StackInfo == "" {
			return nil, true
		}
		return r.StackInfo, true
	case logrecord.Lineno:
		return r.Lineno(), true
	case logrecord.FuncName:
		return r.FuncName(), true
	case logrecord.Created:
		return r.Created(), true
	case logrecord.Msecs:
		return r.Msecs(), true
	case logrecord.RelativeCreated:
		return r.RelativeCreated(), true
	case logrecord.Thread:
		if r.noThread {
			return nil, true
		}
		return r.Thread(), true
	case logrecord.ThreadName:
		return r.ThreadName(), true
	case logrecord.Process:
		if r.noProcess {
			return nil, true
		}
		return r.Process(), true
	case logrecord.ProcessName:
		return r.ProcessName(), true
	case logrecord.Message:
		m, _ := r.message()
		return string(m), true
	case logrecord.Asctime:
		return string(f.appendTime(nil, r)), true
	}
	if v, ok := r.Attr(op.key); ok {
		return valueAny(v), true
	}
	if v, ok := f.opts.Defaults[op.key]; ok {
		return v, true
	}
	if op.key == attrsKey {
		return string(f.appendAttrsText(nil, r)), true
	}
	return nil, false
}

// appendPlainValue appends str() of a scalar attribute value without boxing
// it; ok is false for the kinds it leaves to the general path.
func appendPlainValue(dst []byte, v slog.Value) ([]byte, bool) {
	switch v.Kind() {
	case slog.KindString:
		return append(dst, v.String()...), true
	case slog.KindInt64:
		return strconv.AppendInt(dst, v.Int64(), 10), true
	case slog.KindUint64:
		return strconv.AppendUint(dst, v.Uint64(), 10), true
	case slog.KindBool:
		if v.Bool() {
			return append(dst, "True"...), true
		}
		return append(dst, "False"...), true
	case slog.KindFloat64:
		return pyfmt.AppendFloatStr(dst, v.Float64()), true
	}
	return dst, false
}

// valueAny converts an attribute value to the Go value that prints like its
// Python counterpart: groups become maps.
func valueAny(v slog.Value) any {
	switch v.Kind() {
	case slog.KindGroup:
		m := make(map[string]any, len(v.Group()))
		for _, a := range v.Group() {
			m[a.Key] = valueAny(a.Value.Resolve())
		}
		return m
	case slog.KindLogValuer:
		return valueAny(v.Resolve())
	}
	return v.Any()
}

func (f *Formatter) appendTime(dst []byte, r *Record) []byte {
	if f.opts.FormatTime != nil {
		return append(dst, f.opts.FormatTime(r, f.opts.Datefmt)...)
	}
	return f.appendTimeDefault(dst, r)
}

func (f *Formatter) appendTimeDefault(dst []byte, r *Record) []byte {
	if f.plainTime && !r.hasCreated && !r.hasMsecs {
		// The default asctime of a logging call's record within the
		// second cached: no zone conversion, no float arithmetic.
		sec := r.Time.Unix()
		if c := f.second.Load(); c != nil && c.sec == sec {
			if ms, ok := pytime.FastMsecs(sec, r.Time.Nanosecond()); ok {
				dst = append(dst, c.text...)
				return append(dst, ',', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
			}
		}
	}
	t := f.converted(r)
	if f.datefmt != nil {
		return f.datefmt.Append(dst, t)
	}
	if f.timeFmt == nil && f.msecFmt == nil && !f.opts.NoDefaultMsecFormat {
		ms, sec := int(r.Msecs()), t.Unix()
		if c := f.second.Load(); c != nil && c.sec == sec && 0 <= ms && ms < 1000 {
			dst = append(dst, c.text...)
			return append(dst, ',', byte('0'+ms/100), byte('0'+ms/10%10), byte('0'+ms%10))
		}
		start := len(dst)
		dst = pytime.AppendDefault(dst, t, ms)
		if len(dst)-start == len("2003-07-08 16:49:45,896") {
			f.second.Store(&secondText{sec: sec, text: append([]byte(nil), dst[start:start+19]...)})
		}
		return dst
	}
	layout := f.timeFmt
	if layout == nil {
		layout = defaultTimeLayout
	}
	if f.opts.NoDefaultMsecFormat {
		return layout.Append(dst, t)
	}
	if f.msecFmt == nil {
		dst = layout.Append(dst, t)
		return fmt.Appendf(dst, ",%03d", int(r.Msecs()))
	}
	s := string(layout.Append(nil, t))
	out, err := pyfmt.Append(dst, f.opts.DefaultMsecFormat, []any{s, r.Msecs()})
	if err != nil {
		return append(dst, s...)
	}
	return out
}

var defaultTimeLayout, _ = pytime.Compile("%Y-%m-%d %H:%M:%S")

// converted is the record's time in the formatter's zone, whole seconds as
// Python's converter (time.localtime(created)) gives them.
func (f *Formatter) converted(r *Record) time.Time {
	t := r.Time
	if r.hasCreated {
		sec := int64(r.created)
		if float64(sec) > r.created {
			sec--
		}
		t = time.Unix(sec, 0)
	}
	if f.opts.UTC {
		return t.In(gmt)
	}
	return t.Local()
}

// gmt is the zone of Python's time.gmtime: glibc names it "GMT".
var gmt = time.FixedZone("GMT", 0)

// FormatTime returns the record's creation time formatted with datefmt, or
// with Python's default when datefmt is empty: Python's formatTime.
func (f *Formatter) FormatTime(r *Record, datefmt string) string {
	if f.opts.FormatTime != nil {
		return f.opts.FormatTime(r, datefmt)
	}
	if datefmt == f.opts.Datefmt {
		return string(f.appendTimeDefault(nil, r))
	}
	l, _ := pytime.Compile(datefmt)
	return string(l.Append(nil, f.converted(r)))
}

// FormatException returns the text for a record's error: Python's
// formatException. The default is fmt's %+v of the error (which prints
// stack traces of errors that carry them), and "NoneType: None" for a nil
// error, as Python prints for logger.exception outside an except block. A
// trailing newline is removed.
func (f *Formatter) FormatException(err error) string {
	var s string
	switch {
	case f.opts.FormatException != nil:
		s = f.opts.FormatException(err)
	case err == nil:
		s = "NoneType: None"
	default:
		s = fmt.Sprintf("%+v", err)
	}
	return strings.TrimSuffix(s, "\n")
}

// FormatStack returns the text for a record's stack: Python's formatStack,
// the stack itself unless FormatterOptions.FormatStack says otherwise.
func (f *Formatter) FormatStack(stack string) string {
	if f.opts.FormatStack != nil {
		return f.opts.FormatStack(stack)
	}
	return stack
}

// A BufferingFormatter formats a batch of records: Python's
// logging.BufferingFormatter. Header and Footer, when set, add text before
// and after a non-empty batch.
type BufferingFormatter struct {
	// Linefmt formats each record; nil means a default Formatter.
	Linefmt RecordFormatter
	// Header and Footer return the text before and after the records.
	Header, Footer func(records []*Record) string
}

// NewBufferingFormatter returns a BufferingFormatter that formats each
// record with linefmt (nil: a default Formatter, "%(message)s").
func NewBufferingFormatter(linefmt RecordFormatter) *BufferingFormatter {
	return &BufferingFormatter{Linefmt: linefmt}
}

// Format returns header, each record formatted, and footer; the empty string
// for no records.
func (b *BufferingFormatter) Format(records []*Record) (string, error) {
	if len(records) == 0 {
		return "", nil
	}
	lf := b.Linefmt
	if lf == nil {
		lf = defaultFormatter
	}
	var out []byte
	if b.Header != nil {
		out = append(out, b.Header(records)...)
	}
	for _, r := range records {
		var err error
		if out, err = lf.AppendFormat(out, r); err != nil {
			return string(out), err
		}
	}
	if b.Footer != nil {
		out = append(out, b.Footer(records)...)
	}
	return string(out), nil
}

// defaultFormatter is Python's _defaultFormatter, "%(message)s".
var defaultFormatter, _ = NewFormatter("", nil)
