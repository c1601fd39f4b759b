package pyfmt

import (
	"math"
	"reflect"
	"strings"
	"unicode/utf8"
)

// Flags of a [Directive], as in CPython's unicode_format_arg_t.
const (
	FlagMinus = 1 << iota // '-': pad on the right
	FlagPlus              // '+': write a sign before a positive number
	FlagSpace             // ' ': write a space before a positive number
	FlagAlt               // '#': alternate form (0x, 0o prefixes; keep the point)
	FlagZero              // '0': pad numbers with zeros
)

// maxWidth bounds widths and precisions; see the package documentation.
const maxWidth = 1_000_000

// Template is a compiled %-format string: a sequence of directives, each
// with the literal text before it, and the literal text after the last one.
// A Template is immutable and safe for concurrent use.
type Template struct {
	Directives []Directive
	// Tail is the literal text after the last directive, with "%%" resolved.
	Tail string
}

// Directive is one conversion specification of a %-format string, such as
// "%-10s" or "%(name)s".
type Directive struct {
	// Literal is the literal text before the directive, with "%%" resolved.
	Literal string
	// Key is the mapping key of %(key)s, when Keyed is set.
	Key   string
	Keyed bool
	// Flags is a combination of FlagMinus, FlagPlus, FlagSpace, FlagAlt and
	// FlagZero.
	Flags uint8
	// Width is the minimum field width, or -1 if there is none.
	Width int
	// Prec is the precision, or -1 if there is none.
	Prec int
	// WidthStar and PrecStar are set for "*" width and precision, which
	// take their values from the arguments.
	WidthStar bool
	PrecStar  bool
	// Verb is the conversion character: one of s r a d i u o x X e E f F g G c.
	Verb byte
}

// Compile parses a %-format string. Syntax errors are returned with
// CPython's message, such as "ValueError: incomplete format" or
// "ValueError: unsupported format character 'y' (0x79) at index 3".
// Errors that depend on the arguments, such as "TypeError: format requires
// a mapping", are left to formatting.
func Compile(format string) (*Template, error) {
	t := new(Template)
	var lit []byte
	i := 0
	for {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			break
		}
		lit = append(lit, format[i:i+j]...)
		d, next, serr := scanDirective(format, i+j+1)
		if serr != scanOK {
			return nil, scanError(format, serr, next)
		}
		i = next
		if d.Verb == '%' {
			lit = append(lit, '%')
			continue
		}
		d.Literal = string(lit)
		lit = lit[:0]
		t.Directives = append(t.Directives, d)
	}
	t.Tail = string(append(lit, format[i:]...))
	return t, nil
}

// Simple reports whether d is a plain %s or %(key)s, with no flags, width
// or precision, so that formatting a value with it is just [AppendStr].
func (d *Directive) Simple() bool {
	return d.Verb == 's' && d.Flags == 0 && d.Width < 0 && d.Prec < 0 && !d.WidthStar && !d.PrecStar
}

// AppendValue appends v formatted as the directive d and returns the
// extended buffer. The key of d is not used: v is the value to format. On
// error, dst is returned unchanged.
//
// A "*" width or precision takes an argument, so it cannot be used with a
// single value. AppendValue then fails as CPython does for a %(key)*s
// directive: with "TypeError: * wants int" if v is not an int, else with
// "TypeError: not enough arguments for format string".
func (d *Directive) AppendValue(dst []byte, v any) ([]byte, error) {
	if d.WidthStar || d.PrecStar {
		if _, err := starArg(v, !d.WidthStar); err != nil {
			return dst, err
		}
		return dst, errNotEnoughArgs
	}
	if !isVerb(d.Verb) {
		return dst, valueError("unsupported format character " + quoteVerb(rune(d.Verb)))
	}
	if d.Width > maxWidth {
		return dst, errWidthTooBig
	}
	if d.Prec > maxWidth {
		return dst, errPrecTooBig
	}
	return appendArg(dst, v, d.Verb, d.Flags, d.Width, d.Prec)
}

