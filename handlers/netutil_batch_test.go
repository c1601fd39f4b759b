package handlers_test

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// batched is a batching network handler behind a QueueHandler that owns
// its listener, as a program sets it up: logging goes to the queue, the
// listener hands what waits in it to the handler in batches.
type batched struct {
	*handlers.QueueHandler
	net interface {
		handlers.BatchHandler
		Dropped() uint64
	}
}

func newBatched(t *testing.T, h interface {
	handlers.BatchHandler
	Dropped() uint64
}) *batched {
	t.Helper()
	q := handlers.NewChanQueue(0)
	l, err := handlers.NewQueueListener(q, []slog.Handler{slogpy.AsSlog(h)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &batched{QueueHandler: handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{Listener: l}), net: h}
}

// Dropped is the network handler's count (the queue waits, drops nothing).
func (b *batched) Dropped() uint64 { return b.net.Dropped() }

// Close stops the listener once the queue is handled, then closes the
// network handler.
func (b *batched) Close() error {
	err := b.QueueHandler.Close()
	if e := b.net.Close(); e != nil {
		return e
	}
	return err
}

// batchLog logs records "rec 0" … "rec n-1", the first 1000 before the
// listener starts, so that they wait in the queue and go out in batches.
func batchLog(t *testing.T, b *batched, n int) {
	t.Helper()
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(b)
	for i := range n {
		if i == min(n, 1000) {
			if err := b.Start(); err != nil {
				t.Fatal(err)
			}
		}
		l.Warning("rec %d", i)
	}
	if n < 1000 {
		b.Start()
	}
}

// TestSocketHandlerBatchOrder: a batched SocketHandler delivers every
// record, once and in order, to the receiver, in fewer system calls than
// records.
func TestSocketHandlerBatchOrder(t *testing.T) {
	netLeakCheck(t)
	got := newNetPeerCount()
	addr, stop := receiverTCPPeer(t, "127.0.0.1:0", got)
	host, port, _ := strings.Cut(addr, ":")
	p, _ := strconv.Atoi(port)
	var errs netErrors
	sh, err := handlers.NewSocketHandler(host, p, &handlers.SocketHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Batch: handlers.BatchOptions{Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	b := newBatched(t, sh)
	const sent = 5000
	batchLog(t, b, sent)
	// Closed once the receiver has everything, so that a slow receiver
	// (under -race) does not outlast Close's wait for acknowledgements.
	netWaitFor(t, "every record at the receiver", func() bool { return got.count()+len(got.bad) >= sent })
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	stop()
	batchCheck(t, got, sent, sh, &errs)
}

// batchCheck checks that the peer got every record once and in order, that
// nothing was dropped or reported, and that the records went out in fewer
// system calls than records (the first 1000 waited in the queue).
func batchCheck(t *testing.T, got *netPeerCount, sent int, h interface {
	handlers.BatchHandler
	Dropped() uint64
}, errs *netErrors) {
	t.Helper()
	if got.count() != sent || len(got.bad) > 0 {
		t.Errorf("received %d in order of %d; out of order or garbled: %v", got.count(), sent, got.bad)
	}
	if h.Dropped() != 0 || len(errs.list()) > 0 {
		t.Errorf("Dropped() = %d, reports %v", h.Dropped(), errs.list())
	}
	calls := handlers.BatchCalls(h)
	t.Logf("%d records in %d system calls", sent, calls)
	if calls == 0 || calls > uint64(sent/4) {
		t.Errorf("%d system calls for %d records: not batched", calls, sent)
	}
}

// TestSysLogHandlerUDPBatchOrder: a batched SysLogHandler over UDP sends
// every message, in order, as the synchronous handler sends it, in fewer
// sendmmsg calls than messages.
func TestSysLogHandlerUDPBatchOrder(t *testing.T) {
	netLeakCheck(t)
	pc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	pc.SetReadBuffer(4 << 20) // loopback drops what a full buffer cannot take
	got := newNetPeerCount()
	var raw [][]byte
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 65536)
		for {
			n, err := pc.Read(buf)
			if err != nil {
				return
			}
			raw = append(raw, bytes.Clone(buf[:n]))
			msg := strings.TrimSuffix(string(buf[:n]), "\x00")
			_, msg, _ = strings.Cut(msg, ">")
			got.add(msg)
		}
	}()
	var errs netErrors
	sh, err := handlers.NewSysLogHandler(pc.LocalAddr().String(), &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Network: "udp", Batch: handlers.BatchOptions{Enabled: true, MaxRecords: 100}})
	if err != nil {
		t.Fatal(err)
	}
	b := newBatched(t, sh)
	const sent = 3000
	batchLog(t, b, sent)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	netWaitFor(t, "every message at the peer", func() bool { return got.count()+len(got.bad) >= sent })
	pc.Close()
	<-done
	batchCheck(t, got, sent, sh, &errs)
	if want := "<12>rec 0\x00"; len(raw) == 0 || string(raw[0]) != want {
		t.Errorf("first datagram %q, want CPython's %q", raw[:min(1, len(raw))], want)
	}
}

