package outage

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

var errKind = errors.New("peer unreachable")

func newTracker() *Tracker {
	t := &Tracker{}
	t.Init("handlers: SocketHandler tcp 127.0.0.1:9020", "peer unreachable, dropping records until it is back", errKind)
	return t
}

// TestOutages: one start report and one end report per outage, with the
// count of the records lost in that outage; every loss counted in Lost.
func TestOutages(t *testing.T) {
	refused := errors.New("connection refused")
	tests := []struct {
		name  string
		drops []uint64 // DropN calls of one outage
		want  string   // the end report
	}{
		{"one", []uint64{1}, "handlers: SocketHandler tcp 127.0.0.1:9020: 1 record lost while tcp 127.0.0.1:9020 was unreachable"},
		{"seven", []uint64{1, 1, 1, 1, 1, 1, 1}, "handlers: SocketHandler tcp 127.0.0.1:9020: 7 records lost while tcp 127.0.0.1:9020 was unreachable"},
		{"queued then more", []uint64{225, 1, 1}, "handlers: SocketHandler tcp 127.0.0.1:9020: 227 records lost while tcp 127.0.0.1:9020 was unreachable"},
	}
	tr := newTracker()
	var total uint64
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tr.Delivered(); err != nil {
				t.Fatalf("Delivered before the outage: %v", err)
			}
			for i, n := range tt.drops {
				total += n
				err := tr.DropN(n, refused, "tcp 127.0.0.1:9020 was unreachable")
				if i > 0 {
					if err != nil {
						t.Fatalf("drop %d reported again: %v", i, err)
					}
					continue
				}
				want := "handlers: SocketHandler tcp 127.0.0.1:9020: peer unreachable, dropping records until it is back: connection refused"
				if err == nil || err.Error() != want || !errors.Is(err, errKind) || !errors.Is(err, refused) {
					t.Fatalf("first drop: %v, want %q wrapping both", err, want)
				}
				if !tr.Down() {
					t.Fatal("not down after the first drop")
				}
			}
			err := tr.Delivered()
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrRecordsLost) {
				t.Fatalf("end: %v, want %q", err, tt.want)
			}
			if err := tr.Delivered(); err != nil || tr.Down() {
				t.Fatalf("second Delivered: %v, down %v", err, tr.Down())
			}
			if tr.Lost() != total {
				t.Fatalf("Lost() = %d, want %d", tr.Lost(), total)
			}
		})
	}
	// Count: lost outside an outage, in the total, no outage.
	tr.Count(2)
	if tr.Down() || tr.Lost() != total+2 || tr.Delivered() != nil {
		t.Errorf("after Count: down %v, lost %d", tr.Down(), tr.Lost())
	}
}

// TestOutageWording: the "while" of an outage is the one given by its
// first drop; no kind and no cause are allowed.
func TestOutageWording(t *testing.T) {
	tr := &Tracker{}
	tr.Init("slogpy: FileHandler app.log", "cannot write, dropping records until it can", nil)
	err := tr.Drop(nil, "app.log's disk was full")
	if err == nil || err.Error() != "slogpy: FileHandler app.log: cannot write, dropping records until it can" {
		t.Fatalf("start: %v", err)
	}
	if u := err.(interface{ Unwrap() []error }).Unwrap(); len(u) != 0 {
		t.Errorf("unwraps to %v", u)
	}
	tr.Drop(nil, "something else")
	if err := tr.Delivered(); err == nil || err.Error() != "slogpy: FileHandler app.log: 2 records lost while app.log's disk was full" {
		t.Fatalf("end: %v", err)
	}
	tr.Drop(nil, "")
	if err := tr.Delivered(); err == nil || err.Error() != "slogpy: FileHandler app.log: 1 record lost" {
		t.Fatalf("end without while: %v", err)
	}
}

// TestOutageConcurrent: drops and deliveries from many goroutines; every
// loss is counted once, in Lost and in exactly one end report, and each
// outage has one start report (run with -race).
func TestOutageConcurrent(t *testing.T) {
	tr := newTracker()
	var mu sync.Mutex
	var starts, ends int
	var ended uint64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				var err error
				if (i+g)%3 == 0 {
					err = tr.Delivered()
				} else {
					err = tr.Drop(fmt.Errorf("try %d", i), "x was unreachable")
				}
				if err == nil {
					continue
				}
				mu.Lock()
				var end *EndReport
				if errors.As(err, &end) {
					ends++
					ended += end.Lost
				} else {
					starts++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err := tr.Delivered(); err != nil {
		var end *EndReport
		errors.As(err, &end)
		ends++
		ended += end.Lost
	}
	if starts != ends || ended != tr.Lost() || starts == 0 {
		t.Errorf("%d start and %d end reports, %d lost in end reports, Lost() = %d", starts, ends, ended, tr.Lost())
	}
}
