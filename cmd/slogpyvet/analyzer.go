package main

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Import paths of the packages whose calls are checked.
const (
	slogpyPath  = "github.com/slogpy/slogpy/slogpy"
	adapterPath = "github.com/slogpy/slogpy/adapter"
	pyfmtPath   = "github.com/slogpy/slogpy/internal/pyfmt" // slogpy.Dict and Tuple are its types
)

// Analyzer checks the calls of slogpy's logging functions and formatters.
var Analyzer = &analysis.Analyzer{
	Name:     "slogpyvet",
	Doc:      doc,
	URL:      "https://pkg.go.dev/github.com/slogpy/slogpy/cmd/slogpyvet",
	Requires: []*analysis.Analyzer{inspect.Analyzer},
	Run:      run,
}

const doc = `check calls of slogpy's logging methods and formatters

slogpyvet reports, in every call of a slogpy logging method, module-level
function or adapter method whose message is a constant, what would make
the record print a "--- Logging error ---" block instead of the message
(a directive without its argument, %d given a string, an unsupported
directive, an argument that is neither converted nor a slog key-value
pair or attribute) or lose data silently (a key without its value, logged
as !BADKEY); a message built with fmt.Sprintf before the call (pylint's
logging-format-interpolation); calls of Fatal, which logs at CRITICAL and
does not exit; constant formats given to NewFormatter or BasicConfig
that would fail; and conversions of a slog.Level to levels.Level, which
keep slog's number where levels.FromSlog maps it.`

func run(pass *analysis.Pass) (any, error) {
	ins := pass.ResultOf[inspect.Analyzer].(*inspector.Inspector)
	ins.WithStack([]ast.Node{(*ast.CallExpr)(nil)}, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		call := n.(*ast.CallExpr)
		checkLevelConversion(pass, call)
		fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
		if !ok || fn.Pkg() == nil {
			return true
		}
		switch fn.Pkg().Path() {
		case slogpyPath, adapterPath:
		default:
			return true
		}
		if msg, ok := logCall(fn); ok {
			c := &logCallCheck{pass: pass, call: call, fn: fn, msgIndex: msg}
			c.check()
			if fn.Name() == "Fatal" {
				checkFatal(pass, call, stack)
			}
			return true
		}
		if withCall(fn) {
			checkWith(pass, call, fn)
			return true
		}
		checkFormatterCall(pass, call, fn)
		return true
	})
	return nil, nil
}

// logCall reports whether fn is a logging function or method: one with a
// parameter "msg string" followed by a last parameter "args ...any". It
// returns the index of msg.
func logCall(fn *types.Func) (int, bool) {
	sig, ok := fn.Type().(*types.Signature)
	if !ok || !sig.Variadic() {
		return 0, false
	}
	params := sig.Params()
	n := params.Len()
	if n < 2 {
		return 0, false
	}
	msg := params.At(n - 2)
	if msg.Name() != "msg" || !types.Identical(msg.Type(), types.Typ[types.String]) {
		return 0, false
	}
	last, ok := params.At(n - 1).Type().(*types.Slice)
	if !ok {
		return 0, false
	}
	if it, ok := last.Elem().Underlying().(*types.Interface); !ok || !it.Empty() {
		return 0, false
	}
	return n - 2, true
}
