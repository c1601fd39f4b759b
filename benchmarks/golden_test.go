package benchmarks

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// asctime matches Python's default asctime at the start of a line, as
// ASCTIME does in python/bench_logging.py.
var asctime = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}`)

// cpythonLines reads testdata/cpython_lines.json, written by
// testdata/gen.py: the line CPython writes for each workload.
func cpythonLines(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cpython_lines.json"))
	if err != nil {
		t.Fatal(err)
	}
	var lines map[string]string
	if err := json.Unmarshal(b, &lines); err != nil {
		t.Fatalf("testdata/cpython_lines.json: %v", err)
	}
	delete(lines, "_cpython")
	return lines
}

// TestCPythonLines checks that the slogpy subjects write, byte for byte,
// what CPython writes for the same workload (the time aside), so the two
// columns of the table measure the same work. slogpy-slog's records are
// named "root" rather than "app": slog has no logger names.
func TestCPythonLines(t *testing.T) {
	lines := cpythonLines(t)
	// Fields5Attrs writes Fields5's line: CPython has no typed path.
	if len(lines) != len(workloads) {
		t.Fatalf("%d CPython lines for %d workloads and Rotate", len(lines), len(workloads))
	}
	for _, lib := range []string{"slogpy", "slogpy-slog"} {
		var s subject
		for _, x := range subjects {
			if x.lib == lib {
				s = x
			}
		}
		for _, w := range workloads {
			t.Run(w.name+"/lib="+lib, func(t *testing.T) {
				var buf bytes.Buffer
				w.call(s.make(t, &buf))()
				got := asctime.ReplaceAllString(buf.String(), "ASCTIME")
				if lib == "slogpy-slog" {
					got = strings.Replace(got, "ASCTIME - root - ", "ASCTIME - app - ", 1)
				}
				if want := lines[strings.TrimSuffix(w.name, "Attrs")]; got != want {
					t.Errorf("\n got %q\nwant %q (CPython)", got, want)
				}
			})
		}
	}
	for _, fs := range allFileSubjects() {
		if fs.lib == "lib=slogpy" || fs.lib == "buffered/lib=slogpy" {
			t.Run("Rotate/"+fs.lib, func(t *testing.T) { checkRotateLine(t, fs, lines["Rotate"]) })
		}
	}
}

// checkRotateLine checks that the first line fs writes is CPython's want.
func checkRotateLine(t *testing.T, fs fileSubject, want string) {
	{
		dir := t.TempDir()
		call, closer := fs.make(t, dir)
		call()
		if err := closer(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, "app.log"))
		if err != nil {
			t.Fatal(err)
		}
		if got := asctime.ReplaceAllString(string(b), "ASCTIME"); got != want {
			t.Errorf("\n got %q\nwant %q (CPython)", got, want)
		}
	}
}
