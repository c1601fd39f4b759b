package pyfmt

import (
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"reflect"
	"unicode"
	"unicode/utf8"
)

// formatSpec is a parsed format spec,
// [[fill]align][sign][z][#][0][width][grouping][.precision][type], before
// the defaults of the formatted type are applied. It is what CPython's
// parse_internal_render_format_spec reads.
type formatSpec struct {
	fill    string // the fill character, if fillSet
	fillSet bool
	align   byte // '<', '>', '=', '^', or 0 if absent
	sign    byte // '+', '-', ' ', or 0 if absent
	noNeg0  bool // 'z'
	alt     bool // '#'
	zero    bool // '0' before the width
	width   int  // -1 if absent
	group   byte // ',', '_', or 0 if absent
	prec    int  // -1 if absent
	typ     rune // presentation type, or 0 if absent
	err     specErr
}

// specErr is a syntax error found while parsing a format spec. CPython only
// parses a spec when it formats a value, and one of its messages names the
// type of the value, so the error is reported then. The zero value is no
// error.
type specErr uint8

const (
	specTooManyDigits specErr = iota + 1
	specMissingPrec
	specCommaUnderscore
	specInvalid // characters left after the type
)

func parseSpec(spec string) (s formatSpec) {
	s.width, s.prec = -1, -1
	pos := 0
	if _, n0 := utf8.DecodeRuneInString(spec); n0 < len(spec) {
		if r1, n1 := utf8.DecodeRuneInString(spec[n0:]); isAlign(r1) {
			s.fill, s.fillSet, s.align = spec[:n0], true, byte(r1)
			pos = n0 + n1
		}
	}
	if !s.fillSet && pos < len(spec) && isAlign(rune(spec[pos])) {
		s.align = spec[pos]
		pos++
	}
	if pos < len(spec) && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ') {
		s.sign = spec[pos]
		pos++
	}
	if pos < len(spec) && spec[pos] == 'z' {
		s.noNeg0 = true
		pos++
	}
	if pos < len(spec) && spec[pos] == '#' {
		s.alt = true
		pos++
	}
	if !s.fillSet && pos < len(spec) && spec[pos] == '0' {
		s.zero = true
		pos++
	}
	var ok bool
	if s.width, pos, ok = specInt(spec, pos); !ok {
		s.err = specTooManyDigits
		return s
	}
	if pos < len(spec) && spec[pos] == ',' {
		s.group = ','
		pos++
	}
	if pos < len(spec) && spec[pos] == '_' {
		if s.group != 0 {
			s.err = specCommaUnderscore
			return s
		}
		s.group = '_'
		pos++
	}
	if pos < len(spec) && spec[pos] == ',' && s.group == '_' {
		s.err = specCommaUnderscore
		return s
	}
	if pos < len(spec) && spec[pos] == '.' {
		if s.prec, pos, ok = specInt(spec, pos+1); !ok {
			s.err = specTooManyDigits
			return s
		}
		if s.prec < 0 {
			s.err = specMissingPrec
			return s
		}
	}
	switch rest := spec[pos:]; utf8.RuneCountInString(rest) {
	case 0:
	case 1:
		s.typ = decodeChar(rest)
	default:
		s.err = specInvalid
	}
	return s
}

func isAlign(r rune) bool { return r == '<' || r == '>' || r == '=' || r == '^' }

// specInt reads a decimal number at spec[pos:], as get_integer does. It
// returns -1 if there are no digits, and false if the number is too big.
func specInt(spec string, pos int) (v, next int, ok bool) {
	v = -1
	for pos < len(spec) {
		r, size := utf8.DecodeRuneInString(spec[pos:])
		d := decimalValue(r)
		if d < 0 {
			break
		}
		if v < 0 {
			v = 0
		}
		if v > (maxWidth-d)/10 {
			return v, pos, false
		}
		v = v*10 + d
		pos += size
	}
	return v, pos, true
}

// decimalValue returns the value of a Unicode decimal digit, or -1. Decimal
// digits come in runs of ten, from zero to nine.
func decimalValue(r rune) int {
	if '0' <= r && r <= '9' {
		return int(r - '0')
	}
	if r < utf8.RuneSelf || !unicode.IsDigit(r) {
		return -1
	}
	lo := r
	for unicode.IsDigit(lo - 1) {
		lo--
	}
	return int(r-lo) % 10
}

// decodeChar returns the first code point of s, or for a byte that is not
// UTF-8 the surrogate that Python's surrogateescape decoder makes of it.
func decodeChar(s string) rune {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size == 1 {
		return 0xdc00 + rune(s[0])
	}
	return r
}

