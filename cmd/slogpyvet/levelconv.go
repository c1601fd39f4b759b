package main

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

const levelsPath = "github.com/slogpy/slogpy/levels"

// checkLevelConversion reports levels.Level(x) where x is a slog.Level: the
// conversion keeps the number, and the scales differ (slog's LevelWarn, 4,
// is below Python's DEBUG, 10), so the level set or logged is not the one
// named. levels.FromSlog maps it.
func checkLevelConversion(pass *analysis.Pass, call *ast.CallExpr) {
	if len(call.Args) != 1 {
		return
	}
	tv, ok := pass.TypesInfo.Types[call.Fun]
	if !ok || !tv.IsType() || !isNamed(tv.Type, levelsPath, "Level") {
		return
	}
	arg := call.Args[0]
	if !isNamed(pass.TypesInfo.TypeOf(arg), "log/slog", "Level") {
		return
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(),
		End: call.End(),
		Message: "levels.Level(" + types.ExprString(arg) + ") keeps slog's number, on slog's scale (slog.LevelWarn is 4, below Python's DEBUG, 10): " +
			"use levels.FromSlog(" + types.ExprString(arg) + ")",
	}
	if fun, ok := call.Fun.(*ast.SelectorExpr); ok {
		if pkg, ok := fun.X.(*ast.Ident); ok {
			d.SuggestedFixes = []analysis.SuggestedFix{{
				Message:   "Map it with levels.FromSlog",
				TextEdits: []analysis.TextEdit{{Pos: fun.Pos(), End: fun.End(), NewText: []byte(pkg.Name + ".FromSlog")}},
			}}
		}
	}
	pass.Report(d)
}
