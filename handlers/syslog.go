package handlers

import (
	"fmt"
	"math"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slogpy/slogpy/internal/netaddr"
	"github.com/slogpy/slogpy/slogpy"
)

// syslogPriorities and syslogFacilities are CPython's
// SysLogHandler.priority_names and facility_names.
var syslogPriorities = map[string]int{
	"alert": 1, "crit": 2, "critical": 2, "debug": 7, "emerg": 0, "err": 3,
	"error": 3, "info": 6, "notice": 5, "panic": 0, "warn": 4, "warning": 4,
}

var syslogFacilities = map[string]int{
	"auth": 4, "authpriv": 10, "console": 14, "cron": 9, "daemon": 3, "ftp": 11,
	"kern": 0, "lpr": 6, "mail": 2, "news": 7, "ntp": 12, "security": 13,
	"solaris-cron": 15, "syslog": 5, "user": 1, "uucp": 8, "local0": 16,
	"local1": 17, "local2": 18, "local3": 19, "local4": 20, "local5": 21,
	"local6": 22, "local7": 23,
}

// syslogPriorityMap is CPython's SysLogHandler.priority_map.
var syslogPriorityMap = map[string]string{
	"DEBUG": "debug", "INFO": "info", "WARNING": "warning", "ERROR": "error", "CRITICAL": "critical",
}

// EncodePriority returns the syslog PRI value of a facility and a
// priority: CPython's SysLogHandler.encodePriority. Each is one of
// CPython's names (facility_names: "user", "local0", …; priority_names:
// "info", "err", …) or a decimal number.
func EncodePriority(facility, priority string) (int, error) {
	f, err := syslogCode("facility", facility, syslogFacilities)
	if err != nil {
		return 0, fmt.Errorf("handlers: %w", err)
	}
	p, err := syslogCode("priority", priority, syslogPriorities)
	if err != nil {
		return 0, fmt.Errorf("handlers: %w", err)
	}
	return f<<3 | p, nil
}

func syslogCode(kind, name string, table map[string]int) (int, error) {
	if v, ok := table[name]; ok {
		return v, nil
	}
	// Numbers are bounded so that facility<<3 | priority cannot overflow.
	if n, err := strconv.Atoi(name); err == nil && n >= 0 && n <= math.MaxInt32 {
		return n, nil
	}
	known := make([]string, 0, len(table))
	for k := range table {
		known = append(known, k)
	}
	return 0, fmt.Errorf("unknown syslog %s %q (want a number or one of %s)", kind, name, strings.Join(syslogSorted(known), ", "))
}

func syslogSorted(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}

// MapPriority returns the priority name for a level name: CPython's
// SysLogHandler.mapPriority, "debug", "info", "warning", "error" and
// "critical" for the five standard levels and "warning" for any other.
func MapPriority(levelname string) string {
	if p, ok := syslogPriorityMap[levelname]; ok {
		return p
	}
	return "warning"
}

// Framings of syslog messages on stream sockets (TCP, Unix stream).
const (
	// FramingOctetCounting sends each message as its length in decimal, a
	// space, then the message (RFC 6587 section 3.4.1): understood by
	// rsyslog, syslog-ng and the RFC 5425 family. The default.
	FramingOctetCounting = "octet-counting"
	// FramingNonTransparent ends each message with a line feed (RFC 6587
	// section 3.4.2), the traditional TCP syslog.
	FramingNonTransparent = "non-transparent"
	// FramingNone sends the message alone, as CPython does: a daemon must
	// split messages at the NUL that CPython appends.
	FramingNone = "none"
)

// SysLogHandlerOptions are the options of [NewSysLogHandler]. The zero
// value gives CPython's defaults.
type SysLogHandlerOptions struct {
	slogpy.HandlerOptions
	// Facility is the syslog facility: one of CPython's facility_names
	// ("user", "daemon", "local0" … "local7", …) or a decimal number.
	// Empty means "user" (LOG_USER).
	Facility string
	// Network is "udp", "tcp" (or their 4 and 6 forms), "unixgram" or
	// "unix" (a Unix stream socket). Empty means CPython's choice: a
	// Unix socket when the address is a path (datagram, falling back to
	// stream when the socket is a stream socket), UDP otherwise.
	Network string
	// Ident is put before every message (CPython's ident), typically the
	// program name and a colon: "myapp: ". Daemons take the first word of a
	// message as its tag.
	Ident string
	// NoAppendNul leaves out the NUL byte CPython appends to each message
	// (append_nul = False).
	NoAppendNul bool
	// Framing is how messages are delimited on stream sockets:
	// FramingOctetCounting (the default when empty), FramingNonTransparent
	// or FramingNone (CPython's bytes, which rsyslog does not split).
	Framing string
	// RFC5424 sends RFC 5424 messages, "<PRI>1 TIMESTAMP HOSTNAME APP-NAME
	// PROCID MSGID - MSG", instead of CPython's "<PRI>MSG". Hostname,
	// AppName and MsgID fill the header (empty means the host's name, the
	// program's base name, and "-"). The NUL is not appended.
	RFC5424                  bool
	Hostname, AppName, MsgID string
	// MapPriority replaces CPython's mapPriority: it returns the priority
	// name (a key of CPython's priority_names, or a number) for a level
	// name. nil means [MapPriority].
	MapPriority func(levelname string) string
	// Timeout bounds each connection attempt and each write on a stream
	// socket. Zero means one second.
	Timeout time.Duration
	// Now is the clock of the reconnection backoff on TCP; nil means
	// time.Now.
	Now func() time.Time
	// Batch turns on batched delivery behind a QueueListener (see
	// [BatchOptions]). The zero value sends each record on its own.
	Batch BatchOptions
}

