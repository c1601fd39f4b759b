package receiver

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of the connection limits of [Options].
const (
	// DefaultMaxConns is the number of stream connections a server keeps
	// open at once when Options.MaxConns is zero.
	DefaultMaxConns = 1024
	// DefaultIdleTimeout is how long a stream connection may send nothing
	// between frames when Options.IdleTimeout is zero.
	DefaultIdleTimeout = 60 * time.Second
	// DefaultMinRate is the slowest a started frame may arrive, in bytes
	// per second, when Options.MinRate is zero: a frame of n bytes must
	// arrive within IdleTimeout plus n/MinRate seconds.
	DefaultMinRate = 16 << 10
	// DefaultReadBuffer is the receive buffer asked of the system for a
	// UDP socket when Options.ReadBuffer is zero (Linux grants at most
	// net.core.rmem_max).
	DefaultReadBuffer = 4 << 20
)

// ErrConnLimit is wrapped by the error reported (at most once a minute)
// when the server closed connections to stay within Options.MaxConns.
var ErrConnLimit = errors.New("receiver: connection limit reached")

// ErrKernelDrops is wrapped by the error reported (at most once a minute)
// when the system dropped datagrams because the socket's receive buffer
// was full.
var ErrKernelDrops = errors.New("receiver: datagrams dropped by the system")

// reportEvery is how often a count of shed connections or dropped
// datagrams is reported.
const reportEvery = time.Minute

// conn is a stream connection accepted by Serve.
type conn struct {
	c    net.Conn
	last atomic.Uint64 // sequence number of its last complete frame (or its accept)
	shed atomic.Bool   // closed by the server to make room
}

// connSet is the connections of a server, for MaxConns.
type connSet struct {
	mu    sync.Mutex
	conns map[*conn]struct{}
	seq   atomic.Uint64
}

// add registers c; when max connections are open, the one that completed
// a frame least recently is closed first, and returned.
func (cs *connSet) add(c *conn, max int) (shed *conn) {
	c.last.Store(cs.seq.Add(1))
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.conns == nil {
		cs.conns = make(map[*conn]struct{})
	}
	if len(cs.conns) >= max {
		for o := range cs.conns {
			if shed == nil || o.last.Load() < shed.last.Load() {
				shed = o
			}
		}
		delete(cs.conns, shed)
		shed.shed.Store(true)
		shed.c.Close()
	}
	cs.conns[c] = struct{}{}
	return shed
}

func (cs *connSet) remove(c *conn) {
	cs.mu.Lock()
	delete(cs.conns, c)
	cs.mu.Unlock()
}

// touch marks c as having completed a frame now.
func (cs *connSet) touch(c *conn) {
	if c != nil {
		c.last.Store(cs.seq.Add(1))
	}
}

// rateReport counts events and reports them at most once per reportEvery.
type rateReport struct {
	n  atomic.Int64 // not yet reported
	at atomic.Int64 // last report, UnixNano
}

// add counts n events and returns the count to report now, or 0.
func (r *rateReport) add(n int64) int64 {
	total := r.n.Add(n)
	now := time.Now().UnixNano()
	last := r.at.Load()
	if last != 0 && now-last < int64(reportEvery) || !r.at.CompareAndSwap(last, now) {
		return 0
	}
	r.n.Add(-total)
	return total
}

// shedConn closes the least recently active connection to make room.
func (s *Server) shedConn(shed *conn) {
	s.shedCount.Add(1)
	if n := s.shedReport.add(1); n > 0 {
		s.onError(fmt.Errorf("%w: %d connection(s) closed in the last minute to stay within %d (Options.MaxConns), the least recently active first; last: %s",
			ErrConnLimit, n, s.maxConns, remoteName(shed.c.RemoteAddr())))
	}
}

// kernelDrops counts datagrams the system dropped.
func (s *Server) kernelDrops(n uint64, local string) {
	if n == 0 {
		return
	}
	s.dropped.Add(n)
	if r := s.dropReport.add(int64(n)); r > 0 {
		s.onError(fmt.Errorf("%w: %d datagram(s) lost on %s in the last minute: the socket's receive buffer was full (Options.ReadBuffer, net.core.rmem_max)", ErrKernelDrops, r, local))
	}
}

// Conns returns the number of stream connections Serve has open.
func (s *Server) Conns() int {
	s.conns.mu.Lock()
	defer s.conns.mu.Unlock()
	return len(s.conns.conns)
}

// Shed returns the number of stream connections closed to stay within
// Options.MaxConns.
func (s *Server) Shed() uint64 { return s.shedCount.Load() }

// Dropped returns the number of datagrams the system reported dropped
// because a socket's receive buffer was full (Linux; zero elsewhere).
func (s *Server) Dropped() uint64 { return s.dropped.Load() }

// frameDeadline is when a frame of size bytes whose length was read now
// must have arrived.
func (s *Server) frameDeadline(size uint32) time.Time {
	return time.Now().Add(s.frameTime(size))
}

// frameTime is how long a frame of size bytes may take to arrive.
func (s *Server) frameTime(size uint32) time.Duration {
	return s.idle + time.Duration(uint64(size)*uint64(time.Second)/uint64(s.minRate))
}

func plainReader(pc net.PacketConn) func(buf []byte) (int, net.Addr, uint64, error) {
	return func(buf []byte) (int, net.Addr, uint64, error) {
		n, addr, err := pc.ReadFrom(buf)
		return n, addr, 0, err
	}
}

// setReadBuffer asks the system for a receive buffer of n bytes for pc.
func setReadBuffer(pc net.PacketConn, n int) {
	if b, ok := pc.(interface{ SetReadBuffer(int) error }); ok && n > 0 {
		b.SetReadBuffer(n)
	}
}
