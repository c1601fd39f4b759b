package slogpy

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// The patterns of CPython's PercentStyle, StrFormatStyle and
// StringTemplateStyle validation (logging/__init__.py, string.Template).
var (
	percentField   = regexp.MustCompile(`(?i)%\(\w+\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxefgcrsa%]`)
	braceFieldName = regexp.MustCompile(`^(\d+|\w+)(\.\w+|\[[^]]+\])*$`)
	braceFmtSpec   = regexp.MustCompile(`(?i)^(.?[<>=^])?[+ -]?#?0?(\d+|{\w+})?[,_]?(\.(\d+|{\w+}))?[bcdefgnosx%]?$`)
	dollarField    = regexp.MustCompile(`(?i)\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|())`)
)

// validate is Python's Formatter validation (validate=True) for the style,
// run on the format string before it is compiled, so that the errors are
// CPython's.
func validate(format string, style byte) error {
	switch style {
	case '%':
		if !percentField.MatchString(format) {
			return fmt.Errorf("ValueError: Invalid format '%s' for '%%' style", format)
		}
	case '$':
		fields := 0
		for _, m := range dollarField.FindAllStringSubmatch(format, -1) {
			switch {
			case m[2] != "" || m[3] != "":
				fields++
			case m[0] == "$":
				return errors.New("ValueError: invalid format: bare '$' not allowed")
			}
		}
		if fields == 0 {
			return errors.New("ValueError: invalid format: no fields")
		}
	case '{':
		return validateBrace(format)
	}
	return nil
}

// validateBrace is StrFormatStyle.validate: every field name, conversion and
// spec must be of the accepted forms, and there must be a named field.
// Unbalanced braces are left to the compiler, whose messages are those of
// CPython's parser.
func validateBrace(format string) error {
	fields := 0
	for i := 0; i < len(format); i++ {
		switch format[i] {
		case '}':
			if i+1 < len(format) && format[i+1] == '}' {
				i++
				continue
			}
			return nil
		case '{':
			if i+1 < len(format) && format[i+1] == '{' {
				i++
				continue
			}
			depth, j := 1, i+1
			for ; j < len(format) && depth > 0; j++ {
				switch format[j] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			if depth > 0 {
				return nil
			}
			name, conv, spec := splitBraceField(format[i+1 : j-1])
			if name != "" {
				if !braceFieldName.MatchString(name) {
					return fmt.Errorf("ValueError: invalid format: invalid field name/expression: %s", pyfmt.AppendRepr(nil, name))
				}
				fields++
			}
			if conv != "" && conv != "r" && conv != "s" && conv != "a" {
				return fmt.Errorf("ValueError: invalid format: invalid conversion: %s", pyfmt.AppendRepr(nil, conv))
			}
			if spec != "" && !braceFmtSpec.MatchString(spec) {
				return fmt.Errorf("ValueError: invalid format: bad specifier: %s", pyfmt.AppendRepr(nil, spec))
			}
			i = j - 1
		}
	}
	if fields == 0 {
		return errors.New("ValueError: invalid format: no fields")
	}
	return nil
}

// splitBraceField splits "name!c:spec" as CPython's parser does: the name
// ends at the first '!' or ':' outside square brackets.
func splitBraceField(f string) (name, conv, spec string) {
	bracket := 0
	for i := 0; i < len(f); i++ {
		switch c := f[i]; {
		case c == '[':
			bracket++
		case c == ']' && bracket > 0:
			bracket--
		case (c == '!' || c == ':') && bracket == 0:
			name, rest := f[:i], f[i:]
			if rest[0] == '!' {
				if len(rest) >= 2 {
					conv = rest[1:2]
					rest = rest[2:]
				} else {
					rest = ""
				}
			}
			if len(rest) > 0 && rest[0] == ':' {
				spec = rest[1:]
			}
			return name, conv, spec
		}
	}
	return f, "", ""
}
