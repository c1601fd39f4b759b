package handlers

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/outage"
	"github.com/slogpy/slogpy/slogpy"
)

// ErrPeerUnreachable is wrapped by the error a network handler
// ([SocketHandler], [DatagramHandler], [SysLogHandler]) reports when it
// starts dropping records because it cannot reach its peer. It is reported
// once per outage, with the record that was dropped first; the records
// dropped after it are only counted (see the handlers' Dropped method), until
// a record goes through again, which reports their number (an error wrapping
// [ErrRecordsLost]).
var ErrPeerUnreachable = errors.New("handlers: peer unreachable, dropping records until it is back")

// ErrRecordsLost is wrapped by the error a handler reports when an outage
// ends, the first time a record goes through again: "handlers:
// SocketHandler tcp 127.0.0.1:9020: 7 records lost while tcp
// 127.0.0.1:9020 was unreachable". With the report of its start (an error
// wrapping [ErrPeerUnreachable]), an outage makes two reports, whatever its
// length.
var ErrRecordsLost = outage.ErrRecordsLost

// CPython's SocketHandler backoff (retryStart, retryFactor, retryMax) and
// makeSocket timeout.
const (
	socketDefaultRetryStart  = time.Second
	socketDefaultRetryFactor = 2.0
	socketDefaultRetryMax    = 30 * time.Second
	socketDefaultTimeout     = time.Second
)

// socketRetry is CPython's exponential backoff between connection attempts.
type socketRetry struct {
	Start, Max time.Duration
	Factor     float64
}

// check validates the backoff parameters and fills in CPython's defaults.
func (b *socketRetry) check(what string) error {
	switch {
	case b.Start < 0:
		return fmt.Errorf("handlers: %s: RetryStart %v is negative", what, b.Start)
	case b.Max < 0:
		return fmt.Errorf("handlers: %s: RetryMax %v is negative", what, b.Max)
	case b.Factor != 0 && b.Factor < 1:
		return fmt.Errorf("handlers: %s: RetryFactor %v is below 1", what, b.Factor)
	}
	if b.Start == 0 {
		b.Start = socketDefaultRetryStart
	}
	if b.Max == 0 {
		b.Max = socketDefaultRetryMax
	}
	if b.Factor == 0 {
		b.Factor = socketDefaultRetryFactor
	}
	if b.Max < b.Start {
		return fmt.Errorf("handlers: %s: RetryMax %v is below RetryStart %v", what, b.Max, b.Start)
	}
	return nil
}

// socketConn is the connection of a network handler: CPython's sock
// attribute, createSocket with its backoff, and send. It adds what CPython
// lacks: a write deadline, a check that a stream peer has not gone away
// before each write (so that a record is not written into a dead
// connection and lost unseen), the count of dropped records with one
// report per outage and one with the count when it ends, and (TCP on
// Linux) the count of the records a dead peer never acknowledged.
//
// The handler's lock guards every field but lost.
type socketConn struct {
	what    string // "SocketHandler tcp 127.0.0.1:9020", for messages
	peer    string // "tcp 127.0.0.1:9020"
	dial    func(timeout time.Duration) (net.Conn, error)
	timeout time.Duration
	// framePrefix and frameSuffix delimit a message on a stream socket
	// (SysLogHandler's framing): framePrefix appends what goes before a
	// message of n bytes; nil for nothing.
	framePrefix func(dst []byte, n int) []byte
	frameSuffix []byte
	retry       socketRetry
	backoff     bool // false: try to connect for every record (SysLogHandler on Unix)
	resend      bool // on a write error, reconnect and send once more (CPython's SysLogHandler on Unix)
	now         func() time.Time

	conn        net.Conn
	connStream  bool // conn is a byte stream: its peer is checked before writes
	retrying    bool
	retryTime   time.Time
	retryPeriod time.Duration
	closed      bool
	sent        socketSent // records written on conn, until acknowledged
	scratch     []byte     // a framed message

	// The sendmmsg of a batch (see writeMmsg): the packet connection made
	// on the UDP socket mmsgFor, and the address it sends to.
	mmsg    mmsgConn
	mmsgFor *net.UDPConn
	mmsgTo  *net.UDPAddr

	lost outage.Tracker
}

// init names the connection in reports: kind is the handler's class,
// peer the network and address ("tcp 127.0.0.1:9020").
func (c *socketConn) init(kind, peer string) {
	c.what, c.peer = kind+" "+peer, peer
	c.lost.Init("handlers: "+c.what, "peer unreachable, dropping records until it is back", ErrPeerUnreachable)
}

