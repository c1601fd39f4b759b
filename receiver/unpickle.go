package receiver

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Limits the decoder enforces while it decodes, so that one frame never
// costs more than a small multiple of its size, whatever it holds.
const (
	// decodeAllocPerByte and decodeAllocMin bound the memory one pickle
	// may make the decoder allocate: decodeAllocMin plus
	// decodeAllocPerByte times its size.
	decodeAllocPerByte = 6
	decodeAllocMin     = 64 << 10
)

// Estimated bytes allocated for each thing the decoder builds (on 64-bit
// platforms, with the growth of slices and maps amortized), charged to the
// budget before it is built.
const (
	costBox       = 16 // a number or string header boxed in an interface
	costString    = 16 // string header (plus the bytes)
	costContainer = 64 // a list, tuple or dict header
	costSlot      = 16 // one element of a []any (stack, memo, list, tuple)
	costEntry     = 80 // one entry of a map[string]any, growth included
)

// pyList and pyDict are Python's mutable containers while decoding: a
// pickle may refer to one through the memo and extend it later. pyTuple
// is immutable. depth is how deeply the container nests (1 when it holds
// no container), kept up to date as elements are added.
type (
	pyList struct {
		items []any
		depth int
	}
	pyTuple struct {
		items []any
		depth int
	}
	pyDict struct {
		keys, vals []any
		depth      int
	}
	pyGlobal struct{ name string } // a callable named by GLOBAL
	pyMark   struct{}
)

// unpickler is a pickle machine for plain data that charges every
// allocation to a budget and checks depth, elements and memo size as it
// goes.
type unpickler struct {
	p      []byte
	pos    int // offset of the opcode being run
	op     opInfo
	stack  []any
	marks  []int
	memo   []any // by index; nil: not defined
	memoOK []bool
	memoN  int // entries defined
	budget int // bytes left to allocate
}

func newUnpickler(p []byte) *unpickler {
	return &unpickler{p: p, budget: decodeAllocMin + decodeAllocPerByte*len(p)}
}

// errorf returns a malformed-pickle error naming the opcode and offset.
func (u *unpickler) errorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s at offset %d: %s", ErrBadPickle, u.op.name, u.pos, fmt.Sprintf(format, args...))
}

// charge takes n bytes from the budget.
func (u *unpickler) charge(n int) error {
	u.budget -= n
	if u.budget < 0 {
		return u.errorf("the pickle of %d bytes would take more than %d bytes of memory to decode (%d times its size, plus %d)",
			len(u.p), decodeAllocMin+decodeAllocPerByte*len(u.p), decodeAllocPerByte, decodeAllocMin)
	}
	return nil
}

// room makes room for extra more elements of size bytes in a slice of
// length n and capacity c, charging the new array if it must grow, and
// returns the capacity to grow to (c if it need not).
func (u *unpickler) room(n, c, extra, size int) (int, error) {
	if n+extra <= c {
		return c, nil
	}
	nc := max(2*c, n+extra, 8)
	return nc, u.charge(nc * size)
}

func grow[T any](s []T, c int) []T {
	if c <= cap(s) {
		return s
	}
	return append(make([]T, 0, c), s...)
}

func (u *unpickler) push(v any) error {
	c, err := u.room(len(u.stack), cap(u.stack), 1, costSlot)
	if err != nil {
		return err
	}
	u.stack = append(grow(u.stack, c), v)
	return nil
}

func (u *unpickler) pop() (any, error) {
	n := len(u.stack)
	if n == 0 || len(u.marks) > 0 && u.marks[len(u.marks)-1] == n {
		return nil, u.errorf("the stack is empty")
	}
	v := u.stack[n-1]
	u.stack = u.stack[:n-1]
	return v, nil
}

func (u *unpickler) top() (any, error) {
	n := len(u.stack)
	if n == 0 || len(u.marks) > 0 && u.marks[len(u.marks)-1] == n {
		return nil, u.errorf("the stack is empty")
	}
	return u.stack[n-1], nil
}

// popMark returns the items above the last mark, and removes them and it.
func (u *unpickler) popMark() ([]any, error) {
	if len(u.marks) == 0 {
		return nil, u.errorf("no MARK before it")
	}
	m := u.marks[len(u.marks)-1]
	u.marks = u.marks[:len(u.marks)-1]
	items := u.stack[m:]
	u.stack = u.stack[:m]
	return items, nil
}

// depthOf is how deeply v nests containers (0 for a scalar).
func depthOf(v any) int {
	switch x := v.(type) {
	case *pyList:
		return x.depth
	case *pyTuple:
		return x.depth
	case *pyDict:
		return x.depth
	}
	return 0
}

// deepen raises a container's depth to hold v, refusing past the limit.
func (u *unpickler) deepen(depth *int, v any) error {
	if d := depthOf(v) + 1; d > *depth {
		if d > decodeMaxDepth {
			return u.errorf("values nested deeper than %d levels", decodeMaxDepth)
		}
		*depth = d
	}
	return nil
}

// tuple builds a tuple of items (copied), checking depth.
func (u *unpickler) tuple(items []any) (*pyTuple, error) {
	if err := u.charge(costContainer + costSlot*len(items)); err != nil {
		return nil, err
	}
	t := &pyTuple{items: append([]any(nil), items...), depth: 1}
	for _, e := range items {
		if err := u.deepen(&t.depth, e); err != nil {
			return nil, err
		}
	}
	return t, nil
}

