package receiver

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// DefaultMaxFrame is the largest frame a [Server] accepts when
// Options.MaxFrame is zero: 1 MiB.
const DefaultMaxFrame = 1 << 20

// ErrServerClosed is returned by Serve and ServePacket after Close.
var ErrServerClosed = errors.New("receiver: server closed")

// ErrFrameTooLarge is wrapped by the error for a frame whose length prefix
// is beyond Options.MaxFrame.
var ErrFrameTooLarge = errors.New("receiver: frame too large")

// ErrTooSlow is wrapped by the error for a frame that did not arrive at
// Options.MinRate.
var ErrTooSlow = errors.New("receiver: frame too slow")

// ErrTruncated is wrapped by the error for a connection that ends inside a
// frame, or a datagram shorter than its length prefix says.
var ErrTruncated = errors.New("receiver: truncated frame")

// Options are the options of [NewServer]. The zero value gives the
// cookbook receiver's behaviour with a 1 MiB frame limit.
type Options struct {
	// Manager is the logger tree records are handed to; nil means
	// slogpy.DefaultManager().
	Manager *slogpy.Manager
	// LoggerName, if set, is the logger every record is handed to (the
	// cookbook's logname); empty means the logger named by each record.
	LoggerName string
	// MaxFrame is the largest pickle accepted, in bytes; a longer length
	// prefix closes the connection before anything is read or allocated.
	// Zero means DefaultMaxFrame.
	MaxFrame int
	// IdleTimeout closes a stream connection that sends nothing between
	// frames for this long (without reporting it: the sender reconnects
	// when it has a record). Zero means DefaultIdleTimeout (60 s); negative,
	// no limit (CPython's receiver has none), which also turns MinRate off.
	IdleTimeout time.Duration
	// MinRate is the slowest a started frame may arrive, in bytes per
	// second: once its length is read, a frame of n bytes must be complete
	// within IdleTimeout + n/MinRate, or the connection is closed and
	// reported. Zero means DefaultMinRate (16 KiB/s).
	MinRate int
	// MaxConns is the most stream connections Serve keeps open at once: a
	// connection beyond it closes the one that completed a frame least
	// recently (an idle or slow peer before one that sends records), and
	// the closings are counted ([Server.Shed]) and reported at most once a
	// minute ([ErrConnLimit]). Zero means DefaultMaxConns (1024). It does
	// not apply to ServeConn called directly.
	MaxConns int
	// ReadBuffer is the receive buffer asked of the system for a UDP
	// socket given to ServePacket, in bytes; zero means DefaultReadBuffer
	// (4 MiB; Linux grants at most net.core.rmem_max), negative leaves the
	// system's default. Datagrams the system drops because the buffer is
	// full are counted ([Server.Dropped], Linux only) and reported at most
	// once a minute ([ErrKernelDrops]).
	ReadBuffer int
	// MaxLoggers is the number of distinct loggers the server creates from
	// the names records carry (loggers that exist already do not count):
	// the records of further names are handed to FallbackLogger, keeping
	// their name for %(name)s, and reported at most once a minute
	// ([ErrLoggerLimit]). Zero means DefaultMaxLoggers (10,000). Loggers
	// are never freed, so a sender that could name any logger could
	// otherwise grow the process without bound.
	MaxLoggers int
	// MaxLoggerName is the longest logger name used, in bytes: a record
	// with a longer name goes to FallbackLogger (keeping its name). Zero
	// means DefaultMaxLoggerName (1024).
	MaxLoggerName int
	// FallbackLogger names the logger that takes records beyond
	// MaxLoggers and MaxLoggerName; empty means the root logger.
	FallbackLogger string
	// MaxMessage is the longest merged message (msg % args) a received
	// record builds, in bytes (see slogpy.Record.SetMaxMessage): a longer
	// one is cut with a marker, without being built in full. Zero means
	// slogpy.DefaultMaxMessage (1 MiB); negative, no limit.
	MaxMessage int
	// ErrorHandler receives every error met: a refused or malformed frame
	// (an [*Error]), a record the logger tree cannot take. nil writes them
	// to standard error, one line each.
	ErrorHandler func(err error)
}