// resolvedSpec is a format spec with the defaults of a type applied.
type resolvedSpec struct {
	*formatSpec
	fill  string
	align byte
	typ   rune
}

// resolve applies the defaults of a type and checks the grouping option,
// like the end of parse_internal_render_format_spec. raw is the spec as
// written and typeName the Python type name, for error messages.
func (s *formatSpec) resolve(raw string, defType rune, defAlign byte, typeName string) (resolvedSpec, error) {
	switch s.err {
	case specTooManyDigits:
		return resolvedSpec{}, errTooManyDigits
	case specMissingPrec:
		return resolvedSpec{}, errMissingPrec
	case specCommaUnderscore:
		return resolvedSpec{}, errCommaUnderscore
	case specInvalid:
		return resolvedSpec{}, valueError("Invalid format specifier '" + raw + "' for object of type '" + typeName + "'")
	}
	r := resolvedSpec{formatSpec: s, fill: " ", align: s.align, typ: s.typ}
	if s.fillSet {
		r.fill = s.fill
	}
	if r.align == 0 {
		r.align = defAlign
	}
	if s.zero {
		r.fill = "0"
		if s.align == 0 && defAlign == '>' {
			r.align = '='
		}
	}
	if r.typ == 0 {
		r.typ = defType
	}
	if s.group != 0 {
		switch r.typ {
		case 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F', 0:
		case 'b', 'o', 'x', 'X':
			if s.group == '_' {
				break
			}
			fallthrough
		default:
			return r, valueError("Cannot specify '" + string(rune(s.group)) + "' with '" + quoteCode(r.typ, 128) + "'.")
		}
	}
	return r, nil
}

// resolveStr resolves s for a str, as format_string_internal checks it.
func (s *formatSpec) resolveStr(raw string) (resolvedSpec, error) {
	r, err := s.resolve(raw, 's', '<', "str")
	switch {
	case err != nil:
		return r, err
	case r.typ != 's':
		return r, unknownCode(r.typ, "str")
	case s.sign == ' ':
		return r, valueError("Space not allowed in string format specifier")
	case s.sign != 0:
		return r, valueError("Sign not allowed in string format specifier")
	case s.noNeg0:
		return r, valueError("Negative zero coercion (z) not allowed in string format specifier")
	case s.alt:
		return r, valueError("Alternate form (#) not allowed in string format specifier")
	case r.align == '=':
		return r, valueError("'=' alignment not allowed in string format specifier")
	}
	return r, nil
}

func unknownCode(typ rune, typeName string) error {
	return valueError("Unknown format code '" + quoteCode(typ, 128) + "' for object of type '" + typeName + "'")
}

// appendFormat appends format(v, spec) for the spec s parsed from raw.
func appendFormat(dst []byte, v any, s *formatSpec, raw string) ([]byte, error) {
	if raw == "" {
		return appendStr(dst, v)
	}
	switch x := v.(type) {
	case string:
		return appendStrSpec(dst, x, s, raw)
	case nil:
		return dst, typeError("unsupported format string passed to NoneType.__format__")
	case *big.Int:
		if x == nil {
			return dst, typeError("unsupported format string passed to NoneType.__format__")
		}
		return appendNumSpec(dst, toNumber(x), s, raw)
	case slog.Value:
		switch x.Kind() {
		case slog.KindString:
			return appendStrSpec(dst, x.String(), s, raw)
		case slog.KindInt64, slog.KindUint64, slog.KindFloat64, slog.KindBool:
			return appendNumSpec(dst, toNumber(x), s, raw)
		}
		return appendFormat(dst, x.Resolve().Any(), s, raw)
	}
	_, isError := v.(error)
	_, isStringer := v.(fmt.Stringer)
	method := isError || isStringer && !isPyContainer(v)
	if n := toNumber(v); n.kind != notNumber && (!method || isNumericType(s.typ)) {
		return appendNumSpec(dst, n, s, raw)
	}
	if !method {
		if str, ok := toString(v); ok {
			return appendStrSpec(dst, str, s, raw)
		}
		switch reflect.TypeOf(v).Kind() {
		case reflect.Slice, reflect.Array, reflect.Map:
			return dst, typeError("unsupported format string passed to " + typeName(v) + ".__format__")
		}
	}
	// Any other value: format(str(v), spec).
	r, err := s.resolveStr(raw)
	if err != nil {
		return dst, err
	}
	start := len(dst)
	if dst, err = appendStr(dst, v); err != nil {
		return dst[:start], err
	}
	return padInPlace(dst, start, &r), nil
}

func isNumericType(t rune) bool {
	switch t {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n', 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return true
	}
	return false
}

