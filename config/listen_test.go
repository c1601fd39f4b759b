package config

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/slogpy"
)

// syncBuffer is a bytes.Buffer safe for the listener's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

const listenJSON = `{"version": 1, "formatters": {"f": {"format": "json %(levelname)s %(message)s"}},
 "handlers": {"o": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "f"}},
 "root": {"level": "INFO", "handlers": ["o"]}}`

const listenINI = `[loggers]
keys=root
[handlers]
keys=o
[formatters]
keys=f
[logger_root]
level=WARNING
handlers=o
[handler_o]
class=StreamHandler
formatter=f
args=(sys.stdout,)
[formatter_f]
format=ini %(levelname)s %(message)s
`

// startListener starts a listener on loopback with a Done channel.
func startListener(t *testing.T, verify func([]byte) ([]byte, error), lo *ListenOptions) (*Listener, *slogpy.Manager, *syncBuffer, chan error) {
	t.Helper()
	m := slogpy.NewManager()
	m.SetLastResort(slogpy.NewNullHandler())
	out := &syncBuffer{}
	done := make(chan error, 16)
	if lo == nil {
		lo = &ListenOptions{}
	}
	lo.Manager, lo.Stdout, lo.Stderr = m, out, out
	lo.Done = func(err error) { done <- err }
	l, err := Listen("127.0.0.1:0", verify, lo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l, m, out, done
}

// send writes one payload in Python's listen protocol.
func send(t *testing.T, addr net.Addr, payload []byte) {
	t.Helper()
	c, err := net.Dial("tcp", addr.String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], uint32(len(payload)))
	if _, err := c.Write(append(hdr[:], payload...)); err != nil {
		t.Fatal(err)
	}
}

func TestListen(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, m, out, done := startListener(t, nil, nil)
	if ip := l.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf("listening on %v", ip)
	}
	send(t, l.Addr(), []byte(listenJSON))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	m.Root().Info("one")
	send(t, l.Addr(), []byte(listenINI))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	m.Root().Info("dropped: root is at WARNING now")
	m.Root().Warning("two")
	if got := out.String(); got != "json INFO one\nini WARNING two\n" {
		t.Errorf("output %q", got)
	}
	// A bad payload is reported and changes nothing.
	send(t, l.Addr(), []byte(`{"version": 1, "root": {"level": "LOUD"}}`))
	if err := <-done; err == nil || !strings.Contains(err.Error(), `root.level: unknown level "LOUD"`) || !strings.Contains(err.Error(), "listen payload from 127.0.0.1:") {
		t.Errorf("error %v", err)
	}
	send(t, l.Addr(), []byte("not a configuration"))
	if err := <-done; err == nil || !strings.Contains(err.Error(), "file contains no section headers") {
		t.Errorf("error %v", err)
	}
	m.Root().Error("three")
	if got := out.String(); !strings.HasSuffix(got, "ini ERROR three\n") {
		t.Errorf("output %q", got)
	}
	if err := l.Close(); err != nil {
		t.Error(err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	m.Shutdown()
}

// TestListenCPython sends configurations with CPython's own code for the
// protocol (the sending half of Lib/test/test_logging.py's setup).
func TestListenCPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the CPython sender is not tested (the Go sender in TestListen covers the protocol)")
	}
	l, m, out, done := startListener(t, nil, nil)
	script := `
import socket, struct, sys
port = int(sys.argv[1])
for text in sys.argv[2:]:
    data = text.encode("utf-8")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.connect(("127.0.0.1", port))
    slen = struct.pack(">L", len(data))
    sock.sendall(slen + data)
    sock.close()
`
	// One connection at a time, so that the order is known.
	for _, payload := range []string{listenJSON, listenINI} {
		cmd := exec.Command(python, "-c", script, strconv.Itoa(l.Addr().(*net.TCPAddr).Port), payload)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("python: %v\n%s", err, b)
		}
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	m.Root().Warning("from python")
	if got := out.String(); got != "ini WARNING from python\n" {
		t.Errorf("output %q", got)
	}
	m.Shutdown()
}

