package pytime

import (
	"sync/atomic"
	"time"
)

// Now returns the current time as CPython's time.time() reads it, the wall
// clock, for the creation time of a record: time.Now reads two clocks, the
// wall clock and the monotonic one (two vDSO calls, 50–60 ns together on a
// KVM guest, a third of a simple logging call), where a record needs one.
// Now reads only the monotonic clock and adds the wall clock's offset from
// it, which it reads again with time.Now every millisecond (of the
// monotonic clock): the wall clock and the monotonic clock advance
// together (NTP's slewing adjusts both), so the two differ only after the
// wall clock is set or stepped, and then for at most a millisecond.
//
// Unless the wall clock was set forward within the last millisecond, the
// time is never behind the wall clock (it may be ahead by the nanoseconds
// between two clock reads), so a record is not made before a time.Now
// read before its logging call. It has no monotonic reading, as a time
// from time.Unix: Sub and comparisons use the wall clock.
func Now() time.Time {
	d := int64(time.Since(clock.base))
	if next := clock.next.Load(); d >= next && clock.next.CompareAndSwap(next, d+resyncEvery) {
		resync()
	}
	return time.Unix(0, clock.baseWall+d+clock.off.Load())
}

// resyncEvery is how often, in monotonic nanoseconds, Now reads the wall
// clock again.
const resyncEvery = int64(time.Millisecond)

// clock is Now's state: base and baseWall are set once; off and next
// change every millisecond. The padding keeps them off the cache lines of
// data written more often.
var clock struct {
	_        [64]byte
	base     time.Time
	baseWall int64
	// off is the wall clock minus the monotonic one, in nanoseconds since
	// base: a record's time is baseWall + (its monotonic time since base)
	// + off.
	off atomic.Int64
	// next is when, in monotonic nanoseconds since base, the wall clock is
	// read again.
	next atomic.Int64
	_    [64]byte
}

func init() {
	clock.base = time.Now()
	clock.baseWall = clock.base.UnixNano()
	resync()
}

// maxReadGap is the longest the two monotonic reads around a time.Now may
// be apart for resync to trust the offset: longer means the goroutine was
// descheduled between them, and it reads again (three times at most).
const maxReadGap = 2 * time.Microsecond

// resync reads the wall clock's offset from the monotonic clock. The
// monotonic time read before time.Now is at or before the instant time.Now
// read the wall clock, so the offset puts Now at or after the wall clock.
func resync() {
	for try := 0; ; try++ {
		m1 := time.Since(clock.base)
		t := time.Now()
		m2 := t.Sub(clock.base)
		if m2-m1 <= maxReadGap || try == 2 {
			clock.off.Store(t.UnixNano() - clock.baseWall - int64(m1))
			return
		}
	}
}