// A SysLogHandler sends records to a syslog daemon: Python's
// logging.handlers.SysLogHandler. Each record is formatted, prefixed with
// Ident, followed by a NUL (unless NoAppendNul) and sent as
// "<PRI>message", PRI being EncodePriority(facility,
// MapPriority(levelname)): over UDP and Unix datagram sockets these are
// the exact bytes CPython sends.
//
// Over UDP the socket is not connected, as in CPython: a daemon that is not
// there loses the datagrams without an error. A Unix socket that cannot be
// written is reopened and the message sent once more, as CPython does, and
// connection attempts are made for every record. Over TCP the connection
// is made at the first record and kept, with [SocketHandler]'s backoff after
// a failure. When a record cannot be sent it is dropped and counted
// ([SysLogHandler.Dropped]), the first drop of an outage is reported, and
// so is its end, with the number of records lost; over TCP the records a
// dead daemon never acknowledged are counted too (as for [SocketHandler]).
//
// It differs from CPython's in the framing on stream sockets (CPython sends
// no framing, which TCP syslog daemons do not split: see Framing), in not
// connecting or resolving at construction (CPython fails there when a TCP
// daemon is down), in reconnecting after a TCP failure, and in the RFC 5424
// option. Its methods are safe for concurrent use; a send blocks the
// logging call for at most Timeout.
type SysLogHandler struct {
	slogpy.HandlerBase
	mu       sync.Mutex // the handler's lock (Python's acquire and release)
	conn     socketConn
	facility int
	ident    string
	nul      bool
	framing  string
	rfc5424  bool
	header   string // RFC 5424: " HOSTNAME APP-NAME PROCID MSGID - "
	mapPrio  func(string) string
	maxSize  int // UDP: the largest datagram
	batch    socketBatch
}

var _ slogpy.Handler = (*SysLogHandler)(nil)