// errSocketBackoff says that no connection was attempted because the retry
// time has not come yet.
var errSocketBackoff = errors.New("waiting before the next connection attempt")

// create is CPython's createSocket: it connects unless a retry time is set
// and has not come, and on failure sets the next retry time, from
// retry.Start growing by retry.Factor up to retry.Max.
func (c *socketConn) create() error {
	now := c.now()
	if c.backoff && c.retrying && now.Before(c.retryTime) {
		return errSocketBackoff
	}
	conn, err := c.dial(c.timeout)
	if err != nil {
		if c.backoff {
			if !c.retrying {
				c.retryPeriod = c.retry.Start
			} else {
				c.retryPeriod = time.Duration(float64(c.retryPeriod) * c.retry.Factor)
				if c.retryPeriod > c.retry.Max {
					c.retryPeriod = c.retry.Max
				}
			}
			c.retrying = true
			c.retryTime = now.Add(c.retryPeriod)
		}
		return err
	}
	c.conn, c.retrying = conn, false
	c.sent.reset(conn)
	switch conn.LocalAddr().Network() {
	case "tcp", "tcp4", "tcp6", "unix":
		c.connStream = true
	default:
		c.connStream = false
	}
	return nil
}

// emit is the Emit of the network handlers: it builds the message for r
// with build into a pooled buffer outside the lock, then sends it holding
// mu, the handler's lock. A message longer than max (when max > 0, a UDP datagram) is
// counted as dropped and reported; what names the message in that report.
// The end of an outage is reported through base's error hook: r itself
// went through, so Emit returns nil.
func (c *socketConn) emit(mu sync.Locker, base *slogpy.HandlerBase, r *slogpy.Record, max int, what string, build func(dst []byte) ([]byte, error)) error {
	buf := buffer.New()
	defer buf.Free()
	b, err := build(*buf)
	*buf = b
	if err != nil {
		return err
	}
	if max > 0 && len(b) > max {
		c.lost.Count(1)
		return c.errTooLarge(what, len(b), max)
	}
	return c.sendReport(mu, base, r, b)
}

// sendReport is the Send of the handlers (r nil) and the end of emit: it
// sends b under mu. When b went through and ended an outage, the end is
// reported through base's error hook, naming r, the record that went
// through, and nil is returned; an outage that began and ended within this
// send (records written before b were lost) is reported naming no record.
func (c *socketConn) sendReport(mu sync.Locker, base *slogpy.HandlerBase, r *slogpy.Record, b []byte) error {
	mu.Lock()
	ended, err := c.send(b)
	mu.Unlock()
	if ended == nil {
		return err
	}
	if err != nil {
		base.HandleError(nil, err)
	}
	base.HandleError(r, ended)
	return nil
}

// send writes b, connecting first if needed. A record that cannot be
// written is counted as lost, and so are the records written before it
// that the peer never acknowledged; the first loss of an outage returns an
// error wrapping ErrPeerUnreachable, the others return nil. When b goes
// through after an outage, ended is the report of its end (and err may
// still report an outage that began and ended within this send).
func (c *socketConn) send(b []byte) (ended, err error) {
	if c.closed {
		return nil, fmt.Errorf("handlers: %s: %w", c.what, slogpy.ErrClosed)
	}
	if c.conn != nil && c.connStream && socketPeerClosed(c.conn) {
		err = c.fail(c.drop(), errSocketPeerClosed)
	}
	if c.conn == nil {
		if e := c.create(); e != nil {
			return nil, cmp.Or(err, c.fail(1, e))
		}
	}
	e := c.write(b)
	if e != nil && c.resend {
		n := c.drop()
		if e2 := c.create(); e2 != nil {
			return nil, cmp.Or(err, c.fail(n+1, e2))
		}
		err = cmp.Or(err, c.fail(n, e))
		e = c.write(b)
	}
	if e != nil {
		return nil, cmp.Or(err, c.fail(c.drop()+1, e))
	}
	return c.lost.Delivered(), err
}

// errSocketPeerClosed is the cause of an outage found before a write.
var errSocketPeerClosed = errors.New("the peer closed the connection")

func (c *socketConn) write(b []byte) error {
	if c.connStream && (c.framePrefix != nil || c.frameSuffix != nil) {
		b = c.framed(b)
	}
	if c.timeout > 0 {
		c.conn.SetWriteDeadline(time.Now().Add(c.timeout))
	}
	n, err := c.conn.Write(b)
	c.sent.wrote(c.conn, n, err == nil)
	return err
}

