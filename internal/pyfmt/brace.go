package pyfmt

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FieldTemplate is a compiled str.format or string.Template format string:
// a sequence of replacement fields, each with the literal text before it,
// and the literal text after the last one. A FieldTemplate is immutable and
// safe for concurrent use.
type FieldTemplate struct {
	Fields []Field
	// Tail is the literal text after the last field, with escapes ("{{",
	// "}}", "$$") resolved.
	Tail string
}

// Field is one replacement field, such as {name!r:>10} or ${name}.
type Field struct {
	// Literal is the literal text before the field, with escapes resolved.
	Literal string
	// Name is the field name, a key of the keyword arguments: the part of
	// the field name before any attribute or index access.
	Name string
	// Access is the rest of the field name, the attribute and index access
	// applied to the value of Name ("[0]", ".Op", "[user][0]"), or "". See
	// [Field.Resolve].
	Access string
	// Conv is the conversion: 0 for none, or 's', 'r' or 'a'.
	Conv byte
	// Spec is the format spec as written after the ':'.
	Spec string
	// Nested is Spec compiled, when it holds replacement fields
	// ({a:{w}.{p}f}): the spec is Nested formatted with the values of its
	// fields, see [Field.AppendValueSpec]. Nil otherwise.
	Nested *FieldTemplate

	spec   formatSpec  // Spec, parsed
	parsed bool        // spec is set
	access fieldAccess // Access, parsed
}

// CompileBrace parses a str.format format string, for formatting with
// keyword arguments only, as in fmt.format(**mapping). Syntax errors are
// returned with CPython's message, such as "ValueError: Single '}'
// encountered in format string". Positional fields ({} or {0}) cannot be
// formatted without positional arguments, so the first one is reported with
// the error CPython raises when formatting it: "IndexError: Replacement index
// 0 out of range for positional args tuple". Field names may have attribute
// and index access ({a.b}, {a[0]}), applied when formatting (see
// [Field.Resolve]), whose errors are reported then, as CPython reports
// them. A format spec may hold replacement fields ({a:>{w}}), one level
// deep as in CPython ("Max string recursion exceeded" otherwise); see
// [Field.Nested]. Errors in a format spec are reported by
// [Field.AppendValue], as CPython reports them when formatting.
func CompileBrace(format string) (*FieldTemplate, error) {
	t := new(FieldTemplate)
	var lit []byte
	i := 0
	for {
		j := strings.IndexAny(format[i:], "{}")
		if j < 0 {
			break
		}
		lit = append(lit, format[i:i+j]...)
		c := format[i+j]
		i += j + 1
		if c == '}' {
			if i >= len(format) || format[i] != '}' {
				return nil, valueError("Single '}' encountered in format string")
			}
			lit = append(lit, '}')
			i++
			continue
		}
		if i >= len(format) {
			return nil, valueError("Single '{' encountered in format string")
		}
		if format[i] == '{' {
			lit = append(lit, '{')
			i++
			continue
		}
		f, next, err := parseField(format, i)
		if err != nil {
			return nil, err
		}
		i = next
		f.Literal = string(lit)
		lit = lit[:0]
		t.Fields = append(t.Fields, f)
	}
	t.Tail = string(append(lit, format[i:]...))
	return t, nil
}

// parseField parses the replacement field that starts at format[i], just
// after a '{', as CPython's parse_field does. Then it checks the field name
// and the conversion, which CPython does when it formats the field.
func parseField(format string, i int) (f Field, next int, err error) {
	start, n := i, len(format)
	var c byte
name:
	for i < n {
		c = format[i]
		i++
		switch c {
		case '{':
			return f, i, valueError("unexpected '{' in field name")
		case '[':
			for i < n && format[i] != ']' {
				i++
			}
		case '}', ':', '!':
			break name
		}
	}
	f.Name = format[start : i-1]
	var conv rune
	nested := false
	switch c {
	case '}':
	case ':', '!':
		if c == '!' {
			if i >= n {
				return f, i, valueError("end of string while looking for conversion specifier")
			}
			conv = decodeChar(format[i:])
			_, size := utf8.DecodeRuneInString(format[i:])
			i += size
			if i < n {
				c = format[i]
				i++
				if c == '}' {
					break
				}
				if c != ':' {
					return f, i, valueError("expected ':' after conversion specifier")
				}
			}
		}
		specStart, depth := i, 1
		for ; depth > 0 && i < n; i++ {
			switch format[i] {
			case '{':
				nested = true
				depth++
			case '}':
				depth--
			}
		}
		if depth > 0 {
			return f, i, valueError("unmatched '{' in format spec")
		}
		f.Spec = format[specStart : i-1]
	default:
		return f, i, valueError("expected '}' before end of string")
	}
	if err := checkFieldName(f.Name); err != nil {
		return f, i, err
	}
	if k := strings.IndexAny(f.Name, ".["); k >= 0 {
		f.Name, f.Access = f.Name[:k], f.Name[k:]
		f.access = parseAccess(f.Access)
	}
	switch conv {
	case 0, 's', 'r', 'a':
		f.Conv = byte(conv)
	default:
		return f, i, valueError("Unknown conversion specifier " + quoteCode(conv, 127))
	}
	if nested {
		t, err := CompileBrace(f.Spec)
		if err != nil {
			return f, i, err
		}
		for _, nf := range t.Fields {
			if nf.Nested != nil {
				return f, i, valueError("Max string recursion exceeded")
			}
		}
		f.Nested = t
		return f, i, nil
	}
	f.spec, f.parsed = parseSpec(f.Spec), true
	return f, i, nil
}

