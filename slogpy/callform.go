package slogpy

import (
	"log/slog"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// slog's call form on a Python logger.
//
// Python merges a message with its arguments as msg % args, and fails with
// "not all arguments converted during string formatting" when the message's
// directives leave arguments over. A Go program passes those as slog does:
// Info("request failed", "err", err, "user", u). So when the directives
// leave arguments over, and those surplus arguments form slog key–value
// pairs, they become attributes exactly as slog.Logger.Info takes them;
// any call CPython formats is untouched.

// percentArgs returns how many of a call's plain arguments (those neither
// slog.Attr nor CallOption) are %-arguments of msg, or -1 when all of them
// are: the call has no surplus, or a surplus that slog's pairs do not
// explain (left to the merge, which reports Python's error).
//
// The surplus must be a run of slog key–value pairs: a string key and the
// value after it, or a slog.Attr; a lone string at the end is a key
// without a value (slog's !BADKEY). Any other value where a key is
// expected keeps Python's meaning (and its error).
func percentArgs(msg string, args []any) int {
	plain := 0
	for _, a := range args {
		switch a.(type) {
		case slog.Attr, CallOption:
		default:
			plain++
		}
	}
	if plain == 0 {
		return -1
	}
	n, ok := pyfmt.CountLogArgs(msg, plain)
	if !ok || n >= plain {
		return -1
	}
	if n == 0 && plain == 1 && pyfmt.IsLogMapping(plainArgs(args)) {
		// One non-empty map is Python's mapping operand: no surplus.
		return -1
	}
	if !slogPairs(args, n) {
		return -1
	}
	return n
}

// plainArgs returns the one plain argument of args, for IsLogMapping.
func plainArgs(args []any) []any {
	for i, a := range args {
		switch a.(type) {
		case slog.Attr, CallOption:
		default:
			return args[i : i+1]
		}
	}
	return nil
}

// slogPairs reports whether the arguments after the first n plain ones
// (CallOptions aside) are slog key–value pairs, as addArgs reads them.
func slogPairs(args []any, n int) bool {
	pending := false // a key has been read; the next argument is its value
	for _, a := range args {
		switch a.(type) {
		case CallOption:
			continue
		case slog.Attr:
			if n == 0 && pending {
				pending = false
			}
			continue
		}
		switch {
		case n > 0:
			n--
		case pending:
			pending = false
		default:
			if _, ok := a.(string); !ok {
				return false
			}
			pending = true
		}
	}
	return true
}

// badKey is slog's key for a value without a key.
const badKey = "!BADKEY"

// addArgs sorts a logging call's arguments into the record: CallOptions
// set fields (it returns the stack level to add and whether to capture the
// stack), slog.Attr arguments become attributes, plain arguments are
// %-arguments; after the first take of those (all of them if take < 0)
// the rest are read as slog reads its arguments.
func (r *Record) addArgs(args []any, take int) (skip int, stack bool) {
	key, pending := "", false
	for _, a := range args {
		switch v := a.(type) {
		case CallOption:
			switch v.kind {
			case optExcInfo:
				r.Err, r.ExcInfo = v.err, true
			case optStackInfo:
				stack = true
			case optStackLevel:
				if v.level > 1 {
					skip += v.level - 1
				}
			}
			continue
		case slog.Attr:
			if take != 0 || !pending {
				r.attrs = appendAttr(r.attrs, v)
				continue
			}
		}
		switch {
		case take != 0:
			r.Args = append(r.Args, a)
			take--
		case pending:
			r.attrs = appendAttr(r.attrs, slog.Any(key, a))
			pending = false
		default:
			key, pending = a.(string), true
		}
	}
	if pending {
		r.attrs = appendAttr(r.attrs, slog.String(badKey, key))
	}
	return skip, stack
}