// Sprintf returns format % args, as Python computes it. See [Append].
func Sprintf(format string, args ...any) (string, error) {
	b, err := Append(nil, format, args)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Append appends format % args to dst, as Python computes it, and returns
// the extended buffer. On error, dst is returned unchanged.
//
// args is the right operand of % as a tuple. If it holds exactly one value
// and that value is a Go map, the map is the right operand instead, as in
// format % mapping: %(key)s directives look keys up in it, and a plain %s
// formats the map itself. Keys are looked up as strings; a map whose key
// type is neither a string kind nor an interface has none of them.
//
// Errors are those of CPython, in the same order.
func Append(dst []byte, format string, args []any) ([]byte, error) {
	return appendOperand(dst, format, args, len(args) == 1 && isMapping(args[0]), false)
}

// AppendLogArgs is Append with the operand a LogRecord makes of a logging
// call's arguments: a single mapping is the operand only if it is not
// empty, as LogRecord unwraps args only then; a single empty mapping stays
// the tuple ({},), so that "hi" % ({},) fails with "not all arguments
// converted during string formatting" as in Python.
//
// A logging message may also use fmt's verbs that Python's % does not know
// (%v, %+v, %#v, %T, %q, %t, and %w as %v): they format their argument as
// fmt does, with the directive's flags, width and precision, where Python
// raises "unsupported format character".
func AppendLogArgs(dst []byte, format string, args []any) ([]byte, error) {
	return appendOperand(dst, format, args, IsLogMapping(args), true)
}

// IsLogMapping reports whether a LogRecord's args are a mapping rather than
// a tuple: one non-empty Go map.
func IsLogMapping(args []any) bool {
	if len(args) != 1 || !isMapping(args[0]) {
		return false
	}
	switch m := args[0].(type) {
	case map[string]any:
		return len(m) > 0
	case Dict:
		return len(m) > 0
	}
	return reflect.ValueOf(args[0]).Len() > 0
}

func appendOperand(dst []byte, format string, args []any, dict, goVerbs bool) ([]byte, error) {
	out, _, _, err := appendOperandLimit(dst, format, args, dict, goVerbs, limit{})
	if err != nil {
		out = dst
	}
	return out, err
}

// appendOperandLimit is format % args, stopping once lim is passed. goVerbs
// accepts fmt's verbs (see AppendLogArgs). When the directives leave
// arguments over (Python's "not all arguments converted"), it returns that
// error with the whole merged text and used, the number of arguments the
// directives took; on any other error, dst unchanged.
func appendOperandLimit(dst []byte, format string, args []any, dict, goVerbs bool, lim limit) (out []byte, truncated bool, used int, err error) {
	start := len(dst)
	a := argList{args: args, goVerbs: goVerbs}
	if dict {
		a.dict, a.obj, a.hasObj = true, args[0], true
	}
	i := 0
	for {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			break
		}
		dst = lim.appendLit(dst, format[i:i+j])
		if lim.over(dst) {
			return lim.cut(dst), true, a.next, nil
		}
		d, next, serr := scanDirective(format, i+j+1)
		if d.Verb == '%' && serr == scanOK {
			dst = append(dst, '%')
			i = next
			continue
		}
		if dst, err = a.format(dst, format, &d, serr, next); err != nil {
			return dst[:start], false, a.next, err
		}
		if lim.over(dst) {
			return lim.cut(dst), true, a.next, nil
		}
		i = next
	}
	dst = lim.appendLit(dst, format[i:])
	if lim.over(dst) {
		return lim.cut(dst), true, a.next, nil
	}
	if !a.dict && a.next < len(args) {
		return dst, false, a.next, errNotAllConverted
	}
	return dst, false, a.next, nil
}

// argList is the right operand of %: a tuple of arguments or a mapping.
type argList struct {
	args []any
	next int // index of the next argument in a tuple
	// dict is set when the operand is the mapping args[0]. Then obj is the
	// object the next directive consumes, if hasObj: the mapping, or the
	// value of the last key looked up.
	dict   bool
	obj    any
	hasObj bool
	// goVerbs accepts fmt's verbs that Python does not know (see
	// AppendLogArgs).
	goVerbs bool
}

