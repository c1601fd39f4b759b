//go:build soak

package soak

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"net"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	ogórek "github.com/kisielk/og-rek"
	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// countHandler counts the records of the logger "valid".
type countHandler struct {
	slogpy.HandlerBase
	n atomic.Int64
}

func (h *countHandler) Emit(r *slogpy.Record) error {
	if r.Name == "valid" {
		h.n.Add(1)
	}
	h.Format(nil, r) // format every record: the message cap is exercised
	return nil
}

func hostilePickle(t *testing.T, d map[any]any) []byte {
	var b bytes.Buffer
	if err := ogórek.NewEncoderWithConfig(&b, &ogórek.EncoderConfig{Protocol: 2}).Encode(d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func hostileFrame(p []byte) []byte {
	return append(binary.BigEndian.AppendUint32(nil, uint32(len(p))), p...)
}

// runHostile runs one round: valid senders over TCP and UDP next to idle,
// slow, amplifying, decoder-bombing and logger-flooding senders. It
// returns the valid records sent and delivered over TCP.
func runHostile(t *testing.T) (sent, delivered int64) {
	m := slogpy.NewManager()
	h := &countHandler{}
	h.Configure(&slogpy.HandlerOptions{ErrorHandler: func(*slogpy.Record, error) {}})
	m.Root().AddHandler(slogpy.AsSlog(h))
	m.Root().SetLevel(levels.NotSet)
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, MaxConns: 32, IdleTimeout: 300 * time.Millisecond,
		MinRate: 1 << 20, MaxLoggers: 200, ErrorHandler: func(error) {}})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { done <- srv.Serve(ln) }()
	go func() { done <- srv.ServePacket(pc) }()
	addr := ln.Addr().String()

	valid := hostileFrame(hostilePickle(t, map[any]any{"name": "valid", "msg": "ok %s", "args": ogórek.Tuple{"x"}, "levelno": int64(20)}))
	evil := [][]byte{
		hostileFrame(hostilePickle(t, map[any]any{"name": "evil", "msg": strings.Repeat("%(a)999999s", 1000), "args": map[any]any{"a": "x"}, "levelno": int64(40)})),
		hostileFrame([]byte("\x80\x02}X\x01\x00\x00\x00x)" + strings.Repeat("\x85", 100000) + "s.")),
		hostileFrame([]byte("\x80\x04}" + strings.Repeat("\x94", 200000) + ".")),
		hostileFrame([]byte("\x80\x02}X\x01\x00\x00\x00x](" + strings.Repeat("]", 100000) + "es.")),
		[]byte("\xff\xff\xff\xffgarbage"),
		hostileFrame([]byte("cos\nsystem\n(S'echo'\ntR.")),
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	// Hostile senders: each loops until stop.
	hostile := func(fn func()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				fn()
			}
		}()
	}
	dial := func() net.Conn {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return nil
		}
		return c
	}
	var idle sync.Mutex
	var idleConns []net.Conn
	hostile(func() { // idle and slow connections, kept open
		if c := dial(); c != nil {
			c.Write(binary.BigEndian.AppendUint32(nil, 1000))
			idle.Lock()
			idleConns = append(idleConns, c)
			idle.Unlock()
		}
		time.Sleep(time.Millisecond)
	})
	hostile(func() { // amplification and decoder bombs
		for _, f := range evil {
			if c := dial(); c != nil {
				c.Write(f)
				c.Close()
			}
		}
	})
	var names atomic.Int64
	hostile(func() { // a flood of distinct logger names
		if c := dial(); c != nil {
			for range 20 {
				c.Write(hostileFrame(hostilePickle(t, map[any]any{"name": fmt.Sprintf("flood.n%d", names.Add(1)), "msg": "m", "levelno": int64(20)})))
			}
			c.Close()
		}
	})
	udp, err := net.Dial("udp", pc.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	hostile(func() {
		udp.Write(valid)
		udp.Write(evil[1][:min(len(evil[1]), 60000)])
		time.Sleep(50 * time.Microsecond)
	})
	// A valid client keeps sending over one connection (reconnecting if
	// it is shed) and waits until each record is counted.
	for range 100 {
		c := dial()
		if c == nil {
			continue
		}
		for range 10 {
			before := h.n.Load()
			if _, err := c.Write(valid); err != nil {
				break
			}
			sent++
			for deadline := time.Now().Add(10 * time.Second); h.n.Load() == before && time.Now().Before(deadline); {
				time.Sleep(100 * time.Microsecond)
			}
		}
		c.Close()
	}
	close(stop)
	wg.Wait()
	udp.Close()
	idle.Lock()
	for _, c := range idleConns {
		c.Close()
	}
	idle.Unlock()
	srv.Close()
	<-done
	<-done
	t.Logf("valid TCP records sent %d; records %d, rejected %d, shed %d, fallbacks %d, kernel drops %d",
		sent, srv.Records(), srv.Rejected(), srv.Shed(), srv.Fallbacks(), srv.Dropped())
	return sent, h.n.Load()
}

// TestSoakHostile runs the receiver under a mix of valid and hostile
// senders twice: the valid records keep arriving, and the second round
// leaves no more goroutines and no more live heap than the first.
func TestSoakHostile(t *testing.T) {
	defer goleak.VerifyNone(t)
	runHostile(t) // warm-up: what lives for the process
	g0, h0 := runtime.NumGoroutine(), heapInuse()
	sent, got := runHostile(t)
	g1, h1 := runtime.NumGoroutine(), heapInuse()
	t.Logf("goroutines %d before, %d after; live heap %d KiB before, %d KiB after", g0, g1, h0>>10, h1>>10)
	if got < sent {
		t.Errorf("valid records: %d sent, %d delivered (with UDP's) ", sent, got)
	}
	if g1 > g0 {
		t.Errorf("goroutines grew from %d to %d", g0, g1)
	}
	// The heap of this test is small (under 1 MiB): allow 10% or 256 KiB,
	// whichever is more, for the runtime's own structures.
	if h1 > h0+max(h0/10, 256<<10) {
		t.Errorf("live heap grew from %d to %d bytes", h0, h1)
	}
}