// An Error is a problem with what a peer sent.
type Error struct {
	Remote string // the peer's address ("" if unknown)
	Frame  uint64 // the number of the frame on its connection, from 1
	Closed bool   // whether the connection was closed because of it
	Err    error
}

// Error names the peer, the frame and the problem, and says whether the
// connection was closed.
func (e *Error) Error() string {
	s := fmt.Sprintf("receiver: %s frame %d: %s", e.Remote, e.Frame, strings.TrimPrefix(e.Err.Error(), "receiver: "))
	if e.Closed {
		s += "; connection closed"
	}
	return s
}

// Unwrap returns Err.
func (e *Error) Unwrap() error { return e.Err }

// A Server receives records sent by CPython's SocketHandler and
// DatagramHandler (and this module's handlers of the same names) and hands
// each one to a logger of its manager, as the network logging receiver of
// Python's logging cookbook does: a frame is a 4-byte big-endian length
// and a pickled record dictionary, decoded by [Decode] (plain data only,
// never code) and turned into a record by [RecordFromDict].
//
// A stream connection that sends a refused pickle, a truncated frame or a
// length beyond MaxFrame is closed after the error is reported; a
// record whose fields have the wrong types is reported and skipped. Every
// record is handed to Logger.HandleRecord, so the logger's own level is
// not checked, only its handlers' (as in the cookbook: filter at the
// sending end).
//
// Its methods are safe for concurrent use.
type Server struct {
	m          *slogpy.Manager
	loggerName string
	maxFrame   int
	idle       time.Duration
	onError    func(error)
	maxMessage int
	minRate    int
	maxConns   int
	readBuffer int
	conns      connSet

	maxLoggers, maxLoggerName int
	fallback                  *slogpy.Logger
	loggers                   loggerSet

	mu      sync.Mutex
	closed  bool
	closers map[io.Closer]struct{}
	wg      sync.WaitGroup

	records, rejected  atomic.Uint64
	shedCount, dropped atomic.Uint64
	shedReport         rateReport
	dropReport         rateReport
}

// NewServer returns a server; nil opts means defaults. The error reports a
// negative MaxFrame, MinRate or MaxConns.
func NewServer(opts *Options) (*Server, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxFrame < 0 {
		return nil, fmt.Errorf("receiver: MaxFrame %d is negative", o.MaxFrame)
	}
	if o.MinRate < 0 {
		return nil, fmt.Errorf("receiver: MinRate %d is negative; want bytes per second, 0 for the default", o.MinRate)
	}
	if o.MaxLoggers < 0 || o.MaxLoggerName < 0 {
		return nil, fmt.Errorf("receiver: MaxLoggers %d or MaxLoggerName %d is negative; want a number, 0 for the default", o.MaxLoggers, o.MaxLoggerName)
	}
	if o.MaxLoggers == 0 {
		o.MaxLoggers = DefaultMaxLoggers
	}
	if o.MaxLoggerName == 0 {
		o.MaxLoggerName = DefaultMaxLoggerName
	}
	if o.MaxConns < 0 {
		return nil, fmt.Errorf("receiver: MaxConns %d is negative; want a number of connections, 0 for the default", o.MaxConns)
	}
	if o.MaxFrame == 0 {
		o.MaxFrame = DefaultMaxFrame
	}
	switch {
	case o.IdleTimeout == 0:
		o.IdleTimeout = DefaultIdleTimeout
	case o.IdleTimeout < 0:
		o.IdleTimeout = 0
	}
	if o.MinRate == 0 {
		o.MinRate = DefaultMinRate
	}
	if o.MaxConns == 0 {
		o.MaxConns = DefaultMaxConns
	}
	if o.ReadBuffer == 0 {
		o.ReadBuffer = DefaultReadBuffer
	}
	if o.Manager == nil {
		o.Manager = slogpy.DefaultManager()
	}
	if o.ErrorHandler == nil {
		o.ErrorHandler = func(err error) { fmt.Fprintln(os.Stderr, err) }
	}
	return &Server{
		m: o.Manager, loggerName: o.LoggerName, maxFrame: o.MaxFrame, idle: o.IdleTimeout,
		onError: o.ErrorHandler, maxMessage: o.MaxMessage, minRate: o.MinRate, maxConns: o.MaxConns,
		readBuffer: o.ReadBuffer, maxLoggers: o.MaxLoggers, maxLoggerName: o.MaxLoggerName,
		fallback: o.Manager.GetLogger(o.FallbackLogger), closers: make(map[io.Closer]struct{}),
	}, nil
}

