package pyfmt

import (
	"fmt"
	"strconv"
)

// Error is a formatting error that stands for a Python exception.
type Error struct {
	// Type is the name of the Python exception class, such as "TypeError".
	Type string
	// Msg is str() of the exception, such as
	// "not enough arguments for format string".
	Msg string
}

// Error returns the exception as Python prints it: Type, ": ", Msg.
func (e *Error) Error() string { return e.Type + ": " + e.Msg }

// PanicError reports a String or Error method that panicked while its value
// was being formatted.
type PanicError struct {
	// Method is "String" or "Error".
	Method string
	// Value is the value passed to panic.
	Value any
}

// Error returns "pyfmt: <Method> method panicked: <Value>".
func (e *PanicError) Error() string {
	return "pyfmt: " + e.Method + " method panicked: " + fmt.Sprint(e.Value)
}

func typeError(msg string) error     { return &Error{"TypeError", msg} }
func valueError(msg string) error    { return &Error{"ValueError", msg} }
func overflowError(msg string) error { return &Error{"OverflowError", msg} }

// keyError returns Python's KeyError for key: its message is repr(key).
func keyError(key string) error {
	return &Error{"KeyError", string(appendQuoted(nil, key, false))}
}

// Errors without variable parts are allocated once.
var (
	errNotEnoughArgs   = typeError("not enough arguments for format string")
	errNotAllConverted = typeError("not all arguments converted during string formatting")
	errNeedsMapping    = typeError("format requires a mapping")
	errStarWantsInt    = typeError("* wants int")
	errIncomplete      = valueError("incomplete format")
	errIncompleteKey   = valueError("incomplete format key")
	errWidthTooBig     = valueError("width too big")
	errPrecTooBig      = valueError("precision too big")
	errCharRequired    = typeError("%c requires int or char")
	errCharRange       = overflowError("%c arg not in range(0x110000)")
	errInfToInt        = overflowError("cannot convert float infinity to integer")
	errNaNToInt        = valueError("cannot convert float NaN to integer")
	errIntToFloat      = overflowError("int too large to convert to float")
	errTooManyDigits   = valueError("Too many decimal digits in format string")
	errMissingPrec     = valueError("Format specifier missing precision")
	errCommaUnderscore = valueError("Cannot specify both ',' and '_'.")
	errRecursion       = &Error{"RecursionError", "maximum recursion depth exceeded while getting the repr of an object"}
)

// unsupportedChar is the ValueError for an unknown % conversion character
// r found at code point index idx.
func unsupportedChar(r rune, idx int) error {
	c := '?'
	if r >= 31 && r <= 126 {
		c = r
	}
	return valueError("unsupported format character '" + string(c) + "' (0x" +
		hexString(r) + ") at index " + strconv.Itoa(idx))
}

// quoteCode formats a format code or conversion character the way CPython's
// messages do: the character itself if 32 < r < limit, else \x escaped.
func quoteCode(r rune, limit rune) string {
	if r > 32 && r < limit {
		return string(r)
	}
	return `\x` + hexString(r)
}

func hexString(r rune) string { return strconv.FormatInt(int64(r), 16) }