// appendStrSpec appends format(str, spec).
func appendStrSpec(dst []byte, str string, s *formatSpec, raw string) ([]byte, error) {
	r, err := s.resolveStr(raw)
	if err != nil {
		return dst, err
	}
	n := utf8.RuneCountInString(str)
	if r.prec >= 0 && n > r.prec {
		str, n = str[:runePrefixLenString(str, r.prec)], r.prec
	}
	lpad, rpad := padding(r.width-n, r.align)
	dst = appendFill(dst, r.fill, lpad)
	dst = append(dst, str...)
	return appendFill(dst, r.fill, rpad), nil
}

// padInPlace truncates and pads dst[start:] as format(str, spec) would.
func padInPlace(dst []byte, start int, r *resolvedSpec) []byte {
	if r.prec >= 0 {
		dst = dst[:start+runePrefixLen(dst[start:], r.prec)]
	}
	lpad, rpad := padding(r.width-utf8.RuneCount(dst[start:]), r.align)
	if lpad > 0 {
		end := len(dst)
		dst = appendFill(dst, r.fill, lpad)
		n := len(dst) - end
		copy(dst[start+n:], dst[start:end])
		for i := 0; i < lpad; i++ {
			copy(dst[start+i*len(r.fill):], r.fill)
		}
	}
	return appendFill(dst, r.fill, rpad)
}

// padding splits pad characters of padding to the left and the right.
func padding(pad int, align byte) (left, right int) {
	if pad <= 0 {
		return 0, 0
	}
	switch align {
	case '>':
		return pad, 0
	case '^':
		return pad / 2, pad - pad/2
	}
	return 0, pad
}

func appendFill(dst []byte, fill string, n int) []byte {
	if len(fill) == 1 {
		return appendRepeat(dst, fill[0], n)
	}
	for ; n > 0; n-- {
		dst = append(dst, fill...)
	}
	return dst
}

// appendNumSpec appends format(n, spec) for an int, bool or float.
func appendNumSpec(dst []byte, n pyNum, s *formatSpec, raw string) ([]byte, error) {
	if n.kind == numFloat {
		r, err := s.resolve(raw, 0, '>', "float")
		if err != nil {
			return dst, err
		}
		switch r.typ {
		case 0, 'e', 'E', 'f', 'F', 'g', 'G', 'n', '%':
			return appendFloatSpec(dst, n.f, n.bits, &r), nil
		}
		return dst, unknownCode(r.typ, "float")
	}
	name := "int"
	if n.isBool {
		name = "bool"
	}
	r, err := s.resolve(raw, 'd', '>', name)
	if err != nil {
		return dst, err
	}
	switch r.typ {
	case 'b', 'c', 'd', 'o', 'x', 'X', 'n':
		return appendIntSpec(dst, n.i, &r)
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		f, ok := n.i.float()
		if !ok {
			return dst, errIntToFloat
		}
		return appendFloatSpec(dst, f, 64, &r), nil
	}
	return dst, unknownCode(r.typ, name)
}

// numParts is a number split as CPython's calc_number_widths needs it:
// sign, prefix, integer digits (to be grouped), decimal point, remainder.
type numParts struct {
	neg      bool
	prefix   string
	digits   []byte
	decimal  bool
	rem      []byte
	group    int // digits per group, or 0
	groupSep byte
}

// appendIntSpec appends an int formatted by format_long_internal.
func appendIntSpec(dst []byte, i pyInt, r *resolvedSpec) ([]byte, error) {
	if r.prec >= 0 {
		return dst, valueError("Precision not allowed in integer format specifier")
	}
	if r.noNeg0 {
		return dst, valueError("Negative zero coercion (z) not allowed in integer format specifier")
	}
	var buf [72]byte
	var p numParts
	if r.typ == 'c' {
		switch {
		case r.sign != 0:
			return dst, valueError("Sign not allowed with integer format specifier 'c'")
		case r.alt:
			return dst, valueError("Alternate form (#) not allowed with integer format specifier 'c'")
		case i.big != nil || (i.neg && i.mag > 1<<63) || (!i.neg && i.mag > math.MaxInt64):
			return dst, overflowError("Python int too large to convert to C long")
		case i.neg || i.mag > utf8.MaxRune:
			return dst, errCharRange
		}
		p.rem = utf8.AppendRune(buf[:0], rune(i.mag))
		return appendNumber(dst, &p, r), nil
	}
	base := 10
	switch r.typ {
	case 'b':
		base, p.prefix = 2, "0b"
	case 'o':
		base, p.prefix = 8, "0o"
	case 'x':
		base, p.prefix = 16, "0x"
	case 'X':
		base, p.prefix = 16, "0X"
	}
	if !r.alt {
		p.prefix = ""
	}
	p.neg = i.neg
	p.digits = i.appendDigits(buf[:0], base, r.typ == 'X')
	if r.group != 0 {
		p.group, p.groupSep = 3, r.group
		if base != 10 {
			p.group = 4
		}
	}
	return appendNumber(dst, &p, r), nil
}

