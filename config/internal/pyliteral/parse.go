// Package pyliteral parses the Python literals of fileConfig's args=,
// kwargs= and defaults= options without evaluating anything.
package pyliteral

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slogpy/slogpy/config/internal/pyvalue"
)

// The fileConfig args=, kwargs= and defaults= values are Python
// expressions that CPython evaluates with eval in the namespace of the
// logging module, so a configuration file can run any code. Here they are
// parsed, never evaluated, by this parser of Python literals: numbers,
// strings (with prefixes r, u and b-less escapes, adjacent ones joined),
// True, False, None, tuples, lists and dicts, arithmetic on numbers
// (+ - * / // % **, as "10*1024*1024"), and dotted names the resolver
// knows (sys.stdout, sys.stderr, DEBUG, handlers.SYSLOG_UDP_PORT…).
// Function calls, attribute access on anything else, subscripts,
// comprehensions, lambdas, f-strings and unknown names are errors.

// MaxLen and maxDepth bound the input.
const (
	MaxLen   = 1 << 16
	maxDepth = 64
)

type litParser struct {
	src     string
	pos     int
	depth   int
	resolve func(name string) (any, bool)
	known   func(name string) string
}

// literalError is an error in a Python literal at a column (1-based).
type literalError struct {
	col int
	msg string
}

func (e *literalError) Error() string { return fmt.Sprintf("column %d: %s", e.col, e.msg) }

// Parse parses src as a Python literal expression. resolve returns the
// value of a dotted name; known lists, for an error message, the names
// resolve knows, nearest to name first. Integers are int64, other numbers
// float64, strings string, tuples and lists []any, dicts map[string]any.
func Parse(src string, resolve func(string) (any, bool), known func(name string) string) (v any, err error) {
	if len(src) > MaxLen {
		return nil, fmt.Errorf("expression longer than %d bytes", MaxLen)
	}
	if !utf8.ValidString(src) {
		return nil, errors.New("expression is not valid UTF-8")
	}
	p := &litParser{src: src, resolve: resolve, known: known}
	v, err = p.expr()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos < len(p.src) {
		return nil, p.errf("unexpected %q after the expression", p.peekToken())
	}
	return v, nil
}

func (p *litParser) errf(format string, args ...any) error {
	col := utf8.RuneCountInString(p.src[:min(p.pos, len(p.src))]) + 1
	return &literalError{col: col, msg: fmt.Sprintf(format, args...)}
}

// space skips blanks, newlines (the value spans lines in an INI file) and
// comments.
func (p *litParser) space() {
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			p.pos++
		case c == '\\' && p.pos+1 < len(p.src) && p.src[p.pos+1] == '\n':
			p.pos += 2
		case c == '#':
			for p.pos < len(p.src) && p.src[p.pos] != '\n' {
				p.pos++
			}
		default:
			return
		}
	}
}

func (p *litParser) peekToken() string {
	rest := p.src[p.pos:]
	if len(rest) > 12 {
		rest = rest[:12]
	}
	return rest
}

// accept consumes op if it comes next.
func (p *litParser) accept(op string) bool {
	p.space()
	if strings.HasPrefix(p.src[p.pos:], op) {
		p.pos += len(op)
		return true
	}
	return false
}

func (p *litParser) enter() error {
	p.depth++
	if p.depth > maxDepth {
		return p.errf("expression nested more than %d deep", maxDepth)
	}
	return nil
}

// expr := term (('+'|'-') term)*
func (p *litParser) expr() (any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	left, err := p.term()
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		start := p.pos
		var op string
		switch {
		case p.accept("+"):
			op = "+"
		case p.accept("-"):
			op = "-"
		default:
			return left, p.checkForbidden()
		}
		right, err := p.term()
		if err != nil {
			return nil, err
		}
		if left, err = arith(op, left, right); err != nil {
			p.pos = start
			return nil, p.errf("%v", err)
		}
	}
}

