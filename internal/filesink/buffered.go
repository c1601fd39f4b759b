package filesink

import (
	"time"
)

// The defaults of SetBuffer.
const (
	DefaultFlushInterval = time.Second
	DefaultFlushLevel    = 40 // ERROR
)

// buffered is the opt-in write buffer of a sink: records are collected and
// written with one write call when the buffer fills, when a record at or
// above the flush level arrives, when the oldest record has waited the
// flush interval, and on Flush, Close and before the file is closed
// (rotation, reopening), so that every record lands in the file it would
// have landed in unbuffered.
type buffered struct {
	size     int           // 0: no buffer
	interval time.Duration // <= 0: no timer
	level    int           // records at or above it flush
	onError  func(error)   // reports of a flush by the timer

	b []byte
	n uint64 // records in b
	// timer is made at the first record and reset after, not made anew
	// for every buffer; armed says it runs.
	timer *time.Timer
	armed bool
}

// SetBuffer turns on buffering before the sink is shared, from a file
// handler's options: size bytes (<= 0 turns it off), flushed every
// interval (0 means DefaultFlushInterval, negative no timer) and by
// records at or above level (0 means DefaultFlushLevel, ERROR); onError
// reports what a flush by the timer met (it is called without the lock).
func (s *Sink) SetBuffer(size int, interval time.Duration, level int, onError func(error)) {
	if size <= 0 {
		s.buf = buffered{}
		return
	}
	if interval == 0 {
		interval = DefaultFlushInterval
	}
	if level == 0 {
		level = DefaultFlushLevel
	}
	s.buf = buffered{size: size, interval: interval, level: level, onError: onError}
	if size > 0 {
		s.buf.b = make([]byte, 0, size)
	}
}

// Buffered returns the number of bytes waiting in the buffer. The lock is
// held.
func (s *Sink) Buffered() int { return len(s.buf.b) }

// buffer adds one record to the buffer, flushing as the policy says.
func (s *Sink) buffer(b []byte, level int) (ended, err error) {
	if len(s.buf.b)+len(b) > s.buf.size && len(s.buf.b) > 0 {
		// b does not fit: write what is waiting first.
		ended, err = s.flushNow()
	}
	s.buf.b = append(s.buf.b, b...)
	s.buf.n++
	if level >= s.buf.level || len(s.buf.b) >= s.buf.size {
		e2, err2 := s.flushNow()
		return firstErr(ended, e2), firstErr(err, err2)
	}
	if s.buf.interval > 0 && !s.buf.armed {
		s.buf.armed = true
		if s.buf.timer == nil {
			s.buf.timer = time.AfterFunc(s.buf.interval, s.flushTimer)
		} else {
			s.buf.timer.Reset(s.buf.interval)
		}
	}
	return ended, err
}

// flushNow writes the buffer's records with one write call. The lock is
// held.
func (s *Sink) flushNow() (ended, err error) {
	s.buf.stop()
	if len(s.buf.b) == 0 {
		return nil, nil
	}
	ended, err = s.put(s.buf.b, s.buf.n)
	s.buf.b, s.buf.n = s.buf.b[:0], 0
	return ended, err
}

// flushBuffer flushes the buffer where no record is being written (Flush,
// Close, CloseFile): the end of an outage it meets is kept for the next
// Write to return. The lock is held.
func (s *Sink) flushBuffer() error {
	ended, err := s.flushNow()
	if ended != nil {
		s.pending = ended
	}
	return err
}

// flushTimer is the timer's flush.
func (s *Sink) flushTimer() {
	s.mu.Lock()
	s.buf.armed = false
	ended, err := s.flushNow()
	onError := s.buf.onError
	s.mu.Unlock()
	if onError != nil {
		if ended != nil {
			onError(ended)
		}
		if err != nil {
			onError(err)
		}
	}
}

// stop stops the timer, which stays for the next buffer.
func (b *buffered) stop() {
	if b.armed {
		b.timer.Stop()
		b.armed = false
	}
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}
