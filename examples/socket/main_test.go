package main

import (
	"bufio"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// want is what the cookbook's receiver prints, after the
// relativeCreated column.
var want = []string{
	"root            INFO     Jackdaws love my big sphinx of quartz.",
	"myapp.area1     DEBUG    Quick zephyrs blow, vexing daft Jim.",
	"myapp.area1     INFO     How quickly daft jumping zebras vex.",
	"myapp.area2     WARNING  Jail zesty vixen who grabbed pay from quack.",
	"myapp.area2     ERROR    The five boxing wizards jump quickly.",
}

type collector struct {
	slogpy.HandlerBase
	f     *slogpy.Formatter
	lines chan string
}

func (c *collector) Emit(r *slogpy.Record) error {
	s, err := c.f.Format(r)
	c.lines <- s
	return err
}

// TestToGoReceiver runs the example against package receiver, formatting
// with the cookbook's format.
func TestToGoReceiver(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	m := slogpy.NewManager()
	f, _ := slogpy.NewFormatter("%(relativeCreated)5d %(name)-15s %(levelname)-8s %(message)s", nil)
	c := &collector{f: f, lines: make(chan string, 10)}
	c.Configure(nil)
	m.Root().AddHandler(slogpy.AsSlog(c))
	srv, _ := receiver.NewServer(&receiver.Options{Manager: m})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { srv.Close(); <-done }()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	stderr := exampletest.Stderr(t, func() {
		if err := run([]string{"-host", "127.0.0.1", "-port", port}); err != nil {
			t.Error(err)
		}
	})
	if stderr != "" {
		t.Errorf("stderr: %q", stderr)
	}
	for _, w := range want {
		exampletest.Match(t, <-c.lines, ` *\d+ `+regexpQuote(w))
	}
}

// TestToCPythonReceiver runs the example against the cookbook's receiver
// in CPython.
func TestToCPythonReceiver(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the CPython peer tests need it (CI installs it)")
	}
	t.Cleanup(exampletest.Reset)
	cmd := exec.Command(py, filepath.Join("..", "..", "testdata", "network", "py_receiver.py"), "tcp", "127.0.0.1", "0")
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	sc := bufio.NewScanner(out)
	sc.Scan()
	port, _ := strings.CutPrefix(sc.Text(), "LISTENING ")
	if _, err := strconv.Atoi(port); err != nil {
		t.Fatalf("receiver said %q", sc.Text())
	}
	if err := run([]string{"-host", "127.0.0.1", "-port", port}); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !sc.Scan() {
			t.Fatal("the receiver stopped")
		}
		fields := strings.Fields(w)
		line := sc.Text()
		if !strings.Contains(line, `"name": "`+fields[0]+`"`) || !strings.Contains(line, `"levelname": "`+fields[1]+`"`) ||
			!strings.Contains(line, strings.Join(fields[2:], " ")) {
			t.Errorf("CPython received %s\nwant %s", line, w)
		}
	}
}

// TestNoReceiver: nothing listens; the records are dropped and reported.
func TestNoReceiver(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	ln.Close()
	var err error
	stderr := exampletest.Stderr(t, func() { err = run([]string{"-host", "127.0.0.1", "-port", port}) })
	if err == nil || err.Error() != "socket: 5 of 5 records dropped: no receiver at 127.0.0.1:"+port {
		t.Errorf("run: %v", err)
	}
	if strings.Count(stderr, "--- Logging error ---") != 1 || !strings.Contains(stderr, "peer unreachable") {
		t.Errorf("stderr:\n%s", stderr)
	}
}

func regexpQuote(s string) string {
	r := strings.NewReplacer(".", `\.`, "(", `\(`, ")", `\)`, "+", `\+`, "*", `\*`, "?", `\?`)
	return r.Replace(s)
}