// TestBatchSameBytes: the bytes a batch puts on the wire are those the
// synchronous handler sends for the same records, one after the other:
// SocketHandler's frames (CPython's pickles), SysLogHandler's framed
// messages over TCP (octet counting and line feed). It also checks a
// batch larger than MaxRecords and MaxBytes, sent in several calls.
func TestBatchSameBytes(t *testing.T) {
	records := func() []*slogpy.Record {
		var rs []*slogpy.Record
		for i := range 300 {
			r, err := slogpy.MakeRecord(map[string]any{"name": "app", "msg": "rec %d %s", "args": []any{i, strings.Repeat("x", i%50)}, "levelno": 30, "created": 1.7e9 + float64(i)})
			if err != nil {
				t.Fatal(err)
			}
			r.AddAttrs(slog.Int("i", i), slog.String("é", "ü"))
			rs = append(rs, r)
		}
		return rs
	}
	type maker func(addr string, batch handlers.BatchOptions) (handlers.BatchHandler, error)
	socket := func(addr string, batch handlers.BatchOptions) (handlers.BatchHandler, error) {
		host, port, _ := strings.Cut(addr, ":")
		p, _ := strconv.Atoi(port)
		return handlers.NewSocketHandler(host, p, &handlers.SocketHandlerOptions{Batch: batch})
	}
	syslog := func(framing string) maker {
		return func(addr string, batch handlers.BatchOptions) (handlers.BatchHandler, error) {
			return handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{Network: "tcp", Framing: framing, Batch: batch})
		}
	}
	for name, mk := range map[string]maker{"socket": socket, "syslog-octets": syslog(""), "syslog-lf": syslog(handlers.FramingNonTransparent)} {
		t.Run(name, func(t *testing.T) {
			netLeakCheck(t)
			capture := func(batch handlers.BatchOptions, send func(h handlers.BatchHandler, rs []*slogpy.Record)) []byte {
				ln, err := net.Listen("tcp", "127.0.0.1:0")
				if err != nil {
					t.Fatal(err)
				}
				defer ln.Close()
				out := make(chan []byte, 1)
				go func() {
					c, err := ln.Accept()
					if err != nil {
						out <- nil
						return
					}
					b, _ := io.ReadAll(c)
					c.Close()
					out <- b
				}()
				h, err := mk(ln.Addr().String(), batch)
				if err != nil {
					t.Fatal(err)
				}
				send(h, records())
				if err := h.Close(); err != nil {
					t.Fatal(err)
				}
				return <-out
			}
			want := capture(handlers.BatchOptions{}, func(h handlers.BatchHandler, rs []*slogpy.Record) {
				for _, r := range rs {
					if err := slogpy.Handle(h, r); err != nil {
						t.Fatal(err)
					}
				}
			})
			got := capture(handlers.BatchOptions{Enabled: true, MaxRecords: 64, MaxBytes: 8 << 10}, func(h handlers.BatchHandler, rs []*slogpy.Record) {
				h.HandleBatch(rs[:250])
				h.HandleBatch(rs[250:])
				if calls := handlers.BatchCalls(h); calls < 5 || calls > 300/8 {
					t.Errorf("%d system calls for 300 records in batches of at most 64 records or 8 KiB", calls)
				}
			})
			if len(want) == 0 || !bytes.Equal(got, want) {
				t.Errorf("batched stream (%d bytes) differs from the synchronous one (%d bytes)", len(got), len(want))
			}
		})
	}
}

