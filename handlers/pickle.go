package handlers

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"slices"
	"sort"
	"strconv"
	"unicode/utf8"

	"github.com/slogpy/slogpy/slogpy"
)

// A pickler writes the bytes CPython's pickle.dumps(obj, 1) (the C
// _pickle module, protocol 1) writes for the values a record dictionary
// holds (see [RecordFields]): strings as BINUNICODE, each remembered with
// BINPUT; ints as BININT1, BININT2 or BININT, beyond 32 bits as the text
// LONG opcode; bools as INT "01"/"00"; floats as BINFLOAT; lists, tuples
// and dicts with MARK and APPENDS, TUPLE or SETITEMS in batches of 1000;
// bytes as CPython reduces them for protocols below 3.
//
// Every value gets its own memo entry, as the distinct objects of an
// unpickled dictionary would, except the objects CPython shares: the empty
// string and the strings of one Latin-1 character, the empty bytes and the
// bytes of one byte (singletons, so their second occurrence is a BINGET),
// and the _codecs.encode and bytes globals and the "latin1" argument of
// reduced bytes.
//
// The pickler holds only the memo state; its methods append to the buffer
// they are given and return it (the append style), so that the buffer is a
// local variable of the encoding, written with no GC write barrier, and a
// pickler lives on its caller's stack: one pickle's zero value is ready.
type pickler struct {
	memo uint32
	// singles holds the memo entries of the shared objects written: the
	// one-character string c (c < 256) under c, the empty string under
	// 256, and the bytes objects b"" and b"\xNN", which CPython also keeps
	// one object of, under 257+256 and 257+NN.
	singles singleMemo
	// encode, bytesType and latin1 are 1 + the memo index of the globals
	// and the string reduced bytes use.
	encode, bytesType, latin1 uint32
}

// bytesSingle is the offset of the bytes objects' keys in a singleMemo.
const bytesSingle = 257

// A singleMemo maps the keys of the shared objects (below 2×257) to 1 +
// their memo index. A record has few of them, so they sit in a short list
// behind a bitmap of the keys present: its zero value, which every pickle
// starts from, is a few words to clear rather than two tables of 257.
type singleMemo struct {
	present [(2*bytesSingle + 63) / 64]uint64
	n       int
	inline  [8]singleEntry
	more    []singleEntry
}

type singleEntry struct {
	key uint16
	idx uint32
}

// get returns 1 + the memo index of key, 0 if it was not written.
func (m *singleMemo) get(key int) uint32 {
	if m.present[key/64]&(1<<(key%64)) == 0 {
		return 0
	}
	for _, e := range m.inline[:min(m.n, len(m.inline))] {
		if int(e.key) == key {
			return e.idx
		}
	}
	for _, e := range m.more {
		if int(e.key) == key {
			return e.idx
		}
	}
	return 0
}

// set records idx (1 + the memo index) of key, written for the first time.
func (m *singleMemo) set(key int, idx uint32) {
	m.present[key/64] |= 1 << (key % 64)
	e := singleEntry{uint16(key), idx}
	if m.n < len(m.inline) {
		m.inline[m.n] = e
	} else {
		m.more = append(m.more, e)
	}
	m.n++
}

// put remembers the object just written: BINPUT or LONG_BINPUT.
func (p *pickler) put(b []byte) ([]byte, uint32) {
	n := p.memo
	p.memo++
	if n < 256 {
		return append(b, 'q', byte(n)), n + 1
	}
	b = append(b, 'r')
	return binary.LittleEndian.AppendUint32(b, n), n + 1
}

// put1 is put, for a caller that does not keep the memo index.
func (p *pickler) put1(b []byte) []byte {
	b, _ = p.put(b)
	return b
}

// get writes BINGET or LONG_BINGET of the memo entry n-1.
func get(b []byte, n uint32) []byte {
	n--
	if n < 256 {
		return append(b, 'h', byte(n))
	}
	b = append(b, 'j')
	return binary.LittleEndian.AppendUint32(b, n)
}

