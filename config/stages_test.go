package config

import (
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

// TestStagesOneWay: a file of one stage uses nothing declared in a file
// of a later stage (parse does not call check, plan does not reach into
// build, build not into commit), so the stages read in order. The uses
// are those of TestFilesOneWay's graph (files_test.go).
func TestStagesOneWay(t *testing.T) {
	var bad []string
	for from, m := range fileGraph(t) {
		sf := stageOf(from)
		if sf < 0 {
			continue
		}
		for to, names := range m {
			if st := stageOf(to); st > sf {
				bad = append(bad, from+" -> "+to+": "+strings.Join(names, ", "))
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("an earlier stage uses a later one: %s", b)
	}
}
