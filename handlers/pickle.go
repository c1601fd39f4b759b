package handlers

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"sync"
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
type pickler struct {
	b    []byte
	memo uint32
	// singles[c] is 1 + the memo index of the one-character string c
	// (c < 256), singles[256] that of the empty string; 0 if not written.
	singles [257]uint32
	touched []uint16
	// bsingles is singles for bytes objects: b"" and the one-byte bytes,
	// which CPython also keeps one object of.
	bsingles [257]uint32
	btouched []uint16
	// encode, bytesType and latin1 are 1 + the memo index of the globals
	// and the string reduced bytes use.
	encode, bytesType, latin1 uint32
}

var picklerPool = sync.Pool{New: func() any { return &pickler{touched: make([]uint16, 0, 16)} }}

func getPickler(dst []byte) *pickler {
	p := picklerPool.Get().(*pickler)
	p.b = dst
	return p
}

// release resets p and returns it to the pool; the bytes are p.b.
func (p *pickler) release() []byte {
	b := p.b
	for _, c := range p.touched {
		p.singles[c] = 0
	}
	p.touched = p.touched[:0]
	for _, c := range p.btouched {
		p.bsingles[c] = 0
	}
	p.btouched = p.btouched[:0]
	p.b, p.memo, p.encode, p.bytesType, p.latin1 = nil, 0, 0, 0, 0
	picklerPool.Put(p)
	return b
}

// put remembers the object just written: BINPUT or LONG_BINPUT.
func (p *pickler) put() uint32 {
	n := p.memo
	p.memo++
	if n < 256 {
		p.b = append(p.b, 'q', byte(n))
	} else {
		p.b = append(p.b, 'r')
		p.b = binary.LittleEndian.AppendUint32(p.b, n)
	}
	return n + 1
}

// get writes BINGET or LONG_BINGET of the memo entry n-1.
func (p *pickler) get(n uint32) {
	n--
	if n < 256 {
		p.b = append(p.b, 'h', byte(n))
	} else {
		p.b = append(p.b, 'j')
		p.b = binary.LittleEndian.AppendUint32(p.b, n)
	}
}

// str writes s as BINUNICODE and remembers it. A byte that is not UTF-8
// stands for the lone surrogate U+DC80+byte, as Python's surrogateescape
// decoding makes it, written as pickle writes it (surrogatepass).
func (p *pickler) str(s string) {
	if c, ok := singleLatin1(s); ok {
		if n := p.singles[c]; n != 0 {
			p.get(n)
			return
		}
		p.strBytes(s)
		p.singles[c] = p.put()
		p.touched = append(p.touched, uint16(c))
		return
	}
	p.strBytes(s)
	p.put()
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

func (p *pickler) strBytes(s string) {
	p.b = append(p.b, 'X')
	if utf8.ValidString(s) {
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(len(s)))
		p.b = append(p.b, s...)
		return
	}
	at := len(p.b)
	p.b = append(p.b, 0, 0, 0, 0)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			r = 0xdc00 + rune(s[i])
			// utf8.AppendRune refuses surrogates: write the three bytes.
			p.b = append(p.b, 0xe0|byte(r>>12), 0x80|byte(r>>6)&0x3f, 0x80|byte(r)&0x3f)
		} else {
			p.b = append(p.b, s[i:i+size]...)
		}
		i += size
	}
	binary.LittleEndian.PutUint32(p.b[at:], uint32(len(p.b)-at-4))
}

func (p *pickler) int64(n int64) {
	switch {
	case n >= 0 && n <= 0xff:
		p.b = append(p.b, 'K', byte(n))
	case n >= 0 && n <= 0xffff:
		p.b = append(p.b, 'M', byte(n), byte(n>>8))
	case n >= math.MinInt32 && n <= math.MaxInt32:
		p.b = append(p.b, 'J')
		p.b = binary.LittleEndian.AppendUint32(p.b, uint32(int32(n)))
	default:
		p.b = append(p.b, 'L')
		p.b = strconv.AppendInt(p.b, n, 10)
		p.b = append(p.b, 'L', '\n')
	}
}

func (p *pickler) value(v any) error {
	switch x := v.(type) {
	case nil:
		p.b = append(p.b, 'N')
	case string:
		p.str(x)
	case bool:
		if x {
			p.b = append(p.b, "I01\n"...)
		} else {
			p.b = append(p.b, "I00\n"...)
		}
	case int64:
		p.int64(x)
	case uint64:
		if x <= math.MaxInt32 {
			p.int64(int64(x))
		} else {
			p.b = append(p.b, 'L')
			p.b = strconv.AppendUint(p.b, x, 10)
			p.b = append(p.b, 'L', '\n')
		}
	case *big.Int:
		if x.IsInt64() {
			p.int64(x.Int64())
		} else {
			p.b = append(p.b, 'L')
			p.b = x.Append(p.b, 10)
			p.b = append(p.b, 'L', '\n')
		}
	case float64:
		p.b = append(p.b, 'G')
		p.b = binary.BigEndian.AppendUint64(p.b, math.Float64bits(x))
	case socketBytes:
		p.bytes(x)
	case []any:
		return p.list(x)
	case slogpy.Tuple:
		return p.tuple(x)
	case slogpy.Dict:
		return pickleDict(p, x, dictItem)
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
		return pickleDict(p, d, dictItem)
	default:
		return fmt.Errorf("handlers: cannot pickle %T", v)
	}
	return nil
}

