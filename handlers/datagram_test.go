package handlers_test

import (
	"errors"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// TestDatagramHandlerToCPython sends records as UDP datagrams to a CPython
// receiver (pickle.loads and makeLogRecord of each datagram after its
// length): every attribute arrives.
func TestDatagramHandlerToCPython(t *testing.T) {
	netNeedPython(t)
	netLeakCheck(t)
	peer := netStartPython(t, netTestdata("py_receiver.py"), "udp", "127.0.0.1", "0")
	port, _ := strconv.Atoi(peer.first)
	h, err := handlers.NewDatagramHandler("127.0.0.1", port, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l, c := socketSetup(t, h)
	n := socketLogAll(l)
	for range n {
		socketCheckPython(t, peer.record(t), <-c.ch)
	}
}

// TestDatagramHandlerReceivers sends over UDP and a Unix datagram socket to
// the Go receiver.
func TestDatagramHandlerReceivers(t *testing.T) {
	for _, network := range []string{"udp", "unixgram"} {
		t.Run(network, func(t *testing.T) {
			netLeakCheck(t)
			var peer *netReceiver
			var h *handlers.DatagramHandler
			var err error
			if network == "udp" {
				peer = startNetReceiver(t, "udp", "127.0.0.1:0")
				host, port, _ := net.SplitHostPort(peer.addr)
				p, _ := strconv.Atoi(port)
				h, err = handlers.NewDatagramHandler(host, p, nil)
			} else {
				path := filepath.Join(t.TempDir(), "log")
				peer = startNetReceiver(t, "unixgram", path)
				h, err = handlers.NewUnixDatagramHandler(path, nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			l := slogpy.NewManager().GetLogger("dgram")
			l.SetLevel(levels.Debug)
			l.AddHandler(h)
			l.Info("one %d", 1, slog.String("k", "v"))
			l.Error("two ✓")
			for _, want := range []string{"one 1", "two ✓"} {
				r := <-peer.c.ch
				if msg, _ := r.Message(); msg != want || r.Name != "dgram" {
					t.Errorf("received %q %q, want %q", r.Name, msg, want)
				}
			}
		})
	}
}

// TestDatagramHandlerTooLarge: a record that does not fit in a UDP
// datagram is reported and counted.
func TestDatagramHandlerTooLarge(t *testing.T) {
	netLeakCheck(t)
	peer := startNetReceiver(t, "udp", "127.0.0.1:0")
	host, port, _ := net.SplitHostPort(peer.addr)
	p, _ := strconv.Atoi(port)
	var errs netErrors
	h, _ := handlers.NewDatagramHandler(host, p, &handlers.DatagramHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("big")
	l.AddHandler(h)
	l.Warning(strings.Repeat("x", 70000))
	l.Warning("small")
	if r := <-peer.c.ch; r.Msg != "small" {
		t.Errorf("received %q", r.Msg)
	}
	if e := errs.list(); len(e) != 1 || !strings.Contains(e[0].Error(), "does not fit in a UDP datagram (at most 65507); dropped") || h.Dropped() != 1 {
		t.Errorf("reports %v, dropped %d", e, h.Dropped())
	}
}

// TestDatagramHandlerUnixMissing: the Unix socket is not there: records
// are dropped and counted, the outage reported once; when the socket
// appears (and the backoff allows), records arrive.
func TestDatagramHandlerUnixMissing(t *testing.T) {
	netLeakCheck(t)
	path := filepath.Join(t.TempDir(), "log")
	clock := newNetClock()
	var errs netErrors
	h, err := handlers.NewUnixDatagramHandler(path, &handlers.DatagramHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("gone")
	l.AddHandler(h)
	for range 3 {
		l.Warning("lost")
	}
	if e := errs.list(); len(e) != 1 || !errors.Is(e[0], handlers.ErrPeerUnreachable) || !errors.Is(e[0], os.ErrNotExist) || h.Dropped() != 3 {
		t.Fatalf("reports %v, dropped %d", e, h.Dropped())
	}
	peer := startNetReceiver(t, "unixgram", path)
	clock.Advance(time.Second)
	l.Warning("found")
	if r := <-peer.c.ch; r.Msg != "found" {
		t.Errorf("received %q", r.Msg)
	}
}

func TestDatagramHandlerOptionErrors(t *testing.T) {
	if _, err := handlers.NewDatagramHandler("", 9021, nil); err == nil || err.Error() != "handlers: DatagramHandler: empty host" {
		t.Errorf("empty host: %v", err)
	}
	if _, err := handlers.NewDatagramHandler("h", 9021, &handlers.DatagramHandlerOptions{RetryFactor: 0.1}); err == nil ||
		!strings.Contains(err.Error(), "RetryFactor 0.1 is below 1") {
		t.Errorf("RetryFactor: %v", err)
	}
	if _, err := handlers.NewUnixDatagramHandler("", nil); err == nil {
		t.Error("empty path accepted")
	}
}

func TestDatagramHandlerSlogtest(t *testing.T) {
	netLeakCheck(t)
	peer := startNetReceiver(t, "udp", "127.0.0.1:0")
	host, port, _ := net.SplitHostPort(peer.addr)
	p, _ := strconv.Atoi(port)
	h, err := handlers.NewDatagramHandler(host, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	slogtest.Run(t, func(*testing.T) slog.Handler { return h }, func(t *testing.T) map[string]any {
		return netSlogtestResult(<-peer.c.ch)
	})
}
