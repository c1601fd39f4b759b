package receiver_test

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"runtime"
	"testing"
	"time"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// TestConnLimit opens 2,000 idle and slow connections against a server
// that keeps 64: they are shed at the limit, least recently active first,
// while a client that sends records keeps its connection and every record
// arrives.
func TestConnLimit(t *testing.T) {
	leakCheck(t)
	m := slogpy.NewManager()
	c := newCollector()
	m.Root().AddHandler(slogpy.AsSlog(c))
	m.Root().SetLevel(levels.NotSet)
	errs := newErrorSink()
	const max = 64
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, MaxConns: max, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { srv.Close(); <-done }()
	dial := func() net.Conn {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		return conn
	}
	valid := dial()
	defer valid.Close()
	send := func(conn net.Conn) {
		if _, err := conn.Write(frame(goodPickle)); err != nil {
			t.Fatalf("valid client: %v", err)
		}
		select {
		case <-c.ch:
		case <-time.After(10 * time.Second):
			t.Fatalf("a valid record did not arrive; shed %d records %d reports %v", srv.Shed(), srv.Records(), errs.errs)
		}
	}
	send(valid)
	var hostile []net.Conn
	defer func() {
		for _, h := range hostile {
			h.Close()
		}
	}()
	// accepted waits until the server has accepted every connection
	// dialled so far (the accept loop may lag behind the dialler).
	accepted := func(dialled int) {
		for deadline := time.Now().Add(time.Minute); srv.Conns()+int(srv.Shed()) < dialled; time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d connections accepted", srv.Conns()+int(srv.Shed()), dialled)
			}
		}
	}
	const n = 2000
	for i := range n {
		h := dial()
		accepted(i + 2)
		if i%2 == 1 { // slow: a frame started, never finished
			h.Write(append(binary.BigEndian.AppendUint32(nil, 1000), "\x80\x02}"...))
		}
		hostile = append(hostile, h)
		if i%20 == 19 {
			send(valid)
		}
	}
	last := dial()
	defer last.Close()
	accepted(n + 2)
	send(last)
	send(valid)
	if got, want := srv.Shed(), uint64(n+2-max); got != want {
		t.Errorf("Shed() = %d, want %d", got, want)
	}
	if srv.Records() != n/20+3 {
		t.Errorf("Records() = %d, want %d", srv.Records(), n/20+3)
	}
	// One report for the whole minute, naming the limit.
	errs.mu.Lock()
	defer errs.mu.Unlock()
	if len(errs.errs) != 1 || !errors.Is(errs.errs[0], receiver.ErrConnLimit) {
		t.Errorf("reports: %v", errs.errs)
	}
	if srv.Conns() != max {
		t.Errorf("Conns() = %d, want %d", srv.Conns(), max)
	}
}

// TestFrameMinRate: a peer that starts a frame and stops is closed when
// the frame does not arrive at MinRate, and reported; one that sends
// nothing between frames is closed quietly at IdleTimeout.
func TestFrameMinRate(t *testing.T) {
	leakCheck(t)
	errs := newErrorSink()
	srv, err := receiver.NewServer(&receiver.Options{Manager: slogpy.NewManager(), IdleTimeout: 50 * time.Millisecond,
		MinRate: 1 << 20, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { srv.Close(); <-done }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.Write(append(binary.BigEndian.AppendUint32(nil, 1000), goodPickle[:10]...))
	io.Copy(io.Discard, conn) // returns when the server closes
	err = <-errs.ch
	if !errors.Is(err, receiver.ErrTooSlow) {
		t.Fatalf("error %v, want ErrTooSlow", err)
	}
	const want = "frame 1: frame too slow: 10 of 1000 bytes arrived within 51ms (IdleTimeout + the frame at MinRate 1048576 bytes/s); connection closed"
	if got := err.Error(); got[len(got)-len(want):] != want {
		t.Errorf("error:\n%s\nwant the end:\n%s", got, want)
	}
}

// TestDatagramKernelDrops floods a UDP socket with a small receive buffer
// while the server is busy: the system drops datagrams, the server counts
// them from the socket's overflow counter, and on loopback received +
// dropped = sent, exactly.
func TestDatagramKernelDrops(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the system's drop counter is read on Linux only")
	}
	leakCheck(t)
	m := slogpy.NewManager()
	gate := make(chan struct{})
	m.Root().AddHandler(slogpy.NewNullHandler())
	m.Root().AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool { <-gate; return true }))
	m.Root().SetLevel(levels.NotSet)
	errs := newErrorSink()
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, ReadBuffer: 4096, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() { done <- srv.ServePacket(pc) }()
	defer func() { srv.Close(); <-done }()
	conn, err := net.Dial("udp", pc.LocalAddr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	const n = 2000
	for range n {
		conn.Write(frame(goodPickle))
	}
	close(gate)
	// The drop count comes with the next datagram read: send one more until
	// every datagram is accounted for.
	sent := uint64(n)
	for deadline := time.Now().Add(time.Minute); srv.Records()+srv.Dropped() < sent; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("sent %d, received %d, dropped %d", sent, srv.Records(), srv.Dropped())
		}
		conn.Write(frame(goodPickle))
		sent++
	}
	if srv.Dropped() == 0 || srv.Records()+srv.Dropped() != sent {
		t.Fatalf("sent %d, received %d + dropped %d", sent, srv.Records(), srv.Dropped())
	}
	t.Logf("sent %d, received %d, dropped %d", sent, srv.Records(), srv.Dropped())
	err = <-errs.ch
	if !errors.Is(err, receiver.ErrKernelDrops) {
		t.Errorf("report %v, want ErrKernelDrops", err)
	}
}