func TestListenLimits(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, m, out, done := startListener(t, nil, &ListenOptions{MaxPayload: 64})
	// The length alone is refused; the server closes without reading.
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	var hdr [4]byte
	binary.BigEndian.PutUint32(hdr[:], 1<<30)
	c.Write(hdr[:])
	if err := <-done; err == nil || !strings.Contains(err.Error(), "payload of 1073741824 bytes exceeds the limit of 64 bytes") {
		t.Errorf("error %v", err)
	}
	if _, err := c.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("read after refusal: %v, want EOF", err)
	}
	c.Close()
	send(t, l.Addr(), []byte(listenJSON)) // longer than 64 bytes
	if err := <-done; err == nil || !strings.Contains(err.Error(), "exceeds the limit") {
		t.Errorf("error %v", err)
	}
	// Cut short, and empty connections.
	c, _ = net.Dial("tcp", l.Addr().String())
	c.Write([]byte{0, 0, 0, 10, 'a'})
	c.Close()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "reading the 10-byte payload") {
		t.Errorf("error %v", err)
	}
	c, _ = net.Dial("tcp", l.Addr().String())
	c.Close()
	if err := <-done; err == nil || !strings.Contains(err.Error(), "reading the 4-byte length") {
		t.Errorf("error %v", err)
	}
	m.Root().Error("not configured")
	if out.String() != "" {
		t.Errorf("output %q", out.String())
	}
	l.Close()
}

func TestListenReadTimeout(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, _, _, done := startListener(t, nil, &ListenOptions{ReadTimeout: time.Millisecond})
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// The client sends nothing; the server gives up on its own.
	var ne net.Error
	if err := <-done; !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("error %v, want a timeout", err)
	}
	l.Close()
}

func TestListenVerify(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	const sig = "signed:"
	verify := func(p []byte) ([]byte, error) {
		rest, ok := bytes.CutPrefix(p, []byte(sig))
		if !ok {
			return nil, errors.New("not signed")
		}
		return rest, nil
	}
	l, m, out, done := startListener(t, verify, nil)
	send(t, l.Addr(), []byte(listenJSON))
	if err := <-done; err == nil || !strings.Contains(err.Error(), "payload rejected by verify: not signed") {
		t.Errorf("error %v", err)
	}
	m.Root().Error("unconfigured")
	send(t, l.Addr(), []byte(sig+listenJSON))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	m.Root().Error("configured")
	if got := out.String(); got != "json ERROR configured\n" {
		t.Errorf("output %q", got)
	}
	l.Close()
	m.Shutdown()
	// A verify function that panics or returns nothing rejects.
	for _, v := range []func([]byte) ([]byte, error){
		func([]byte) ([]byte, error) { panic("bad verifier") },
		func([]byte) ([]byte, error) { return nil, nil },
	} {
		l, _, _, done := startListener(t, v, nil)
		send(t, l.Addr(), []byte(listenJSON))
		if err := <-done; err == nil || !strings.Contains(err.Error(), "rejected by verify") {
			t.Errorf("error %v", err)
		}
		l.Close()
	}
}

func TestListenAddresses(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "192.0.2.1:0", "example.com:0", "[::]:0"} {
		if l, err := Listen(addr, nil, nil); err == nil {
			l.Close()
			t.Errorf("%s: listening beyond loopback without AllowRemote", addr)
		} else if !strings.Contains(err.Error(), "is not a loopback address; set ListenOptions.AllowRemote") {
			t.Errorf("%s: error %v", addr, err)
		}
	}
	if _, err := Listen("no-port", nil, nil); err == nil {
		t.Error("malformed address accepted")
	}
	for _, addr := range []string{":0", "localhost:0", "[::1]:0"} {
		l, err := Listen(addr, nil, nil)
		if err != nil {
			if addr == "[::1]:0" {
				continue // no IPv6 here
			}
			t.Fatalf("%s: %v", addr, err)
		}
		if ip := l.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
			t.Errorf("%s: listening on %v", addr, ip)
		}
		l.Close()
	}
}

