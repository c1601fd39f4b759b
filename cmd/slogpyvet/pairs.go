package main

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// readPairs reads args as slog reads a call's arguments: a string key and
// the value after it (a slog.Attr too), or a slog.Attr. It returns the
// first argument found where a key is expected that is neither a string
// nor a slog.Attr, else a key left without its value at the end; nil and
// nil when the pairs are complete, or when an argument whose dynamic type
// decides comes first. CallOptions are skipped when options is set, as the
// logging methods take them out.
func readPairs(args []arg, options bool) (notKey, lone *arg) {
	var pending *arg
	for i := range args {
		a := &args[i]
		switch {
		case a.role == roleOption && options:
		case a.role == roleUnknown:
			return nil, nil // an interface may hold a key, a value or an Attr
		case pending != nil:
			pending = nil
		case a.role == roleAttr:
		case !a.key && mayHold(a.typ, types.Typ[types.String]):
			return nil, nil // an interface without methods may hold a string key
		case !a.key:
			return a, nil
		default:
			pending = a
		}
	}
	return nil, pending
}

func reportLoneKey(pass *analysis.Pass, a *arg, fix string) {
	pass.ReportRangef(a.expr, "%s is a slog key without a value: it is logged as !BADKEY=%s; %s", describe(a), badKeyValue(a), fix)
}

// checkWith checks the arguments of a With method, which reads them as
// slog.Logger.With does: an argument that is neither a key nor a
// slog.Attr, or a key without its value, is logged as !BADKEY.
func checkWith(pass *analysis.Pass, call *ast.CallExpr, fn *types.Func) {
	if call.Ellipsis.IsValid() {
		return
	}
	args := classify(pass, fn, call.Args)
	notKey, lone := readPairs(args, false)
	if notKey != nil {
		pass.ReportRangef(notKey.expr, "%s is not a slog key (a string) or a slog.Attr: %s logs it as !BADKEY=%s; add a key before it",
			describe(notKey), fn.Name(), source(notKey.expr))
	} else if lone != nil {
		reportLoneKey(pass, lone, "add its value after it")
	}
}

// withCall reports whether fn reads its arguments as slog.Logger.With does:
// a function named With whose only parameter is args ...any.
func withCall(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || fn.Name() != "With" || !sig.Variadic() || sig.Params().Len() != 1 {
		return false
	}
	last, ok := sig.Params().At(0).Type().(*types.Slice)
	if !ok {
		return false
	}
	it, ok := last.Elem().Underlying().(*types.Interface)
	return ok && it.Empty()
}