// Records returns the number of records handed to loggers.
func (s *Server) Records() uint64 { return s.records.Load() }

// Rejected returns the number of frames refused or not understood.
func (s *Server) Rejected() uint64 { return s.rejected.Load() }

// track registers c to be closed by Close; it reports false (and closes c)
// when the server is already closed.
func (s *Server) track(c io.Closer) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		c.Close()
		return false
	}
	s.closers[c] = struct{}{}
	s.wg.Add(1)
	return true
}

func (s *Server) untrack(c io.Closer) {
	s.mu.Lock()
	delete(s.closers, c)
	s.mu.Unlock()
	s.wg.Done()
}

// Serve accepts stream connections (TCP or Unix) on ln and receives
// records from each in its own goroutine, until Close, after which it
// returns ErrServerClosed. Any other accept error ends it too, and is
// returned. ln is closed when Serve returns.
func (s *Server) Serve(ln net.Listener) error {
	if !s.track(ln) {
		return ErrServerClosed
	}
	defer s.untrack(ln)
	defer ln.Close()
	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay) // back off as net/http does on EMFILE and the like
				continue
			}
			return err
		}
		delay = 0
		if !s.track(stream{c}) {
			return ErrServerClosed
		}
		st := &conn{c: c}
		if shed := s.conns.add(st, s.maxConns); shed != nil {
			s.shedConn(shed)
		}
		go func() {
			defer s.untrack(stream{c})
			defer s.conns.remove(st)
			s.serveConn(c, st)
		}()
	}
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

// ServeConn receives frames from one stream connection until it ends, a
// frame is refused, or the server is closed, and closes it. It returns
// nil when the peer ended the connection between frames, else the error
// that ended it (already reported to the error handler).
func (s *Server) ServeConn(c net.Conn) error { return s.serveConn(c, nil) }

// serveConn is ServeConn of a connection Serve tracks as st (nil if none).
func (s *Server) serveConn(c net.Conn, st *conn) error {
	defer c.Close()
	quiet := func() bool { return s.isClosed() || st != nil && st.shed.Load() }
	remote := remoteName(c.RemoteAddr())
	br := bufio.NewReaderSize(c, 64<<10)
	var head [4]byte
	var buf []byte
	for frame := uint64(1); ; frame++ {
		if s.idle > 0 {
			c.SetReadDeadline(time.Now().Add(s.idle))
		}
		if n, err := io.ReadFull(br, head[:]); err != nil {
			if err == io.EOF || quiet() || n == 0 && errors.Is(err, os.ErrDeadlineExceeded) {
				return nil // the end, between frames (or idle for IdleTimeout)
			}
			if err == io.ErrUnexpectedEOF {
				err = fmt.Errorf("%w: connection ended after %d of the 4 bytes of the length", ErrTruncated, n)
			}
			return s.report(&Error{Remote: remote, Frame: frame, Closed: true, Err: err})
		}
		size := binary.BigEndian.Uint32(head[:])
		if uint64(size) > uint64(s.maxFrame) {
			return s.report(&Error{Remote: remote, Frame: frame, Closed: true,
				Err: fmt.Errorf("%w: length prefix %d exceeds the limit of %d bytes", ErrFrameTooLarge, size, s.maxFrame)})
		}
		if s.idle > 0 {
			c.SetReadDeadline(s.frameDeadline(size))
		}
		if cap(buf) < int(size) {
			buf = make([]byte, size)
		}
		buf = buf[:size]
		if n, err := io.ReadFull(br, buf); err != nil {
			if quiet() {
				return nil
			}
			switch {
			case err == io.ErrUnexpectedEOF || err == io.EOF:
				err = fmt.Errorf("%w: connection ended after %d of %d bytes", ErrTruncated, n, size)
			case errors.Is(err, os.ErrDeadlineExceeded):
				err = fmt.Errorf("%w: %d of %d bytes arrived within %v (IdleTimeout + the frame at MinRate %d bytes/s)", ErrTooSlow, n, size, s.frameTime(size).Round(time.Millisecond), s.minRate)
			}
			return s.report(&Error{Remote: remote, Frame: frame, Closed: true, Err: err})
		}
		s.conns.touch(st)
		if err := s.handle(buf, remote, frame, true); err != nil {
			return err
		}
	}
}