func TestStopListening(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l1, _, _, _ := startListener(t, nil, nil)
	l2, _, _, _ := startListener(t, nil, nil)
	// An idle connection does not keep the server alive.
	c, err := net.Dial("tcp", l1.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := StopListening(); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*Listener{l1, l2} {
		if c, err := net.Dial("tcp", l.Addr().String()); err == nil {
			c.Close()
			t.Errorf("%v still accepts connections", l.Addr())
		}
	}
}

// TestListenConnLimit: at MaxConns, idle connections are shed, oldest
// first, and a valid configuration from another client still applies.
func TestListenConnLimit(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, m, out, done := startListener(t, nil, &ListenOptions{MaxConns: 4, ReadTimeout: time.Hour})
	var idle []net.Conn
	for range 10 {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	for range 6 { // 10 idle connections, 4 kept
		if err := <-done; !errors.Is(err, ErrListenConnLimit) {
			t.Fatalf("error %v, want ErrListenConnLimit", err)
		}
	}
	send(t, l.Addr(), []byte(listenJSON))
	// Two reports, in either order: the valid one applied, and one more
	// idle connection shed to make room for it.
	applied, shed := 0, 0
	for range 2 {
		switch err := <-done; {
		case err == nil:
			applied++
		case errors.Is(err, ErrListenConnLimit):
			shed++
		default:
			t.Fatalf("error %v", err)
		}
	}
	if applied != 1 || shed != 1 {
		t.Errorf("%d applied and %d shed for the valid connection, want 1 and 1", applied, shed)
	}
	m.Root().Info("applied")
	if got := out.String(); got != "json INFO applied\n" {
		t.Errorf("output %q", got)
	}
	// The oldest were shed: the first idle connection reads EOF.
	if _, err := idle[0].Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("first idle connection: %v, want EOF", err)
	}
	l.Close()
}

// TestListenIdleAndRate: a peer that sends nothing is closed after
// IdleTimeout, and one that announces a payload and stops after the
// IdleTimeout allowance plus the payload at MinRate, long before
// ReadTimeout.
func TestListenIdleAndRate(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, _, _, done := startListener(t, nil, &ListenOptions{IdleTimeout: 20 * time.Millisecond, MinRate: 1 << 20, ReadTimeout: time.Hour})
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var ne net.Error
	if err := <-done; !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "4-byte length") {
		t.Errorf("idle: %v, want a timeout reading the length", err)
	}
	c2, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	c2.Write([]byte{0, 0, 3, 232, '{'}) // 1000 bytes announced, 1 sent
	if err := <-done; !errors.As(err, &ne) || !ne.Timeout() || !strings.Contains(err.Error(), "1000-byte payload") {
		t.Errorf("slow: %v, want a timeout reading the payload", err)
	}
	l.Close()
}

// TestListenLoggerLimits: a received configuration naming more loggers
// than MaxLoggers, or a longer name than MaxLoggerName, is refused and
// changes nothing.
func TestListenLoggerLimits(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	l, m, out, done := startListener(t, nil, &ListenOptions{MaxLoggers: 2, MaxLoggerName: 8})
	send(t, l.Addr(), []byte(`{"version": 1, "loggers": {"a": {}, "b": {}, "c": {}}}`))
	if err := <-done; err == nil || !strings.Contains(err.Error(), "loggers: 3 loggers exceed the limit of 2") {
		t.Errorf("error %v", err)
	}
	send(t, l.Addr(), []byte("[loggers]\nkeys=root,long\n[handlers]\nkeys=\n[formatters]\nkeys=\n[logger_root]\nhandlers=\n[logger_long]\nqualname=app.database\nhandlers=\n"))
	if err := <-done; err == nil || !strings.Contains(err.Error(), "logger name of 12 bytes exceeds the limit of 8 bytes") {
		t.Errorf("error %v", err)
	}
	if names := m.LoggerNames(); len(names) != 0 {
		t.Errorf("loggers %v", names)
	}
	send(t, l.Addr(), []byte(listenJSON))
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	m.Root().Info("ok")
	if out.String() != "json INFO ok\n" {
		t.Errorf("output %q", out.String())
	}
	l.Close()
}