// take returns the next argument, like unicode_format_getnextarg.
func (a *argList) take() (any, error) {
	if a.dict {
		if !a.hasObj {
			return nil, errNotEnoughArgs
		}
		a.hasObj = false
		return a.obj, nil
	}
	if a.next >= len(a.args) {
		return nil, errNotEnoughArgs
	}
	a.next++
	return a.args[a.next-1], nil
}

// format formats the directive d, which scanDirective returned with the
// syntax error serr and the end index next, consuming its arguments.
func (a *argList) format(dst []byte, format string, d *Directive, serr scanErr, next int) ([]byte, error) {
	if d.Keyed {
		if !a.dict {
			return dst, errNeedsMapping
		}
		if serr == scanIncompleteKey {
			return dst, errIncompleteKey
		}
		v, ok := lookup(a.args[0], d.Key)
		if !ok {
			return dst, keyError(d.Key)
		}
		a.obj, a.hasObj = v, true
	}
	flags, width, prec := d.Flags, d.Width, d.Prec
	if d.WidthStar {
		v, err := a.take()
		if err != nil {
			return dst, err
		}
		w, err := starArg(v, false)
		if err != nil {
			return dst, err
		}
		if w < 0 {
			flags |= FlagMinus
			w = -w
		}
		if w > maxWidth {
			return dst, errWidthTooBig
		}
		width = int(w)
	}
	if d.PrecStar {
		v, err := a.take()
		if err != nil {
			return dst, err
		}
		p, err := starArg(v, true)
		if err != nil {
			return dst, err
		}
		if p > maxWidth {
			return dst, errPrecTooBig
		}
		prec = int(max(p, 0))
	}
	switch serr {
	case scanIncomplete, scanWidthTooBig, scanPrecTooBig:
		return dst, scanError(format, serr, next)
	}
	v, err := a.take()
	if err != nil {
		return dst, err
	}
	if serr == scanUnsupported {
		if a.goVerbs && isGoVerb(d.Verb) {
			return appendGoVerb(dst, v, d.Verb, flags, width, prec), nil
		}
		return dst, scanError(format, serr, next)
	}
	return appendArg(dst, v, d.Verb, flags, width, prec)
}

// starArg converts the argument of a "*" width or precision.
func starArg(v any, prec bool) (int64, error) {
	n := toNumber(v)
	if n.kind != numInt {
		return 0, errStarWantsInt
	}
	i, ok := n.i.int64()
	if !ok {
		return 0, overflowError("Python int too large to convert to C ssize_t")
	}
	if prec && (i > math.MaxInt32 || i < math.MinInt32) {
		return 0, overflowError("Python int too large to convert to C int")
	}
	return i, nil
}

// scanErr is a syntax error found by scanDirective.
type scanErr uint8

const (
	scanOK            scanErr = iota
	scanIncompleteKey         // "%(" without its ")"
	scanIncomplete            // the format ends inside the directive
	scanWidthTooBig
	scanPrecTooBig
	scanUnsupported // unknown conversion character, just before next
)

func scanError(format string, serr scanErr, next int) error {
	switch serr {
	case scanIncompleteKey:
		return errIncompleteKey
	case scanIncomplete:
		return errIncomplete
	case scanWidthTooBig:
		return errWidthTooBig
	case scanPrecTooBig:
		return errPrecTooBig
	}
	pos := next - 1
	r, size := utf8.DecodeRuneInString(format[pos:])
	if r == utf8.RuneError && size == 1 {
		r = 0xdc00 + rune(format[pos])
	}
	return unsupportedChar(r, utf8.RuneCountInString(format[:pos]))
}

