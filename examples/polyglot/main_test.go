package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// start is the fixed clock both services start from (-clock): 2026-03-01
// 11:58:00 UTC.
const start = 1772366280

// differ are the fields of a received record that must differ between the
// Python and the Go service, and why. Every other field must be equal.
var differ = map[string]string{
	"pathname":        "the source file: service.py against main.go",
	"filename":        "the source file's base name",
	"module":          "the source file's name without extension",
	"lineno":          "the line of the logging call",
	"funcName":        "the function of the logging call",
	"process":         "the process id",
	"processName":     "CPython's multiprocessing name; Go has none (\"MainProcess\" vs the command name)",
	"thread":          "the thread id against the goroutine id",
	"threadName":      "the thread's name against \"goroutine-N\"",
	"relativeCreated": "measured from the loading of logging / slogpy, which the fixed clock does not cover",
	"exc_text":        "a Python traceback against the Go error's text; compared by excText",
}

// pythonOnly are the fields only the Python service sends, and why.
var pythonOnly = map[string]string{
	"asctime": "CPython's console formatter (the first handler of root) stores asctime on the shared record, " +
		"and SocketHandler pickles the record's __dict__; slogpy's formatters do not write to the record, " +
		"so handlers.SocketHandler sends no asctime",
	"taskName": "the asyncio task, which records carry from CPython 3.12 on; Go has no tasks " +
		"(absent under the CPython 3.11 of the golden)",
}

// excText checks the one field that differs in form only: Python's
// exception text is a traceback ending in "ValueError: bad row 7", Go's is
// the error's text, "bad row 7".
func excText(py, goText string) error {
	lines := strings.Split(strings.TrimRight(py, "\n"), "\n")
	if len(lines) < 2 || lines[0] != "Traceback (most recent call last):" {
		return fmt.Errorf("python exc_text is not a traceback: %q", py)
	}
	if want := "ValueError: " + goText; lines[len(lines)-1] != want || strings.Contains(goText, "\n") {
		return fmt.Errorf("exc_text: python ends %q, go has %q (want python to end %q)", lines[len(lines)-1], goText, want)
	}
	return nil
}

// output is what one run of a service left behind.
type output struct {
	console  string            // standard output (the console handler)
	stderr   string            // standard error
	files    map[string]string // the log files, by name
	received []map[string]any  // the record dictionaries the receiver got
	records  uint64            // how many records the receiver handed on
}

