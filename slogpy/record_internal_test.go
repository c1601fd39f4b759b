package slogpy

import (
	"sync"
	"testing"
)

// TestGoroutineID checks the fast goroutine id against the one in a stack
// trace, on several goroutines.
func TestGoroutineID(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if fast, slow := goroutineID(), stackGoroutineID(); fast != slow || fast <= 0 {
				t.Errorf("goroutineID() = %d, stack trace says %d", fast, slow)
			}
		}()
	}
	wg.Wait()
	if !goidOK {
		t.Error("the fast goroutine id disagreed with the stack trace at start-up")
	}
}
