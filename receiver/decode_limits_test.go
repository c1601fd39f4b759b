package receiver_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"runtime"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/receiver"
)

// adversarialPickles are the frames of issue 16 and their kin: each is
// refused, or decoded within 8 times its size.
func adversarialPickles() []struct {
	name   string
	p      []byte
	refuse string // part of the error, "" if it decodes
} {
	rec := func(body ...string) []byte { // {'x': <body>}
		return []byte("\x80\x02}X\x01\x00\x00\x00x" + strings.Join(body, "") + "s.")
	}
	n := 1_000_000
	// A list L of 1000 ints, then a dict referring to it 2000 times.
	var fan bytes.Buffer
	fan.WriteString("\x80\x02}X\x01\x00\x00\x00x}(X\x01\x00\x00\x00a](")
	fan.WriteString(strings.Repeat("K\x07", 1000))
	fan.WriteString("eq\x01")
	for i := range 200 {
		fan.WriteString("J")
		fan.Write(binary.LittleEndian.AppendUint32(nil, uint32(i)))
		fan.WriteString("h\x01")
	}
	fan.WriteString("us.")
	return []struct {
		name   string
		p      []byte
		refuse string
	}{
		{"1,000,000 nested tuples (protocol 1)", rec(strings.Repeat("(", n), ")", strings.Repeat("t", n)), "MARK at offset 74: MARKs nested deeper than 64 levels"},
		{"1,000,000 nested tuples (TUPLE1)", rec(")", strings.Repeat("\x85", n)), "nested deeper than 64 levels"},
		{"1,000,000 nested lists", rec(strings.Repeat("]", n), strings.Repeat("a", n-1)), "offset"},
		{"1 MiB of MEMOIZE", []byte("\x80\x04}" + strings.Repeat("\x94", 1<<20) + "."), "MEMOIZE at offset"},
		{"1 MiB of BINPUT", []byte("\x80\x02}" + strings.Repeat("r\x00\x00\x00\x00", 1<<18) + "."), ""},
		{"distinct BINPUTs", func() []byte {
			b := []byte("\x80\x02}")
			for i := range 1 << 18 {
				b = append(b, 'r')
				b = binary.LittleEndian.AppendUint32(b, uint32(i))
			}
			return append(b, '.')
		}(), "LONG_BINPUT at offset"},
		{"500,000 small ints", rec("](", strings.Repeat("K\x01", n/2), "e"), "at offset"},
		{"500,000 empty lists", rec("](", strings.Repeat("]", n/2), "e"), "at offset"},
		{"one list referred to 200 times", fan.Bytes(), "expands to more than"},
		{"1 MiB string", rec("X\x00\x00\x10\x00", strings.Repeat("a", 1<<20)), ""},
		{"deep MARKs", rec(strings.Repeat("(", n), "N"), "at offset"},
	}
}

// TestDecodeAdversarial measures what decoding each adversarial pickle
// allocates: at most 8 times its size (plus the 64 KiB every pickle may
// use), whether it is refused or decoded.
func TestDecodeAdversarial(t *testing.T) {
	for _, c := range adversarialPickles() {
		t.Run(c.name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := receiver.Decode(c.p)
			runtime.ReadMemStats(&after)
			grew := after.TotalAlloc - before.TotalAlloc
			if limit := uint64(8*len(c.p) + 64<<10); grew > limit {
				t.Errorf("allocated %d bytes for a pickle of %d (%.1f×), limit %d", grew, len(c.p), float64(grew)/float64(len(c.p)), limit)
			}
			t.Logf("%d bytes: allocated %.2f× its size; %v", len(c.p), float64(grew)/float64(len(c.p)), err)
			switch {
			case c.refuse == "" && err != nil:
				t.Errorf("refused: %v", err)
			case c.refuse != "" && err == nil:
				t.Errorf("decoded, want an error with %q", c.refuse)
			case c.refuse != "" && (!strings.Contains(err.Error(), c.refuse) || !errors.Is(err, receiver.ErrBadPickle)):
				t.Errorf("error %q, want ErrBadPickle with %q", err, c.refuse)
			}
		})
	}
}

// sizeOf estimates the bytes a decoded value holds.
func sizeOf(v any) int {
	switch x := v.(type) {
	case string:
		return 16 + len(x)
	case []byte:
		return 24 + len(x)
	case []any:
		n := 24 + 16*len(x)
		for _, e := range x {
			n += sizeOf(e)
		}
		return n
	case map[string]any:
		n := 48
		for k, e := range x {
			n += 32 + len(k) + sizeOf(e)
		}
		return n
	}
	return 16
}

// FuzzDecodeLimits builds pickles that repeat a fragment many times, the
// shape of every amplification: whatever the fragment, Decode ends, an
// error is one of the package's, and a decoded value holds at most 8 times
// the pickle's size (plus the 64 KiB any pickle may use).
func FuzzDecodeLimits(f *testing.F) {
	f.Add([]byte("\x80\x02}X\x01\x00\x00\x00x"), []byte("("), uint16(5000), []byte(")s."))
	f.Add([]byte("\x80\x02}X\x01\x00\x00\x00x)"), []byte("\x85"), uint16(5000), []byte("s."))
	f.Add([]byte("\x80\x04}"), []byte("\x94"), uint16(60000), []byte("."))
	f.Add([]byte("\x80\x02}X\x01\x00\x00\x00x]("), []byte("K\x01"), uint16(60000), []byte("es."))
	f.Add([]byte("\x80\x02}X\x01\x00\x00\x00x](K\x01K\x02eq\x01]("), []byte("h\x01"), uint16(60000), []byte("es."))
	f.Add([]byte("\x80\x02}X\x01\x00\x00\x00x"), []byte("]"), uint16(60000), []byte("s."))
	f.Fuzz(func(t *testing.T, prefix, frag []byte, n uint16, suffix []byte) {
		if len(frag) > 64 || len(prefix) > 256 || len(suffix) > 256 {
			return
		}
		p := append(append(append([]byte{}, prefix...), bytes.Repeat(frag, int(n))...), suffix...)
		d, err := receiver.Decode(p)
		if err != nil {
			if !errors.Is(err, receiver.ErrUnsafePickle) && !errors.Is(err, receiver.ErrBadPickle) {
				t.Fatalf("error %v wraps neither ErrUnsafePickle nor ErrBadPickle", err)
			}
			return
		}
		if size, limit := sizeOf(map[string]any(d)), 8*len(p)+64<<10; size > limit {
			t.Fatalf("a pickle of %d bytes decoded to about %d bytes of values", len(p), size)
		}
	})
}
