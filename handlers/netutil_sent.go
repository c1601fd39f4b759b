package handlers

import (
	"net"
	"sort"
	"time"
)

// sentPruneMin is how many records a socketSent holds before it first asks
// the system which of them were acknowledged.
const sentPruneMin = 256

// socketSent is the log of the records written on one TCP connection that
// the peer's system may not have acknowledged yet, so that when the peer
// dies the records still in the socket's send queue are counted as lost
// rather than vanishing (issue 16). It keeps the stream offset at which
// each whole record ends; the system tells how many written bytes are not
// acknowledged (Linux: SIOCOUTQ, see socketOutq). Where the system cannot
// tell (other systems, Unix sockets), it is off and counts nothing.
//
// A record is acknowledged when the peer's system has it: a peer process
// killed with records in its receive buffer loses them where no sender can
// see it. receiver.Server reads what its system acknowledged before
// closing a connection, so a receiver restart loses nothing uncounted.
//
// The handler's lock guards it.
type socketSent struct {
	on      bool
	written uint64   // bytes written on the connection
	ends    []uint64 // offsets after each whole record, oldest first, from head
	head    int
	pruneAt int // prune when this many records are held
}

// reset starts the log of a new connection; it is on when the system can
// count c's unacknowledged bytes.
func (s *socketSent) reset(c net.Conn) {
	_, s.on = socketOutq(c)
	s.written, s.ends, s.head, s.pruneAt = 0, s.ends[:0], 0, sentPruneMin
}

// wrote logs n bytes written on c, whole when they end a record.
func (s *socketSent) wrote(c net.Conn, n int, whole bool) {
	if !s.on {
		return
	}
	s.written += uint64(n)
	if !whole {
		return
	}
	s.ends = append(s.ends, s.written)
	if len(s.ends)-s.head >= s.pruneAt {
		s.prune(c)
		// Ask again when the log has doubled, so that a peer that does
		// not acknowledge costs one system call per doubling.
		s.pruneAt = max(sentPruneMin, 2*(len(s.ends)-s.head))
	}
}

// wroteStream logs n bytes written on c by one call that sent messages
// ending at the offsets ends (from the call's first byte), and returns how
// many of them were written whole.
func (s *socketSent) wroteStream(c net.Conn, n int, ends []int) int {
	whole := sort.SearchInts(ends, n+1)
	if !s.on {
		return whole
	}
	for _, end := range ends[:whole] {
		s.ends = append(s.ends, s.written+uint64(end))
	}
	s.written += uint64(n)
	if len(s.ends)-s.head >= s.pruneAt {
		s.prune(c)
		s.pruneAt = max(sentPruneMin, 2*(len(s.ends)-s.head))
	}
	return whole
}

// acked returns the offset up to which the peer's system acknowledged the
// stream, or false when the system does not say.
func (s *socketSent) acked(c net.Conn) (uint64, bool) {
	q, ok := socketOutq(c)
	if !ok || uint64(q) > s.written {
		return 0, false
	}
	return s.written - uint64(q), true
}

// prune forgets the records the peer's system acknowledged.
func (s *socketSent) prune(c net.Conn) {
	acked, ok := s.acked(c)
	if !ok {
		return
	}
	s.head += s.count(acked)
	if s.head > len(s.ends)/2 {
		s.ends = s.ends[:copy(s.ends, s.ends[s.head:])]
		s.head = 0
	}
	if cap(s.ends) > 4*sentPruneMin && len(s.ends) < cap(s.ends)/8 {
		s.ends = append([]uint64(nil), s.ends...) // give back what a slow peer made grow
	}
}

// count returns how many logged records end at or before offset acked.
func (s *socketSent) count(acked uint64) int {
	live := s.ends[s.head:]
	return sort.Search(len(live), func(i int) bool { return live[i] > acked })
}

// unacked returns the number of whole records written on c that the
// peer's system has not acknowledged: those a dead peer never got.
func (s *socketSent) unacked(c net.Conn) uint64 {
	if !s.on {
		return 0
	}
	acked, ok := s.acked(c)
	if !ok {
		return 0
	}
	return uint64(len(s.ends) - s.head - s.count(acked))
}

// settle waits until the peer's system has acknowledged everything written
// on c, for at most d, and returns the number of whole records it has not.
func (s *socketSent) settle(c net.Conn, d time.Duration) uint64 {
	if !s.on || len(s.ends) == s.head {
		return 0
	}
	end := time.Now().Add(d)
	for wait := time.Millisecond; ; wait = min(2*wait, 20*time.Millisecond) {
		n := s.unacked(c)
		if n == 0 || !time.Now().Before(end) {
			return n
		}
		time.Sleep(min(wait, time.Until(end)))
	}
}