// TestSocketHandlerBatchToCPython: CPython's cookbook receiver reads a
// batched stream record by record, in order.
func TestSocketHandlerBatchToCPython(t *testing.T) {
	netNeedPython(t)
	netLeakCheck(t)
	peer := netStartPython(t, netTestdata("py_receiver.py"), "tcp", "127.0.0.1", "0")
	port, _ := strconv.Atoi(peer.first)
	sh, err := handlers.NewSocketHandler("127.0.0.1", port, &handlers.SocketHandlerOptions{Batch: handlers.BatchOptions{Enabled: true}})
	if err != nil {
		t.Fatal(err)
	}
	b := newBatched(t, sh)
	const sent = 1500
	batchLog(t, b, sent)
	for i := range sent {
		m := peer.record(t)
		if want := fmt.Sprintf("rec %d", i); m["getMessage"] != want || m["name"] != "app" || m["levelname"] != "WARNING" {
			t.Fatalf("record %d at CPython: getMessage %v, name %v, levelname %v; want %q, app, WARNING", i, m["getMessage"], m["name"], m["levelname"], want)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if calls := handlers.BatchCalls(sh); calls == 0 || calls > sent/4 {
		t.Errorf("%d system calls for %d records: not batched", calls, sent)
	}
}

// TestSocketHandlerBatchPeerRestartCount and
// TestSysLogHandlerTCPBatchPeerRestartCount are the restart tests of the
// synchronous handlers (netRestartCount) with batching: delivered +
// Dropped = sent, exactly, every record delivered at most once and in
// order, and the outage reported twice.
func TestSocketHandlerBatchPeerRestartCount(t *testing.T) {
	netRestartCount(t, func(addr string, opts slogpy.HandlerOptions, now func() time.Time) (netCountingHandler, error) {
		host, port, _ := strings.Cut(addr, ":")
		p, _ := strconv.Atoi(port)
		h, err := handlers.NewSocketHandler(host, p, &handlers.SocketHandlerOptions{HandlerOptions: opts, Now: now, Batch: handlers.BatchOptions{Enabled: true}})
		if err != nil {
			return nil, err
		}
		b := newBatched(t, h)
		return b, b.Start()
	}, receiverTCPPeer)
}

func TestSysLogHandlerTCPBatchPeerRestartCount(t *testing.T) {
	netRestartCount(t, func(addr string, opts slogpy.HandlerOptions, now func() time.Time) (netCountingHandler, error) {
		h, err := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{HandlerOptions: opts, Network: "tcp", Now: now, Batch: handlers.BatchOptions{Enabled: true}})
		if err != nil {
			return nil, err
		}
		b := newBatched(t, h)
		return b, b.Start()
	}, syslogTCPPeer)
}

// TestBatchOptionErrors: out-of-range limits are refused at construction.
func TestBatchOptionErrors(t *testing.T) {
	for _, o := range []handlers.BatchOptions{{Enabled: true, MaxRecords: 1025}, {Enabled: true, MaxRecords: -1}, {Enabled: true, MaxBytes: -1}} {
		if _, err := handlers.NewSocketHandler("localhost", 9, &handlers.SocketHandlerOptions{Batch: o}); err == nil || !strings.Contains(err.Error(), "Batch.Max") {
			t.Errorf("%+v: error %v, want one naming the Batch limit", o, err)
		}
	}
}

// TestDatagramBatchOrder: the datagram paths of batching — DatagramHandler
// over UDP (sendmmsg) to the receiver, SysLogHandler over a Unix datagram
// socket (one write per message) — deliver every record once and in order.
func TestDatagramBatchOrder(t *testing.T) {
	t.Run("datagram-udp", func(t *testing.T) {
		netLeakCheck(t)
		peer := startNetReceiver(t, "udp", "127.0.0.1:0")
		got := newNetPeerCount()
		done := make(chan struct{})
		go func() {
			defer close(done)
			for r := range peer.c.ch {
				got.add(r.Msg)
			}
		}()
		host, port, _ := strings.Cut(peer.addr, ":")
		p, _ := strconv.Atoi(port)
		var errs netErrors
		h, err := handlers.NewDatagramHandler(host, p, &handlers.DatagramHandlerOptions{
			HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Batch: handlers.BatchOptions{Enabled: true, MaxRecords: 50}})
		if err != nil {
			t.Fatal(err)
		}
		b := newBatched(t, h)
		const sent = 2000
		batchLog(t, b, sent)
		netWaitFor(t, "every record at the receiver", func() bool { return got.count()+len(got.bad) >= sent })
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		peer.stop(t)
		close(peer.c.ch)
		<-done
		batchCheck(t, got, sent, h, &errs)
	})
	t.Run("syslog-unixgram", func(t *testing.T) {
		netLeakCheck(t)
		path := filepath.Join(t.TempDir(), "log.sock")
		pc, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: path, Net: "unixgram"})
		if err != nil {
			t.Fatal(err)
		}
		pc.SetReadBuffer(4 << 20)
		got, done := syslogPeer(pc)
		var errs netErrors
		h, err := handlers.NewSysLogHandler(path, &handlers.SysLogHandlerOptions{
			HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Network: "unixgram", Batch: handlers.BatchOptions{Enabled: true}})
		if err != nil {
			t.Fatal(err)
		}
		b := newBatched(t, h)
		const sent = 2000
		batchLog(t, b, sent)
		netWaitFor(t, "every message at the peer", func() bool { return got.count()+len(got.bad) >= sent })
		if err := b.Close(); err != nil {
			t.Fatal(err)
		}
		pc.Close()
		<-done
		// One write per message on a Unix datagram socket: no fewer calls
		// than messages, so only order and counts are checked here.
		if got.count() != sent || len(got.bad) > 0 || h.Dropped() != 0 || len(errs.list()) > 0 {
			t.Errorf("received %d in order of %d (bad %v), Dropped() %d, reports %v", got.count(), sent, got.bad, h.Dropped(), errs.list())
		}
	})
}

