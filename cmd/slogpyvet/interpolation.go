package main

import (
	"go/ast"
	"go/constant"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// checkInterpolation reports a message built by fmt before the logging
// call (pylint's logging-format-interpolation): it is formatted even when
// the level is disabled, and a '%' in the values then reaches the %-engine.
func checkInterpolation(pass *analysis.Pass, call *ast.CallExpr, fn *types.Func, msgExpr ast.Expr) {
	e := ast.Unparen(msgExpr)
	// err.Error() of an error built by fmt.Errorf or errors.New(fmt.Sprintf(...)).
	if m, ok := e.(*ast.CallExpr); ok && len(m.Args) == 0 {
		if sel, ok := m.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "Error" {
			if inner, ok := ast.Unparen(sel.X).(*ast.CallExpr); ok {
				switch calleeName(pass, inner) {
				case "fmt.Errorf":
					report(pass, msgExpr, "fmt.Errorf(...).Error()", call, fn, inner)
				case "errors.New":
					if len(inner.Args) == 1 && isFmtCall(pass, inner.Args[0]) {
						report(pass, msgExpr, "errors.New(fmt...).Error()", call, fn, ast.Unparen(inner.Args[0]).(*ast.CallExpr))
					}
				}
			}
		}
		return
	}
	if isFmtCall(pass, e) {
		inner := e.(*ast.CallExpr)
		report(pass, msgExpr, calleeName(pass, inner), call, fn, inner)
	}
}

// report reports the interpolation by the call inner (fmt.Sprintf and
// friends) in the message msgExpr of the logging call call. It suggests
// moving the arguments of a constant fmt.Sprintf format into the call when
// the engine reads the format as fmt does.
func report(pass *analysis.Pass, msgExpr ast.Expr, what string, call *ast.CallExpr, fn *types.Func, inner *ast.CallExpr) {
	d := analysis.Diagnostic{
		Pos: msgExpr.Pos(),
		End: msgExpr.End(),
		Message: what + " formats the message before the logging call, even when its level is disabled " +
			"(pylint: logging-format-interpolation); pass the format and its arguments to " + fn.Name() + " instead",
	}
	if fix, ok := moveArgs(pass, msgExpr, inner); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{fix}
	}
	pass.Report(d)
}

// moveArgs builds the fix that passes the format and arguments of a
// fmt.Sprintf or fmt.Errorf call to the logging call, when the format is
// constant and each of its directives prints its argument as fmt did: a
// fmt verb the library accepts in messages (formatted by fmt), or a bare
// %s of a string or an error, or a bare %d of an integer.
func moveArgs(pass *analysis.Pass, msgExpr ast.Expr, inner *ast.CallExpr) (analysis.SuggestedFix, bool) {
	name := calleeName(pass, inner)
	if (name != "fmt.Sprintf" && name != "fmt.Errorf") || inner.Ellipsis.IsValid() || len(inner.Args) == 0 {
		return analysis.SuggestedFix{}, false
	}
	tv := pass.TypesInfo.Types[inner.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return analysis.SuggestedFix{}, false
	}
	f, _, err := parseLog(constant.StringVal(tv.Value))
	if err != nil || len(f.directives) != len(inner.Args)-1 {
		return analysis.SuggestedFix{}, false
	}
	for k, d := range f.directives {
		if d.Keyed || d.WidthStar || d.PrecStar {
			return analysis.SuggestedFix{}, false
		}
		if !f.goVerb[k] && !sameAsFmt(&d, pass.TypesInfo.Types[inner.Args[k+1]].Type) {
			return analysis.SuggestedFix{}, false
		}
	}
	src := func(e ast.Expr) string { return string(sourceBytes(pass, e)) }
	text := src(inner.Args[0])
	for _, a := range inner.Args[1:] {
		text += ", " + src(a)
	}
	return analysis.SuggestedFix{
		Message:   "Pass the format and its arguments to the logging call",
		TextEdits: []analysis.TextEdit{{Pos: msgExpr.Pos(), End: msgExpr.End(), NewText: []byte(text)}},
	}, true
}

// sameAsFmt reports whether the Python directive d prints a value of type
// t as fmt's directive of the same letter does.
func sameAsFmt(d *pyfmt.Directive, t types.Type) bool {
	if t == nil || d.Flags != 0 || d.Width >= 0 || d.Prec >= 0 {
		return false
	}
	b, basic := t.Underlying().(*types.Basic)
	switch d.Verb {
	case 's':
		if basic {
			return types.Identical(types.Default(t), types.Typ[types.String])
		}
		return types.Implements(t, errorType)
	case 'd':
		return basic && b.Info()&types.IsInteger != 0
	}
	return false
}

var errorType = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// sourceBytes returns the source text of e.
func sourceBytes(pass *analysis.Pass, e ast.Expr) []byte {
	tf := pass.Fset.File(e.Pos())
	if tf == nil {
		return []byte(types.ExprString(e))
	}
	for _, f := range pass.Files {
		if f.FileStart <= e.Pos() && e.End() <= f.FileEnd {
			content, err := pass.ReadFile(tf.Name())
			if err == nil {
				return content[tf.Offset(e.Pos()):tf.Offset(e.End())]
			}
		}
	}
	return []byte(types.ExprString(e))
}

// isFmtCall reports whether e is a call of fmt.Sprintf, fmt.Sprint or
// fmt.Sprintln.
func isFmtCall(pass *analysis.Pass, e ast.Expr) bool {
	c, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	switch calleeName(pass, c) {
	case "fmt.Sprintf", "fmt.Sprint", "fmt.Sprintln":
		return true
	}
	return false
}

// calleeName is "pkg.Func" for a call of a package-level function.
func calleeName(pass *analysis.Pass, c *ast.CallExpr) string {
	fn, ok := typeutil.Callee(pass.TypesInfo, c).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Type().(*types.Signature).Recv() != nil {
		return ""
	}
	return fn.Pkg().Path() + "." + fn.Name()
}
