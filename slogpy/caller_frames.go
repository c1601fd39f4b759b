package slogpy

import (
	"runtime"
	"sync/atomic"
)

// A callerFrame is what a record reads of its caller's PC: Python's
// pathname, lineno and funcName.
type callerFrame struct {
	pc       uintptr
	file     string
	line     int
	function string // funcName's form
}

// callerFrames caches the frame of each PC a record resolved.
// runtime.CallersFrames costs a record several hundred nanoseconds and two
// allocations, and resolves the same few PCs again and again: a program's
// logging calls are a fixed set of call sites. The table is a fixed,
// lock-free open-addressing array, so that it stays bounded whatever the
// program does: a PC whose slots are all taken is resolved each time, as
// without a cache. (sync.Map would box each uintptr key, an allocation
// per lookup.)
var callerFrames [callerFramesSize]atomic.Pointer[callerFrame]

const (
	callerFramesSize  = 1 << 12 // 32 KB of pointers; frames are made on first use
	callerFramesProbe = 8       // slots looked at for one PC
)

// frameOf returns the frame of pc (not zero), from the cache or resolved.
func frameOf(pc uintptr) *callerFrame {
	i := int((uint64(pc) * 0x9e3779b97f4a7c15) >> (64 - 12))
	var free *atomic.Pointer[callerFrame]
	for j := range callerFramesProbe {
		slot := &callerFrames[(i+j)&(callerFramesSize-1)]
		f := slot.Load()
		if f == nil {
			free = slot
			break
		}
		if f.pc == pc {
			return f
		}
	}
	pcs := [1]uintptr{pc}
	rf, _ := runtime.CallersFrames(pcs[:]).Next()
	f := &callerFrame{pc: pc, file: rf.File, line: rf.Line, function: funcName(rf.Function)}
	if free != nil && !free.CompareAndSwap(nil, f) {
		if g := free.Load(); g.pc == pc {
			return g // another goroutine resolved the same PC first
		}
	}
	return f
}
