package main

import (
	"go/ast"
	"go/types"

	"golang.org/x/tools/go/analysis"
)

// checkFatal reports a call of Fatal, which logs at CRITICAL and returns,
// as Python's logger.fatal does, where log.Fatal and zap's Fatal exit. A
// call followed by os.Exit, panic or log.Fatal is left alone.
func checkFatal(pass *analysis.Pass, call *ast.CallExpr, stack []ast.Node) {
	if exitsNext(pass, call, stack) {
		return
	}
	d := analysis.Diagnostic{
		Pos: call.Pos(),
		End: call.End(),
		Message: "Fatal logs at CRITICAL and does not exit (it is Python's logger.fatal, not log.Fatal): " +
			"call slogpy.Shutdown() and os.Exit(1) after it, or call Critical to say what it does",
	}
	if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
		d.SuggestedFixes = []analysis.SuggestedFix{{
			Message:   "Call Critical",
			TextEdits: []analysis.TextEdit{{Pos: sel.Sel.Pos(), End: sel.Sel.End(), NewText: []byte("Critical")}},
		}}
	}
	pass.Report(d)
}

// exitsNext reports whether the statement after the call's is a call of
// os.Exit, panic, runtime.Goexit or log.Fatal*.
func exitsNext(pass *analysis.Pass, call *ast.CallExpr, stack []ast.Node) bool {
	if len(stack) < 3 {
		return false
	}
	stmt, ok := stack[len(stack)-2].(*ast.ExprStmt)
	if !ok || stmt.X != call {
		return false
	}
	var list []ast.Stmt
	switch p := stack[len(stack)-3].(type) {
	case *ast.BlockStmt:
		list = p.List
	case *ast.CaseClause:
		list = p.Body
	case *ast.CommClause:
		list = p.Body
	default:
		return false
	}
	for i, s := range list {
		if s != stmt || i+1 == len(list) {
			continue
		}
		next, ok := list[i+1].(*ast.ExprStmt)
		if !ok {
			return false
		}
		c, ok := ast.Unparen(next.X).(*ast.CallExpr)
		if !ok {
			return false
		}
		if id, ok := ast.Unparen(c.Fun).(*ast.Ident); ok {
			if b, ok := pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
				return true
			}
		}
		switch calleeName(pass, c) {
		case "os.Exit", "runtime.Goexit", "log.Fatal", "log.Fatalf", "log.Fatalln":
			return true
		}
		return false
	}
	return false
}
