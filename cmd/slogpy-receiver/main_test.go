package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"log/slog"
	"net"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// lineWriter passes each line written to it on a channel.
type lineWriter struct {
	mu    sync.Mutex
	buf   []byte
	lines chan string
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, p...)
	for {
		i := bytes.IndexByte(w.buf, '\n')
		if i < 0 {
			return len(p), nil
		}
		w.lines <- string(w.buf[:i])
		w.buf = w.buf[i+1:]
	}
}

// start runs the command until the test ends and returns its addresses
// ("tcp 127.0.0.1:1234") and its output lines.
func start(t *testing.T, args ...string) (map[string]string, chan string) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
	ctx, cancel := context.WithCancel(context.Background())
	w := &lineWriter{lines: make(chan string, 100)}
	ready := make(chan []string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, w, ready) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	var addrs []string
	select {
	case addrs = <-ready:
	case err := <-done:
		t.Fatalf("run: %v", err)
	}
	if l := <-w.lines; !strings.HasPrefix(l, "slogpy-receiver: listening on ") {
		t.Fatalf("first line %q", l)
	}
	m := make(map[string]string)
	for _, a := range addrs {
		network, addr, _ := strings.Cut(a, " ")
		m[network] = addr
	}
	return m, w.lines
}

func TestReceiveFromGo(t *testing.T) {
	addrs, lines := start(t, "-tcp", "127.0.0.1:0", "-format", "%(name)s:%(levelname)s:%(message)s:%(user)s")
	host, port, _ := net.SplitHostPort(addrs["tcp"])
	p, _ := strconv.Atoi(port)
	h, err := handlers.NewSocketHandler(host, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("shop.cart")
	l.AddHandler(h)
	l.Warning("cart %d emptied", 42, slog.String("user", "bob"))
	l.Error("payment failed ✓", slog.String("user", "al"))
	for _, want := range []string{"shop.cart:WARNING:cart 42 emptied:bob", "shop.cart:ERROR:payment failed ✓:al"} {
		if got := <-lines; got != want {
			t.Errorf("output %q, want %q", got, want)
		}
	}
}

// TestReceiveFromCPython: CPython's SocketHandler and DatagramHandler
// send to the command.
func TestReceiveFromCPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the CPython peer tests need it (CI installs it)")
	}
	addrs, lines := start(t, "-tcp", "127.0.0.1:0", "-udp", "127.0.0.1:0", "-format", "%(name)s %(levelname)s %(message)s")
	records, _ := json.Marshal([]map[string]any{
		{"name": "py.app", "level": 30, "msg": "from %s", "args": []any{"python"}},
		{"name": "py.app.db", "level": 40, "msg": "grüße"},
	})
	for _, kind := range []string{"socket", "datagram"} {
		addr := addrs["tcp"]
		if kind == "datagram" {
			addr = addrs["udp"]
		}
		host, port, _ := net.SplitHostPort(addr)
		cmd := exec.Command(py, filepath.Join("..", "..", "testdata", "network", "py_sender.py"), kind, host, port)
		cmd.Stdin = bytes.NewReader(records)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("py_sender %s: %v\n%s", kind, err, out)
		}
		for _, want := range []string{"py.app WARNING from python", "py.app.db ERROR grüße"} {
			if got := <-lines; got != want {
				t.Errorf("%s: output %q, want %q", kind, got, want)
			}
		}
	}
}

// TestRefusesUnsafePickle: a class-lookup pickle is reported and its
// connection closed; the command goes on.
func TestRefusesUnsafePickle(t *testing.T) {
	addrs, lines := start(t, "-tcp", "127.0.0.1:0")
	c, err := net.Dial("tcp", addrs["tcp"])
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	evil := []byte("cos\nsystem\n(S'echo pwned'\ntR.")
	c.Write(append(binary.BigEndian.AppendUint32(nil, uint32(len(evil))), evil...))
	got := <-lines
	if !strings.Contains(got, "slogpy-receiver: receiver: 127.0.0.1:") || !strings.Contains(got, "pickle opcode GLOBAL (0x63) at offset 0 is not allowed (class lookup of os.system)") ||
		!strings.HasSuffix(got, "; connection closed") {
		t.Errorf("output %q", got)
	}
}

func TestFlags(t *testing.T) {
	w := &lineWriter{lines: make(chan string, 100)}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-tcp", ""}, "nothing to listen on"},
		{[]string{"-format", "%(message"}, "slogpy: formatter"},
		{[]string{"-level", "LOUD"}, `invalid value "LOUD" for flag -level`},
		{[]string{"-tcp", "256.0.0.1:1"}, "listen tcp"},
		{[]string{"extra"}, `unexpected arguments ["extra"]`},
	} {
		if err := run(context.Background(), tt.args, w, nil); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("run(%q) = %v, want %q", tt.args, err, tt.want)
		}
	}
}