// appendTo appends items to the list below them on the stack.
func (u *unpickler) appendTo(items []any) error {
	v, err := u.top()
	if err != nil {
		return err
	}
	l, ok := v.(*pyList)
	if !ok {
		return u.errorf("appends to %s, not a list", decodeTypeName(v))
	}
	c, err := u.room(len(l.items), cap(l.items), len(items), costSlot)
	if err != nil {
		return err
	}
	for _, e := range items {
		if err := u.deepen(&l.depth, e); err != nil {
			return err
		}
	}
	l.items = append(grow(l.items, c), items...)
	return nil
}

// setItems sets key, value pairs in the dict below them on the stack.
func (u *unpickler) setItems(kv []any) error {
	if len(kv)%2 != 0 {
		return u.errorf("odd number of items (%d) for keys and values", len(kv))
	}
	v, err := u.top()
	if err != nil {
		return err
	}
	d, ok := v.(*pyDict)
	if !ok {
		return u.errorf("sets items of %s, not a dict", decodeTypeName(v))
	}
	c, err := u.room(len(d.keys), cap(d.keys), len(kv)/2, 2*costSlot)
	if err != nil {
		return err
	}
	d.keys, d.vals = grow(d.keys, c), grow(d.vals, c)
	for i := 0; i < len(kv); i += 2 {
		if err := u.hashable(kv[i]); err != nil {
			return err
		}
		if err := u.deepen(&d.depth, kv[i+1]); err != nil {
			return err
		}
		d.keys, d.vals = append(d.keys, kv[i]), append(d.vals, kv[i+1])
	}
	return nil
}

// hashable refuses dict keys Python could not hash: lists, dicts, and
// tuples holding them.
func (u *unpickler) hashable(k any) error {
	switch x := k.(type) {
	case *pyList, *pyDict:
		return u.errorf("unhashable type: '%s' as a dict key", strings.TrimPrefix(strings.TrimPrefix(decodeTypeName(x), "a "), "an "))
	case *pyTuple:
		for _, e := range x.items {
			if err := u.hashable(e); err != nil {
				return err
			}
		}
	}
	return nil
}

// memoPut stores the stack top in the memo under idx ([Scan] has checked
// that idx is below the pickle's size, or 256).
func (u *unpickler) memoPut(idx uint64) error {
	v, err := u.top()
	if err != nil {
		return err
	}
	i := int(idx)
	if i >= len(u.memo) {
		c, err := u.room(len(u.memo), cap(u.memo), i+1-len(u.memo), costSlot+1)
		if err != nil {
			return err
		}
		u.memo, u.memoOK = grow(u.memo, c)[:i+1], grow(u.memoOK, c)[:i+1]
	}
	if !u.memoOK[i] {
		u.memoN++
	}
	u.memo[i], u.memoOK[i] = v, true
	return nil
}

func (u *unpickler) memoGet(idx uint64) error {
	if idx >= uint64(len(u.memo)) || !u.memoOK[idx] {
		return u.errorf("memo entry %d is not defined", idx)
	}
	return u.push(u.memo[idx])
}

// str copies b into a string, charging it.
func (u *unpickler) str(b []byte) (any, error) {
	if err := u.charge(costBox + costString + len(b)); err != nil {
		return nil, err
	}
	return unescapeSurrogates(b), nil
}

// unescapeSurrogates returns b as a string, with each lone surrogate
// U+DC80..U+DCFF (written by pickle with surrogatepass) turned back into
// the byte it stands for, as Python's surrogateescape encoding does: the
// sending handlers write a byte that is not UTF-8 that way.
func unescapeSurrogates(b []byte) string {
	if !bytes.Contains(b, []byte{0xed}) {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == 0xed && i+2 < len(b) && (b[i+1] == 0xb2 || b[i+1] == 0xb3) && b[i+2]&0xc0 == 0x80 {
			out = append(out, 0x80|(b[i+1]&1)<<6|b[i+2]&0x3f)
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return string(out)
}

func (u *unpickler) bytes(b []byte) (any, error) {
	if err := u.charge(costString + len(b)); err != nil {
		return nil, err
	}
	return append([]byte{}, b...), nil
}

func (u *unpickler) num(v any) (any, error) {
	if err := u.charge(costBox); err != nil {
		return nil, err
	}
	return v, nil
}

// textInt parses the argument of INT or LONG; INT's "00" and "01" are
// protocol 0's False and True.
func (u *unpickler) textInt(line []byte) (any, error) {
	s := string(line)
	if u.op.name == "INT" {
		switch s {
		case "00":
			return false, nil
		case "01":
			return true, nil
		}
	} else {
		s = strings.TrimSuffix(s, "L")
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return u.num(i)
	}
	n, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return nil, u.errorf("%q is not an integer", line)
	}
	return u.bigInt(n)
}

func (u *unpickler) bigInt(n *big.Int) (any, error) {
	if n.IsInt64() {
		return u.num(n.Int64())
	}
	if err := u.charge(costContainer + len(n.Bits())*8); err != nil {
		return nil, err
	}
	return n, nil
}

// long1 decodes LONG1's little-endian two's complement bytes.
func (u *unpickler) long1(b []byte) (any, error) {
	if len(b) == 0 {
		return u.num(int64(0))
	}
	be := make([]byte, len(b))
	for i, c := range b {
		be[len(b)-1-i] = c
	}
	n := new(big.Int).SetBytes(be)
	if b[len(b)-1]&0x80 != 0 {
		n.Sub(n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(b))))
	}
	return u.bigInt(n)
}

func (u *unpickler) textFloat(line []byte) (any, error) {
	f, err := strconv.ParseFloat(string(line), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); !ok || ne.Err != strconv.ErrRange {
			return nil, u.errorf("%q is not a float", line)
		}
	}
	return u.num(f)
}

func binFloat(b []byte) float64 { return math.Float64frombits(binary.BigEndian.Uint64(b)) }
