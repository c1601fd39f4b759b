package levels

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestCPythonDetails replays the level cases of testdata/core/details.json
// (gen_details.py): _checkLevel of names with spaces, refused as CPython
// does, and getLevelName of a name (LookupName).
func TestCPythonDetails(t *testing.T) {
	var file struct{ Cases []map[string]any }
	data, err := os.ReadFile("../testdata/core/details.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range file.Cases {
		in, _ := c["input"].(string)
		switch c["op"] {
		case "parse":
			n++
			got, err := Parse(in)
			if want, ok := c["error"].(string); ok {
				if err == nil {
					t.Errorf("Parse(%q) = %d; CPython: %s", in, got, want)
				} else if trimmed := strings.TrimSpace(in); trimmed != in && !strings.Contains(err.Error(), "remove the spaces") {
					t.Errorf("Parse(%q) error %q gives no hint", in, err)
				}
				continue
			}
			if err != nil || float64(got) != c["out"] {
				t.Errorf("Parse(%q) = %d, %v; CPython %v", in, got, err, c["out"])
			}
		case "levelname":
			n++
			l, text, ok := LookupName(in)
			if text != c["out"] || ok != c["number"] {
				t.Errorf("LookupName(%q) = %d, %q, %v; CPython getLevelName: %v (a number: %v)", in, l, text, ok, c["out"], c["number"])
			}
		}
	}
	if n == 0 {
		t.Fatal("no level case in details.json")
	}
}
