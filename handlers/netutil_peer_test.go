package handlers_test

// Helpers shared by the tests of the network handlers: CPython peers,
// a Go receiver, record collectors and the goroutine-leak check.

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// netLeakCheck fails t if goroutines started during the test outlive its
// cleanups (registered first, it runs after the others).
func netLeakCheck(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

func netNeedPython(t testing.TB) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the CPython peer tests need it (CI installs it)")
	}
	return p
}

func netTestdata(name string) string { return filepath.Join("..", "testdata", "network", name) }

func netLoadJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(netTestdata(name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// pyPeer is a CPython process started by a test; its standard output is
// read line by line.
type pyPeer struct {
	cmd   *exec.Cmd
	lines chan string
	done  chan struct{}
	first string // the "LISTENING x" argument
}

// netStartPython starts python3 with args and waits for its first line,
// "LISTENING <port or path>". The process is killed at the end of the test.
func netStartPython(t *testing.T, args ...string) *pyPeer {
	t.Helper()
	py := netNeedPython(t)
	cmd := exec.Command(py, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &pyPeer{cmd: cmd, lines: make(chan string, 1000), done: make(chan struct{})}
	go func() {
		defer close(p.done)
		defer close(p.lines)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 16<<20)
		for sc.Scan() {
			p.lines <- sc.Text()
		}
	}()
	t.Cleanup(p.kill)
	first, ok := <-p.lines
	if !ok {
		p.kill()
		t.Fatalf("python3 %v exited before listening", args)
	}
	p.first, _ = strings.CutPrefix(first, "LISTENING ")
	return p
}

// kill stops the process (SIGKILL) and waits for it and its reader.
func (p *pyPeer) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Kill()
	for range p.lines {
	}
	<-p.done
	p.cmd.Wait()
}

// record reads the next JSON record the Python receiver printed.
func (p *pyPeer) record(t *testing.T) map[string]any {
	t.Helper()
	line, ok := <-p.lines
	if !ok {
		t.Fatal("the Python receiver exited")
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(line), &m); err != nil {
		t.Fatalf("receiver line %q: %v", line, err)
	}
	return m
}

// netCollector is a handler that passes a clone of every record on a
// channel.
type netCollector struct {
	slogpy.HandlerBase
	ch chan *slogpy.Record
}

func newNetCollector() *netCollector {
	c := &netCollector{ch: make(chan *slogpy.Record, 10000)}
	c.Configure(nil)
	return c
}

func (c *netCollector) Emit(r *slogpy.Record) error {
	c.ch <- r.Clone()
	return nil
}

// netReceiver is a Go receiver (package receiver) on a loopback port,
// collecting what it gets.
type netReceiver struct {
	srv  *receiver.Server
	c    *netCollector
	addr string
	done chan error
	errs chan error
}

// startNetReceiver listens on network ("tcp", "udp", "unix", "unixgram")
// at address and serves until the test ends (or stop).
func startNetReceiver(t *testing.T, network, address string) *netReceiver {
	t.Helper()
	m := slogpy.NewManager()
	c := newNetCollector()
	m.Root().AddHandler(slogpy.AsSlog(c))
	m.Root().SetLevel(levels.NotSet)
	nr := &netReceiver{c: c, done: make(chan error, 1), errs: make(chan error, 100)}
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, ErrorHandler: func(err error) { nr.errs <- err }})
	if err != nil {
		t.Fatal(err)
	}
	nr.srv = srv
	switch network {
	case "udp", "unixgram":
		pc, err := net.ListenPacket(network, address)
		if err != nil {
			t.Fatal(err)
		}
		if uc, ok := pc.(*net.UDPConn); ok {
			uc.SetReadBuffer(4 << 20) // loopback drops what a full buffer cannot take
		}
		nr.addr = pc.LocalAddr().String()
		go func() { nr.done <- srv.ServePacket(pc) }()
	default:
		ln, err := net.Listen(network, address)
		if err != nil {
			t.Fatal(err)
		}
		nr.addr = ln.Addr().String()
		go func() { nr.done <- srv.Serve(ln) }()
	}
	t.Cleanup(func() { nr.stop(t) })
	return nr
}

// stop closes the receiver and its connections, as a peer that dies.
func (nr *netReceiver) stop(t *testing.T) {
	if nr.srv == nil {
		return
	}
	nr.srv.Close()
	if err := <-nr.done; !errors.Is(err, receiver.ErrServerClosed) {
		t.Errorf("receiver: %v", err)
	}
	nr.srv = nil
}

// netErrors collects what a handler reports through its error hook.
type netErrors struct {
	mu   sync.Mutex
	errs []error
}

func (e *netErrors) handler(_ *slogpy.Record, err error) {
	e.mu.Lock()
	e.errs = append(e.errs, err)
	e.mu.Unlock()
}

func (e *netErrors) list() []error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]error(nil), e.errs...)
}

// netClock is a clock tests move by hand.
type netClock struct {
	mu  sync.Mutex
	now time.Time
}

func newNetClock() *netClock { return &netClock{now: time.Date(2024, 3, 10, 12, 0, 0, 0, time.UTC)} }

func (c *netClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *netClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// netWantOutages checks the reports of a handler whose outages lost the
// given numbers of records: for each, a report wrapping ErrPeerUnreachable
// and then one wrapping ErrRecordsLost, "N records lost while PEER was
// unreachable".
func netWantOutages(t *testing.T, errs *netErrors, peer string, lost ...int) {
	t.Helper()
	reports := errs.list()
	if len(reports) != 2*len(lost) {
		t.Fatalf("%d reports, want %d (two per outage): %v", len(reports), 2*len(lost), reports)
	}
	for i, n := range lost {
		start, end := reports[2*i], reports[2*i+1]
		if !errors.Is(start, handlers.ErrPeerUnreachable) {
			t.Errorf("outage %d starts with %v, want an error wrapping ErrPeerUnreachable", i, start)
		}
		word := "records"
		if n == 1 {
			word = "record"
		}
		want := fmt.Sprintf("%d %s lost while %s was unreachable", n, word, peer)
		if !errors.Is(end, handlers.ErrRecordsLost) || !strings.HasSuffix(end.Error(), ": "+want) {
			t.Errorf("outage %d ends with %v, want an error wrapping ErrRecordsLost ending %q", i, end, want)
		}
	}
}

// netCountFrames reads c until it ends (or fails: a reset still lets the
// data already received be read first) and returns the number of whole
// length-prefixed frames in what it read.
func netCountFrames(t *testing.T, c net.Conn) int {
	t.Helper()
	c.SetReadDeadline(time.Now().Add(30 * time.Second)) // a guard, not a measure
	var head [4]byte
	frames := 0
	for {
		if _, err := io.ReadFull(c, head[:]); err != nil {
			return frames
		}
		if _, err := io.CopyN(io.Discard, c, int64(binary.BigEndian.Uint32(head[:]))); err != nil {
			return frames
		}
		frames++
	}
}
