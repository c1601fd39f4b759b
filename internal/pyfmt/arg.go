package pyfmt

import (
	"slices"
	"unicode/utf8"
)

// appendArg appends v converted by a % directive with the given verb,
// flags, width and precision (-1 if absent), as CPython's
// unicode_format_arg_format and unicode_format_arg_output do. On error, dst
// is returned unchanged.
func appendArg(dst []byte, v any, verb byte, flags uint8, width, prec int) ([]byte, error) {
	start := len(dst)
	var err error
	numeric := false
	switch verb {
	case 's':
		dst, err = appendStr(dst, v)
	case 'r':
		dst, err = appendRepr(dst, v)
	case 'a':
		dst, err = appendASCII(dst, v)
	case 'd', 'i', 'u', 'o', 'x', 'X':
		numeric = true
		dst, err = appendIntArg(dst, v, verb, flags&FlagAlt != 0, prec)
	case 'e', 'E', 'f', 'F', 'g', 'G':
		numeric = true
		dst, err = appendFloatArg(dst, v, verb, flags&FlagAlt != 0, prec)
	case 'c':
		dst, err = appendCharArg(dst, v)
	}
	if err != nil {
		return dst[:start], err
	}
	if width < 0 && prec < 0 && (!numeric || flags&(FlagPlus|FlagSpace) == 0) {
		return dst, nil
	}
	return padArg(dst, start, verb, flags, width, prec, numeric), nil
}

// appendIntArg appends v for %d, %i, %u, %o, %x or %X, as CPython's
// mainformatlong and _PyUnicode_FormatLong do: sign, the 0o or 0x prefix of
// the alternate form, then the digits, padded with zeros to prec.
func appendIntArg(dst []byte, v any, verb byte, alt bool, prec int) ([]byte, error) {
	n := toNumber(v)
	var i pyInt
	switch n.kind {
	case numInt:
		i = n.i
	case numFloat:
		if verb == 'o' || verb == 'x' || verb == 'X' {
			return dst, typeError("%" + string(verb) + " format: an integer is required, not float")
		}
		var err error
		if i, err = intFromFloat(n.f); err != nil {
			return dst, err
		}
	default:
		if verb == 'o' || verb == 'x' || verb == 'X' {
			return dst, typeError("%" + string(verb) + " format: an integer is required, not " + typeName(v))
		}
		return dst, typeError("%" + string(verb) + " format: a real number is required, not " + typeName(v))
	}
	if i.neg {
		dst = append(dst, '-')
	}
	base := 10
	switch verb {
	case 'o':
		base = 8
	case 'x', 'X':
		base = 16
	}
	if alt && base != 10 {
		dst = append(dst, '0', verb)
	}
	at := len(dst)
	dst = i.appendDigits(dst, base, verb == 'X')
	if k := prec - (len(dst) - at); k > 0 {
		dst = insertRepeat(dst, at, '0', k)
	}
	return dst, nil
}

// appendFloatArg appends v for %e, %E, %f, %F, %g or %G, as CPython's
// formatfloat does.
func appendFloatArg(dst []byte, v any, verb byte, alt bool, prec int) ([]byte, error) {
	n := toNumber(v)
	var f float64
	switch n.kind {
	case numFloat:
		f = n.f
	case numInt:
		var ok bool
		if f, ok = n.i.float(); !ok {
			return dst, errIntToFloat
		}
	default:
		return dst, typeError("must be real number, not " + typeName(v))
	}
	if prec < 0 {
		prec = 6
	}
	flags := 0
	if alt {
		flags = dtsfAlt
	}
	return appendFloat(dst, f, 64, verb, prec, flags), nil
}

// appendCharArg appends v for %c, as CPython's formatchar does: a str of
// one character, or an int code point.
func appendCharArg(dst []byte, v any) ([]byte, error) {
	if s, ok := toString(v); ok {
		if utf8.RuneCountInString(s) != 1 {
			return dst, errCharRequired
		}
		return append(dst, s...), nil
	}
	n := toNumber(v)
	if n.kind != numInt {
		return dst, errCharRequired
	}
	if n.i.neg || n.i.big != nil || n.i.mag > utf8.MaxRune {
		return dst, errCharRange
	}
	return utf8.AppendRune(dst, rune(n.i.mag)), nil
}

// padArg applies the precision of %s, %r and %a, the sign flags of numbers
// and the width to the converted argument dst[start:], as CPython's
// unicode_format_arg_output does.
func padArg(dst []byte, start int, verb byte, flags uint8, width, prec int, numeric bool) []byte {
	if prec >= 0 && (verb == 's' || verb == 'r' || verb == 'a') {
		dst = dst[:start+runePrefixLen(dst[start:], prec)]
	}
	// prefix is the length of the sign and 0x prefix, which zeros follow.
	prefix := 0
	if numeric {
		switch {
		case dst[start] == '-' || dst[start] == '+':
			prefix = 1
		case flags&FlagPlus != 0:
			dst, prefix = insertRepeat(dst, start, '+', 1), 1
		case flags&FlagSpace != 0:
			dst, prefix = insertRepeat(dst, start, ' ', 1), 1
		}
		if flags&FlagAlt != 0 && (verb == 'o' || verb == 'x' || verb == 'X') {
			prefix += 2
		}
	}
	if width < 0 {
		return dst
	}
	n := utf8.RuneCount(dst[start:])
	if n >= width {
		return dst
	}
	switch {
	case flags&FlagMinus != 0:
		return appendRepeat(dst, ' ', width-n)
	case numeric && flags&FlagZero != 0:
		return insertRepeat(dst, start+prefix, '0', width-n)
	}
	return insertRepeat(dst, start, ' ', width-n)
}

// runePrefixLen returns the length in bytes of the first n code points of
// b, counting each byte that is not UTF-8 as one code point.
func runePrefixLen(b []byte, n int) int {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return i
}

// runePrefixLenString is runePrefixLen for a string.
func runePrefixLenString(s string, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// insertRepeat inserts n copies of c at dst[at].
func insertRepeat(dst []byte, at int, c byte, n int) []byte {
	dst = appendRepeat(dst, c, n)
	copy(dst[at+n:], dst[at:len(dst)-n])
	for i := at; i < at+n; i++ {
		dst[i] = c
	}
	return dst
}

// appendRepeat appends n copies of c.
func appendRepeat(dst []byte, c byte, n int) []byte {
	if n <= 0 {
		return dst
	}
	dst = slices.Grow(dst, n)
	start := len(dst)
	dst = dst[:start+n]
	for i := start; i < len(dst); i++ {
		dst[i] = c
	}
	return dst
}