// checkForbidden reports the constructs this parser refuses where an
// operator could follow.
func (p *litParser) checkForbidden() error {
	p.space()
	rest := p.src[p.pos:]
	for _, kw := range []string{"if", "for", "and", "or", "not", "in", "is", "lambda"} {
		if strings.HasPrefix(rest, kw) && (len(rest) == len(kw) || !isNameChar(rune(rest[len(kw)]))) {
			if kw == "for" {
				return p.errf("comprehensions are not allowed: only literal values")
			}
			return p.errf("%q expressions are not allowed: only literal values (strings, numbers, tuples, lists, dicts, True, False, None)", kw)
		}
	}
	for _, op := range []string{"==", "!=", "<", ">", "&", "|", "^", "@", ":=", "~"} {
		if strings.HasPrefix(rest, op) {
			return p.errf("operator %q is not allowed: only literal values and arithmetic", op)
		}
	}
	return nil
}

// term := factor (('*'|'/'|'//'|'%') factor)*
func (p *litParser) term() (any, error) {
	left, err := p.factor()
	if err != nil {
		return nil, err
	}
	for {
		p.space()
		start := p.pos
		var op string
		switch {
		case strings.HasPrefix(p.src[p.pos:], "**"):
			return left, nil
		case p.accept("//"):
			op = "//"
		case p.accept("*"):
			op = "*"
		case p.accept("/"):
			op = "/"
		case p.accept("%"):
			op = "%"
		default:
			return left, nil
		}
		right, err := p.factor()
		if err != nil {
			return nil, err
		}
		if left, err = arith(op, left, right); err != nil {
			p.pos = start
			return nil, p.errf("%v", err)
		}
	}
}

// factor := ('-'|'+') factor | power, as Python's: -2**2 is -(2**2).
func (p *litParser) factor() (any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	p.space()
	start := p.pos
	switch {
	case p.accept("-"):
		v, err := p.factor()
		if err != nil {
			return nil, err
		}
		if _, ok := litFloat(v); !ok {
			p.pos = start
			return nil, p.errf("bad operand for unary -: %s", pyvalue.Describe(v))
		}
		if f, ok := v.(float64); ok {
			return -f, nil
		}
		return arith("-", int64(0), v)
	case p.accept("+"):
		v, err := p.factor()
		if err != nil {
			return nil, err
		}
		if _, ok := litFloat(v); !ok {
			p.pos = start
			return nil, p.errf("bad operand for unary +: %s", pyvalue.Describe(v))
		}
		return v, nil
	}
	return p.power()
}

// power := atom ['**' factor]
func (p *litParser) power() (any, error) {
	left, err := p.atom()
	if err != nil {
		return nil, err
	}
	p.space()
	start := p.pos
	if p.accept("**") {
		right, err := p.factor()
		if err != nil {
			return nil, err
		}
		if left, err = arith("**", left, right); err != nil {
			p.pos = start
			return nil, p.errf("%v", err)
		}
	}
	return left, nil
}

func (p *litParser) atom() (any, error) {
	p.space()
	if p.pos >= len(p.src) {
		return nil, p.errf("unexpected end of expression")
	}
	c := p.src[p.pos]
	switch {
	case c == '(':
		p.pos++
		items, trailing, err := p.items(")")
		if err != nil {
			return nil, err
		}
		if len(items) == 1 && !trailing {
			return items[0], p.noCall()
		}
		return items, p.noCall()
	case c == '[':
		p.pos++
		items, _, err := p.items("]")
		if err != nil {
			return nil, err
		}
		return items, p.noCall()
	case c == '{':
		p.pos++
		return p.dict()
	case c >= '0' && c <= '9' || c == '.' && p.pos+1 < len(p.src) && p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9':
		return p.number()
	case c == '\'' || c == '"':
		return p.strings()
	}
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	if isNameStart(r) {
		// A string prefix (r'', u'', b'', f'')?
		if q := p.stringPrefixLen(); q > 0 {
			return p.strings()
		}
		return p.name()
	}
	return nil, p.errf("unexpected %q", p.peekToken())
}

// noCall refuses a call or subscript applied to a value: ("a")(), [1][0].
func (p *litParser) noCall() error {
	p.space()
	if p.pos < len(p.src) {
		switch p.src[p.pos] {
		case '(':
			return p.errf("function calls are not allowed")
		case '[':
			return p.errf("subscripts are not allowed")
		case '.':
			if p.pos+1 < len(p.src) && !(p.src[p.pos+1] >= '0' && p.src[p.pos+1] <= '9') {
				return p.errf("attribute access is not allowed here")
			}
		}
	}
	return nil
}

