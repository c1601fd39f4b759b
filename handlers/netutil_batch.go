package handlers

import (
	"cmp"
	"fmt"
	"net"
	"sync"
	"time"

	"golang.org/x/net/ipv4"
	"golang.org/x/net/ipv6"

	"github.com/slogpy/slogpy/slogpy"
)

// BatchOptions turn on batched delivery for a network handler
// ([SocketHandler], [DatagramHandler], [SysLogHandler]) behind a
// [QueueListener] reading a [ChanQueue] (a [QueueHandler]'s own queue):
// the listener hands the handler the records waiting in its queue, and the
// handler sends them in one system call (writev on a stream socket,
// sendmmsg for UDP) rather than one per record. The zero value leaves
// batching off: each record is sent before Emit returns, as in CPython;
// a batching handler that is not behind a listener (a logger's handler)
// also sends each record on its own.
//
// A batch is what is waiting in the queue when the listener takes a
// record, up to MaxRecords records or MaxBytes bytes, so it costs no
// waiting: a listener that keeps up sends records one by one, and records
// are grouped only when they arrive faster than they can be sent. Each
// record keeps CPython's wire format and its place in the order, and the
// drop count stays exact: a record is counted as dropped when its system
// call fails or (TCP on Linux) when the peer never acknowledged it, as
// without batching.
//
// A batching UDP handler connects its socket to the peer (on Unix), which
// spares the kernel a route lookup per datagram. Datagrams the peer's
// system refuses (nobody listens) are lost without a report, as from
// CPython's unconnected socket: the refusal a connected socket reports on
// its next send is answered by sending that datagram again.
//
// The loss window: a batch is sent before the listener takes the next
// records from the queue, so batching keeps nothing in the handler. What a
// crash can lose is what the queue holds (as with any [QueueHandler]) and
// the batch being sent.
type BatchOptions struct {
	// Enabled turns batching on.
	Enabled bool
	// MaxRecords is the most records sent in one system call. Zero means
	// DefaultBatchRecords; at most 1024 (the system's limit of buffers
	// per call, UIO_MAXIOV).
	MaxRecords int
	// MaxBytes closes a batch once it holds this many bytes (the record
	// that crosses it is the batch's last). Zero means DefaultBatchBytes.
	MaxBytes int
}

// The defaults of [BatchOptions].
const (
	DefaultBatchRecords = 256
	DefaultBatchBytes   = 64 << 10
	maxBatchRecords     = 1024
)

// A BatchHandler takes several records at once. A [QueueListener] hands
// the records waiting in its queue to a handler that implements it and
// whose MaxBatch is above zero, in order, through HandleBatch, rather than
// one by one through [slogpy.Handle].
type BatchHandler interface {
	slogpy.Handler
	// MaxBatch returns the most records the handler sends at once; 0
	// when batching is off.
	MaxBatch() int
	// HandleBatch handles the records in order, as [slogpy.Handle] would
	// each (filters, then the emit, errors reported through the error
	// hook), sending them in as few system calls as its limits allow.
	// The caller has checked the handler's level when it wants it
	// checked. The records are not retained.
	HandleBatch(rs []*slogpy.Record)
}

var (
	_ BatchHandler = (*SocketHandler)(nil)
	_ BatchHandler = (*DatagramHandler)(nil)
	_ BatchHandler = (*SysLogHandler)(nil)
)

// socketBatch is a network handler's batching state: the limits, and the
// buffers a batch is built and sent from, reused from batch to batch.
type socketBatch struct {
	maxRecords, maxBytes int // maxRecords 0: batching off

	mu    sync.Mutex // held while a batch is built and sent
	buf   []byte     // the messages, one after the other
	ends  []int      // the offset after each message in buf
	pre   []byte     // stream framing: the prefixes
	pends []int      // the offset after each prefix in pre
	fends []int      // the offset after each framed message in the stream
	iov   net.Buffers
	one   [][]byte // datagrams: one buffer per message
	msgs  []ipv4.Message
	calls uint64 // system calls made (writev, sendmmsg, write), for tests
}

// setup checks o and sets the limits; what names the handler in errors.
func (bt *socketBatch) setup(what string, o BatchOptions) error {
	if !o.Enabled {
		return nil
	}
	switch {
	case o.MaxRecords < 0 || o.MaxRecords > maxBatchRecords:
		return fmt.Errorf("handlers: %s: Batch.MaxRecords %d out of range 0-%d", what, o.MaxRecords, maxBatchRecords)
	case o.MaxBytes < 0:
		return fmt.Errorf("handlers: %s: Batch.MaxBytes %d is negative", what, o.MaxBytes)
	}
	bt.maxRecords, bt.maxBytes = cmp.Or(o.MaxRecords, DefaultBatchRecords), cmp.Or(o.MaxBytes, DefaultBatchBytes)
	return nil
}

