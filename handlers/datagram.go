package handlers

import (
	"errors"
	"net"
	"sync"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// DatagramHandlerOptions are the options of [NewDatagramHandler] and
// [NewUnixDatagramHandler]. The zero value gives CPython's defaults.
type DatagramHandlerOptions struct {
	slogpy.HandlerOptions
	// Timeout bounds each write to a Unix datagram socket whose reader has
	// fallen behind (UDP writes do not wait). Zero means one second.
	Timeout time.Duration
	// RetryStart, RetryFactor and RetryMax are the backoff between attempts
	// to open a Unix datagram socket that is not there, as for
	// [SocketHandlerOptions]. Zero means 1 s, 2.0 and 30 s.
	RetryStart  time.Duration
	RetryFactor float64
	RetryMax    time.Duration
	// Now is the clock of the backoff; nil means time.Now.
	Now func() time.Time
	// Batch turns on batched delivery behind a QueueListener (see
	// [BatchOptions]). The zero value sends each record on its own.
	Batch BatchOptions
}

// socketMaxUDP is the largest UDP payload over IPv4.
const socketMaxUDP = 65507

// A DatagramHandler sends records as datagrams (UDP or Unix) in CPython's
// wire format: Python's logging.handlers.DatagramHandler. Each datagram is
// what [SocketHandler.MakePickle] makes: the 4-byte length, then the
// pickled record dictionary.
//
// Over UDP, as in CPython, the socket is not connected and a datagram to a
// port nobody listens on is lost without an error: UDP tells the sender
// nothing. A record too large for one UDP datagram is reported and counted
// as dropped. Over a Unix datagram socket, a socket that is not there (or
// a reader that stays behind for longer than Timeout) drops records, counts
// them and reports the outage's start and end, as [SocketHandler] does.
//
// Its methods are safe for concurrent use.
type DatagramHandler struct {
	slogpy.HandlerBase
	mu      sync.Mutex // the handler's lock (Python's acquire and release)
	conn    socketConn
	maxSize int
	batch   socketBatch
}

var _ slogpy.Handler = (*DatagramHandler)(nil)

// NewDatagramHandler returns a handler sending UDP datagrams to host:port.
// The socket is opened at the first record. nil opts means defaults.
func NewDatagramHandler(host string, port int, opts *DatagramHandlerOptions) (*DatagramHandler, error) {
	addr, err := socketHostPort("DatagramHandler", host, port)
	if err != nil {
		return nil, err
	}
	return newDatagramHandler("udp", addr, socketMaxUDP, opts)
}

// NewUnixDatagramHandler returns a handler sending datagrams to the Unix
// datagram socket at path: CPython's DatagramHandler(path, None). nil opts
// means defaults.
func NewUnixDatagramHandler(path string, opts *DatagramHandlerOptions) (*DatagramHandler, error) {
	if path == "" {
		return nil, errors.New("handlers: DatagramHandler: empty Unix socket path")
	}
	return newDatagramHandler("unixgram", path, 0, opts)
}

func newDatagramHandler(network, addr string, maxSize int, opts *DatagramHandlerOptions) (*DatagramHandler, error) {
	var o DatagramHandlerOptions
	if opts != nil {
		o = *opts
	}
	h := &DatagramHandler{maxSize: maxSize}
	var err error
	err = h.conn.setup("DatagramHandler", network+" "+addr, o.Timeout,
		socketRetry{Start: o.RetryStart, Max: o.RetryMax, Factor: o.RetryFactor}, o.Now,
		func(timeout time.Duration) (net.Conn, error) {
			if network == "udp" {
				return dialUDPUnconnected(network, addr)
			}
			return net.DialTimeout(network, addr, timeout)
		})
	if err != nil {
		return nil, err
	}
	if network == "udp" {
		h.conn.timeout = 0
	}
	if err := h.batch.setup(h.conn.what, o.Batch); err != nil {
		return nil, err
	}
	h.Configure(&o.HandlerOptions)
	return h, nil
}

// Emit implements [slogpy.Handler]: it pickles the record outside the lock
// and sends one datagram under it.
func (h *DatagramHandler) Emit(r *slogpy.Record) error {
	return h.conn.emit(&h.mu, &h.HandlerBase, r, h.maxSize, "record", func(dst []byte) ([]byte, error) {
		return socketAppendFrame(dst, r, &h.HandlerBase)
	})
}

// MaxBatch implements [BatchHandler]: Batch.MaxRecords, 0 when batching
// is off.
func (h *DatagramHandler) MaxBatch() int { return h.batch.maxRecords }

// HandleBatch implements [BatchHandler]: over UDP the datagrams are sent
// with one sendmmsg per batch; over a Unix datagram socket, one write each.
func (h *DatagramHandler) HandleBatch(rs []*slogpy.Record) {
	h.conn.handleBatch(&h.mu, &h.HandlerBase, &h.batch, rs, h.maxSize, "record", func(dst []byte, r *slogpy.Record) ([]byte, error) {
		return socketAppendFrame(dst, r, &h.HandlerBase)
	})
}

// MakePickle returns the datagram the handler sends for r (see
// [SocketHandler.MakePickle]).
func (h *DatagramHandler) MakePickle(r *slogpy.Record) ([]byte, error) {
	return makeFrame(r, &h.HandlerBase)
}

// Send sends b as one datagram, opening the socket first if needed:
// CPython's DatagramHandler.send. Errors are as for [SocketHandler.Send].
func (h *DatagramHandler) Send(b []byte) error {
	return h.conn.sendReport(&h.mu, &h.HandlerBase, nil, b)
}

// Dropped returns the number of records dropped because they were too
// large or the socket could not be written.
func (h *DatagramHandler) Dropped() uint64 { return h.conn.lost.Lost() }

// Close closes the socket. Records emitted afterwards are reported as
// errors.
func (h *DatagramHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conn.close()
}