// scanDirective parses the conversion specification that starts at
// format[i], just after a '%', as CPython's unicode_format_arg_parse does.
// It returns the directive, with Verb '%' for "%%", the index just after it
// and the syntax error found, if any. On error the directive holds what was
// parsed before the error, because CPython looks up the key and takes the
// "*" arguments before it reports a later error.
func scanDirective(format string, i int) (d Directive, next int, serr scanErr) {
	d.Width, d.Prec = -1, -1
	n := len(format)
	if i < n && format[i] == '%' {
		d.Verb = '%'
		return d, i + 1, scanOK
	}
	if i < n && format[i] == '(' {
		d.Keyed = true
		i++
		start, depth := i, 1
		for ; depth > 0 && i < n; i++ {
			switch format[i] {
			case '(':
				depth++
			case ')':
				depth--
			}
		}
		if depth > 0 {
			return d, i, scanIncompleteKey
		}
		d.Key = format[start : i-1]
	}
	// Running out of characters anywhere below is "incomplete format".
	var c byte
flags:
	for {
		if i >= n {
			return d, i, scanIncomplete
		}
		c = format[i]
		i++
		switch c {
		case '-':
			d.Flags |= FlagMinus
		case '+':
			d.Flags |= FlagPlus
		case ' ':
			d.Flags |= FlagSpace
		case '#':
			d.Flags |= FlagAlt
		case '0':
			d.Flags |= FlagZero
		default:
			break flags
		}
	}
	if c == '*' {
		d.WidthStar = true
		if i >= n {
			return d, i, scanIncomplete
		}
		c = format[i]
		i++
	} else if isDigit(c) {
		d.Width, c, i, serr = scanNumber(format, i, c, scanWidthTooBig)
		if serr != scanOK {
			return d, i, serr
		}
	}
	if c == '.' {
		d.Prec = 0
		if i >= n {
			return d, i, scanIncomplete
		}
		c = format[i]
		i++
		if c == '*' {
			d.PrecStar = true
			if i >= n {
				return d, i, scanIncomplete
			}
			c = format[i]
			i++
		} else if isDigit(c) {
			d.Prec, c, i, serr = scanNumber(format, i, c, scanPrecTooBig)
			if serr != scanOK {
				return d, i, serr
			}
		}
	}
	if c == 'h' || c == 'l' || c == 'L' {
		if i >= n {
			return d, i, scanIncomplete
		}
		c = format[i]
		i++
	}
	d.Verb = c
	if !isVerb(c) {
		return d, i, scanUnsupported
	}
	return d, i, scanOK
}

// scanNumber reads the digits of a width or precision whose first digit c
// has been read, and the character after them.
func scanNumber(format string, i int, c byte, tooBig scanErr) (v int, next byte, j int, serr scanErr) {
	v = int(c - '0')
	for {
		if i >= len(format) {
			return v, c, i, scanIncomplete
		}
		c = format[i]
		i++
		if !isDigit(c) {
			return v, c, i, scanOK
		}
		if v > (maxWidth-int(c-'0'))/10 {
			return v, c, i, tooBig
		}
		v = v*10 + int(c-'0')
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isVerb(c byte) bool {
	switch c {
	case 's', 'r', 'a', 'd', 'i', 'u', 'o', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G', 'c':
		return true
	}
	return false
}

func quoteVerb(r rune) string {
	if r < 31 || r > 126 {
		return "'?' (0x" + hexString(r) + ")"
	}
	return "'" + string(r) + "' (0x" + hexString(r) + ")"
}

// isMapping reports whether v, the only argument of %, is a mapping.
func isMapping(v any) bool {
	switch v.(type) {
	case map[string]any, Dict:
		return true
	case nil, Tuple, string, int, int64, float64, bool, []any:
		return false
	}
	return reflect.TypeOf(v).Kind() == reflect.Map
}

// lookup returns m[key] for a Go map m.
func lookup(m any, key string) (any, bool) {
	switch m := m.(type) {
	case map[string]any:
		v, ok := m[key]
		return v, ok
	case Dict:
		return lookupDict(m, key)
	}
	rv := reflect.ValueOf(m)
	kt := rv.Type().Key()
	var kv reflect.Value
	switch {
	case kt.Kind() == reflect.String:
		kv = reflect.ValueOf(key).Convert(kt)
	case kt.Kind() == reflect.Interface && kt.NumMethod() == 0:
		kv = reflect.ValueOf(key)
	default:
		return nil, false
	}
	e := rv.MapIndex(kv)
	if !e.IsValid() {
		return nil, false
	}
	return e.Interface(), true
}
