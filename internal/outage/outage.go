// Package outage counts the records a handler loses while its destination
// cannot take them (a network peer that is down, a disk that is full) and
// words the two reports of an outage: one when its first record is lost,
// and one, with the count, when a record is delivered again.
//
// A handler keeps one [Tracker]. It calls [Tracker.Drop] for each record it
// loses and [Tracker.Delivered] after each record it delivers, and passes
// the errors they return (nil most of the time) to its error hook. So an
// outage costs two reports, whatever its length:
//
//	handlers: SocketHandler tcp 127.0.0.1:9020: peer unreachable, dropping records until it is back: dial tcp 127.0.0.1:9020: connect: connection refused
//	handlers: SocketHandler tcp 127.0.0.1:9020: 7 records lost while tcp 127.0.0.1:9020 was unreachable
package outage

import (
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
)

// ErrRecordsLost is wrapped by the report made when an outage ends.
var ErrRecordsLost = errors.New("records lost during an outage")

// A Tracker follows the outages of one handler. The zero value is ready
// after [Tracker.Init]; it must not be copied after first use. Its methods
// are safe for concurrent use, and [Tracker.Delivered] outside an outage
// is one atomic load.
type Tracker struct {
	who   string // "handlers: SocketHandler tcp 127.0.0.1:9020"
	start string // "peer unreachable, dropping records until it is back"
	kind  error  // wrapped by the start report (may be nil)

	total atomic.Uint64 // every record lost, in and out of outages
	down  atomic.Bool

	mu    sync.Mutex
	n     uint64 // records lost in the current outage
	while string // what the current outage is: "tcp 127.0.0.1:9020 was unreachable"
}

// Init sets the words of the reports: who begins both; start is the text
// of the first report, and kind (nil for none) the sentinel it wraps along
// with the cause.
func (t *Tracker) Init(who, start string, kind error) {
	t.who, t.start, t.kind = who, start, kind
}

// Drop counts one lost record: see [Tracker.DropN].
func (t *Tracker) Drop(cause error, while string) error { return t.DropN(1, cause, while) }

// DropN counts n lost records. When they begin an outage it returns the
// start report, wrapping kind and cause, and remembers while (what the
// outage is, "tcp 127.0.0.1:9020 was unreachable", "the disk was full")
// for the report that ends it; during an outage it returns nil.
func (t *Tracker) DropN(n uint64, cause error, while string) error {
	t.total.Add(n)
	t.mu.Lock()
	defer t.mu.Unlock()
	t.n += n
	if t.down.Load() {
		return nil
	}
	t.down.Store(true)
	t.while = while
	return &StartReport{Who: t.who, Start: t.start, Kind: t.kind, Cause: cause}
}

// Count counts n records lost outside any outage (a record too large to
// send), which the caller reports on its own.
func (t *Tracker) Count(n uint64) { t.total.Add(n) }

// Delivered records that a record went through. When it ends an outage it
// returns the report with the number of records lost during it (wrapping
// [ErrRecordsLost]); otherwise nil.
func (t *Tracker) Delivered() error {
	if !t.down.Load() {
		return nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.down.Load() {
		return nil
	}
	r := &EndReport{Who: t.who, While: t.while, Lost: t.n}
	t.down.Store(false)
	t.n, t.while = 0, ""
	return r
}

// Lost returns the number of records lost since the tracker was made.
func (t *Tracker) Lost() uint64 { return t.total.Load() }

// Down reports whether an outage is going on.
func (t *Tracker) Down() bool { return t.down.Load() }

// A StartReport is the error of the first record lost in an outage.
type StartReport struct {
	Who, Start string
	Kind       error // may be nil
	Cause      error
}

func (e *StartReport) Error() string {
	s := e.Who + ": " + e.Start
	if e.Cause != nil {
		s += ": " + e.Cause.Error()
	}
	return s
}

// Unwrap returns Kind and Cause, so that errors.Is finds either.
func (e *StartReport) Unwrap() []error {
	errs := make([]error, 0, 2)
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Cause != nil {
		errs = append(errs, e.Cause)
	}
	return errs
}

// An EndReport is the error made when an outage ends: "N records lost
// while …".
type EndReport struct {
	Who, While string
	Lost       uint64
}

func (e *EndReport) Error() string {
	b := make([]byte, 0, len(e.Who)+len(e.While)+32)
	b = append(b, e.Who...)
	b = append(b, ": "...)
	b = strconv.AppendUint(b, e.Lost, 10)
	if e.Lost == 1 {
		b = append(b, " record lost"...)
	} else {
		b = append(b, " records lost"...)
	}
	if e.While != "" {
		b = append(b, " while "...)
		b = append(b, e.While...)
	}
	return string(b)
}

// Unwrap returns [ErrRecordsLost].
func (e *EndReport) Unwrap() error { return ErrRecordsLost }
