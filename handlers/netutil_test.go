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

// TestSocketDropReports: one report per outage, every drop counted.
func TestSocketDropReports(t *testing.T) {
	up := false
	c := &socketConn{
		what: "test", backoff: false, now: time.Now,
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
	var reports int
	for range 5 {
		if err := c.send([]byte("x")); err != nil {
			reports++
			if !errors.Is(err, ErrPeerUnreachable) {
				t.Errorf("report %v", err)
			}
		}
	}
	up = true
	if err := c.send([]byte("x")); err != nil {
		t.Fatal(err)
	}
	up = false
	c.drop()
	for range 3 {
		if err := c.send([]byte("x")); err != nil {
			reports++
		}
	}
	if reports != 2 || c.dropped.Load() != 8 {
		t.Errorf("%d reports, %d dropped; want 2 (one per outage) and 8", reports, c.dropped.Load())
	}
	c.close()
	if err := c.send([]byte("x")); err == nil {
		t.Error("send after close succeeded")
	}
}
