package pyfmt

import (
	"bytes"
	"math"
	"strconv"
)

// Flags of appendFloat, named after CPython's Py_DTSF_* flags.
const (
	dtsfSign    = 1 << iota // always write a sign
	dtsfAddDot0             // write ".0" after an integer in fixed notation
	dtsfAlt                 // alternate form: keep the point and trailing zeros
	dtsfNoNeg0              // drop the sign of a result that rounds to zero
)

// appendFloat appends f formatted as CPython's PyOS_double_to_string does.
// code is one of 'e', 'E', 'f', 'F', 'g', 'G' or 'r' (repr, for which prec
// is ignored); bitSize is 32 when f came from a float32, which only changes
// the shortest digits of 'r'.
func appendFloat(dst []byte, f float64, bitSize int, code byte, prec int, flags int) []byte {
	upper := false
	switch code {
	case 'E', 'F', 'G':
		upper, code = true, code+'a'-'A'
	}
	mode := 0
	switch code {
	case 'e':
		mode = 2
		prec++
	case 'f':
		mode = 3
	case 'g':
		mode = 2
		if prec == 0 {
			prec = 1
		}
	}

	neg := math.Signbit(f)
	if math.IsInf(f, 0) || math.IsNaN(f) {
		var s string
		if math.IsNaN(f) {
			neg = false
			s = "nan"
			if upper {
				s = "NAN"
			}
		} else {
			s = "inf"
			if upper {
				s = "INF"
			}
		}
		if neg {
			dst = append(dst, '-')
		} else if flags&dtsfSign != 0 {
			dst = append(dst, '+')
		}
		return append(dst, s...)
	}

	var buf [32]byte
	digits, decpt := decimalDigits(buf[:0], math.Abs(f), mode, prec, bitSize)
	if flags&dtsfNoNeg0 != 0 && len(digits) == 1 && digits[0] == '0' {
		neg = false
	}
	addDot0 := flags&dtsfAddDot0 != 0
	alt := flags&dtsfAlt != 0

	// What follows is format_float_short from Python/pystrtod.c. The output
	// is the slice [vstart:vend] of the digits padded with zeros on both
	// sides, with a decimal point before index decpt.
	vend := len(digits)
	useExp := false
	switch code {
	case 'e':
		useExp = true
		vend = prec
	case 'f':
		vend = decpt + prec
	case 'g':
		limit := prec
		if addDot0 {
			limit = prec - 1
		}
		if decpt <= -4 || decpt > limit {
			useExp = true
		}
		if alt {
			vend = prec
		}
	case 'r':
		if decpt <= -4 || decpt > 16 {
			useExp = true
		}
	}
	exp := 0
	if useExp {
		exp = decpt - 1
		decpt = 1
	}
	vstart := 0
	if decpt <= 0 {
		vstart = decpt - 1
	}
	if !useExp && addDot0 {
		vend = max(vend, decpt+1)
	} else {
		vend = max(vend, decpt)
	}

	if neg {
		dst = append(dst, '-')
	} else if flags&dtsfSign != 0 {
		dst = append(dst, '+')
	}
	if decpt <= 0 {
		dst = appendZeros(dst, decpt-vstart)
		dst = append(dst, '.')
		dst = appendZeros(dst, -decpt)
	} else {
		dst = appendZeros(dst, -vstart)
	}
	if 0 < decpt && decpt <= len(digits) {
		dst = append(dst, digits[:decpt]...)
		dst = append(dst, '.')
		dst = append(dst, digits[decpt:]...)
	} else {
		dst = append(dst, digits...)
	}
	if len(digits) < decpt {
		dst = appendZeros(dst, decpt-len(digits))
		dst = append(dst, '.')
		dst = appendZeros(dst, vend-decpt)
	} else {
		dst = appendZeros(dst, vend-len(digits))
	}
	if dst[len(dst)-1] == '.' && !alt {
		dst = dst[:len(dst)-1]
	}
	if useExp {
		e := byte('e')
		if upper {
			e = 'E'
		}
		dst = append(dst, e)
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		} else {
			dst = append(dst, '+')
		}
		if exp < 10 {
			dst = append(dst, '0')
		}
		dst = strconv.AppendInt(dst, int64(exp), 10)
	}
	return dst
}

func appendZeros(dst []byte, n int) []byte { return appendRepeat(dst, '0', n) }

// decimalDigits returns the decimal digits of f, which is finite and not
// negative, and the position decpt of the decimal point, such that f is
// about 0.d1d2d3... × 10^decpt. It stands for David Gay's _Py_dg_dtoa, which
// CPython uses: mode 0 gives the shortest digits that round-trip, mode 2
// gives ndigits significant digits, mode 3 gives ndigits digits after the
// decimal point. Trailing zeros are removed; zero is "0" with decpt 1.
// Go's strconv rounds exactly (half to even), as _Py_dg_dtoa does.
func decimalDigits(buf []byte, f float64, mode, ndigits, bitSize int) (digits []byte, decpt int) {
	if f == 0 {
		return append(buf, '0'), 1
	}
	if mode == 3 {
		b := strconv.AppendFloat(buf, f, 'f', ndigits, 64)
		decpt = bytes.IndexByte(b, '.')
		if decpt < 0 {
			decpt = len(b)
		} else {
			b = append(b[:decpt], b[decpt+1:]...)
		}
		i := 0
		for i < len(b) && b[i] == '0' {
			i++
		}
		if i == len(b) {
			return b[:1], 1 // rounds to zero; b[0] is '0'
		}
		b, decpt = b[i:], decpt-i
		return bytes.TrimRight(b, "0"), decpt
	}
	var b []byte
	if mode == 0 {
		b = strconv.AppendFloat(buf, f, 'e', -1, bitSize)
	} else {
		b = strconv.AppendFloat(buf, f, 'e', ndigits-1, 64)
	}
	// b is "d.ddde±dd" or "de±dd".
	e := bytes.IndexByte(b, 'e')
	exp := 0
	for _, c := range b[e+2:] {
		exp = exp*10 + int(c-'0')
	}
	if b[e+1] == '-' {
		exp = -exp
	}
	if e > 1 {
		b[1] = b[0]
		digits = b[1:e]
	} else {
		digits = b[:1]
	}
	digits = bytes.TrimRight(digits, "0")
	if len(digits) == 0 {
		digits = b[:1]
	}
	return digits, exp + 1
}

// appendComplex appends repr(c) of a Python complex number.
func appendComplex(dst []byte, c complex128, bitSize int) []byte {
	re, im := real(c), imag(c)
	if re == 0 && !math.Signbit(re) {
		dst = appendFloat(dst, im, bitSize, 'r', 0, 0)
		return append(dst, 'j')
	}
	dst = append(dst, '(')
	dst = appendFloat(dst, re, bitSize, 'r', 0, 0)
	dst = appendFloat(dst, im, bitSize, 'r', 0, dtsfSign)
	return append(dst, 'j', ')')
}