// TestSysLogHandlerUDPBatchPeerAbsent: batching connects a SysLogHandler's
// UDP socket. A connected socket reports the peer system's "port
// unreachable" answer to a datagram on its next send, which then sends
// nothing; CPython's unconnected socket never learns of it. The handler
// sends again, so that records logged while nobody listened do not turn
// into errors, and none logged after the peer is back is lost, batched
// (sendmmsg) or not (write).
func TestSysLogHandlerUDPBatchPeerAbsent(t *testing.T) {
	netLeakCheck(t)
	pc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	addr := pc.LocalAddr().(*net.UDPAddr)
	pc.Close() // nobody listens on addr now
	var errs netErrors
	h, err := handlers.NewSysLogHandler(addr.String(), &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Network: "udp", Batch: handlers.BatchOptions{Enabled: true, MaxRecords: 10}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	records := func(from, n int) []*slogpy.Record {
		var rs []*slogpy.Record
		for i := from; i < from+n; i++ {
			r, err := slogpy.MakeRecord(map[string]any{"name": "app", "msg": "rec %d", "args": []any{i}, "levelno": 30})
			if err != nil {
				t.Fatal(err)
			}
			rs = append(rs, r)
		}
		return rs
	}
	h.HandleBatch(records(-30, 20)) // each answered by port unreachable
	for _, r := range records(-10, 10) {
		slogpy.Handle(h, r)
	}
	if pc, err = net.ListenUDP("udp", addr); err != nil {
		t.Skipf("the port was taken meanwhile: %v", err)
	}
	pc.SetReadBuffer(1 << 20)
	got, done := syslogPeer(pc)
	defer pc.Close()
	// The batch meets the refusal of the last record above, sent by
	// write; that write met the refusal of the batch before it.
	const sent = 60
	h.HandleBatch(records(0, 50))
	for _, r := range records(50, 10) {
		slogpy.Handle(h, r)
	}
	netWaitFor(t, "every message at the peer", func() bool { return got.count()+len(got.bad) >= sent })
	pc.Close()
	<-done
	if got.count() != sent || len(got.bad) > 0 || h.Dropped() != 0 || len(errs.list()) > 0 {
		t.Errorf("received %d in order of %d (bad %v), Dropped() %d, reports %v", got.count(), sent, got.bad, h.Dropped(), errs.list())
	}
}

// syslogPeer reads the syslog datagrams arriving on pc until it is closed,
// counting each message (after its <PRI>) in got; done is closed when it
// stops.
func syslogPeer(pc net.PacketConn) (got *netPeerCount, done chan struct{}) {
	got, done = newNetPeerCount(), make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 65536)
		for {
			n, _, err := pc.ReadFrom(buf)
			if err != nil {
				return
			}
			_, msg, _ := strings.Cut(strings.TrimSuffix(string(buf[:n]), "\x00"), ">")
			got.add(msg)
		}
	}()
	return got, done
}
