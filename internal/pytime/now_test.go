package pytime

import (
	"sync"
	"testing"
	"time"
)

// TestNow checks that Now follows the wall clock: never before a time.Now
// read before it, and not ahead of one read after it by more than a
// descheduled goroutine could make it (see resync), over more than one
// resynchronisation, from several goroutines at once.
func TestNow(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			end := time.Now().Add(5 * time.Duration(resyncEvery))
			for time.Now().Before(end) {
				before := time.Now()
				n := Now()
				after := time.Now()
				if n.Before(before) {
					t.Errorf("Now() = %v, before time.Now() %v read ahead of it", n, before)
					return
				}
				if d := n.Sub(after); d > 50*time.Millisecond {
					t.Errorf("Now() = %v, %v after time.Now() %v read after it", n, d, after)
					return
				}
				if n != n.Round(0) {
					t.Errorf("Now() = %v has a monotonic reading", n)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestNowResync checks that a changed offset between the clocks (as a
// wall clock set forward leaves) is taken within resyncEvery.
func TestNowResync(t *testing.T) {
	if testing.Short() {
		t.Skip("sleeps")
	}
	clock.off.Add(int64(time.Hour)) // as if the wall clock had been set back an hour
	time.Sleep(2 * time.Duration(resyncEvery))
	Now() // the first call after resyncEvery resynchronises
	if d := Now().Sub(time.Now()); d > time.Second || d < -time.Second {
		t.Errorf("Now() is %v from time.Now() two resync periods after the offset changed", d)
	}
}
