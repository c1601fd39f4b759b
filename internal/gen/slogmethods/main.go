// Command slogmethods writes the slog.Handler methods of a package's
// handlers: run by "go generate" in a package of the module, it finds the
// exported struct types that embed slogpy.HandlerBase, directly or through
// other types of the package, and writes zz_slog_methods.go with a Handle,
// WithAttrs and WithGroup method for each (those the type does not declare
// itself), which call package slogpy's code through internal/handlercore.
// A HandlerBase cannot have these methods: they must reach the Emit of the
// type that embeds it, which the base does not know.
//
// Files with build constraints are not read: a handler type must be
// declared in a file built everywhere. TestGenerated fails when a
// package's file is stale.
package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Output is the name of the file written in each package.
const Output = "zz_slog_methods.go"

const slogpyPath = "github.com/slogpy/slogpy/slogpy"

func main() {
	src, err := generate(".")
	if err == nil {
		err = write(".", src)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "slogmethods:", err)
		os.Exit(1)
	}
}

// write writes src to dir's Output, or removes the file when src is nil.
func write(dir string, src []byte) error {
	path := filepath.Join(dir, Output)
	if src == nil {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	return os.WriteFile(path, src, 0o644)
}

// pkgInfo is what generate reads of a package.
type pkgInfo struct {
	name    string
	embeds  map[string][]string        // struct type -> embedded types: local names, or "base"
	methods map[string]map[string]bool // type -> its declared methods
}

// generate returns the content of dir's Output, or nil when the package has
// no handler type.
func generate(dir string) ([]byte, error) {
	info, err := read(dir)
	if err != nil || info == nil {
		return nil, err
	}
	types := handlerTypes(info)
	if len(types) == 0 {
		return nil, nil
	}
	return render(info, types)
}

// read parses the package's non-test files without build constraints.
func read(dir string) (*pkgInfo, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	var info *pkgInfo
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") || n == Output {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if constrained(f) {
			continue
		}
		if info == nil {
			info = &pkgInfo{name: f.Name.Name, embeds: map[string][]string{}, methods: map[string]map[string]bool{}}
		}
		info.add(f)
	}
	return info, nil
}

// constrained reports whether f has a //go:build line.
func constrained(f *ast.File) bool {
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if strings.HasPrefix(c.Text, "//go:build") {
				return true
			}
		}
	}
	return false
}

// add records f's struct types, their embedded fields and its methods.
func (p *pkgInfo) add(f *ast.File) {
	slogpyName := "" // the name package slogpy is imported under
	for _, im := range f.Imports {
		if path, _ := strconv.Unquote(im.Path.Value); path == slogpyPath {
			slogpyName = "slogpy"
			if im.Name != nil {
				slogpyName = im.Name.Name
			}
		}
	}
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				ts, ok := s.(*ast.TypeSpec)
				if !ok {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok {
					continue
				}
				for _, fld := range st.Fields.List {
					if len(fld.Names) == 0 {
						p.embeds[ts.Name.Name] = append(p.embeds[ts.Name.Name], p.embedded(fld.Type, slogpyName))
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 {
				continue
			}
			t := d.Recv.List[0].Type
			if s, ok := t.(*ast.StarExpr); ok {
				t = s.X
			}
			if id, ok := t.(*ast.Ident); ok {
				if p.methods[id.Name] == nil {
					p.methods[id.Name] = map[string]bool{}
				}
				p.methods[id.Name][d.Name.Name] = true
			}
		}
	}
}

// embedded names an embedded field's type: "base" for slogpy.HandlerBase,
// a local type's name, or "" for anything else.
func (p *pkgInfo) embedded(t ast.Expr, slogpyName string) string {
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch t := t.(type) {
	case *ast.Ident:
		if t.Name == "HandlerBase" && p.name == "slogpy" {
			return "base"
		}
		return t.Name
	case *ast.SelectorExpr:
		if x, ok := t.X.(*ast.Ident); ok && slogpyName != "" && x.Name == slogpyName && t.Sel.Name == "HandlerBase" {
			return "base"
		}
	}
	return ""
}

// handlerTypes returns the sorted exported types that embed the base,
// directly or through other types of the package.
func handlerTypes(p *pkgInfo) []string {
	based := map[string]bool{"base": true}
	for changed := true; changed; {
		changed = false
		for t, es := range p.embeds {
			for _, e := range es {
				if based[e] && !based[t] {
					based[t], changed = true, true
				}
			}
		}
	}
	var out []string
	for t := range based {
		if t != "base" && ast.IsExported(t) {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// render writes the file.
func render(p *pkgInfo, types []string) ([]byte, error) {
	local := p.name == "slogpy"
	q := func(s string) string { // a name of package slogpy, from p
		if local {
			return s
		}
		return "slogpy." + s
	}
	var body bytes.Buffer
	needCtx, needCore := false, false
	fmt.Fprintf(&body, "\n// The slog.Handler methods of the package's handlers (see %s).\n\nvar (\n", "["+q("AsSlog")+"]")
	for _, t := range types {
		fmt.Fprintf(&body, "\t_ %s = (*%s)(nil)\n\t_ slog.Handler = (*%s)(nil)\n", q("Handler"), t, t)
	}
	body.WriteString(")\n")
	call := func(fn, args string) string {
		if local {
			return fn + "(" + args + ")"
		}
		needCore = true
		return "handlercore." + map[string]string{"slogHandle": "Handle", "withAttrs": "WithAttrs", "withGroup": "WithGroup"}[fn] + "(" + args + ")"
	}
	for _, t := range types {
		has := p.methods[t]
		if !has["Handle"] {
			needCtx = true
			fmt.Fprintf(&body, `
// Handle implements [slog.Handler]: the slog record becomes a [%s] of a
// logger named "root", with the slog message taken as already merged,
// handled by [%s].
func (h *%s) Handle(ctx context.Context, r slog.Record) error {
	return %s
}
`, q("Record"), q("Handle"), t, call("slogHandle", "ctx, h, r"))
		}
		if !has["WithAttrs"] {
			fmt.Fprintf(&body, `
// WithAttrs implements [slog.Handler]. The returned handler shares
// everything with h (level, formatter, filters, destination) but adds the
// attributes to its records.
func (h *%s) WithAttrs(as []slog.Attr) slog.Handler {
	return %s
}
`, t, call("withAttrs", "h, as"))
		}
		if !has["WithGroup"] {
			fmt.Fprintf(&body, `
// WithGroup implements [slog.Handler], as WithAttrs.
func (h *%s) WithGroup(name string) slog.Handler {
	return %s
}
`, t, call("withGroup", "h, name"))
		}
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "// Code generated by internal/gen/slogmethods; DO NOT EDIT.\n\npackage %s\n\nimport (\n", p.name)
	if needCtx {
		out.WriteString("\t\"context\"\n")
	}
	out.WriteString("\t\"log/slog\"\n")
	if needCore || !local {
		out.WriteString("\n")
	}
	if needCore {
		out.WriteString("\t\"github.com/slogpy/slogpy/internal/handlercore\"\n")
	}
	if !local {
		fmt.Fprintf(&out, "\t%q\n", slogpyPath)
	}
	out.WriteString(")\n")
	out.Write(body.Bytes())
	return format.Source(out.Bytes())
}
