package pytime

import (
	"math"
	"time"
)

// Created returns t as the float seconds since the Unix epoch that CPython's
// time.time() would return for the same instant, the value logging stores in
// LogRecord.created. Like _PyTime_AsSecondsDouble it divides the integer
// nanoseconds by 1e9, converting whole seconds exactly. Outside the years
// 1678 to 2262, where nanoseconds overflow an int64 and CPython cannot
// represent the instant, it returns the nearest float to seconds plus
// fraction.
func Created(t time.Time) float64 {
	sec, nsec := t.Unix(), int64(t.Nanosecond())
	const maxSec = math.MaxInt64/1_000_000_000 - 1
	if sec < -maxSec || sec > maxSec {
		return float64(sec) + float64(nsec)/1e9
	}
	ns := sec*1e9 + nsec
	if ns%1e9 == 0 {
		return float64(ns / 1e9)
	}
	return float64(ns) / 1e9
}

// Msecs returns the millisecond part of created exactly as CPython 3.11's
// LogRecord.__init__ computes record.msecs:
//
//	int((created - int(created)) * 1000) + 0.0
//
// The float arithmetic truncates, so 1.001 gives 0 and 1700000000.999 gives
// 999, and a negative created gives a value in (-1000, 0]. Msecs returns NaN
// for an infinite or NaN created, for which CPython raises.
func Msecs(created float64) float64 {
	// The conversions stop the compiler from fusing or reordering.
	x := float64(float64(created-math.Trunc(created)) * 1000)
	if math.IsNaN(x) {
		return math.NaN()
	}
	return float64(int64(x)) // int64 drops -0 like Python's int
}

// FastMsecs returns Msecs(Created(t)) for the t of Unix time sec and
// nanosecond nsec without the float arithmetic, where that is certain to
// give the same integer: for 0 <= sec < 2^33 (to the year 2242) the float
// created is within 3 µs of the true instant, so whenever nsec is at least
// 10 µs away from a millisecond boundary the truncated milliseconds are
// nsec/1e6. ok is false otherwise (2% of instants); use Msecs then.
func FastMsecs(sec int64, nsec int) (ms int, ok bool) {
	if sec < 0 || sec >= 1<<33 {
		return 0, false
	}
	if sub := nsec % 1_000_000; sub < 10_000 || sub >= 990_000 {
		return 0, false
	}
	return nsec / 1_000_000, true
}
