package slogpy

import (
	"fmt"
	"reflect"
	"runtime"
	"sync"
	"testing"
)

// TestFrameOf: the cached frame of a PC is the frame runtime.CallersFrames
// gives, for more PCs than the cache holds (so that some are resolved on
// every call), asked twice, from two goroutines at once.
func TestFrameOf(t *testing.T) {
	base := reflect.ValueOf(fmt.Sprintf).Pointer()
	var pcs []uintptr
	for k := range 3 * callerFramesSize {
		pcs = append(pcs, base+uintptr(k*7)+1)
	}
	want := make([]callerFrame, len(pcs))
	for i, pc := range pcs {
		f, _ := runtime.CallersFrames([]uintptr{pc}).Next()
		want[i] = callerFrame{pc: pc, file: f.File, line: f.Line, function: funcName(f.Function)}
	}
	var wg sync.WaitGroup
	errs := make(chan string, 2)
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 2 {
				for i, pc := range pcs {
					if got := *frameOf(pc); got != want[i] {
						errs <- fmt.Sprintf("round %d: frameOf(%#x) = %+v, want %+v", round, pc, got, want[i])
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	cached := 0
	for i := range callerFrames {
		if callerFrames[i].Load() != nil {
			cached++
		}
	}
	if cached == 0 || cached > callerFramesSize {
		t.Errorf("%d frames cached, want 1-%d", cached, callerFramesSize)
	}
}
