package benchmarks

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	// lumberjack starts a goroutine at its first rotation and never stops
	// it (natefinch/lumberjack#56).
	goleak.VerifyTestMain(m, goleak.IgnoreTopFunction("gopkg.in/natefinch/lumberjack%2ev2.(*Logger).millRun"))
}

// wants are the texts each workload's line must contain, whatever the
// library's layout; each entry lists the accepted spellings.
var wants = map[string][][]string{
	"Static":       {{staticMsg}},
	"Printf3":      {{"user bob from 10.0.0.1 try 3"}},
	"Fields5":      {{fieldsMsg}, {"bob"}, {"42"}, {"true", "True"}, {"0.5"}, {"/api/v1"}},
	"Fields5Attrs": {{fieldsMsg}, {"bob"}, {"42"}, {"true", "True"}, {"0.5"}, {"/api/v1"}},
	"With10": {{staticMsg}, {"api"}, {"eu-west-1"}, {"web-3"}, {"4242"}, {"1.4.2"},
		{"false", "False"}, {"0.25"}, {"7"}, {"core"}, {"20261120"}},
}

// TestOutput runs every workload of every subject once into a buffer: the
// disabled call writes nothing, every other call one line with the level,
// the message and all its fields. A subject that logged nothing, or less
// than the workload asks for, would make a fast and meaningless benchmark.
func TestOutput(t *testing.T) {
	for _, w := range workloads {
		for _, s := range subjects {
			t.Run(w.name+"/lib="+s.lib, func(t *testing.T) {
				var buf bytes.Buffer
				call := w.call(s.make(t, &buf))
				if call == nil && w.name == "Fields5Attrs" {
					t.Skip(s.lib + " has no typed path for fields")
				}
				if call == nil {
					if w.name != "Disabled" || s.lib != "stdlog" {
						t.Fatalf("%s has no %s call", s.lib, w.name)
					}
					t.Skip("the log package has no levels")
				}
				call()
				out := buf.String()
				if w.name == "Disabled" {
					if out != "" {
						t.Fatalf("disabled call wrote %q", out)
					}
					return
				}
				checkLine(t, s.lib, w.name, out)
			})
		}
	}
}

// checkLine checks that out is one line with what workload wants.
func checkLine(t *testing.T, lib, workload, out string) {
	t.Helper()
	if strings.Count(out, "\n") != 1 || !strings.HasSuffix(out, "\n") {
		t.Fatalf("want one line, got %q", out)
	}
	if lib != "stdlog" && !strings.Contains(strings.ToLower(out), "info") {
		t.Errorf("no level in %q", out)
	}
	for _, alts := range wants[workload] {
		found := false
		for _, a := range alts {
			found = found || strings.Contains(out, a)
		}
		if !found {
			t.Errorf("%q not in %q", alts[0], out)
		}
	}
}

// TestRotateOutput writes 1.5 MiB through every file subject: the file
// must have rotated once, no file may be larger than 1 MiB, and every
// record must be in one of the files, whole.
func TestRotateOutput(t *testing.T) {
	for _, s := range allFileSubjects() {
		t.Run(s.lib, func(t *testing.T) {
			dir := t.TempDir()
			call, closer := s.make(t, dir)
			const n = 20000 // at least 75 bytes each
			for range n {
				call()
			}
			if err := closer(); err != nil {
				t.Fatal(err)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 2 {
				t.Errorf("want app.log and one backup, got %d files", len(entries))
			}
			lines := 0
			for _, e := range entries {
				lines += checkFile(t, s.lib, filepath.Join(dir, e.Name()))
			}
			if lines != n {
				t.Errorf("%d records written, %d in the files", n, lines)
			}
		})
	}
}

// checkFile checks the size and every line of one file and returns the
// number of lines.
func checkFile(t *testing.T, lib, name string) int {
	t.Helper()
	st, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() > rotateMiB<<20 {
		t.Errorf("%s: %d bytes, over 1 MiB", name, st.Size())
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n++
		if n == 1 || !t.Failed() {
			checkLine(t, lib, "Printf3", sc.Text()+"\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return n
}