// str writes s as BINUNICODE and remembers it. A byte that is not UTF-8
// stands for the lone surrogate U+DC80+byte, as Python's surrogateescape
// decoding makes it, written as pickle writes it (surrogatepass).
func (p *pickler) str(b []byte, s string) []byte {
	if len(s) <= 2 {
		if c, ok := singleLatin1(s); ok {
			if n := p.singles.get(c); n != 0 {
				return get(b, n)
			}
			b, n := p.put(appendBinUnicode(b, s))
			p.singles.set(c, n)
			return b
		}
	}
	// Most of a record's strings are short and ASCII: checked here,
	// without a call.
	ascii := len(s) <= 16
	for i := 0; ascii && i < len(s); i++ {
		ascii = s[i] < utf8.RuneSelf
	}
	if p.memo > 0xff || !ascii && !utf8.ValidString(s) {
		return p.put1(appendBinUnicode(b, s))
	}
	// BINUNICODE and BINPUT, written in place.
	n := len(b)
	b = slices.Grow(b, len(s)+7)[:n+len(s)+7]
	b[n] = 'X'
	binary.LittleEndian.PutUint32(b[n+1:], uint32(len(s)))
	copy(b[n+5:], s)
	b[n+5+len(s)] = 'q'
	b[n+6+len(s)] = byte(p.memo)
	p.memo++
	return b
}

// singleLatin1 reports whether s is a string CPython keeps one object of:
// "" (index 256) or one character below U+0100 (its code point).
func singleLatin1(s string) (int, bool) {
	switch {
	case s == "":
		return 256, true
	case len(s) == 1 && s[0] < utf8.RuneSelf:
		return int(s[0]), true
	case len(s) == 2:
		if r, size := utf8.DecodeRuneInString(s); size == 2 && r < 256 {
			return int(r), true
		}
	}
	return 0, false
}

// appendBinUnicode appends the BINUNICODE opcode of s.
func appendBinUnicode(b []byte, s string) []byte {
	b = append(b, 'X')
	if utf8.ValidString(s) {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
		return append(b, s...)
	}
	at := len(b)
	b = append(b, 0, 0, 0, 0)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = 0xdc00 + rune(s[i])
			// utf8.AppendRune refuses surrogates: write the three bytes.
			b = append(b, 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	binary.LittleEndian.PutUint32(b[at:], uint32(len(b)-at-4))
	return b
}

func appendInt(b []byte, n int64) []byte {
	switch {
	case n >= 0 && n <= 0xff:
		return append(b, 'K', byte(n))
	case n >= 0 && n <= 0xffff:
		return append(b, 'M', byte(n), byte(n>>8))
	case n >= math.MinInt32 && n <= math.MaxInt32:
		b = append(b, 'J')
		return binary.LittleEndian.AppendUint32(b, uint32(int32(n)))
	}
	b = append(b, 'L')
	b = strconv.AppendInt(b, n, 10)
	return append(b, 'L', '\n')
}

// appendBool writes INT "01" or "00", as protocol 1 writes True and False.
func appendBool(b []byte, x bool) []byte {
	if x {
		return append(b, "I01\n"...)
	}
	return append(b, "I00\n"...)
}

// appendFloat writes BINFLOAT.
func appendFloat(b []byte, x float64) []byte {
	b = append(b, 'G')
	return binary.BigEndian.AppendUint64(b, math.Float64bits(x))
}

func (p *pickler) value(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		b = append(b, 'N')
	case string:
		b = p.str(b, x)
	case bool:
		b = appendBool(b, x)
	case int64:
		b = appendInt(b, x)
	case uint64:
		if x <= math.MaxInt32 {
			b = appendInt(b, int64(x))
		} else {
			b = append(b, 'L')
			b = strconv.AppendUint(b, x, 10)
			b = append(b, 'L', '\n')
		}
	case *big.Int:
		if x.IsInt64() {
			b = appendInt(b, x.Int64())
		} else {
			b = append(b, 'L')
			b = x.Append(b, 10)
			b = append(b, 'L', '\n')
		}
	case float64:
		b = appendFloat(b, x)
	case socketBytes:
		b = p.bytes(b, x)
	case []any:
		return p.list(b, x)
	case slogpy.Tuple:
		return p.tuple(b, x)
	case slogpy.Dict:
		return p.dictItems(b, x)
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		d := make(slogpy.Dict, len(keys))
		for i, k := range keys {
			d[i] = slogpy.DictItem{Key: k, Value: x[k]}
		}
		return p.dictItems(b, d)
	default:
		return b, fmt.Errorf("handlers: cannot pickle %T", v)
	}
	return b, nil
}