// listen starts a receiver on loopback. wait closes the listener, waits for
// every connection to end, and returns the frames received, decoded, and
// how many records the receiver handed to its logger tree.
func listen(t *testing.T) (port int, wait func() ([]map[string]any, uint64)) {
	t.Helper()
	m := slogpy.NewManager()
	var handled bytes.Buffer
	m.Root().AddHandler(slogpy.NewStreamHandler(&handled, nil))
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, ErrorHandler: func(err error) { t.Errorf("receiver: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var (
		mu     sync.Mutex
		raw    [][]byte
		conns  sync.WaitGroup
		accept = make(chan struct{})
	)
	go func() {
		defer close(accept)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			conns.Add(1)
			go func() {
				defer conns.Done()
				var tee bytes.Buffer
				if err := srv.ServeConn(teeConn{c, &tee}); err != nil && err != io.EOF {
					t.Errorf("receiver: %v", err)
				}
				mu.Lock()
				raw = append(raw, tee.Bytes())
				mu.Unlock()
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port, func() ([]map[string]any, uint64) {
		ln.Close()
		<-accept
		conns.Wait()
		srv.Close()
		var dicts []map[string]any
		for _, b := range raw {
			for len(b) > 0 {
				if len(b) < 4 {
					t.Fatalf("truncated frame: %d bytes", len(b))
				}
				n := binary.BigEndian.Uint32(b)
				d, err := receiver.Decode(b[4 : 4+n])
				if err != nil {
					t.Fatal(err)
				}
				dicts = append(dicts, d)
				b = b[4+n:]
			}
		}
		return dicts, srv.Records()
	}
}

// teeConn copies what is read from a connection.
type teeConn struct {
	net.Conn
	w io.Writer
}

func (c teeConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.w.Write(p[:n])
	return n, err
}

// files returns the files of dir by name, less skip.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// runPython runs service.py in a new directory with the fixed clock.
func runPython(t *testing.T, cfg string) output {
	t.Helper()
	dir := t.TempDir()
	port, wait := listen(t)
	cmd := exec.Command("python3", abs(t, "service.py"), "-config", abs(t, cfg),
		"-port", strconv.Itoa(port), "-clock", strconv.Itoa(start))
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "TZ=UTC", "PYTHONDONTWRITEBYTECODE=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	received, n := wait()
	if err != nil {
		t.Fatalf("python3 service.py -config %s: %v\n%s", cfg, err, stderr.String())
	}
	return output{stdout.String(), stderr.String(), files(t, dir), received, n}
}

// runGo runs the Go service in this process, in a new directory, with the
// fixed clock and its own logger tree.
func runGo(t *testing.T, cfg string) output {
	t.Helper()
	dir := t.TempDir()
	cfg = abs(t, cfg)
	t.Chdir(dir)
	port, wait := listen(t)
	var stdout bytes.Buffer
	var stderr string
	var err error
	stderr = captureStderr(t, func() {
		err = run(options{Config: cfg, Port: port, Clock: newClock(time.Unix(start, 0)),
			Stdout: &stdout, Manager: slogpy.NewManager()})
	})
	received, n := wait()
	if err != nil {
		t.Fatalf("run -config %s: %v", cfg, err)
	}
	return output{stdout.String(), stderr, files(t, dir), received, n}
}

func abs(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(name)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// captureStderr returns what f writes to os.Stderr.
func captureStderr(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan string)
	go func() {
		b, _ := io.ReadAll(r)
		r.Close()
		done <- string(b)
	}()
	old := os.Stderr
	os.Stderr = w
	defer func() { os.Stderr = old }()
	f()
	w.Close()
	return <-done
}

var recordLine = regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - `)

// compare returns the differences between the Python and the Go service's
// outputs, beyond those listed in differ.
func compare(py, goOut output) []string {
	var diffs []string
	add := func(format string, args ...any) { diffs = append(diffs, fmt.Sprintf(format, args...)) }
	if py.stderr != "" || goOut.stderr != "" {
		add("stderr: python %q, go %q", py.stderr, goOut.stderr)
	}

	// Console: the record lines must be equal; the exception's text after
	// the ERROR line differs in form only (excText).
	pyLines, goLines := strings.Split(py.console, "\n"), strings.Split(goOut.console, "\n")
	pi, gi := 0, 0
	for pi < len(pyLines) || gi < len(goLines) {
		if pi >= len(pyLines) || gi >= len(goLines) {
			add("console: python has %d lines, go %d", len(pyLines), len(goLines))
			break
		}
		if pyLines[pi] != goLines[gi] {
			add("console line %d: python %q, go %q", pi+1, pyLines[pi], goLines[gi])
			break
		}
		pi, gi = pi+1, gi+1
		pj, gj := pi, gi
		for pj < len(pyLines) && pyLines[pj] != "" && !recordLine.MatchString(pyLines[pj]) {
			pj++
		}
		for gj < len(goLines) && goLines[gj] != "" && !recordLine.MatchString(goLines[gj]) {
			gj++
		}
		if pj > pi || gj > gi {
			if err := excText(strings.Join(pyLines[pi:pj], "\n"), strings.Join(goLines[gi:gj], "\n")); err != nil {
				add("console line %d: %v", pi, err)
			}
		}
		pi, gi = pj, gj
	}

	// Files: the same names (rotation) with the same contents.
	names := func(m map[string]string) []string {
		var s []string
		for k := range m {
			s = append(s, k)
		}
		sort.Strings(s)
		return s
	}
	if p, g := names(py.files), names(goOut.files); !reflect.DeepEqual(p, g) {
		add("files: python %q, go %q", p, g)
	}
	for name, p := range py.files {
		if g, ok := goOut.files[name]; ok && g != p {
			add("%s: python\n%s\ngo\n%s", name, p, g)
		}
	}

	// Receiver: the same records, field by field, but for differ.
	if py.records != uint64(len(py.received)) || goOut.records != uint64(len(goOut.received)) {
		add("receiver handed on %d and %d records of %d and %d received", py.records, goOut.records, len(py.received), len(goOut.received))
	}
	if len(py.received) != len(goOut.received) {
		add("receiver: python sent %d records, go %d", len(py.received), len(goOut.received))
		return diffs
	}
	for i, p := range py.received {
		g := goOut.received[i]
		keys := map[string]bool{}
		for k := range p {
			keys[k] = true
		}
		for k := range g {
			keys[k] = true
		}
		for _, k := range names(map[string]string(func() map[string]string {
			m := map[string]string{}
			for k := range keys {
				m[k] = ""
			}
			return m
		}())) {
			pv, pok := p[k]
			gv, gok := g[k]
			switch {
			case pok && !gok && pythonOnly[k] != "":
			case pok != gok:
				add("record %d (%v): field %s: python has it %v, go %v", i, p["msg"], k, pok, gok)
			case k == "exc_text" && pv != nil:
				gs, _ := gv.(string)
				ps, _ := pv.(string)
				if err := excText(ps, gs); err != nil {
					add("record %d: %v", i, err)
				}
			case differ[k] != "":
				if (pv == nil) != (gv == nil) {
					add("record %d (%v): field %s: python %#v, go %#v", i, p["msg"], k, pv, gv)
				}
			case !reflect.DeepEqual(pv, gv):
				add("record %d (%v): field %s: python %#v, go %#v", i, p["msg"], k, pv, gv)
			}
		}
	}
	return diffs
}

func pythonOrSkip(t *testing.T, cfg string) {
	t.Helper()
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 not found: this test runs service.py with CPython and compares it with the Go service (.ci/run installs python3)")
	}
	if strings.HasSuffix(cfg, ".yaml") {
		if err := exec.Command("python3", "-c", "import yaml").Run(); err != nil {
			t.Skip("python3 has no PyYAML (import yaml failed): service.py needs it to read logging.yaml (pip install pyyaml, or apt-get install python3-yaml)")
		}
	}
}

// TestSameOutput runs service.py and the Go service on each configuration
// with the same fixed clock, and checks that they write the same console
// lines, the same log files after rotation, and send the receiver the same
// records, except for the fields in differ.
func TestSameOutput(t *testing.T) {
	defer goleak.VerifyNone(t)
	local := time.Local
	time.Local = time.UTC // TZ=UTC for python3
	t.Cleanup(func() { time.Local = local })
	for _, cfg := range []string{"logging.yaml", "logging.conf"} {
		t.Run(cfg, func(t *testing.T) {
			pythonOrSkip(t, cfg)
			py := runPython(t, cfg)
			goOut := runGo(t, cfg)
			for _, d := range compare(py, goOut) {
				t.Error(d)
			}
			// The run did what it should: 3 rotating backups, 2 timed ones,
			// an exception, records at the receiver.
			for _, name := range []string{"app.log.3", "timed.log.2026-03-01_12-57"} {
				if _, ok := goOut.files[name]; !ok {
					t.Errorf("no %s among %v", name, goOut.files)
				}
			}
			if !strings.Contains(goOut.console, "\nbad row 7\n") || len(goOut.received) < 20 {
				t.Errorf("go service: console %q, %d records received", goOut.console, len(goOut.received))
			}
		})
	}
}

// TestChangeIsCaught checks that compare notices a change of format or of
// rotation on one side: the Go service run on a copy of logging.yaml with
// one value changed must differ from the Python service on the original.
func TestChangeIsCaught(t *testing.T) {
	defer goleak.VerifyNone(t)
	pythonOrSkip(t, "logging.yaml")
	local := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = local })
	py := runPython(t, "logging.yaml")
	orig, err := os.ReadFile("logging.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, old, new, want string }{
		{"console format", "'%(asctime)s - %(name)s - %(levelname)s - %(message)s'", "'%(asctime)s - %(name)s - %(levelname)s: %(message)s'", "console line 1"},
		{"rotation size", "maxBytes: 300", "maxBytes: 400", "files:"},
		{"backup count", "backupCount: 3", "backupCount: 2", "files:"},
		{"timed interval", "interval: 15", "interval: 20", "files:"},
		{"filter", "filters: [app_only]", "filters: []", "receiver: python sent"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			changed := strings.Replace(string(orig), tc.old, tc.new, 1)
			if changed == string(orig) {
				t.Fatalf("%q not in logging.yaml", tc.old)
			}
			cfg := filepath.Join(t.TempDir(), "logging.yaml")
			if err := os.WriteFile(cfg, []byte(changed), 0o644); err != nil {
				t.Fatal(err)
			}
			diffs := compare(py, runGo(t, cfg))
			if len(diffs) == 0 || !strings.Contains(strings.Join(diffs, "\n"), tc.want) {
				t.Errorf("changing %s: differences %q, want one with %q", tc.name, diffs, tc.want)
			}
		})
	}
}

// golden is testdata/polyglot/python.json, which testdata/polyglot/gen.py
// writes by running service.py under CPython.
type golden struct {
	Python  string `json:"python"`
	Configs map[string]struct {
		Console  string            `json:"console"`
		Stderr   string            `json:"stderr"`
		Files    map[string]string `json:"files"`
		Received []map[string]any  `json:"received"`
	} `json:"configs"`
}

// TestSameOutputAsGolden is TestSameOutput against the recorded output of
// service.py, so that it runs without python3.
func TestSameOutputAsGolden(t *testing.T) {
	defer goleak.VerifyNone(t)
	b, err := os.ReadFile("../../testdata/polyglot/python.json")
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("python.json: %v", err)
	}
	local := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = local })
	for _, cfg := range []string{"logging.yaml", "logging.conf"} {
		t.Run(cfg, func(t *testing.T) {
			rec, ok := g.Configs[cfg]
			if !ok || len(rec.Received) == 0 || len(rec.Files) == 0 {
				t.Fatalf("python.json has no complete run of %s", cfg)
			}
			py := output{rec.Console, rec.Stderr, rec.Files, rec.Received, uint64(len(rec.Received))}
			goOut := runGo(t, cfg)
			// Through JSON as the golden went: numbers become float64.
			b, err := json.Marshal(goOut.received)
			if err != nil {
				t.Fatal(err)
			}
			goOut.received = nil
			if err := json.Unmarshal(b, &goOut.received); err != nil {
				t.Fatal(err)
			}
			for _, d := range compare(py, goOut) {
				t.Errorf("against CPython %s: %s", g.Python, d)
			}
		})
	}
}
