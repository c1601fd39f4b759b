package handlers

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/recbytes"
	"github.com/slogpy/slogpy/slogpy"
)

// SocketHandlerOptions are the options of [NewSocketHandler] and
// [NewUnixSocketHandler]. The zero value gives CPython's defaults.
type SocketHandlerOptions struct {
	slogpy.HandlerOptions
	// Timeout bounds each connection attempt and each write. Zero means
	// one second, CPython's makeSocket timeout; a peer that accepts but
	// does not read blocks a logging call for at most this long, after
	// which the connection is closed and the record counted as dropped.
	Timeout time.Duration
	// RetryStart, RetryFactor and RetryMax are CPython's retryStart,
	// retryFactor and retryMax: after a failed connection attempt, no
	// other is made for RetryStart, then for RetryStart×RetryFactor, and so
	// on up to RetryMax, until one succeeds. Zero means 1 s, 2.0 and 30 s.
	RetryStart  time.Duration
	RetryFactor float64
	RetryMax    time.Duration
	// Now is the clock of the backoff; nil means time.Now. Tests set it.
	Now func() time.Time
	// Batch turns on batched delivery behind a QueueListener (see
	// [BatchOptions]). The zero value sends each record on its own.
	Batch BatchOptions
}

// A SocketHandler sends records to a stream socket (TCP or Unix) in
// CPython's wire format: Python's logging.handlers.SocketHandler. A
// cookbook receiver written in Python (socketserver, pickle.loads,
// logging.makeLogRecord) or this module's receiver package turns them back
// into records.
//
// Each record is a 4-byte big-endian length followed by the pickle
// (protocol 1) of the record's attribute dictionary as CPython's
// makePickle builds it: the message merged with its arguments as msg,
// args and exc_info None, exc_text filled in by the handler's formatter
// when the record has an error, and the record's attributes as further
// keys (see [RecordFields] for the keys and the conversion of values).
// The bytes are those CPython's pickle writes for the same dictionary
// (protocol 1: EMPTY_DICT, BINPUT, MARK, each key and value, SETITEMS), by
// an encoder made for exactly these values.
//
// The connection is made at the first record and kept. When the peer
// cannot be reached, records are dropped and counted ([SocketHandler.Dropped]),
// the first drop of an outage is reported through the error hook (an error
// wrapping [ErrPeerUnreachable]), the first record through again reports
// how many were lost ("N records lost while tcp HOST:PORT was unreachable",
// an error wrapping [ErrRecordsLost]), and connection attempts follow
// CPython's backoff. Before each write the handler checks that the peer has not
// closed the connection (on Unix systems), so a record is not written into
// a dead connection; a write that does not finish within Timeout closes the
// connection. A record is otherwise written before Emit returns, under the
// handler's lock: a slow peer slows the logging call, so put the handler
// behind a QueueHandler where that matters.
//
// Records written into the socket are not yet delivered: they wait in its
// send queue until the peer's system acknowledges them. Over TCP on Linux
// the handler keeps track of them (the system's SIOCOUTQ count), so that
// when the peer dies the records it never acknowledged are counted as
// dropped too, and the connection is reset so that none arrives later;
// Close waits up to Timeout for the peer to acknowledge what was written.
// With a receiver that reads what its system acknowledged before it closes
// (as this module's receiver does), records delivered plus Dropped equals
// records sent, exactly, across a restart of the peer. Records a peer's
// system acknowledged but its process never read (a process killed with
// data in its receive buffer) cannot be seen by any sender; on other
// systems and over Unix sockets the count is best effort: it misses the
// records lost in the socket's buffers.
//
// Its methods are safe for concurrent use. It differs from CPython's in
// the write timeout, the check of the peer, the drop count and its reports
// (CPython reports nothing while the peer is down, and loses the records
// written into a connection whose peer is gone).
type SocketHandler struct {
	slogpy.HandlerBase
	mu    sync.Mutex // the handler's lock (Python's acquire and release)
	conn  socketConn
	batch socketBatch
}

var _ slogpy.Handler = (*SocketHandler)(nil)

// NewSocketHandler returns a handler sending to host:port over TCP. No
// connection is made until the first record. nil opts means defaults; the
// error reports an empty host, a port out of range or a bad option.
func NewSocketHandler(host string, port int, opts *SocketHandlerOptions) (*SocketHandler, error) {
	addr, err := socketHostPort("SocketHandler", host, port)
	if err != nil {
		return nil, err
	}
	return newSocketHandler("tcp", addr, opts)
}

// NewUnixSocketHandler returns a handler sending to the Unix stream socket
// at path: CPython's SocketHandler(path, None). nil opts means defaults.
func NewUnixSocketHandler(path string, opts *SocketHandlerOptions) (*SocketHandler, error) {
	if path == "" {
		return nil, errors.New("handlers: SocketHandler: empty Unix socket path")
	}
	return newSocketHandler("unix", path, opts)
}

func newSocketHandler(network, addr string, opts *SocketHandlerOptions) (*SocketHandler, error) {
	var o SocketHandlerOptions
	if opts != nil {
		o = *opts
	}
	h := &SocketHandler{}
	var err error
	err = h.conn.setup("SocketHandler", network+" "+addr, o.Timeout,
		socketRetry{Start: o.RetryStart, Max: o.RetryMax, Factor: o.RetryFactor}, o.Now,
		func(timeout time.Duration) (net.Conn, error) {
			return net.DialTimeout(network, addr, timeout)
		})
	if err != nil {
		return nil, err
	}
	if err := h.batch.setup(h.conn.what, o.Batch); err != nil {
		return nil, err
	}
	h.Configure(&o.HandlerOptions)
	return h, nil
}

