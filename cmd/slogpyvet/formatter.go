package main

import (
	"go/ast"
	"go/constant"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/slogpy/slogpy/slogpy"
)

// checkFormatterCall checks the constant formats given to
// slogpy.NewFormatter and BasicConfig by building the formatter with the
// library itself, so that a finding is the library's own error.
func checkFormatterCall(pass *analysis.Pass, call *ast.CallExpr, fn *types.Func) {
	if fn.Pkg().Path() != slogpyPath || call.Ellipsis.IsValid() {
		return
	}
	switch fn.Name() {
	case "NewFormatter":
		if fn.Type().(*types.Signature).Recv() != nil || len(call.Args) != 2 {
			return
		}
		format, ok := constString(pass, call.Args[0])
		if !ok {
			return
		}
		f, ok := literalFields(pass, call.Args[1], "Datefmt", "Style", "NoValidate", "DefaultTimeFormat", "DefaultMsecFormat")
		if !ok {
			return
		}
		opts := &slogpy.FormatterOptions{
			Datefmt: f.str("Datefmt"), Style: f.str("Style"), NoValidate: f.bool("NoValidate"),
			DefaultTimeFormat: f.str("DefaultTimeFormat"), DefaultMsecFormat: f.str("DefaultMsecFormat"),
		}
		if _, err := slogpy.NewFormatter(format, opts); err != nil {
			pass.ReportRangef(call, "%v", err)
		}
	case "BasicConfig":
		if len(call.Args) != 1 {
			return
		}
		f, ok := literalFields(pass, call.Args[0], "Format", "Datefmt", "Style")
		if !ok || len(f) == 0 {
			return
		}
		opts := &slogpy.FormatterOptions{Datefmt: f.str("Datefmt"), Style: f.str("Style")}
		if _, err := slogpy.NewFormatter(f.str("Format"), opts); err != nil {
			pass.ReportRangef(call, "BasicConfig would fail and configure nothing: %s", strings.TrimPrefix(err.Error(), "slogpy: "))
		}
	}
}

// fields are the constant fields of an options literal.
type fields map[string]constant.Value

func (f fields) str(name string) string {
	if v, ok := f[name]; ok && v.Kind() == constant.String {
		return constant.StringVal(v)
	}
	return ""
}

func (f fields) bool(name string) bool {
	v, ok := f[name]
	return ok && v.Kind() == constant.Bool && constant.BoolVal(v)
}

// literalFields reads the options argument e, nil or &T{...}, and returns
// the named fields it sets. It reports false when e is anything else or
// one of the named fields is not a constant; nil gives no fields.
func literalFields(pass *analysis.Pass, e ast.Expr, names ...string) (fields, bool) {
	e = ast.Unparen(e)
	if pass.TypesInfo.Types[e].IsNil() {
		return fields{}, true
	}
	u, ok := e.(*ast.UnaryExpr)
	if !ok {
		return nil, false
	}
	lit, ok := ast.Unparen(u.X).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	f := fields{}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		id, ok := kv.Key.(*ast.Ident)
		if !ok {
			return nil, false
		}
		for _, n := range names {
			if id.Name != n {
				continue
			}
			v := pass.TypesInfo.Types[kv.Value].Value
			if v == nil {
				return nil, false
			}
			f[n] = v
		}
	}
	return f, true
}

func constString(pass *analysis.Pass, e ast.Expr) (string, bool) {
	v := pass.TypesInfo.Types[e].Value
	if v == nil || v.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(v), true
}
