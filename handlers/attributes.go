package handlers

import (
	"net"
	"strconv"
	"strings"

	"github.com/slogpy/slogpy/slogpy"
)

// This file holds the getters of what a Python program reads as the
// attributes of the network and mail handlers (handler.address,
// smtpHandler.mailhost, …), with the values CPython reports. The memory
// handler's (capacity, flushLevel, target) are [BufferingHandler.Capacity],
// [MemoryHandler.FlushLevel] and [MemoryHandler.Target]; the queue
// handler's queue is [QueueHandler.Queue].

// socketNetworks are the networks a socketConn's peer starts with.
var socketNetworks = map[string]bool{
	"tcp": true, "tcp4": true, "tcp6": true, "udp": true, "udp4": true, "udp6": true,
	"unix": true, "unixgram": true,
}

// peerParts splits a socketConn's peer ("tcp 127.0.0.1:9020", "unix /p",
// or the bare path of a Unix socket whose kind was not given) into its
// network ("" for the bare path), host and port (0 for a Unix socket,
// Python's None).
func (c *socketConn) peerParts() (network, host string, port int) {
	addr := c.peer
	if n, rest, ok := strings.Cut(addr, " "); ok && socketNetworks[n] {
		network, addr = n, rest
	}
	if network == "" || strings.HasPrefix(network, "unix") {
		return network, addr, 0
	}
	h, p, err := net.SplitHostPort(addr)
	if err != nil {
		return network, addr, 0
	}
	port, _ = strconv.Atoi(p)
	return network, h, port
}

// address is Python's handler.address: the tuple (host, port), or the
// path of a Unix socket.
func (c *socketConn) address() any {
	_, host, port := c.peerParts()
	if port != 0 {
		return slogpy.Tuple{host, port}
	}
	return host
}

// Host returns the host the handler sends to, or the path of its Unix
// socket: Python's handler.host.
func (h *SocketHandler) Host() string { _, host, _ := h.conn.peerParts(); return host }

// Port returns the port the handler sends to, 0 for a Unix socket (Python's
// handler.port, None there).
func (h *SocketHandler) Port() int { _, _, port := h.conn.peerParts(); return port }

// Address returns Python's handler.address: a [slogpy.Tuple] (host, port),
// or the path of a Unix socket as a string; printed with %r it is CPython's
// repr.
func (h *SocketHandler) Address() any { return h.conn.address() }

// Host returns the host the handler sends to, or the path of its Unix
// socket: Python's handler.host.
func (h *DatagramHandler) Host() string { _, host, _ := h.conn.peerParts(); return host }

// Port returns the port the handler sends to, 0 for a Unix socket (Python's
// handler.port, None there).
func (h *DatagramHandler) Port() int { _, _, port := h.conn.peerParts(); return port }

// Address returns Python's handler.address: a [slogpy.Tuple] (host, port),
// or the path of a Unix socket as a string.
func (h *DatagramHandler) Address() any { return h.conn.address() }

// Address returns Python's handler.address: a [slogpy.Tuple] (host, port)
// — ("localhost", 514) by default — or the path of the Unix socket as a
// string.
func (h *SysLogHandler) Address() any { return h.conn.address() }

// Facility returns the facility's number (LOG_USER is 1, LOG_LOCAL0 16):
// Python's handler.facility, which keeps a name given as a string
// ("local0") where this returns its number.
func (h *SysLogHandler) Facility() int { return h.facility }

// The socket types Socktype returns, Python's socket.SOCK_STREAM and
// socket.SOCK_DGRAM.
const (
	SockStream = 1
	SockDgram  = 2
)

// Socktype returns [SockDgram] for UDP and Unix datagram sockets and
// [SockStream] for TCP and Unix stream sockets: Python's handler.socktype.
// For a Unix socket whose kind was not given (Network empty), it is the
// kind of the connection once one is made, and SockDgram before (CPython
// connects at construction, trying a datagram socket first).
func (h *SysLogHandler) Socktype() int {
	network, _, _ := h.conn.peerParts()
	if network == "" {
		h.mu.Lock()
		c := h.conn.conn
		h.mu.Unlock()
		if c != nil && c.LocalAddr() != nil {
			network = c.LocalAddr().Network()
		}
	}
	if network == "tcp" || network == "tcp4" || network == "tcp6" || network == "unix" {
		return SockStream
	}
	return SockDgram
}

// Mailhost returns the mail server's host, Python's handler.mailhost (when
// mailhost is given as the tuple (host, port)).
func (h *SMTPHandler) Mailhost() string { return h.host }

// Mailport returns the port given with the mail host, 0 for none: Python's
// handler.mailport, None there.
func (h *SMTPHandler) Mailport() int { return h.mailport }

// Fromaddr returns the From address as given: Python's handler.fromaddr.
func (h *SMTPHandler) Fromaddr() string { return h.from }

// Toaddrs returns a copy of the recipients as given: Python's
// handler.toaddrs.
func (h *SMTPHandler) Toaddrs() []string { return append([]string(nil), h.toaddrs...) }

// Subject returns the subject given to [NewSMTPHandler]: Python's
// handler.subject ([SMTPHandler.GetSubject] gives a record's).
func (h *SMTPHandler) Subject() string { return h.subject }

// Host returns the host (with its port, if one was given) the requests go
// to: Python's handler.host.
func (h *HTTPHandler) Host() string { return h.host }

// URL returns the path and query the requests go to, as given: Python's
// handler.url.
func (h *HTTPHandler) URL() string { return h.path0 }

// Method returns "GET" or "POST": Python's handler.method.
func (h *HTTPHandler) Method() string { return h.method }