// items parses comma-separated expressions up to close; trailing reports a
// trailing comma.
func (p *litParser) items(close string) ([]any, bool, error) {
	if err := p.enter(); err != nil {
		return nil, false, err
	}
	defer func() { p.depth-- }()
	items := []any{}
	trailing := false
	for {
		if p.accept(close) {
			return items, trailing, nil
		}
		if p.pos >= len(p.src) {
			return nil, false, p.errf("missing %q", close)
		}
		v, err := p.expr()
		if err != nil {
			return nil, false, err
		}
		items = append(items, v)
		trailing = false
		if p.accept(",") {
			trailing = true
			continue
		}
		p.space()
		if p.accept(close) {
			return items, false, nil
		}
		if p.pos >= len(p.src) {
			return nil, false, p.errf("missing %q", close)
		}
		if p.src[p.pos] == ':' {
			return nil, false, p.errf("unexpected ':' (slices and annotations are not allowed)")
		}
		if p.pos+3 <= len(p.src) && p.src[p.pos:p.pos+3] == "for" {
			return nil, false, p.errf("comprehensions are not allowed")
		}
		return nil, false, p.errf("expected ',' or %q, found %q", close, p.peekToken())
	}
}

// dict parses {key: value, …}; keys must be strings.
func (p *litParser) dict() (any, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	out := map[string]any{}
	for {
		if p.accept("}") {
			return out, p.noCall()
		}
		if p.pos >= len(p.src) {
			return nil, p.errf("missing '}'")
		}
		if p.accept("**") {
			return nil, p.errf("dict unpacking (**) is not allowed")
		}
		p.space()
		kpos := p.pos
		k, err := p.expr()
		if err != nil {
			return nil, err
		}
		key, ok := k.(string)
		if !ok {
			p.pos = kpos
			return nil, p.errf("dict keys must be strings, got %s", pyvalue.Describe(k))
		}
		if !p.accept(":") {
			if p.accept(",") || p.accept("}") {
				return nil, p.errf("sets are not allowed (a dict needs key: value)")
			}
			return nil, p.errf("expected ':' after the dict key")
		}
		v, err := p.expr()
		if err != nil {
			return nil, err
		}
		out[key] = v
		if p.accept(",") {
			continue
		}
		if p.accept("}") {
			return out, p.noCall()
		}
		return nil, p.errf("expected ',' or '}', found %q", p.peekToken())
	}
}

func isNameStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isNameChar(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) }

func (p *litParser) ident() string {
	start := p.pos
	for p.pos < len(p.src) {
		r, size := utf8.DecodeRuneInString(p.src[p.pos:])
		if !isNameChar(r) {
			break
		}
		p.pos += size
	}
	return p.src[start:p.pos]
}

// name parses True, False, None or a dotted name the resolver knows.
func (p *litParser) name() (any, error) {
	start := p.pos
	parts := []string{p.ident()}
	for {
		save := p.pos
		p.space()
		if p.pos < len(p.src) && p.src[p.pos] == '.' {
			p.pos++
			p.space()
			r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
			if !isNameStart(r) {
				return nil, p.errf("expected a name after '.'")
			}
			parts = append(parts, p.ident())
			continue
		}
		p.pos = save
		break
	}
	full := strings.Join(parts, ".")
	if len(parts) == 1 {
		switch full {
		case "True":
			return true, p.noCall()
		case "False":
			return false, p.noCall()
		case "None":
			return nil, p.noCall()
		case "lambda", "not", "await", "yield":
			p.pos = start
			return nil, p.errf("%q is not allowed: only literal values", full)
		}
	}
	p.space()
	if p.pos < len(p.src) && p.src[p.pos] == '(' {
		p.pos = start
		return nil, p.errf("function calls are not allowed: %s(…) would run code", full)
	}
	if p.pos < len(p.src) && p.src[p.pos] == '[' {
		p.pos = start
		return nil, p.errf("subscripts are not allowed: %s[…]", full)
	}
	if strings.Contains(full, "__") {
		p.pos = start
		return nil, p.errf("name %s is not allowed", full)
	}
	if v, ok := p.resolve(full); ok {
		return v, nil
	}
	p.pos = start
	if len(parts) > 1 {
		return nil, p.errf("attribute access is not allowed: %s is not one of the known names (%s)", full, p.known(full))
	}
	return nil, p.errf("unknown name %s (known: True, False, None, %s)", full, p.known(full))
}
