package config

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"sort"
	"strings"
	"testing"
)

// stageOrder names the stages of the package's files: first the data the
// stages hand on (spec.go: a file read; plan.go: a configuration checked),
// then the stages in the order a configuration goes through them. Files of
// no stage (the registry, the arguments, errors, the classes, the entry
// points) serve every stage.
var stageOrder = []string{"spec", "plan", "parse", "check", "build", "commit"}

func stageOf(file string) int {
	for i, s := range stageOrder {
		if file == s+".go" || strings.HasPrefix(file, s+"_") {
			return i
		}
	}
	return -1
}

// declsAndRefs parses the package's non-test files: the files that declare
// each top-level name (functions, types, variables, constants; methods as
// "."+name), and the names each file refers to: plain identifiers, and
// the selected names of selectors as "."+name (a method, or a field,
// which declares nothing).
func declsAndRefs(t *testing.T) (decl map[string][]string, refs map[string]map[string]bool) {
	t.Helper()
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	decl, refs = map[string][]string{}, map[string]map[string]bool{}
	fields := map[string]bool{} // a selector naming a field as well as a method is not counted
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		own := map[*ast.Ident]bool{}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				name := d.Name.Name
				if d.Recv != nil {
					name = "." + name
				}
				decl[name] = append(decl[name], n)
				own[d.Name] = true
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						decl[s.Name.Name] = append(decl[s.Name.Name], n)
						own[s.Name] = true
						if st, ok := s.Type.(*ast.StructType); ok {
							for _, fl := range st.Fields.List {
								for _, id := range fl.Names {
									fields["."+id.Name] = true
								}
							}
						}
					case *ast.ValueSpec:
						for _, id := range s.Names {
							decl[id.Name] = append(decl[id.Name], n)
							own[id] = true
						}
					}
				}
			}
		}
		refs[n] = map[string]bool{}
		ast.Inspect(f, func(x ast.Node) bool {
			switch x := x.(type) {
			case *ast.SelectorExpr:
				refs[n]["."+x.Sel.Name] = true
				ast.Inspect(x.X, func(y ast.Node) bool {
					return visitIdent(y, own, refs[n])
				})
				return false
			case *ast.KeyValueExpr: // a field name in a composite literal
				if _, ok := x.Key.(*ast.Ident); ok {
					ast.Inspect(x.Value, func(y ast.Node) bool { return visitIdent(y, own, refs[n]) })
					return false
				}
			case *ast.Field: // a struct field or parameter: its type only
				ast.Inspect(x.Type, func(y ast.Node) bool { return visitIdent(y, own, refs[n]) })
				return false
			}
			return visitIdent(x, own, refs[n])
		})
	}
	for _, r := range refs {
		for name := range r {
			if fields[name] {
				delete(r, name)
			}
		}
	}
	return decl, refs
}

func visitIdent(x ast.Node, own map[*ast.Ident]bool, refs map[string]bool) bool {
	if id, ok := x.(*ast.Ident); ok && !own[id] {
		refs[id.Name] = true
	}
	return true
}

// TestStagesOneWay: a file of one stage refers to nothing declared only in
// a file of a later stage (parse does not call check, plan does not reach
// into build, build not into commit), so the stages read in order.
func TestStagesOneWay(t *testing.T) {
	decl, refs := declsAndRefs(t)
	var bad []string
	for file, names := range refs {
		from := stageOf(file)
		if from < 0 {
			continue
		}
		for name := range names {
			files := decl[name]
			later := len(files) > 0
			for _, d := range files {
				if s := stageOf(d); s <= from || d == file {
					later = false
				}
			}
			if later {
				bad = append(bad, file+" -> "+name+" ("+strings.Join(files, ", ")+")")
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("an earlier stage refers to a later one: %s", b)
	}
}
