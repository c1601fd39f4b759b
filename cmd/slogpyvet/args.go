package main

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"math/big"
	"strconv"

	"golang.org/x/tools/go/analysis"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// role is what the library makes of a logging call's argument.
type role uint8

const (
	rolePlain   role = iota // a %-argument, or a slog key or value
	roleAttr                // a slog.Attr: an attribute wherever it is
	roleOption              // a slogpy.CallOption: sets a record field
	roleUnknown             // an interface value that may hold an Attr or a CallOption
)

// arg is one argument of a logging call after the message.
type arg struct {
	expr ast.Expr
	typ  types.Type
	role role
	// rep is a value of the argument's kind that the %-engine formats as
	// it would format the argument, when known is set: the constant
	// itself, or a value of the same Python type.
	rep      any
	known    bool
	constant bool // a constant expression, rep its value
	// key is set when the argument is a Go string, which slog takes as a
	// key.
	key bool
}

// classify describes the arguments args of a call of fn.
func classify(pass *analysis.Pass, fn *types.Func, args []ast.Expr) []arg {
	attrT := lookupType(fn.Pkg(), "log/slog", "Attr")
	optT := lookupType(fn.Pkg(), slogpyPath, "CallOption")
	out := make([]arg, len(args))
	for i, e := range args {
		tv := pass.TypesInfo.Types[e]
		a := arg{expr: e, typ: tv.Type}
		switch {
		case tv.Type == nil:
			a.role = roleUnknown
		case attrT != nil && types.Identical(tv.Type, attrT):
			a.role = roleAttr
		case optT != nil && types.Identical(tv.Type, optT):
			a.role = roleOption
		case types.IsInterface(tv.Type):
			if _, isParam := tv.Type.(*types.TypeParam); isParam ||
				mayHold(tv.Type, attrT) || mayHold(tv.Type, optT) {
				a.role = roleUnknown
			}
		default:
			a.rep, a.known = representative(tv)
			a.constant = tv.Value != nil
			a.key = isGoString(tv.Type)
		}
		out[i] = a
	}
	return out
}

// mayHold reports whether a value of type t, a named type, can be stored
// in the interface type iface.
func mayHold(iface, t types.Type) bool {
	it, ok := iface.Underlying().(*types.Interface)
	return ok && t != nil && types.Implements(t, it)
}

// isGoString reports whether t is string or an untyped string constant:
// the only type slog takes as a key.
func isGoString(t types.Type) bool {
	b, ok := t.(*types.Basic)
	return ok && (b.Kind() == types.String || b.Kind() == types.UntypedString)
}

// lookupType finds the named type path.name among pkg and its imports.
func lookupType(pkg *types.Package, path, name string) types.Type {
	if pkg.Path() == path {
		if tn, ok := pkg.Scope().Lookup(name).(*types.TypeName); ok {
			return tn.Type()
		}
	}
	for _, imp := range pkg.Imports() {
		if imp.Path() == path {
			if tn, ok := imp.Scope().Lookup(name).(*types.TypeName); ok {
				return tn.Type()
			}
		}
	}
	return nil
}

// representative returns a Go value that the %-engine formats as it
// formats a value of the typed expression tv: the constant itself when tv
// is a constant, else a value of the same Python type (int, float, str,
// bytes, list, dict, or none of them). It reports false when the value's
// Python type depends on its dynamic type (an interface, a slog.Value).
func representative(tv types.TypeAndValue) (any, bool) {
	if tv.IsNil() {
		return nil, true
	}
	if tv.Value != nil {
		if v, ok := constantValue(tv.Value); ok {
			return v, true
		}
	}
	if p, ok := tv.Type.(*types.Pointer); ok && isNamed(p.Elem(), "math/big", "Int") {
		return new(big.Int), true
	}
	if isNamed(tv.Type, "log/slog", "Value") {
		return nil, false
	}
	if isNamed(tv.Type, pyfmtPath, "Dict") {
		return pyfmt.Dict{{Key: "k", Value: 0}}, true
	}
	if isNamed(tv.Type, pyfmtPath, "Tuple") {
		return pyfmt.Tuple{}, true
	}
	switch u := tv.Type.Underlying().(type) {
	case *types.Basic:
		return basicValue(u)
	case *types.Slice:
		if b, ok := u.Elem().Underlying().(*types.Basic); ok && b.Kind() == types.Byte {
			return []byte{}, true
		}
		return []int{}, true
	case *types.Array:
		return [0]int{}, true
	case *types.Map:
		return map[string]int{"k": 0}, true
	case *types.Interface, *types.TypeParam:
		return nil, false
	}
	// Structs, pointers, channels and functions are none of Python's
	// types: the engine formats them with their methods or fmt.
	return struct{}{}, true
}

// basicValue is representative for a basic type. A string is "x", one
// character, since a string variable may hold the one character %c wants.
func basicValue(b *types.Basic) (any, bool) {
	info := b.Info()
	switch {
	case info&types.IsBoolean != 0:
		return false, true
	case info&types.IsUnsigned != 0:
		return uint64(0), true
	case info&types.IsInteger != 0:
		return int64(0), true
	case info&types.IsFloat != 0:
		return 0.0, true
	case info&types.IsComplex != 0:
		return complex128(0), true
	case info&types.IsString != 0:
		return "x", true
	}
	return nil, false
}

// constantValue converts a Go constant to the value the engine receives.
func constantValue(v constant.Value) (any, bool) {
	switch v.Kind() {
	case constant.Bool:
		return constant.BoolVal(v), true
	case constant.String:
		return constant.StringVal(v), true
	case constant.Int:
		if i, ok := constant.Int64Val(v); ok {
			return i, true
		}
		if u, ok := constant.Uint64Val(v); ok {
			return u, true
		}
		b, ok := new(big.Int).SetString(v.ExactString(), 10)
		return b, ok
	case constant.Float:
		f, _ := constant.Float64Val(v)
		return f, true
	case constant.Complex:
		re, _ := constant.Float64Val(constant.Real(v))
		im, _ := constant.Float64Val(constant.Imag(v))
		return complex(re, im), true
	}
	return nil, false
}

func isNamed(t types.Type, path, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == path
}

// describe names an argument in a finding: its source text and Go type,
// as `string argument "name"`.
func describe(a *arg) string {
	return typeName(a.typ) + " argument " + source(a.expr)
}

// typeName is the Go name of t, untyped constants given their default type.
func typeName(t types.Type) string {
	if t == nil {
		return "untyped"
	}
	return types.TypeString(types.Default(t), func(p *types.Package) string { return p.Name() })
}

// source is the quoted source text of e, shortened; a string literal is
// shown as written.
func source(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 40 {
		s = s[:37] + "..."
	}
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
		return s
	}
	return strconv.Quote(s)
}