// NewSysLogHandler returns a handler sending to the syslog daemon at
// address: "host:port", or the path of a Unix socket ("/dev/log"). Empty
// means "localhost:514" over UDP, CPython's default. No connection is made
// until the first record. nil opts means defaults; the error reports a
// malformed address, an unknown facility, network or framing.
func NewSysLogHandler(address string, opts *SysLogHandlerOptions) (*SysLogHandler, error) {
	var o SysLogHandlerOptions
	if opts != nil {
		o = *opts
	}
	if address == "" {
		address = "localhost:514"
	}
	network := o.Network
	unixPath := netaddr.IsUnixPath(address)
	if network == "" && !unixPath {
		network = "udp"
	}
	peer := address
	if network != "" {
		peer = network + " " + address
	}
	what := "SysLogHandler " + peer
	h := &SysLogHandler{ident: o.Ident, nul: !o.NoAppendNul, rfc5424: o.RFC5424, mapPrio: o.MapPriority}
	if h.mapPrio == nil {
		h.mapPrio = MapPriority
	}
	facility := o.Facility
	if facility == "" {
		facility = "user"
	}
	var err error
	if h.facility, err = syslogCode("facility", facility, syslogFacilities); err != nil {
		return nil, fmt.Errorf("handlers: %s: %w", what, err)
	}
	switch o.Framing {
	case "":
		h.framing = FramingOctetCounting
	case FramingOctetCounting, FramingNonTransparent, FramingNone:
		h.framing = o.Framing
	default:
		return nil, fmt.Errorf("handlers: %s: unknown Framing %q (want %q, %q or %q)", what, o.Framing, FramingOctetCounting, FramingNonTransparent, FramingNone)
	}
	if o.Timeout < 0 {
		return nil, fmt.Errorf("handlers: %s: Timeout %v is negative", what, o.Timeout)
	}
	if o.Timeout == 0 {
		o.Timeout = socketDefaultTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	h.conn.init("SysLogHandler", peer)
	h.conn.timeout, h.conn.now = o.Timeout, o.Now
	switch h.framing {
	case FramingOctetCounting:
		h.conn.framePrefix = func(dst []byte, n int) []byte { return append(strconv.AppendInt(dst, int64(n), 10), ' ') }
	case FramingNonTransparent:
		h.conn.frameSuffix = []byte{'\n'}
	}
	if err := h.batch.setup(what, o.Batch); err != nil {
		return nil, err
	}
	switch network {
	case "udp", "udp4", "udp6", "tcp", "tcp4", "tcp6":
		if _, _, err := net.SplitHostPort(address); err != nil {
			return nil, fmt.Errorf("handlers: %s: %w", what, err)
		}
		if strings.HasPrefix(network, "udp") {
			h.maxSize = socketMaxUDP
			h.conn.dial = func(time.Duration) (net.Conn, error) { return dialUDPUnconnected(network, address) }
		} else {
			h.conn.retry = socketRetry{Start: socketDefaultRetryStart, Max: socketDefaultRetryMax, Factor: socketDefaultRetryFactor}
			h.conn.backoff = true
			h.conn.dial = func(timeout time.Duration) (net.Conn, error) { return net.DialTimeout(network, address, timeout) }
		}
	case "unixgram", "unix", "":
		h.conn.resend = true
		h.conn.dial = func(timeout time.Duration) (net.Conn, error) {
			if network != "" {
				return net.DialTimeout(network, address, timeout)
			}
			// CPython: datagram, falling back to stream.
			c, err := net.DialTimeout("unixgram", address, timeout)
			if err == nil {
				return c, nil
			}
			if c, err2 := net.DialTimeout("unix", address, timeout); err2 == nil {
				return c, nil
			}
			return nil, err
		}
	default:
		return nil, fmt.Errorf("handlers: %s: unknown Network %q (want udp, tcp, unixgram or unix)", what, network)
	}
	if h.rfc5424 {
		host, app, msgid := o.Hostname, o.AppName, o.MsgID
		if host == "" {
			host, _ = os.Hostname()
		}
		if app == "" && len(os.Args) > 0 {
			app = filepath.Base(os.Args[0])
		}
		h.header = " " + syslogField(host, 255) + " " + syslogField(app, 48) + " " +
			strconv.Itoa(os.Getpid()) + " " + syslogField(msgid, 32) + " - "
	}
	h.Configure(&o.HandlerOptions)
	h.FormatOnly()
	return h, nil
}

// syslogField is an RFC 5424 header field: printable US-ASCII, at most n
// characters, "-" when empty.
func syslogField(s string, n int) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s) && len(b) < n; i++ {
		if c := s[i]; c > ' ' && c < 0x7f {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "-"
	}
	return string(b)
}

// Emit implements [slogpy.Handler]: it formats the record outside the
// lock and sends one message under it.
func (h *SysLogHandler) Emit(r *slogpy.Record) error {
	return h.conn.emit(&h.mu, &h.HandlerBase, r, h.maxSize, "message", func(dst []byte) ([]byte, error) {
		return h.appendMessage(dst, r)
	})
}

// appendMessage appends "<PRI>" (or the RFC 5424 header), Ident, the
// formatted record and the NUL.
func (h *SysLogHandler) appendMessage(dst []byte, r *slogpy.Record) ([]byte, error) {
	prio, err := syslogCode("priority", h.mapPrio(r.Levelname()), syslogPriorities)
	if err != nil {
		return dst, fmt.Errorf("handlers: %s: level %s: %w", h.conn.what, r.Levelname(), err)
	}
	dst = append(dst, '<')
	dst = strconv.AppendInt(dst, int64(h.facility<<3|prio), 10)
	dst = append(dst, '>')
	if h.rfc5424 {
		dst = append(dst, '1', ' ')
		dst = r.Time.UTC().AppendFormat(dst, "2006-01-02T15:04:05.000000Z")
		dst = append(dst, h.header...)
	}
	dst = append(dst, h.ident...)
	if dst, err = h.Format(dst, r); err != nil {
		return dst, err
	}
	if h.nul && !h.rfc5424 {
		dst = append(dst, 0)
	}
	return dst, nil
}

// MaxBatch implements [BatchHandler]: Batch.MaxRecords, 0 when batching
// is off.
func (h *SysLogHandler) MaxBatch() int { return h.batch.maxRecords }

// HandleBatch implements [BatchHandler]: the messages are sent in as few
// system calls as the Batch limits allow (sendmmsg over UDP, writev over a
// stream socket, one write per message over a Unix datagram socket).
func (h *SysLogHandler) HandleBatch(rs []*slogpy.Record) {
	h.conn.handleBatch(&h.mu, &h.HandlerBase, &h.batch, rs, h.maxSize, "message", h.appendMessage)
}

// Dropped returns the number of records that could not be sent.
func (h *SysLogHandler) Dropped() uint64 { return h.conn.lost.Lost() }

// Close closes the socket, over TCP after waiting at most Timeout for the
// daemon to acknowledge what was written (as [SocketHandler.Close]).
// Records emitted afterwards are reported as errors.
func (h *SysLogHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conn.close()
}
