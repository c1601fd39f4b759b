package receiver_test

import (
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// gateHandler blocks its first record until gate is closed, so that a
// test can make frames wait in the system's receive buffer.
type gateHandler struct {
	slogpy.HandlerBase
	entered, gate chan struct{}
	n             int
}

func (h *gateHandler) Emit(*slogpy.Record) error {
	if h.n++; h.n == 1 {
		close(h.entered)
		<-h.gate
	}
	return nil
}

// TestCloseReadsWhatArrived: Close shuts a connection down in both
// directions, then hands to loggers every whole frame the system had
// received (and acknowledged to the sender) before closing it, so that a
// restart of the receiver loses only what the sender can see was not
// acknowledged; the half frame at the end is dropped without a report.
func TestCloseReadsWhatArrived(t *testing.T) {
	leakCheck(t)
	m := slogpy.NewManager()
	h := &gateHandler{entered: make(chan struct{}), gate: make(chan struct{})}
	h.Configure(nil)
	m.Root().AddHandler(slogpy.AsSlog(h))
	m.Root().SetLevel(levels.NotSet)
	errs := newErrorSink()
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const frames = 1000
	var stream []byte
	for range frames {
		stream = append(stream, frame(goodPickle)...)
	}
	stream = append(stream, frame(goodPickle)[:20]...)
	if _, err := c.Write(stream); err != nil {
		t.Fatal(err)
	}
	<-h.entered // the server's goroutine holds the first record
	// Wait until the server's system acknowledged every byte (a guard of
	// 30 s, not a measure).
	rc, _ := c.(*net.TCPConn).SyscallConn()
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
		var q int
		rc.Control(func(fd uintptr) { q, _ = unix.IoctlGetInt(int(fd), unix.SIOCOUTQ) })
		if q == 0 {
			break
		}
		if time.Now().After(end) {
			t.Fatalf("%d bytes still unacknowledged", q)
		}
	}
	closed := make(chan struct{})
	go func() { srv.Close(); close(closed) }()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if n, err := c.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		t.Fatalf("the client read %d, %v; want the end of the stream (the server shut its side down)", n, err)
	}
	close(h.gate)
	<-closed
	if err := <-served; !errors.Is(err, receiver.ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
	if h.n != frames || srv.Records() != frames {
		t.Errorf("%d records handled (Records() = %d), want the %d whole frames received before Close", h.n, srv.Records(), frames)
	}
	if len(errs.errs) != 0 {
		t.Errorf("reports %v", errs.errs)
	}
}
