package buffer

import "sync"

// Buffer is a byte slice to append to.
type Buffer []byte

// MaxPooled is the largest buffer kept for reuse; larger ones are left to
// the garbage collector so that one huge record does not pin memory.
const MaxPooled = 16 << 10

var pool = sync.Pool{New: func() any { b := make(Buffer, 0, 1024); return &b }}

// New returns an empty buffer from the pool.
func New() *Buffer { return pool.Get().(*Buffer) }

// Free returns b to the pool unless it has grown too large.
func (b *Buffer) Free() {
	if cap(*b) <= MaxPooled {
		*b = (*b)[:0]
		pool.Put(b)
	}
}