// ServePacket receives datagrams on pc, each a frame as DatagramHandler
// sends them, until Close, after which it returns ErrServerClosed. A bad
// datagram is reported and skipped. pc is closed when ServePacket returns.
func (s *Server) ServePacket(pc net.PacketConn) error {
	if !s.track(pc) {
		return ErrServerClosed
	}
	defer s.untrack(pc)
	defer pc.Close()
	setReadBuffer(pc, s.readBuffer)
	read := datagramReader(pc)
	local := remoteName(pc.LocalAddr())
	buf := make([]byte, 64<<10+1)
	for frame := uint64(1); ; frame++ {
		n, addr, drops, err := read(buf)
		s.kernelDrops(drops, local)
		if err != nil {
			if s.isClosed() {
				return ErrServerClosed
			}
			return err
		}
		remote := remoteName(addr)
		d := buf[:n]
		switch {
		case n < 4:
			s.report(&Error{Remote: remote, Frame: frame, Err: fmt.Errorf("%w: datagram of %d bytes has no length prefix", ErrTruncated, n)})
			continue
		case uint64(binary.BigEndian.Uint32(d)) > uint64(s.maxFrame):
			s.report(&Error{Remote: remote, Frame: frame, Err: fmt.Errorf("%w: length prefix %d exceeds the limit of %d bytes", ErrFrameTooLarge, binary.BigEndian.Uint32(d), s.maxFrame)})
			continue
		case int(binary.BigEndian.Uint32(d)) != n-4:
			s.report(&Error{Remote: remote, Frame: frame, Err: fmt.Errorf("%w: length prefix says %d bytes, the datagram holds %d", ErrTruncated, binary.BigEndian.Uint32(d), n-4)})
			continue
		}
		s.handle(d[4:], remote, frame, false)
	}
}

// handle decodes one pickle and hands the record to its logger. It
// returns an error only when the connection must be closed.
func (s *Server) handle(p []byte, remote string, frame uint64, stream bool) error {
	d, err := Decode(p)
	if err != nil {
		return s.report(&Error{Remote: remote, Frame: frame, Closed: stream, Err: err})
	}
	r, err := RecordFromDict(d)
	if err != nil {
		s.report(&Error{Remote: remote, Frame: frame, Err: err})
		return nil
	}
	r.SetMaxMessage(s.maxMessage)
	s.records.Add(1)
	s.logger(r.Name).HandleRecord(r)
	return nil
}

func (s *Server) report(e *Error) error {
	s.rejected.Add(1)
	s.onError(e)
	return e
}

// Close stops Serve and ServePacket, closes their listeners and every open
// connection, and waits until the goroutines of the server have ended.
//
// A stream connection is shut down in both directions first, so that its
// peer can send nothing more (the system refuses further data, and a TCP
// sender sees it unacknowledged), and the whole frames the system had
// already received are read and handed to loggers before it is closed:
// a sender that counts what its peer never acknowledged (SocketHandler on
// Linux) then knows exactly what a restart of the receiver lost.
func (s *Server) Close() error {
	s.mu.Lock()
	s.closed = true
	for c := range s.closers {
		if sc, ok := c.(stream); ok {
			sc.shutdown() // serveConn reads what was received, then closes it
			continue
		}
		c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return nil
}

// stream is a connection accepted by Serve, as Close finds it.
type stream struct{ net.Conn }

// shutdown ends both directions of the connection, leaving what the system
// received to be read; a connection that cannot do that is closed.
func (c stream) shutdown() {
	sc, ok := c.Conn.(interface {
		CloseRead() error
		CloseWrite() error
	})
	if !ok {
		c.Close()
		return
	}
	sc.CloseRead()
	sc.CloseWrite()
}

func remoteName(a net.Addr) string {
	if a == nil {
		return ""
	}
	if s := a.String(); s != "" && s != "@" {
		return s
	}
	return a.Network()
}