// checkFieldName rejects what a field name cannot be when formatting with
// keyword arguments only: a positional field, which CPython reports as an
// IndexError.
func checkFieldName(name string) error {
	first := name
	if k := strings.IndexAny(name, ".["); k >= 0 {
		first = name[:k]
	}
	if first == "" {
		return indexError(0)
	}
	if index, ok := fieldIndex(first); ok {
		if index < 0 {
			return errTooManyDigits
		}
		return indexError(index)
	}
	return nil
}

// fieldIndex reports whether name is a number, and returns its value, or
// -1 if it is too big, as CPython's get_integer does.
func fieldIndex(name string) (int64, bool) {
	var v int64
	for i := 0; i < len(name); i++ {
		if !isDigit(name[i]) {
			return 0, false
		}
		d := int64(name[i] - '0')
		if v > (math.MaxInt64-d)/10 {
			v = -1
			for ; i < len(name); i++ {
				if !isDigit(name[i]) {
					return 0, false
				}
			}
			return v, true
		}
		v = v*10 + d
	}
	return v, true
}

func indexError(index int64) error {
	return &Error{"IndexError", "Replacement index " + strconv.FormatInt(index, 10) + " out of range for positional args tuple"}
}

// Append appends t formatted with the values lookup returns for its field
// names, as str.format(**mapping) when lookup reads a mapping (and returns
// a KeyError for a missing name): each field's value is looked up, then its
// nested spec, if any, is formatted, then the value is formatted with it.
// On error, what was appended so far is returned with it.
func (t *FieldTemplate) Append(dst []byte, lookup func(name string) (any, error)) ([]byte, error) {
	var err error
	for i := range t.Fields {
		f := &t.Fields[i]
		dst = append(dst, f.Literal...)
		if dst, err = t.appendField(dst, f, lookup); err != nil {
			return dst, err
		}
	}
	return append(dst, t.Tail...), nil
}

// appendField looks up the value of f, formats its nested spec if it has
// one, and appends the value formatted with it.
func (t *FieldTemplate) appendField(dst []byte, f *Field, lookup func(name string) (any, error)) ([]byte, error) {
	v, err := lookup(f.Name)
	if err == nil {
		v, err = f.Resolve(v)
	}
	if err != nil {
		return dst, err
	}
	if f.Nested == nil {
		return f.AppendValue(dst, v)
	}
	spec, err := f.Nested.Append(nil, lookup)
	if err != nil {
		return dst, err
	}
	return f.AppendValueSpec(dst, v, string(spec))
}

// Simple reports whether f has no access, no format spec and no conversion
// other than !s, so that formatting the value of its Name with it is just
// [AppendStr].
func (f *Field) Simple() bool {
	return f.Access == "" && f.Spec == "" && (f.Conv == 0 || f.Conv == 's')
}

// AppendValue appends v formatted as the field f: converted by f.Conv (str,
// repr or ascii), then formatted with f.Spec as Python's format(value, spec)
// does. On error, dst is returned unchanged. The name and access of f are
// not used: v is the value to format, after [Field.Resolve].
func (f *Field) AppendValue(dst []byte, v any) ([]byte, error) {
	if f.parsed || f.Spec == "" {
		return f.appendValue(dst, v, &f.spec, f.Spec)
	}
	p := parseSpec(f.Spec)
	return f.appendValue(dst, v, &p, f.Spec)
}

// AppendValueSpec is AppendValue with spec in place of f.Spec: the spec a
// field with [Field.Nested] gets once its nested fields are formatted.
func (f *Field) AppendValueSpec(dst []byte, v any, spec string) ([]byte, error) {
	p := parseSpec(spec)
	return f.appendValue(dst, v, &p, spec)
}

func (f *Field) appendValue(dst []byte, v any, s *formatSpec, spec string) ([]byte, error) {
	if f.Conv == 0 {
		return appendFormat(dst, v, s, spec)
	}
	start := len(dst)
	var err error
	switch f.Conv {
	case 's':
		dst, err = appendStr(dst, v)
	case 'r':
		dst, err = appendRepr(dst, v)
	case 'a':
		dst, err = appendASCII(dst, v)
	default:
		return dst, valueError("Unknown conversion specifier " + quoteCode(rune(f.Conv), 127))
	}
	if err != nil || spec == "" {
		return dst, err
	}
	r, err := s.resolveStr(spec)
	if err != nil {
		return dst[:start], err
	}
	return padInPlace(dst, start, &r), nil
}