// framed returns msg with its framing, in the scratch buffer.
func (c *socketConn) framed(msg []byte) []byte {
	f := c.scratch[:0]
	if c.framePrefix != nil {
		f = c.framePrefix(f, len(msg))
	}
	f = append(append(f, msg...), c.frameSuffix...)
	if cap(f) > 64<<10 {
		c.scratch = nil // one huge message: not kept
	} else {
		c.scratch = f
	}
	return f
}

// drop closes the connection after a failure, so that the next record
// reconnects, and returns the number of records written on it that the
// peer never acknowledged (TCP on Linux). Those are lost: the connection
// is reset rather than closed, so that none of them arrives later.
func (c *socketConn) drop() uint64 {
	if c.conn == nil {
		return 0
	}
	n := c.sent.unacked(c.conn)
	if tc, ok := c.conn.(*net.TCPConn); ok && n > 0 {
		tc.SetLinger(0)
	}
	c.conn.Close()
	c.conn = nil
	return n
}

// fail counts n records lost to err and returns the outage report when
// they begin an outage.
func (c *socketConn) fail(n uint64, err error) error {
	if n == 0 {
		return nil
	}
	return c.lost.DropN(n, err, c.peer+" was unreachable")
}

// close closes the connection for good. It first waits, for at most the
// timeout, until the peer has acknowledged the records written (TCP on
// Linux); those it has not are counted as lost, and the connection is
// reset. An outage going on (or begun by those records) is reported as
// ended, with its count.
func (c *socketConn) close() error {
	if c.closed {
		return nil
	}
	c.closed = true
	var err error
	if c.conn != nil {
		n := c.sent.settle(c.conn, c.timeout)
		if n > 0 {
			c.lost.DropN(n, nil, fmt.Sprintf("closing: %s had not acknowledged them within %v", c.peer, c.timeout))
			if tc, ok := c.conn.(*net.TCPConn); ok {
				tc.SetLinger(0)
			}
		}
		err = c.conn.Close()
		c.conn = nil
	}
	return errors.Join(err, c.lost.Delivered())
}

// socketUDPConn is an unconnected UDP socket that sends to one address, as
// CPython's sendto: nothing the peer does (not listening, ICMP errors) makes
// a send fail.
type socketUDPConn struct {
	*net.UDPConn
	to netip.AddrPort
}

// Write sends b to the address. A socket that batching connected
// (udpConnect) reports, on its next send, a datagram an earlier one met no
// listener for (ECONNREFUSED, from the peer's ICMP reply), and sends
// nothing; an unconnected socket, as CPython's, never learns of it. Write
// sends once more, so that both lose the same datagrams: those the peer's
// system dropped.
func (c socketUDPConn) Write(b []byte) (int, error) {
	n, err := c.WriteToUDPAddrPort(b, c.to)
	if err != nil && isRefused(err) {
		n, err = c.WriteToUDPAddrPort(b, c.to)
	}
	return n, err
}

// isRefused reports whether err is ECONNREFUSED.
func isRefused(err error) bool { return errors.Is(err, syscall.ECONNREFUSED) }

// dialUDPUnconnected resolves address and opens an unconnected socket of
// the same family that sends to it.
func dialUDPUnconnected(network, address string) (net.Conn, error) {
	ra, err := net.ResolveUDPAddr(network, address)
	if err != nil {
		return nil, err
	}
	to := ra.AddrPort()
	to = netip.AddrPortFrom(to.Addr().Unmap(), to.Port())
	// A socket of the address's family, as CPython's (getaddrinfo): for
	// "udp" and 0.0.0.0 the net package would open an IPv6 socket that
	// sends IPv4 through its mapped addresses, a detour through the IPv6
	// layer for every datagram.
	local, family := &net.UDPAddr{IP: net.IPv4zero}, "udp4"
	if to.Addr().Is6() {
		local, family = &net.UDPAddr{IP: net.IPv6unspecified}, "udp6"
	}
	uc, err := net.ListenUDP(family, local)
	if err != nil {
		return nil, err
	}
	return socketUDPConn{UDPConn: uc, to: to}, nil
}

// socketHostPort joins host and port after checking them, for the
// constructors taking CPython's (host, port).
func socketHostPort(what, host string, port int) (string, error) {
	if host == "" {
		return "", fmt.Errorf("handlers: %s: empty host", what)
	}
	if port <= 0 || port > 65535 {
		return "", fmt.Errorf("handlers: %s %q: port %d out of range 1-65535", what, host, port)
	}
	addr := net.JoinHostPort(host, strconv.Itoa(port))
	if h, _, err := net.SplitHostPort(addr); err != nil || h != host {
		return "", fmt.Errorf("handlers: %s %q: not a host name or IP address (an IPv6 address goes without brackets)", what, host)
	}
	return addr, nil
}