// appendFloatSpec appends a float formatted by format_float_internal.
func appendFloatSpec(dst []byte, f float64, bitSize int, r *resolvedSpec) []byte {
	flags := 0
	if r.alt {
		flags |= dtsfAlt
	}
	if r.noNeg0 {
		flags |= dtsfNoNeg0
	}
	typ, prec, defPrec := r.typ, r.prec, 6
	if typ == 0 {
		// Like repr without a precision, else like 'g' with at least one
		// digit after the point.
		flags |= dtsfAddDot0
		typ, defPrec = 'r', 0
	}
	if typ == 'n' {
		typ = 'g'
	}
	pct := typ == '%'
	if pct {
		typ, f = 'f', f*100
	}
	if prec < 0 {
		prec = defPrec
	} else if typ == 'r' {
		typ = 'g'
	}
	var buf [40]byte
	s := appendFloat(buf[:0], f, bitSize, byte(typ), prec, flags)
	if pct {
		s = append(s, '%')
	}
	var p numParts
	if s[0] == '-' {
		p.neg, s = true, s[1:]
	}
	k := 0
	for k < len(s) && isDigit(s[k]) {
		k++
	}
	p.digits, s = s[:k], s[k:]
	if len(s) > 0 && s[0] == '.' {
		p.decimal, s = true, s[1:]
	}
	p.rem = s
	if r.group != 0 {
		p.group, p.groupSep = 3, r.group
	}
	return appendNumber(dst, &p, r)
}

// appendNumber lays out a number as calc_number_widths and fill_number do:
// padding, sign, prefix, padding for '=', digits with grouping, decimal
// point, remainder, padding.
func appendNumber(dst []byte, p *numParts, r *resolvedSpec) []byte {
	var sign byte
	switch {
	case p.neg:
		sign = '-'
	case r.sign == '+' || r.sign == ' ':
		sign = r.sign
	}
	nonDigits := len(p.prefix) + utf8.RuneCount(p.rem)
	if sign != 0 {
		nonDigits++
	}
	if p.decimal {
		nonDigits++
	}
	minWidth := 0
	if r.fill == "0" && r.align == '=' {
		minWidth = r.width - nonDigits
	}
	grouped := 0
	if len(p.digits) > 0 {
		grouped = groupDigits(nil, p.digits, p.group, p.groupSep, minWidth)
	}
	var lpad, spad, rpad int
	if pad := r.width - nonDigits - grouped; pad > 0 {
		switch r.align {
		case '<':
			rpad = pad
		case '^':
			lpad, rpad = pad/2, pad-pad/2
		case '=':
			spad = pad
		default:
			lpad = pad
		}
	}
	dst = appendFill(dst, r.fill, lpad)
	if sign != 0 {
		dst = append(dst, sign)
	}
	dst = append(dst, p.prefix...)
	dst = appendFill(dst, r.fill, spad)
	if grouped > 0 {
		dst = appendRepeat(dst, '0', grouped)
		groupDigits(dst[len(dst)-grouped:], p.digits, p.group, p.groupSep, minWidth)
	}
	if p.decimal {
		dst = append(dst, '.')
	}
	dst = append(dst, p.rem...)
	return appendFill(dst, r.fill, rpad)
}

// groupDigits is CPython's _PyUnicode_InsertThousandsGrouping. It writes
// digits into out, which has exactly the room needed, from right to left:
// groups of group digits (no grouping if 0) separated by sep, and zeros to
// the left up to minWidth characters. It returns the number of characters;
// with a nil out, it only counts them.
func groupDigits(out []byte, digits []byte, group int, sep byte, minWidth int) int {
	pos, count := len(out), 0
	remaining := len(digits)
	sepLen := 0
	emit := func(l int) {
		nZeros := max(0, l-remaining)
		nChars := max(0, min(remaining, l))
		count += sepLen + nZeros + nChars
		if out != nil {
			if sepLen > 0 {
				pos--
				out[pos] = sep
			}
			pos -= nChars
			copy(out[pos:], digits[remaining-nChars:remaining])
			pos -= nZeros // out is filled with '0' already
		}
		remaining -= nChars
	}
	if group > 0 {
		for {
			l := min(group, max(remaining, minWidth, 1))
			emit(l)
			sepLen = 1
			minWidth -= l
			if remaining <= 0 && minWidth <= 0 {
				return count
			}
			minWidth--
		}
	}
	emit(max(remaining, minWidth, 1))
	return count
}
