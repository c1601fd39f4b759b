package pyfmt

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// CompileDollar parses a string.Template format string: $name and ${name}
// are replaced by the value of name, and $$ is a literal $. Names are ASCII
// identifiers, as with Template's default idpattern. Any other $ is
// reported with CPython's message, such as "ValueError: Invalid placeholder
// in string: line 1, col 5".
//
// The fields of the result have no conversion and no format spec: their
// AppendValue appends str(v), as Template.substitute does.
func CompileDollar(format string) (*FieldTemplate, error) {
	t := new(FieldTemplate)
	var lit []byte
	i, n := 0, len(format)
	for {
		j := strings.IndexByte(format[i:], '$')
		if j < 0 {
			break
		}
		lit = append(lit, format[i:i+j]...)
		k := i + j + 1 // just after the '$'
		var name string
		switch {
		case k < n && format[k] == '$':
			lit = append(lit, '$')
			i = k + 1
			continue
		case k < n && isIdentStart(format[k]):
			i = identEnd(format, k)
			name = format[k:i]
		case k+1 < n && format[k] == '{' && isIdentStart(format[k+1]):
			e := identEnd(format, k+1)
			if e >= n || format[e] != '}' {
				return nil, invalidPlaceholder(format, k)
			}
			name = format[k+1 : e]
			i = e + 1
		default:
			return nil, invalidPlaceholder(format, k)
		}
		t.Fields = append(t.Fields, Field{Literal: string(lit), Name: name, parsed: true, spec: formatSpec{width: -1, prec: -1}})
		lit = lit[:0]
	}
	t.Tail = string(append(lit, format[i:]...))
	return t, nil
}

func isIdentStart(c byte) bool {
	return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func identEnd(s string, i int) int {
	for i < len(s) && (isIdentStart(s[i]) || isDigit(s[i])) {
		i++
	}
	return i
}

// invalidPlaceholder returns the error of Template._invalid for a '$' just
// before format[k]: line and column are counted in code points, with lines
// split as str.splitlines splits them.
func invalidPlaceholder(format string, k int) error {
	s := format[:k]
	line, idx, lineStart := 1, 0, 0
	for pos := 0; pos < len(s); {
		r, size := utf8.DecodeRuneInString(s[pos:])
		pos += size
		idx++
		switch r {
		case '\r':
			if pos < len(s) && s[pos] == '\n' {
				pos++
				idx++
			}
			fallthrough
		case '\n', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
			line++
			lineStart = idx
		}
	}
	return valueError("Invalid placeholder in string: line " + strconv.Itoa(line) + ", col " + strconv.Itoa(idx-lineStart))
}