// pickleBatch is the batch size of APPENDS and SETITEMS (BATCHSIZE).
const pickleBatch = 1000

// list writes EMPTY_LIST, its memo, then the items: one with APPEND, more
// in batches of MARK … APPENDS, as batch_list_exact does.
func (p *pickler) list(b []byte, l []any) ([]byte, error) {
	b = p.put1(append(b, ']'))
	var err error
	if len(l) == 1 {
		if b, err = p.value(b, l[0]); err != nil {
			return b, err
		}
		return append(b, 'a'), nil
	}
	for i := 0; i < len(l); {
		b = append(b, '(')
		for end := min(i+pickleBatch, len(l)); i < end; i++ {
			if b, err = p.value(b, l[i]); err != nil {
				return b, err
			}
		}
		b = append(b, 'e')
	}
	return b, nil
}

// tuple writes EMPTY_TUPLE, or MARK, the items, TUPLE and its memo.
func (p *pickler) tuple(b []byte, t slogpy.Tuple) ([]byte, error) {
	if len(t) == 0 {
		return append(b, ')'), nil
	}
	b = append(b, '(')
	var err error
	for _, v := range t {
		if b, err = p.value(b, v); err != nil {
			return b, err
		}
	}
	return p.put1(append(b, 't')), nil
}

// dict writes a dict of n items, item i written by item(b, i) (key, then
// value): EMPTY_DICT, its memo, then one item with SETITEM, or more in
// batches of MARK … SETITEMS, as batch_dict_exact does (a dict of a
// multiple of 1000 items ends with an empty batch).
func (p *pickler) dict(b []byte, n int, item func(b []byte, i int) ([]byte, error)) ([]byte, error) {
	b = p.put1(append(b, '}'))
	if n == 0 {
		return b, nil
	}
	var err error
	if n == 1 {
		if b, err = item(b, 0); err != nil {
			return b, err
		}
		return append(b, 's'), nil
	}
	i := 0
	for {
		b = append(b, '(')
		k := 0
		for ; i < n && k < pickleBatch; i, k = i+1, k+1 {
			if b, err = item(b, i); err != nil {
				return b, err
			}
		}
		b = append(b, 'u')
		if k < pickleBatch {
			return b, nil
		}
	}
}

// dictItems writes the dict d in its order.
func (p *pickler) dictItems(b []byte, d slogpy.Dict) ([]byte, error) {
	return p.dict(b, len(d), func(b []byte, i int) ([]byte, error) {
		b, err := p.value(b, d[i].Key)
		if err != nil {
			return b, err
		}
		return p.value(b, d[i].Value)
	})
}

// bytes writes x as protocol 1 reduces bytes: _codecs.encode(x decoded as
// Latin-1, "latin1"), or bytes() for empty x.
func (p *pickler) bytes(b []byte, x []byte) []byte {
	if len(x) > 1 {
		b, _ = p.reduceBytes(b, x)
		return b
	}
	c := 256
	if len(x) == 1 {
		c = int(x[0])
	}
	if n := p.singles.get(bytesSingle + c); n != 0 {
		return get(b, n)
	}
	b, n := p.reduceBytes(b, x)
	p.singles.set(bytesSingle+c, n)
	return b
}

// reduceBytes writes the reduction of x and returns 1 + the memo index of
// the result.
func (p *pickler) reduceBytes(b []byte, x []byte) ([]byte, uint32) {
	if len(x) == 0 {
		if p.bytesType != 0 {
			b = get(b, p.bytesType)
		} else {
			b, p.bytesType = p.put(append(b, "c__builtin__\nbytes\n"...))
		}
		return p.put(append(b, ')', 'R'))
	}
	if p.encode != 0 {
		b = get(b, p.encode)
	} else {
		b, p.encode = p.put(append(b, "c_codecs\nencode\n"...))
	}
	b = append(b, '(')
	var buf [64]byte
	s := buf[:0]
	for _, c := range x {
		s = utf8.AppendRune(s, rune(c))
	}
	b = p.str(b, string(s))
	if p.latin1 != 0 {
		b = get(b, p.latin1)
	} else {
		b, p.latin1 = p.put(appendBinUnicode(b, "latin1"))
	}
	b = p.put1(append(b, 't'))
	return p.put(append(b, 'R'))
}
