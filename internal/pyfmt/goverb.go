package pyfmt

import (
	"fmt"
	"strings"
)

// Go verbs in logging messages. Python's % knows none of v, T, q, t and w
// (format % args raises "unsupported format character"), so a logging
// message may use them as fmt does without changing any output CPython
// produces. Only [AppendLogArgs] and [CountLogArgs] accept them: [Append],
// [Compile] and the formatters keep Python's syntax.

// isGoVerb reports whether c is a fmt verb that Python's % does not know.
func isGoVerb(c byte) bool {
	switch c {
	case 'v', 'T', 'q', 't', 'w':
		return true
	}
	return false
}

// appendGoVerb appends v formatted by fmt with the directive's flags, width
// and precision; %w is %v, as fmt.Errorf's %w prints outside Errorf.
func appendGoVerb(dst []byte, v any, verb byte, flags uint8, width, prec int) []byte {
	var spec [48]byte
	s := append(spec[:0], '%')
	for _, f := range [...]struct {
		bit uint8
		c   byte
	}{{FlagMinus, '-'}, {FlagPlus, '+'}, {FlagSpace, ' '}, {FlagAlt, '#'}, {FlagZero, '0'}} {
		if flags&f.bit != 0 {
			s = append(s, f.c)
		}
	}
	if width >= 0 {
		s = fmt.Append(s, width)
	}
	if prec >= 0 {
		s = fmt.Append(append(s, '.'), prec)
	}
	if verb == 'w' {
		verb = 'v'
	}
	return fmt.Appendf(dst, string(append(s, verb)), v)
}

// HasSpaceFlag reports whether msg has a % directive with the space flag
// right after its % ("90% full" reads "% f", "50% of" "% o"): in a logging
// message, usually a literal % that Python reads as a directive.
func HasSpaceFlag(msg string) bool {
	for i := 0; i+1 < len(msg); i++ {
		if msg[i] != '%' {
			continue
		}
		if msg[i+1] == ' ' {
			return true
		}
		if msg[i+1] == '%' {
			i++
		}
	}
	return false
}

// CountLogArgs returns how many positional arguments the directives of a
// logging message take (a "*" width or precision takes one more, "%%"
// none, a Go verb one), stopping once the count reaches limit. ok is false
// when the count cannot say which arguments are surplus: the message has a
// %(key)s directive (its arguments must be a mapping) or a syntax error,
// which Python reports first.
func CountLogArgs(msg string, limit int) (n int, ok bool) {
	for i := 0; i < len(msg); i++ {
		j := strings.IndexByte(msg[i:], '%')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(msg) {
			// The common directives, a conversion character alone, without
			// the cost of scanDirective.
			switch c := msg[i+1]; {
			case c == '%':
				i++
				continue
			case logVerb[c]:
				i++
				if n++; n >= limit {
					return n, true
				}
				continue
			}
		}
		d, next, serr := scanDirective(msg, i+1)
		if serr == scanUnsupported && isGoVerb(d.Verb) {
			serr = scanOK
		}
		if serr != scanOK || d.Keyed {
			return n, false
		}
		i = next - 1
		if d.Verb == '%' {
			continue
		}
		n++
		if d.WidthStar {
			n++
		}
		if d.PrecStar {
			n++
		}
		if n >= limit {
			return n, true
		}
	}
	return n, true
}

// logVerb marks the conversion characters of a logging message: Python's
// and the Go verbs.
var logVerb = func() (t [256]bool) {
	for c := range t {
		t[c] = isVerb(byte(c)) || isGoVerb(byte(c))
	}
	return t
}()
