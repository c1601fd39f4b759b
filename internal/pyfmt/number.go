package pyfmt

import (
	"log/slog"
	"math"
	"math/big"
	"reflect"
	"strconv"
)

// pyInt is a Python int: a sign and a magnitude, or a *big.Int when the
// magnitude does not fit in 64 bits.
type pyInt struct {
	neg bool
	mag uint64
	big *big.Int // the signed value, when not nil
}

func intFromInt64(i int64) pyInt {
	if i < 0 {
		return pyInt{neg: true, mag: uint64(-(i + 1)) + 1}
	}
	return pyInt{mag: uint64(i)}
}

func intFromBig(b *big.Int) pyInt {
	if b.BitLen() <= 64 {
		return pyInt{neg: b.Sign() < 0, mag: new(big.Int).Abs(b).Uint64()}
	}
	return pyInt{neg: b.Sign() < 0, big: b}
}

// intFromFloat converts f to int as Python's int(f) does, truncating.
func intFromFloat(f float64) (pyInt, error) {
	switch {
	case math.IsInf(f, 0):
		return pyInt{}, errInfToInt
	case math.IsNaN(f):
		return pyInt{}, errNaNToInt
	}
	t := math.Trunc(f)
	if a := math.Abs(t); a < 1<<64 {
		return pyInt{neg: t < 0, mag: uint64(a)}, nil
	}
	b, _ := new(big.Float).SetFloat64(t).Int(nil)
	return pyInt{neg: t < 0, big: b}, nil
}

// appendDigits appends the magnitude of n in base, with lower case letters
// unless upper is set.
func (n pyInt) appendDigits(dst []byte, base int, upper bool) []byte {
	start := len(dst)
	if n.big != nil {
		dst = n.big.Append(dst, base)
		if dst[start] == '-' {
			dst = append(dst[:start], dst[start+1:]...)
		}
	} else {
		dst = strconv.AppendUint(dst, n.mag, base)
	}
	if upper {
		for i := start; i < len(dst); i++ {
			if c := dst[i]; 'a' <= c && c <= 'z' {
				dst[i] = c - 'a' + 'A'
			}
		}
	}
	return dst
}

// float converts n to float as Python's float(n) does. It reports false if
// n is too large.
func (n pyInt) float() (float64, bool) {
	if n.big == nil {
		f := float64(n.mag)
		if n.neg {
			f = -f
		}
		return f, true
	}
	f, _ := new(big.Float).SetInt(n.big).Float64()
	return f, !math.IsInf(f, 0)
}

// int64 returns n as an int64 if it fits.
func (n pyInt) int64() (int64, bool) {
	switch {
	case n.big != nil:
		return 0, false
	case n.neg:
		if n.mag > 1<<63 {
			return 0, false
		}
		return -int64(n.mag-1) - 1, true
	case n.mag > math.MaxInt64:
		return 0, false
	}
	return int64(n.mag), true
}

// numKind tells whether a Go value is a Python number.
type numKind uint8

const (
	notNumber numKind = iota
	numInt            // int or bool
	numFloat
)

// pyNum is a Go value seen as a Python int, bool or float.
type pyNum struct {
	kind   numKind
	isBool bool
	i      pyInt   // numInt
	f      float64 // numFloat
	bits   int     // 32 for a float32, else 64
}

func numInt64(i int64) pyNum   { return pyNum{kind: numInt, i: intFromInt64(i)} }
func numUint64(u uint64) pyNum { return pyNum{kind: numInt, i: pyInt{mag: u}} }
func numFloat64(f float64, bits int) pyNum {
	return pyNum{kind: numFloat, f: f, bits: bits}
}
func numBool(b bool) pyNum {
	n := pyNum{kind: numInt, isBool: true}
	if b {
		n.i.mag = 1
	}
	return n
}

// toNumber returns v as a Python number, or a pyNum of kind notNumber.
// Named integer, float and bool types count as numbers even when they have
// a String method.
func toNumber(v any) pyNum {
	switch v := v.(type) {
	case int:
		return numInt64(int64(v))
	case int64:
		return numInt64(v)
	case int32:
		return numInt64(int64(v))
	case int16:
		return numInt64(int64(v))
	case int8:
		return numInt64(int64(v))
	case uint:
		return numUint64(uint64(v))
	case uint64:
		return numUint64(v)
	case uint32:
		return numUint64(uint64(v))
	case uint16:
		return numUint64(uint64(v))
	case uint8:
		return numUint64(uint64(v))
	case uintptr:
		return numUint64(uint64(v))
	case float64:
		return numFloat64(v, 64)
	case float32:
		return numFloat64(float64(v), 32)
	case bool:
		return numBool(v)
	case string, nil, []byte:
		return pyNum{}
	case *big.Int:
		if v == nil {
			return pyNum{}
		}
		return pyNum{kind: numInt, i: intFromBig(v)}
	case slog.Value:
		switch v.Kind() {
		case slog.KindInt64:
			return numInt64(v.Int64())
		case slog.KindUint64:
			return numUint64(v.Uint64())
		case slog.KindFloat64:
			return numFloat64(v.Float64(), 64)
		case slog.KindBool:
			return numBool(v.Bool())
		case slog.KindString:
			return pyNum{}
		}
		return toNumber(v.Resolve().Any())
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return numInt64(rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return numUint64(rv.Uint())
	case reflect.Float32:
		return numFloat64(rv.Float(), 32)
	case reflect.Float64:
		return numFloat64(rv.Float(), 64)
	case reflect.Bool:
		return numBool(rv.Bool())
	}
	return pyNum{}
}

// toString returns v as a Python str, if it is one: a string, a value of a
// named string type or a string slog.Value.
func toString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case nil:
		return "", false
	case slog.Value:
		if v.Kind() == slog.KindString {
			return v.String(), true
		}
		return toString(v.Resolve().Any())
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}
