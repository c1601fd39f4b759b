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
//
// A message with a literal % ("disk 90% full", "progress 50%") and
// key–value pairs makes CPython fail ("must be real number, not str",
// "incomplete format"): when every plain argument is part of a complete
// slog pair and the merge with the arguments the directives take fails,
// the message stands as written and every pair is an attribute — what a
// Go developer writing slog's call form means. So it does when a
// directive with the space flag ("100% sure" reads "% s") would take some
// of the pairs and leave the others over, where CPython fails too.

// percentArgs returns how many of a call's plain arguments (those neither
// slog.Attr nor CallOption; plain of them) are %-arguments of msg, or -1
// when all of them are: the call has no surplus, or a surplus that slog's
// pairs do not explain (left to the merge, which reports Python's error).
//
// The surplus must be a run of slog key–value pairs: a string key and the
// value after it, or a slog.Attr; a lone string at the end is a key
// without a value (slog's !BADKEY). Any other value where a key is
// expected keeps Python's meaning (and its error).
func percentArgs(msg string, args []any, plain int) int {
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
	return n
}

// sortArgs sorts a logging call's arguments into r (see addArgs) and
// returns the stack level to add and whether to capture the stack. Where
// the directives of msg may leave plain arguments over, the split needs
// their count. When the call has no slog.Attr arguments and every handler
// the record reaches merges its message before it reads anything else of
// the record (lazy), the merge that runs anyway finds it (see
// mergeSplitting): the call costs nothing more than a printf call.
// Otherwise percentArgs scans msg now.
func (r *Record) sortArgs(msg string, args []any, lazy bool) (skip int, stack bool) {
	skip, stack = r.addArgs(args, -1)
	if len(r.Args) == 0 {
		return skip, stack
	}
	if lazy && len(r.attrs) == 0 {
		r.splitArgs = true
	} else if n := r.percentArgsOrLiteral(msg, args); n >= 0 {
		clear(r.Args)
		clear(r.attrs)
		r.Args, r.attrs, r.bound = r.Args[:0], r.attrs[:0], nil
		r.addArgs(args, n)
	}
	return skip, stack
}

// percentArgsOrLiteral is percentArgs for a record whose Args hold every
// plain argument of the call, but 0 (all of them are slog pairs, the
// message is literal) when they are all complete pairs and the directives
// cannot take them: a malformed directive, or a directive with the space
// flag ("90% full" reads "% f") whose merge fails. A failing directive
// without it ("%x" of a string) is a printf mistake: Python's error.
func (r *Record) percentArgsOrLiteral(msg string, args []any) int {
	n := percentArgs(msg, args, len(r.Args))
	if !allPairs(r.Args) {
		return n
	}
	take, ok := pyfmt.CountLogArgs(msg, len(r.Args))
	if !ok {
		return 0
	}
	if take == 0 || !pyfmt.HasSpaceFlag(msg) {
		return n // nothing to merge, or a printf mistake: Python's reading
	}
	if take < len(r.Args) {
		// "100% sure", "k", "v": "% s" would take "k" and leave "v" over,
		// where CPython fails; the % is text.
		return 0
	}
	take = min(take, len(r.Args))
	start := len(r.msg)
	var err error
	r.msg, _, err = pyfmt.AppendLogArgsLimit(r.msg, msg, r.Args[:take], r.maxMessage())
	r.msg = r.msg[:start]
	if err != nil {
		return 0
	}
	return n
}

// literalPercent reports whether a message whose merge failed reads as
// text with a literal %, as percentArgsOrLiteral decides.
func literalPercent(msg string, nargs int) bool {
	_, ok := pyfmt.CountLogArgs(msg, nargs)
	return !ok || pyfmt.HasSpaceFlag(msg)
}

// allPairs reports whether args, plain arguments all, are complete slog
// key–value pairs: at least one, a string at every even index.
func allPairs(args []any) bool {
	return len(args) >= 2 && len(args)%2 == 0 && plainPairs(args)
}

// mergeSplitting merges the message of a record whose plain arguments all
// wait in Args, none of the call's arguments being a slog.Attr (see
// sortArgs). When the directives take only the first n and the rest form
// slog pairs, the rest become attributes and the merged text stands, as
// percentArgs would have decided before the merge; otherwise the merge's
// result (Python's error included) is the record's.
func (r *Record) mergeSplitting(max int) {
	r.splitArgs = false
	start := len(r.msg)
	var surplus bool
	var n int
	r.msg, r.msgCut, surplus, n, r.msgErr = pyfmt.AppendLogArgsSurplus(r.msg, r.Msg, r.Args, max)
	switch {
	case surplus && allPairs(r.Args) && pyfmt.HasSpaceFlag(r.Msg):
		// A literal % among slog pairs whose space-flag directives
		// would take some of them (see percentArgsOrLiteral).
		r.msg, r.msgErr, n = r.msg[:start], nil, 0
	case surplus:
		r.msgErr = nil
	case r.msgErr != nil && !r.msgCut && allPairs(r.Args) && literalPercent(r.Msg, len(r.Args)):
		// A literal % among slog pairs (see the top of this file).
		r.msg, r.msgErr, n = r.msg[:start], nil, 0
	case r.msgCut:
		// The directives after the cut were not read: count them.
		if n = percentArgs(r.Msg, r.Args, len(r.Args)); n < 0 {
			return
		}
	default:
		return
	}
	rest := r.Args[n:]
	for i := 0; i < len(rest); {
		key, ok := rest[i].(string)
		switch {
		case !ok: // a value where a key is expected, as slog reads it
			r.attrs = appendAttr(r.attrs, slog.Any(badKey, rest[i]))
			i++
		case i+1 < len(rest):
			r.noteSplitKey(key)
			r.attrs = appendAttr(r.attrs, slog.Any(key, rest[i+1]))
			i += 2
		default:
			r.attrs = appendAttr(r.attrs, slog.String(badKey, key))
			i++
		}
	}
	clear(rest)
	r.Args = r.Args[:n]
	if n == 0 {
		// No %-arguments left: Python prints msg as it is.
		r.msg = r.msg[:start]
		r.appendPlainMessage(max)
	}
}

// plainPairs reports whether args, plain arguments all, are slog key–value
// pairs: a string at every even index (a lone key at the end included).
func plainPairs(args []any) bool {
	for i := 0; i < len(args); i += 2 {
		if _, ok := args[i].(string); !ok {
			return false
		}
	}
	return true
}

// settle finishes the split of a record whose call's surplus arguments
// wait for the merge (see sortArgs), before anything reads its arguments or
// attributes otherwise.
func (r *Record) settle() {
	if r.splitArgs {
		r.settleSplit()
	}
}

// settleSplit is settle's work, out of line so that settle inlines.
func (r *Record) settleSplit() {
	r.message()
	r.splitArgs = false
}

// plainArgs returns the one plain argument of args, for IsLogMapping.
func plainArgs(args []any) []any {
	for i, a := range args {
		switch a.(type) {
		case slog.Attr, CallOption, *attrBlock:
		default:
			return args[i : i+1]
		}
	}
	return nil
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
		case *attrBlock:
			if r.bound == nil {
				r.bound = v
			} else {
				r.attrs = append(r.attrs, v.attrs...)
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
			var isKey bool
			if key, isKey = a.(string); !isKey {
				// A value where a key is expected, as slog reads it.
				r.attrs = appendAttr(r.attrs, slog.Any(badKey, a))
				continue
			}
			pending = true
		}
	}
	if pending {
		r.attrs = appendAttr(r.attrs, slog.String(badKey, key))
	}
	return skip, stack
}
