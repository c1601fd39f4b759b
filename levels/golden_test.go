package levels

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestCPythonLevels replays testdata/core/levels.json, written by CPython
// (testdata/core/gen.py).
func TestCPythonLevels(t *testing.T) {
	data, err := os.ReadFile("../testdata/core/levels.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []struct {
			Op       string
			Level    int
			Input    string
			Name     string
			Out      any
			NameOut  string `json:"name_out"`
			ParseOut int    `json:"parse_out"`
			Error    string
		}
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	// Parse accepts more than Python's _checkLevel, on purpose: names in any
	// case and the "Level N" form that GetLevelName produces.
	extensions := map[string]Level{"warning": Warning, "Info": Info, "Level 15": 15}
	for _, c := range file.Cases {
		switch c.Op {
		case "name":
			if got := GetLevelName(Level(c.Level)); got != c.Out {
				t.Errorf("GetLevelName(%d) = %q, CPython %q", c.Level, got, c.Out)
			}
		case "parse":
			got, err := Parse(c.Input)
			if want, ok := extensions[c.Input]; ok {
				if err != nil || got != want {
					t.Errorf("Parse(%q) = %d, %v; want the extension %d", c.Input, got, err, want)
				}
				continue
			}
			if c.Error != "" {
				if err == nil {
					t.Errorf("Parse(%q) = %d, CPython raised %s", c.Input, got, c.Error)
				} else if !strings.Contains(err.Error(), "unknown level") {
					t.Errorf("Parse(%q) error %q", c.Input, err)
				}
				continue
			}
			if err != nil || float64(got) != c.Out {
				t.Errorf("Parse(%q) = %d, %v; CPython %v", c.Input, got, err, c.Out)
			}
		case "add":
			AddLevelName(Level(c.Level), c.Name)
			if got := GetLevelName(Level(c.Level)); got != c.NameOut {
				t.Errorf("after AddLevelName, GetLevelName(%d) = %q, CPython %q", c.Level, got, c.NameOut)
			}
			if got, err := Parse(c.Name); err != nil || int(got) != c.ParseOut {
				t.Errorf("after AddLevelName, Parse(%q) = %d, %v; CPython %d", c.Name, got, err, c.ParseOut)
			}
		case "mapping":
			got := GetLevelNamesMapping()
			want := c.Out.(map[string]any)
			if len(got) != len(want) {
				t.Errorf("GetLevelNamesMapping() has %d names, CPython %d: %v", len(got), len(want), got)
			}
			for k, v := range want {
				if float64(got[k]) != v.(float64) {
					t.Errorf("GetLevelNamesMapping()[%q] = %d, CPython %v", k, got[k], v)
				}
			}
		default:
			t.Fatalf("unknown op %q", c.Op)
		}
	}
}
