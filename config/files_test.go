package config

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
)

// fileGraph type-checks the package's non-test files and returns, for each
// file, the files whose package-level declarations it uses (functions,
// types, variables, constants, and methods, of concrete types and of
// interfaces) with the names used: uses[a][b] lists what a takes from b.
// A file's use of its own declarations is not counted.
// The graph is made once (type-checking from source takes seconds) and
// shared by the tests.
func fileGraph(t *testing.T) map[string]map[string][]string {
	t.Helper()
	graph.once.Do(func() { graph.uses, graph.err = loadFileGraph() })
	if graph.err != nil {
		t.Fatal(graph.err)
	}
	return graph.uses
}

var graph struct {
	once sync.Once
	uses map[string]map[string][]string
	err  error
}

func loadFileGraph() (map[string]map[string][]string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(".")
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, e := range entries {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "source", nil)}
	pkg, err := conf.Check("github.com/slogpy/slogpy/config", fset, files, info)
	if err != nil {
		return nil, fmt.Errorf("type-checking the package: %w", err)
	}
	declared := func(obj types.Object) string {
		if obj == nil || obj.Pkg() != pkg || !obj.Pos().IsValid() {
			return ""
		}
		switch o := obj.(type) {
		case *types.Func: // a function, or a method of a type or an interface
			if o.Signature().Recv() == nil && o.Parent() != pkg.Scope() {
				return ""
			}
		case *types.TypeName, *types.Var, *types.Const:
			if obj.Parent() != pkg.Scope() {
				return "" // a local, a parameter or a field
			}
		default:
			return ""
		}
		return fset.Position(obj.Pos()).Filename
	}
	names := map[string]map[string]map[string]bool{}
	for id, obj := range info.Uses {
		to := declared(obj)
		from := fset.Position(id.Pos()).Filename
		if to == "" || to == from {
			continue
		}
		name := obj.Name()
		if f, ok := obj.(*types.Func); ok && f.Signature().Recv() != nil {
			name = "." + name
		}
		if names[from] == nil {
			names[from] = map[string]map[string]bool{}
		}
		if names[from][to] == nil {
			names[from][to] = map[string]bool{}
		}
		names[from][to][name] = true
	}
	uses := map[string]map[string][]string{}
	for from, m := range names {
		uses[from] = map[string][]string{}
		for to, set := range m {
			for n := range set {
				uses[from][to] = append(uses[from][to], n)
			}
			sort.Strings(uses[from][to])
		}
	}
	return uses, nil
}

// fileCycles returns the strongly connected components of more than one
// file of the graph, each sorted, in sorted order (Tarjan's algorithm).
func fileCycles(uses map[string]map[string][]string) [][]string {
	var nodes []string
	seen := map[string]bool{}
	for a, m := range uses {
		for b := range m {
			for _, n := range []string{a, b} {
				if !seen[n] {
					seen[n] = true
					nodes = append(nodes, n)
				}
			}
		}
	}
	sort.Strings(nodes)
	index, low, on := map[string]int{}, map[string]int{}, map[string]bool{}
	var stack []string
	var comps [][]string
	var visit func(string)
	visit = func(v string) {
		index[v], low[v] = len(index), len(index)
		stack = append(stack, v)
		on[v] = true
		var next []string
		for w := range uses[v] {
			next = append(next, w)
		}
		sort.Strings(next)
		for _, w := range next {
			if _, ok := index[w]; !ok {
				visit(w)
				low[v] = min(low[v], low[w])
			} else if on[w] {
				low[v] = min(low[v], index[w])
			}
		}
		if low[v] == index[v] {
			var comp []string
			for {
				w := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				on[w] = false
				comp = append(comp, w)
				if w == v {
					break
				}
			}
			if len(comp) > 1 {
				sort.Strings(comp)
				comps = append(comps, comp)
			}
		}
	}
	for _, v := range nodes {
		if _, ok := index[v]; !ok {
			visit(v)
		}
	}
	sort.Slice(comps, func(i, j int) bool { return comps[i][0] < comps[j][0] })
	return comps
}

// describeCycle lists the uses between the files of one cycle: "a.go ->
// b.go: name, .method".
func describeCycle(uses map[string]map[string][]string, comp []string) string {
	in := map[string]bool{}
	for _, f := range comp {
		in[f] = true
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s", strings.Join(comp, ", "))
	for _, from := range comp {
		var tos []string
		for to := range uses[from] {
			if in[to] {
				tos = append(tos, to)
			}
		}
		sort.Strings(tos)
		for _, to := range tos {
			fmt.Fprintf(&b, "\n\t%s -> %s: %s", from, to, strings.Join(uses[from][to], ", "))
		}
	}
	return b.String()
}

// TestFilesOneWay: the package's non-test files use one another one way:
// no file uses, directly or through others, a declaration of a file that
// uses one of its own. A reader can read the files in an order where each
// uses only what came before: errors.go and values.go, the argument
// reader (args.go, with the scope it sees: the checker), the registry and
// the classes, the stages in order, and the entry points (dict.go,
// fileconfig.go, listen.go and the driver, apply.go) on top.
func TestFilesOneWay(t *testing.T) {
	uses := fileGraph(t)
	for _, comp := range fileCycles(uses) {
		t.Errorf("files that use one another in a cycle: %s", describeCycle(uses, comp))
	}
}

// TestFileCycles: the cycle finder finds a cycle through three files and
// one of two, and none in a chain.
func TestFileCycles(t *testing.T) {
	uses := map[string]map[string][]string{
		"a.go": {"b.go": {"x"}},
		"b.go": {"c.go": {"y"}, "e.go": {"v"}},
		"c.go": {"a.go": {"z"}},
		"d.go": {"e.go": {"w"}},
		"e.go": {"d.go": {".m"}, "f.go": {"u"}},
	}
	got := fmt.Sprint(fileCycles(uses))
	if want := "[[a.go b.go c.go] [d.go e.go]]"; got != want {
		t.Errorf("fileCycles = %s, want %s", got, want)
	}
	if got := describeCycle(uses, []string{"d.go", "e.go"}); got != "d.go, e.go\n\td.go -> e.go: w\n\te.go -> d.go: .m" {
		t.Errorf("describeCycle = %q", got)
	}
}