// errTooLarge is the report of a message that does not fit in a datagram.
func (c *socketConn) errTooLarge(what string, n, max int) error {
	return fmt.Errorf("handlers: %s: %s of %d bytes does not fit in a UDP datagram (at most %d); dropped", c.what, what, n, max)
}

// handleBatch is the HandleBatch of the network handlers: each record
// passes base's filters and is built by build into the batch buffer (a
// message longer than max, when max > 0, is dropped and reported as by
// emit; what names it), and the buffer is sent holding mu, the handler's
// lock, whenever it reaches the batch's limits, and at the end.
func (c *socketConn) handleBatch(mu sync.Locker, base *slogpy.HandlerBase, bt *socketBatch, rs []*slogpy.Record, max int, what string, build func(dst []byte, r *slogpy.Record) ([]byte, error)) {
	bt.mu.Lock()
	defer bt.mu.Unlock()
	b, ends := bt.buf[:0], bt.ends[:0]
	for _, r := range rs {
		if r = base.ApplyFilters(r); r == nil {
			continue
		}
		start := len(b)
		var err error
		if b, err = buildOne(b, r, build); err != nil {
			b = b[:start]
			base.HandleError(r, err)
			continue
		}
		if n := len(b) - start; max > 0 && n > max {
			b = b[:start]
			c.lost.Count(1)
			base.HandleError(r, c.errTooLarge(what, n, max))
			continue
		}
		ends = append(ends, len(b))
		if len(ends) >= bt.maxRecords || len(b) >= bt.maxBytes {
			c.flushBatch(mu, base, bt, b, ends)
			b, ends = b[:0], ends[:0]
		}
	}
	if len(ends) > 0 {
		c.flushBatch(mu, base, bt, b, ends)
	}
	if cap(b) > 2*bt.maxBytes+64<<10 {
		b = nil // one huge record: not kept
	}
	bt.buf, bt.ends = b[:0], ends[:0]
}

// buildOne appends r's message with build; a panic (in a formatter, a
// String method) is returned as an error, as [slogpy.Handle] reports it.
func buildOne(dst []byte, r *slogpy.Record, build func(dst []byte, r *slogpy.Record) ([]byte, error)) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = dst, fmt.Errorf("handlers: panic while building a record: %v", p)
		}
	}()
	return build(dst, r)
}

// flushBatch sends the messages of b (ending at ends) holding mu, and
// reports, naming no record, the start of an outage they began and the
// end of one they ended.
func (c *socketConn) flushBatch(mu sync.Locker, base *slogpy.HandlerBase, bt *socketBatch, b []byte, ends []int) {
	mu.Lock()
	ended, err := c.sendBatch(bt, b, ends)
	mu.Unlock()
	if err != nil {
		base.HandleError(nil, err)
	}
	if ended != nil {
		base.HandleError(nil, ended)
	}
}

// sendBatch is send for a batch: the messages of b, ending at ends, in
// order, in as few system calls as the socket allows. The records that
// cannot be sent are counted as lost, with those written before that the
// peer never acknowledged, as send counts them.
func (c *socketConn) sendBatch(bt *socketBatch, b []byte, ends []int) (ended, err error) {
	if c.closed {
		return nil, fmt.Errorf("handlers: %s: %w (%d records not sent)", c.what, slogpy.ErrClosed, len(ends))
	}
	if c.conn != nil && c.connStream && socketPeerClosed(c.conn) {
		err = c.fail(c.drop(), errSocketPeerClosed)
	}
	from, done := 0, 0 // the offset and index of the first message not sent
	for resent := false; ; resent = true {
		if c.conn == nil {
			if e := c.create(); e != nil {
				return nil, cmp.Or(err, c.fail(uint64(len(ends)-done), e))
			}
		}
		n, e := c.writeBatch(bt, b, from, ends[done:])
		if done += n; done > 0 {
			from = ends[done-1]
		}
		if e == nil || done == len(ends) {
			break
		}
		lost := c.drop()
		if c.resend && !resent {
			// As send: reconnect and send what is left once more.
			err = cmp.Or(err, c.fail(lost, e))
			continue
		}
		return nil, cmp.Or(err, c.fail(lost+uint64(len(ends)-done), e))
	}
	return c.lost.Delivered(), err
}