// pickleBatch is the batch size of APPENDS and SETITEMS (BATCHSIZE).
const pickleBatch = 1000

// list writes EMPTY_LIST, its memo, then the items: one with APPEND, more
// in batches of MARK … APPENDS, as batch_list_exact does.
func (p *pickler) list(l []any) error {
	p.b = append(p.b, ']')
	p.put()
	if len(l) == 1 {
		if err := p.value(l[0]); err != nil {
			return err
		}
		p.b = append(p.b, 'a')
		return nil
	}
	for i := 0; i < len(l); {
		p.b = append(p.b, '(')
		for end := min(i+pickleBatch, len(l)); i < end; i++ {
			if err := p.value(l[i]); err != nil {
				return err
			}
		}
		p.b = append(p.b, 'e')
	}
	return nil
}

// tuple writes EMPTY_TUPLE, or MARK, the items, TUPLE and its memo.
func (p *pickler) tuple(t slogpy.Tuple) error {
	if len(t) == 0 {
		p.b = append(p.b, ')')
		return nil
	}
	p.b = append(p.b, '(')
	for _, v := range t {
		if err := p.value(v); err != nil {
			return err
		}
	}
	p.b = append(p.b, 't')
	p.put()
	return nil
}

// pickleDict writes a dict of items, each written by kv (key, then
// value): EMPTY_DICT, its memo, then one item with SETITEM, or more in
// batches of MARK … SETITEMS, as batch_dict_exact does (a dict of a
// multiple of 1000 items ends with an empty batch).
func pickleDict[T any](p *pickler, items []T, kv func(*pickler, T) error) error {
	p.b = append(p.b, '}')
	p.put()
	if len(items) == 0 {
		return nil
	}
	item := func(it T) error { return kv(p, it) }
	if len(items) == 1 {
		if err := item(items[0]); err != nil {
			return err
		}
		p.b = append(p.b, 's')
		return nil
	}
	i := 0
	for {
		p.b = append(p.b, '(')
		n := 0
		for ; i < len(items) && n < pickleBatch; i, n = i+1, n+1 {
			if err := item(items[i]); err != nil {
				return err
			}
		}
		p.b = append(p.b, 'u')
		if n < pickleBatch {
			return nil
		}
	}
}

func dictItem(p *pickler, it slogpy.DictItem) error {
	if err := p.value(it.Key); err != nil {
		return err
	}
	return p.value(it.Value)
}

func fieldItem(p *pickler, f Field) error {
	p.str(f.Key)
	return p.value(f.Value)
}

// bytes writes b as protocol 1 reduces bytes: _codecs.encode(b decoded as
// Latin-1, "latin1"), or bytes() for empty b.
func (p *pickler) bytes(b []byte) {
	if len(b) > 1 {
		p.reduceBytes(b)
		return
	}
	c := 256
	if len(b) == 1 {
		c = int(b[0])
	}
	if n := p.bsingles[c]; n != 0 {
		p.get(n)
		return
	}
	p.bsingles[c] = p.reduceBytes(b)
	p.btouched = append(p.btouched, uint16(c))
}

// reduceBytes writes the reduction of b and returns 1 + the memo index of
// the result.
func (p *pickler) reduceBytes(b []byte) uint32 {
	if len(b) == 0 {
		if p.bytesType != 0 {
			p.get(p.bytesType)
		} else {
			p.b = append(p.b, "c__builtin__\nbytes\n"...)
			p.bytesType = p.put()
		}
		p.b = append(p.b, ')', 'R')
		return p.put()
	}
	if p.encode != 0 {
		p.get(p.encode)
	} else {
		p.b = append(p.b, "c_codecs\nencode\n"...)
		p.encode = p.put()
	}
	p.b = append(p.b, '(')
	var buf [64]byte
	s := buf[:0]
	for _, c := range b {
		s = utf8.AppendRune(s, rune(c))
	}
	p.str(string(s))
	if p.latin1 != 0 {
		p.get(p.latin1)
	} else {
		p.strBytes("latin1")
		p.latin1 = p.put()
	}
	p.b = append(p.b, 't')
	p.put()
	p.b = append(p.b, 'R')
	return p.put()
}

// appendRecordPickle appends the protocol-1 pickle of the record
// dictionary fs, in order, and the STOP opcode.
func appendRecordPickle(dst []byte, fs []Field) ([]byte, error) {
	p := getPickler(dst)
	err := pickleDict(p, fs, fieldItem)
	p.b = append(p.b, '.')
	return p.release(), err
}
