package buffer

import "testing"

func TestNewIsEmpty(t *testing.T) {
	b := New()
	*b = append(*b, "some record"...)
	b.Free()
	for range 10 {
		c := New()
		if len(*c) != 0 {
			t.Fatalf("New returned %q, want an empty buffer", *c)
		}
		c.Free()
	}
}

func TestLargeNotPooled(t *testing.T) {
	b := New()
	*b = append(*b, make([]byte, MaxPooled+1)...)
	b.Free() // dropped: must not panic, and the next buffers stay small
	for range 10 {
		c := New()
		if cap(*c) > MaxPooled {
			t.Fatalf("pool returned a buffer of capacity %d > %d", cap(*c), MaxPooled)
		}
		c.Free()
	}
}