// setup checks the options the socket and datagram handlers share and
// fills in CPython's defaults: kind and peer name the handler in errors.
func (c *socketConn) setup(kind, peer string, timeout time.Duration, retry socketRetry, now func() time.Time, dial func(time.Duration) (net.Conn, error)) error {
	c.init(kind, peer)
	if timeout < 0 {
		return fmt.Errorf("handlers: %s: Timeout %v is negative", c.what, timeout)
	}
	if timeout == 0 {
		timeout = socketDefaultTimeout
	}
	if err := retry.check(c.what); err != nil {
		return err
	}
	if now == nil {
		now = time.Now
	}
	c.timeout, c.retry, c.backoff, c.now, c.dial = timeout, retry, true, now, dial
	return nil
}

// Emit implements [slogpy.Handler]: it pickles the record outside the lock
// and sends it under it.
func (h *SocketHandler) Emit(r *slogpy.Record) error {
	return h.conn.emit(&h.mu, &h.HandlerBase, r, 0, "record", func(dst []byte) ([]byte, error) {
		return h.appendPickle(dst, r)
	})
}

// MaxBatch implements [BatchHandler]: Batch.MaxRecords, 0 when batching
// is off.
func (h *SocketHandler) MaxBatch() int { return h.batch.maxRecords }

// HandleBatch implements [BatchHandler]: the frames are written with one
// writev per batch.
func (h *SocketHandler) HandleBatch(rs []*slogpy.Record) {
	h.conn.handleBatch(&h.mu, &h.HandlerBase, &h.batch, rs, 0, "record", h.appendPickle)
}

// MakePickle returns what the handler sends for r: CPython's makePickle,
// the 4-byte big-endian length and the pickled attribute dictionary. It
// fails when the message cannot be merged with its arguments or the
// formatter fails. Unlike CPython, the dictionary never has "asctime":
// CPython pickles whatever an earlier handler's formatter left in the
// record's __dict__, while a slogpy record keeps no formatted time.
func (h *SocketHandler) MakePickle(r *slogpy.Record) ([]byte, error) {
	return makeFrame(r, &h.HandlerBase)
}

func (h *SocketHandler) appendPickle(dst []byte, r *slogpy.Record) ([]byte, error) {
	return socketAppendFrame(dst, r, &h.HandlerBase)
}

// Send writes b (a frame made by MakePickle) to the socket, connecting
// first if there is no connection and the backoff allows an attempt:
// CPython's send. It returns an error wrapping [ErrPeerUnreachable] when
// this is the first record of an outage, nil when b was sent or counted
// as dropped during an outage already reported. When b is the first
// record through after an outage, the end of the outage is reported
// through the error hook (with a nil record).
func (h *SocketHandler) Send(b []byte) error {
	return h.conn.sendReport(&h.mu, &h.HandlerBase, nil, b)
}

// CreateSocket connects now unless the backoff says to wait: CPython's
// createSocket. It returns the connection error, or nil when connected (or
// already connected).
func (h *SocketHandler) CreateSocket() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.conn.conn != nil {
		return nil
	}
	return h.conn.create()
}

// Dropped returns the number of records dropped because the peer could
// not be reached, a write failed, or the peer died before acknowledging
// them (TCP on Linux).
func (h *SocketHandler) Dropped() uint64 { return h.conn.lost.Lost() }

// Close closes the connection, after waiting at most Timeout for the peer
// to acknowledge the records written (TCP on Linux): those it has not are
// counted as dropped. It returns the report of an outage that is going on
// or that those records began (an error wrapping [ErrRecordsLost]), with
// its count. Records emitted afterwards are reported as errors (CPython
// would reconnect).
func (h *SocketHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conn.close()
}

// socketAppendFrame appends CPython's makePickle of r: the length, then
// the protocol-1 pickle of the record dictionary. base formats the record
// when it has an error, to fill in exc_text.
func socketAppendFrame(dst []byte, r *slogpy.Record, base *slogpy.HandlerBase) ([]byte, error) {
	msg, err := recbytes.Message(r)
	if err != nil {
		return dst, err
	}
	return appendFrame(dst, r, msg, base)
}

// makeFrame returns socketAppendFrame's frame of r in a slice of its own,
// made large enough for most records' frames at once, so that it does not
// grow field by field.
func makeFrame(r *slogpy.Record, base *slogpy.HandlerBase) ([]byte, error) {
	msg, err := recbytes.Message(r)
	if err != nil {
		return nil, err
	}
	return appendFrame(make([]byte, 0, 448+len(msg)+48*r.NumAttrs()), r, msg, base)
}

// appendFrame is socketAppendFrame, given r's merged message.
func appendFrame(dst []byte, r *slogpy.Record, msg []byte, base *slogpy.HandlerBase) ([]byte, error) {
	if r.ExcInfo && r.ExcText == "" {
		scratch := buffer.New()
		_, err := base.Format(*scratch, r)
		scratch.Free()
		if err != nil {
			return dst, err
		}
	}
	start := len(dst)
	dst = append(dst, 0, 0, 0, 0)
	dst, err := appendRecordPickle(dst, r, msg)
	if err != nil {
		return dst[:start], err
	}
	n := len(dst) - start - 4
	if uint64(n) > 1<<32-1 {
		return dst[:start], fmt.Errorf("handlers: record pickle of %d bytes is too long for the 4-byte length", n)
	}
	binary.BigEndian.PutUint32(dst[start:], uint32(n))
	return dst, nil
}

// socketBytes is a []byte attribute, pickled as Python bytes.
type socketBytes []byte
