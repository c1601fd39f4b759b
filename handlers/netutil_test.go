package handlers

import (
	"errors"
	"net"
	"testing"
	"time"
)

// TestSocketBackoff follows CPython's createSocket: after a failed attempt
// the next one waits retryStart, then ×retryFactor up to retryMax; a
// success resets it.
func TestSocketBackoff(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	attempts := 0
	fail := true
	c := &socketConn{
		what: "test", retry: socketRetry{Start: time.Second, Max: 30 * time.Second, Factor: 2}, backoff: true,
		now: func() time.Time { return now },
		dial: func(time.Duration) (net.Conn, error) {
			attempts++
			if fail {
				return nil, errors.New("refused")
			}
			a, b := net.Pipe()
			b.Close()
			return a, nil
		},
	}
	// Seconds from the start at which an attempt is made, as CPython's
	// retryPeriod doubles from 1 s to the 30 s cap.
	wantAt := []float64{0, 1, 3, 7, 15, 31, 61, 91}
	var gotAt []float64
	for s := 0.0; s <= 91; s += 0.5 {
		now = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(s * float64(time.Second)))
		before := attempts
		err := c.create()
		if attempts > before {
			gotAt = append(gotAt, s)
			if err == nil || err.Error() != "refused" {
				t.Fatalf("at %vs: %v", s, err)
			}
		} else if err != errSocketBackoff {
			t.Fatalf("at %vs: no attempt but %v", s, err)
		}
	}
	if len(gotAt) != len(wantAt) {
		t.Fatalf("attempts at %v s, want %v", gotAt, wantAt)
	}
	for i := range wantAt {
		if gotAt[i] != wantAt[i] {
			t.Fatalf("attempts at %v s, want %v", gotAt, wantAt)
		}
	}
	// Success resets the backoff: the next failure waits RetryStart again.
	now = now.Add(30 * time.Second)
	fail = false
	if err := c.create(); err != nil {
		t.Fatal(err)
	}
	c.drop()
	fail = true
	c.create()
	if c.retryPeriod != time.Second {
		t.Errorf("retry period after a success and a failure: %v, want 1s", c.retryPeriod)
	}
}

// TestSocketDropReports: one report when an outage starts, one with the
// count when it ends, every drop counted.
func TestSocketDropReports(t *testing.T) {
	up := false
	c := &socketConn{
		backoff: false, now: time.Now,
		dial: func(time.Duration) (net.Conn, error) {
			if !up {
				return nil, errors.New("refused")
			}
			a, b := net.Pipe()
			go func() {
				buf := make([]byte, 100)
				for {
					if _, err := b.Read(buf); err != nil {
						return
					}
				}
			}()
			return a, nil
		},
	}
	c.init("test", "tcp 127.0.0.1:1")
	var starts int
	var ends []string
	send := func() {
		t.Helper()
		ended, err := c.send([]byte("x"))
		if err != nil {
			starts++
			if !errors.Is(err, ErrPeerUnreachable) || err.Error() != "handlers: test tcp 127.0.0.1:1: peer unreachable, dropping records until it is back: refused" {
				t.Errorf("report %v", err)
			}
		}
		if ended != nil {
			if !errors.Is(ended, ErrRecordsLost) {
				t.Errorf("end report %v", ended)
			}
			ends = append(ends, ended.Error())
		}
	}
	for range 5 {
		send()
	}
	up = true
	send()
	send()
	up = false
	c.drop()
	for range 3 {
		send()
	}
	up = true
	send()
	want := []string{
		"handlers: test tcp 127.0.0.1:1: 5 records lost while tcp 127.0.0.1:1 was unreachable",
		"handlers: test tcp 127.0.0.1:1: 3 records lost while tcp 127.0.0.1:1 was unreachable",
	}
	if starts != 2 || c.lost.Lost() != 8 || len(ends) != 2 || ends[0] != want[0] || ends[1] != want[1] {
		t.Errorf("%d start reports, %d lost, end reports %q; want 2 (one per outage), 8 and %q", starts, c.lost.Lost(), ends, want)
	}
	c.close()
	if _, err := c.send([]byte("x")); err == nil {
		t.Error("send after close succeeded")
	}
}