// writeBatch sends the messages of b from offset from, ending at ends,
// and returns how many were sent whole.
func (c *socketConn) writeBatch(bt *socketBatch, b []byte, from int, ends []int) (int, error) {
	if c.timeout > 0 {
		c.conn.SetWriteDeadline(time.Now().Add(c.timeout))
	}
	if c.connStream {
		return c.writeStream(bt, b, from, ends)
	}
	if uc, ok := c.conn.(socketUDPConn); ok {
		return c.writeMmsg(bt, uc, b, from, ends)
	}
	for i, end := range ends { // a connected datagram socket (Unix)
		bt.calls++
		if _, err := c.conn.Write(b[from:end]); err != nil {
			return i, err
		}
		from = end
	}
	return len(ends), nil
}

// writeStream writes the messages in one writev, each framed as write
// frames it (a prefix, a suffix) without a copy, and logs the records
// written whole (see socketSent).
func (c *socketConn) writeStream(bt *socketBatch, b []byte, from int, ends []int) (int, error) {
	iov, fends := bt.iov[:0], bt.fends[:0]
	if c.framePrefix == nil && c.frameSuffix == nil {
		iov = append(iov, b[from:ends[len(ends)-1]])
		for _, end := range ends {
			fends = append(fends, end-from)
		}
	} else {
		// The prefixes first, all of them, so that the slices taken into
		// bt.pre stay valid.
		pre, pends, start := bt.pre[:0], bt.pends[:0], from
		for _, end := range ends {
			if c.framePrefix != nil {
				pre = c.framePrefix(pre, end-start)
			}
			pends = append(pends, len(pre))
			start = end
		}
		at, start, off := 0, from, 0
		for i, end := range ends {
			if pends[i] > at {
				iov = append(iov, pre[at:pends[i]])
			}
			iov = append(iov, b[start:end])
			if len(c.frameSuffix) > 0 {
				iov = append(iov, c.frameSuffix)
			}
			off += pends[i] - at + end - start + len(c.frameSuffix)
			fends = append(fends, off)
			at, start = pends[i], end
		}
		bt.pre, bt.pends = pre, pends
	}
	bt.iov, bt.fends = iov, fends
	w := iov // WriteTo consumes its receiver
	bt.calls++
	n, err := w.WriteTo(c.conn)
	clear(iov) // keep no reference to the messages
	return c.sent.wroteStream(c.conn, int(n), fends), err
}

// writeMmsg sends the messages with sendmmsg, each a datagram to the
// socket's address, and returns how many were sent.
func (c *socketConn) writeMmsg(bt *socketBatch, uc socketUDPConn, b []byte, from int, ends []int) (int, error) {
	if c.mmsgFor != uc.UDPConn {
		c.mmsgFor, c.mmsgTo = uc.UDPConn, net.UDPAddrFromAddrPort(uc.to)
		if udpConnect(uc.UDPConn, uc.to) {
			// Connected, the socket sends to its peer without an address
			// per datagram: the kernel skips a route lookup and an address
			// check for each, about a quarter of sendmmsg's time on
			// loopback (issue 18 must-hold 4).
			c.mmsgTo = nil
		}
		if uc.to.Addr().Is4() {
			c.mmsg = ipv4.NewPacketConn(uc.UDPConn)
		} else {
			c.mmsg = ipv6.NewPacketConn(uc.UDPConn)
		}
	}
	if cap(bt.one) < len(ends) {
		bt.one = make([][]byte, len(ends))
		bt.msgs = make([]ipv4.Message, len(ends))
	}
	one, msgs := bt.one[:len(ends)], bt.msgs[:len(ends)]
	for i, end := range ends {
		one[i] = b[from:end]
		msgs[i] = ipv4.Message{Buffers: one[i : i+1 : i+1]}
		if c.mmsgTo != nil {
			msgs[i].Addr = c.mmsgTo // not a nil *UDPAddr in the interface
		}
		from = end
	}
	defer func() { clear(one); clear(msgs) }()
	sent, refused := 0, false
	for sent < len(msgs) {
		bt.calls++
		n, err := c.mmsg.WriteBatch(msgs[sent:], 0)
		sent += max(n, 0)
		if err != nil && n <= 0 && isRefused(err) && !refused {
			refused = true // see socketUDPConn.Write; once per datagram
			continue
		}
		refused = false
		if err != nil {
			return sent, err
		}
		if n <= 0 {
			return sent, fmt.Errorf("sendmmsg sent no message")
		}
	}
	return sent, nil
}

// mmsgConn is the sendmmsg of x/net's ipv4 and ipv6 packet connections.
type mmsgConn interface {
	WriteBatch(ms []ipv4.Message, flags int) (int, error)
}
