package docs

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// names is testdata/migrating/names.json.
type names struct {
	Python  string              `json:"python"`
	Modules map[string][]string `json:"modules"`
}

func readNames(t *testing.T) names {
	t.Helper()
	b, err := os.ReadFile("../testdata/migrating/names.json")
	if err != nil {
		t.Fatal(err)
	}
	var n names
	if err := json.Unmarshal(b, &n); err != nil {
		t.Fatalf("names.json: %v", err)
	}
	if len(n.Modules) != 3 {
		t.Fatalf("names.json: want logging, logging.handlers and logging.config, got %d modules", len(n.Modules))
	}
	return n
}

func readGuide(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("MIGRATING.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// indexRows returns the rows of the guide's name index: the Python name
// (without backquotes) and the Go cell, with the line of each.
func indexRows(t *testing.T, guide string) (rows map[string]string, lines map[string]int) {
	t.Helper()
	const heading = "## 6. Name index"
	start := strings.Index(guide, heading)
	if start < 0 {
		t.Fatalf("MIGRATING.md has no %q section", heading)
	}
	before := strings.Count(guide[:start], "\n")
	rows, lines = map[string]string{}, map[string]int{}
	for i, line := range strings.Split(guide[start:], "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		if len(cells) != 2 {
			t.Errorf("MIGRATING.md:%d: want 2 cells, got %d: %q", before+i+1, len(cells), line)
			continue
		}
		name := strings.Trim(strings.TrimSpace(cells[0]), "`")
		if _, dup := rows[name]; dup {
			t.Errorf("MIGRATING.md:%d: %s has two rows", before+i+1, name)
		}
		rows[name] = strings.TrimSpace(cells[1])
		lines[name] = before + i + 1
	}
	return rows, lines
}

var (
	noForm  = regexp.MustCompile(`^No Go (form|constant): (.*)$`)
	goSpan  = regexp.MustCompile("`([^`]+)`")
	goIdent = regexp.MustCompile(`(?:^|[^.\w/:])(slogpy|levels|handlers|config|adapter|compat|receiver)\.([A-Z]\w*)`)
)

// TestNameIndex checks that every public name of CPython's logging,
// logging.handlers and logging.config has a row in the name index, with a
// Go form or the reason it has none, and that every row is such a name.
func TestNameIndex(t *testing.T) {
	n := readNames(t)
	rows, lines := indexRows(t, readGuide(t))
	want := map[string]bool{}
	count := 0
	for module, list := range n.Modules {
		for _, name := range list {
			full := module + "." + name
			want[full] = true
			count++
			cell, ok := rows[full]
			switch {
			case !ok:
				t.Errorf("MIGRATING.md: no row for %s (CPython %s)", full, n.Python)
			case cell == "":
				t.Errorf("MIGRATING.md:%d: %s: empty Go form", lines[full], full)
			default:
				if m := noForm.FindStringSubmatch(cell); m != nil {
					if len(strings.Fields(m[2])) < 3 {
						t.Errorf("MIGRATING.md:%d: %s: no Go form and no reason: %q", lines[full], full, cell)
					}
				} else if !goSpan.MatchString(cell) && !strings.HasPrefix(cell, "package ") {
					t.Errorf("MIGRATING.md:%d: %s: want a Go form in backquotes or \"No Go form: reason\", got %q", lines[full], full, cell)
				}
			}
		}
	}
	var extra []string
	for name := range rows {
		if !want[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		t.Errorf("MIGRATING.md:%d: %s is not a public name of CPython %s's modules", lines[name], name, n.Python)
	}
	if count < 100 {
		t.Fatalf("names.json lists %d names; CPython 3.11's three modules have 130", count)
	}
	t.Logf("%d names of CPython %s checked", count, n.Python)
}

// exported returns the exported top-level names of the package in dir
// (test files excluded, every GOOS included).
func exported(t *testing.T, dir string) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files in %s (%v)", dir, err)
	}
	out := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					out[d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						out[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, id := range s.Names {
							out[id.Name] = true
						}
					}
				}
			}
		}
	}
	return out
}

// TestGoNames checks that every Go identifier the guide names in
// backquotes (slogpy.GetLogger, handlers.RotatingFileHandlerOptions…)
// exists in its package, so the guide cannot drift from the code.
func TestGoNames(t *testing.T) {
	guide := readGuide(t)
	pkgs := map[string]map[string]bool{}
	checked := 0
	for i, line := range strings.Split(guide, "\n") {
		for _, span := range goSpan.FindAllStringSubmatch(line, -1) {
			for _, m := range goIdent.FindAllStringSubmatch(span[1], -1) {
				pkg, name := m[1], m[2]
				if pkgs[pkg] == nil {
					pkgs[pkg] = exported(t, filepath.Join("..", pkg))
				}
				checked++
				if !pkgs[pkg][name] {
					t.Errorf("MIGRATING.md:%d: %s.%s does not exist", i+1, pkg, name)
				}
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d Go names found in MIGRATING.md", checked)
	}
	t.Logf("%d Go names checked", checked)
}
