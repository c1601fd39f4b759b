package receiver

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"strconv"

	"github.com/slogpy/slogpy/slogpy"
)

// ErrUnsafePickle is wrapped by the error [Decode] returns for a pickle
// that uses anything beyond plain data: class lookups, calls, object
// construction, persistent references, extension codes, sets or
// out-of-band buffers.
var ErrUnsafePickle = errors.New("receiver: pickle is not plain data")

// ErrBadPickle is wrapped by the error [Decode] returns for a pickle that
// is malformed: truncated, with bytes after its end, or that does not
// decode to a dict with string keys.
var ErrBadPickle = errors.New("receiver: malformed pickle")

// An OpcodeError reports a pickle opcode that [Decode] refuses. It wraps
// [ErrUnsafePickle].
type OpcodeError struct {
	Offset int    // offset of the opcode in the pickle
	Opcode byte   // the opcode byte
	Name   string // pickletools' name of the opcode ("GLOBAL")
	Reason string // what the opcode would do ("class lookup of os.system")
}

// Error names the opcode, its offset and what it would do.
func (e *OpcodeError) Error() string {
	return fmt.Sprintf("receiver: pickle opcode %s (0x%02x) at offset %d is not allowed (%s): only dicts, lists, tuples, strings, bytes, numbers, booleans and None are accepted",
		e.Name, e.Opcode, e.Offset, e.Reason)
}

// Unwrap returns ErrUnsafePickle.
func (e *OpcodeError) Unwrap() error { return ErrUnsafePickle }

// Limits of the decoded value: nesting depth, and the digits of an int.
const (
	decodeMaxDepth = 64
	// decodeMaxDigits is CPython's limit on the digits of an int read from
	// text (sys.int_info.default_max_str_digits): beyond it, parsing costs
	// quadratic time.
	decodeMaxDigits = 4300
)

// argument kinds of the opcodes Decode allows.
const (
	argNone = iota
	argLine
	argFixed  // n bytes
	argLen1   // 1-byte length, then data
	argLen4   // 4-byte little-endian length, then data
	argLen8   // 8-byte little-endian length, then data
	argGlobal // two lines: module, name
)

type opInfo struct {
	name string
	arg  int
	n    int    // argFixed: size; argLine: longest line accepted
	deny string // non-empty: refused, and why
}

// decodeOps are the opcodes of pickle protocols 0 to 5.
var decodeOps = map[byte]opInfo{
	'(': {name: "MARK"}, '.': {name: "STOP"}, '0': {name: "POP"}, '1': {name: "POP_MARK"}, '2': {name: "DUP"},
	'F': {name: "FLOAT", arg: argLine, n: 512}, 'I': {name: "INT", arg: argLine, n: decodeMaxDigits + 2},
	'J': {name: "BININT", arg: argFixed, n: 4}, 'K': {name: "BININT1", arg: argFixed, n: 1},
	'L': {name: "LONG", arg: argLine, n: decodeMaxDigits + 2}, 'M': {name: "BININT2", arg: argFixed, n: 2},
	'N': {name: "NONE"}, 'R': {name: "REDUCE"},
	'S': {name: "STRING", arg: argLine}, 'T': {name: "BINSTRING", arg: argLen4}, 'U': {name: "SHORT_BINSTRING", arg: argLen1},
	'V': {name: "UNICODE", arg: argLine}, 'X': {name: "BINUNICODE", arg: argLen4},
	'a': {name: "APPEND"}, 'd': {name: "DICT"}, '}': {name: "EMPTY_DICT"}, 'e': {name: "APPENDS"},
	'l': {name: "LIST"}, ']': {name: "EMPTY_LIST"}, 's': {name: "SETITEM"}, 't': {name: "TUPLE"},
	')': {name: "EMPTY_TUPLE"}, 'u': {name: "SETITEMS"},
	'c': {name: "GLOBAL", arg: argGlobal},
	'g': {name: "GET", arg: argLine, n: 24}, 'h': {name: "BINGET", arg: argFixed, n: 1}, 'j': {name: "LONG_BINGET", arg: argFixed, n: 4},
	'p': {name: "PUT", arg: argLine, n: 24}, 'q': {name: "BINPUT", arg: argFixed, n: 1}, 'r': {name: "LONG_BINPUT", arg: argFixed, n: 4},
	'G':    {name: "BINFLOAT", arg: argFixed, n: 8},
	'\x80': {name: "PROTO", arg: argFixed, n: 1},
	'\x85': {name: "TUPLE1"}, '\x86': {name: "TUPLE2"}, '\x87': {name: "TUPLE3"},
	'\x88': {name: "NEWTRUE"}, '\x89': {name: "NEWFALSE"},
	'\x8a': {name: "LONG1", arg: argLen1},
	'B':    {name: "BINBYTES", arg: argLen4}, 'C': {name: "SHORT_BINBYTES", arg: argLen1},
	'\x8c': {name: "SHORT_BINUNICODE", arg: argLen1},
	'\x94': {name: "MEMOIZE"}, '\x95': {name: "FRAME", arg: argFixed, n: 8},
	'\x96': {name: "BYTEARRAY8", arg: argLen8},

	'P': {name: "PERSID", deny: "persistent reference"}, 'Q': {name: "BINPERSID", deny: "persistent reference"},
	'b': {name: "BUILD", deny: "object state"},
	'i': {name: "INST", deny: "class lookup and object creation"}, 'o': {name: "OBJ", deny: "object creation"},
	'\x81': {name: "NEWOBJ", deny: "object creation"}, '\x92': {name: "NEWOBJ_EX", deny: "object creation"},
	'\x93': {name: "STACK_GLOBAL", deny: "class lookup by names on the stack"},
	'\x82': {name: "EXT1", deny: "class lookup in the extension registry"},
	'\x83': {name: "EXT2", deny: "class lookup in the extension registry"},
	'\x84': {name: "EXT4", deny: "class lookup in the extension registry"},
	'\x8f': {name: "EMPTY_SET", deny: "sets are not accepted"}, '\x90': {name: "ADDITEMS", deny: "sets are not accepted"},
	'\x91': {name: "FROZENSET", deny: "sets are not accepted"},
	'\x97': {name: "NEXT_BUFFER", deny: "out-of-band buffer"}, '\x98': {name: "READONLY_BUFFER", deny: "out-of-band buffer"},
	'\x8b': {name: "LONG4", deny: "integer of more than 255 bytes"},
	'\x8d': {name: "BINUNICODE8", deny: "string of 4 GiB or more"},
	'\x8e': {name: "BINBYTES8", deny: "bytes of 4 GiB or more"},
}

// Scan checks a pickle opcode by opcode, without building anything: every
// opcode must be one that builds plain data, its argument must be within
// the pickle, memo entries must be defined before they are used, and the
// pickle must end with its STOP opcode. GLOBAL is accepted only for the
// functions through which pickle protocols 0 to 3 build bytes and
// bytearrays (_codecs.encode, bytes, bytearray); CPython's SocketHandler
// pickles with protocol 1. Protocol-0 text strings (STRING, UNICODE) are
// accepted only when they hold ASCII without escapes (the decoder does not
// undo Python's escapes). The error
// is an [*OpcodeError] for a refused opcode, else it wraps [ErrBadPickle].
func Scan(p []byte) error {
	memo := newScanMemo(len(p))
	for i := 0; i < len(p); {
		op := p[i]
		info, ok := decodeOps[op]
		if !ok {
			return &OpcodeError{Offset: i, Opcode: op, Name: "unknown", Reason: "no such opcode"}
		}
		if info.deny != "" {
			return &OpcodeError{Offset: i, Opcode: op, Name: info.name, Reason: info.deny}
		}
		at := i
		i++
		var n uint64
		switch info.arg {
		case argNone:
			switch op {
			case '.':
				if i != len(p) {
					return fmt.Errorf("%w: %d bytes after STOP at offset %d", ErrBadPickle, len(p)-i, at)
				}
				return nil
			case '\x94': // MEMOIZE
				if err := memo.check(true, uint64(memo.n), info.name, at); err != nil {
					return err
				}
			}
			continue
		case argFixed:
			n = uint64(info.n)
			if uint64(len(p)-i) < n {
				break
			}
			switch op {
			case 'h', 'j', 'q', 'r': // BINGET, LONG_BINGET, BINPUT, LONG_BINPUT
				idx := uint64(p[i])
				if n == 4 {
					idx = uint64(binary.LittleEndian.Uint32(p[i:]))
				}
				if err := memo.check(op == 'q' || op == 'r', idx, info.name, at); err != nil {
					return err
				}
			case '\x95': // FRAME: the frame must be within the pickle
				if size := binary.LittleEndian.Uint64(p[i:]); size > uint64(len(p)-i-8) {
					return fmt.Errorf("%w: FRAME at offset %d: frame of %d bytes, %d left in the pickle", ErrBadPickle, at, size, len(p)-i-8)
				}
			}
		case argLine:
			end := bytes.IndexByte(p[i:], '\n')
			if end < 0 {
				return fmt.Errorf("%w: %s at offset %d: argument line has no end", ErrBadPickle, info.name, at)
			}
			if info.n > 0 && end > info.n {
				return fmt.Errorf("%w: %s at offset %d: argument of %d bytes is longer than %d", ErrBadPickle, info.name, at, end, info.n)
			}
			line := p[i : i+end]
			switch op {
			case 'g', 'p': // GET, PUT
				idx, err := strconv.ParseUint(string(line), 10, 32)
				if err != nil {
					return fmt.Errorf("%w: %s at offset %d: memo index %q", ErrBadPickle, info.name, at, line)
				}
				if err := memo.check(op == 'p', idx, info.name, at); err != nil {
					return err
				}
			case 'S', 'V': // STRING, UNICODE
				if op == 'S' && (len(line) < 2 || line[0] != line[len(line)-1] || line[0] != '\'' && line[0] != '"') {
					return fmt.Errorf("%w: STRING at offset %d: argument is not quoted", ErrBadPickle, at)
				}
				for _, c := range line {
					if c == '\\' || c >= 0x80 {
						return &OpcodeError{Offset: at, Opcode: op, Name: info.name,
							Reason: "protocol-0 text with escapes or non-ASCII bytes is not supported"}
					}
				}
			}
			i += end + 1
			continue
		case argGlobal:
			mod, name, next, ok := scanGlobal(p, i)
			if !ok {
				return fmt.Errorf("%w: GLOBAL at offset %d: argument lines have no end", ErrBadPickle, at)
			}
			if decodeGlobalName(mod+"."+name) == "" {
				return &OpcodeError{Offset: at, Opcode: op, Name: info.name, Reason: "class lookup of " + mod + "." + name}
			}
			i = next
			continue
		case argLen1, argLen4, argLen8:
			size := 1
			if info.arg == argLen4 {
				size = 4
			} else if info.arg == argLen8 {
				size = 8
			}
			if len(p)-i < size {
				return fmt.Errorf("%w: %s at offset %d: truncated length", ErrBadPickle, info.name, at)
			}
			switch size {
			case 1:
				n = uint64(p[i])
			case 4:
				n = uint64(binary.LittleEndian.Uint32(p[i:]))
			case 8:
				n = binary.LittleEndian.Uint64(p[i:])
			}
			i += size
		}
		if n > uint64(len(p)-i) {
			return fmt.Errorf("%w: %s at offset %d: argument of %d bytes, %d left in the pickle", ErrBadPickle, info.name, at, n, len(p)-i)
		}
		i += int(n)
	}
	return fmt.Errorf("%w: no STOP opcode", ErrBadPickle)
}

// scanMemo is the set of memo entries a pickle has defined, as a bitset:
// CPython numbers them from 0 as it defines them, so a pickle of n bytes
// uses indexes below n (below 256 for the smallest).
type scanMemo struct {
	bits []uint64
	n    int // entries defined
}

func newScanMemo(size int) *scanMemo {
	return &scanMemo{bits: make([]uint64, (max(size, 256)+63)/64)}
}

// check records a memo entry (put) or checks that it is defined.
func (m *scanMemo) check(put bool, idx uint64, name string, at int) error {
	if idx >= uint64(len(m.bits))*64 {
		return fmt.Errorf("%w: %s at offset %d: memo index %d is beyond the %d entries a pickle of this size can define", ErrBadPickle, name, at, idx, len(m.bits)*64)
	}
	w, bit := idx/64, uint64(1)<<(idx%64)
	if put {
		if m.bits[w]&bit == 0 {
			m.bits[w] |= bit
			m.n++
		}
		return nil
	}
	if m.bits[w]&bit == 0 {
		return fmt.Errorf("%w: %s at offset %d: memo entry %d is not defined", ErrBadPickle, name, at, idx)
	}
	return nil
}

func scanGlobal(p []byte, i int) (mod, name string, next int, ok bool) {
	e1 := bytes.IndexByte(p[i:], '\n')
	if e1 < 0 {
		return "", "", 0, false
	}
	mod = string(p[i : i+e1])
	j := i + e1 + 1
	e2 := bytes.IndexByte(p[j:], '\n')
	if e2 < 0 {
		return "", "", 0, false
	}
	return mod, string(p[j : j+e2]), j + e2 + 1, true
}

// decodeGlobalName returns mod.name if GLOBAL may name it, else "": the
// functions through which pickle protocols 0 to 3 build bytes and
// bytearrays.
func decodeGlobalName(name string) string {
	switch name {
	case "_codecs.encode", "__builtin__.bytes", "__builtin__.bytearray", "builtins.bytes", "builtins.bytearray":
		return name
	}
	return ""
}

// codecsEncode is _codecs.encode(s, "latin1"): bytes pickled by protocols
// 0 to 2.
type codecsEncode struct{}

func (codecsEncode) Call(args ...any) (any, error) {
	if len(args) != 2 {
		return nil, fmt.Errorf("%w: _codecs.encode with %d arguments", ErrUnsafePickle, len(args))
	}
	s, ok1 := args[0].(string)
	enc, ok2 := args[1].(string)
	if !ok1 || !ok2 || (enc != "latin1" && enc != "latin-1") {
		return nil, fmt.Errorf("%w: _codecs.encode(%s, %v): only latin1 text is accepted", ErrUnsafePickle, decodeTypeName(args[0]), args[1])
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xff {
			return nil, fmt.Errorf("%w: _codecs.encode: %q is not latin1", ErrBadPickle, r)
		}
		b = append(b, byte(r))
	}
	return b, nil
}

// bytesType is bytes(x) and bytearray(x) for x empty or bytes.
type bytesType struct{}

func (bytesType) Call(args ...any) (any, error) {
	switch {
	case len(args) == 0:
		return []byte{}, nil
	case len(args) == 1:
		if b, ok := args[0].([]byte); ok {
			return append([]byte(nil), b...), nil
		}
	}
	return nil, fmt.Errorf("%w: bytes or bytearray of %d arguments", ErrUnsafePickle, len(args))
}

// Decode decodes one pickle of a record dictionary, as a receiver of
// CPython's SocketHandler and DatagramHandler does with pickle.loads, but
// safely: the pickle is first checked by [Scan], then decoded by a pickle
// machine that builds plain data only, never runs code and enforces its
// limits while it decodes: nesting deeper than 64 levels, more memo
// entries than half the pickle's size (plus 64), and anything that would
// make it allocate more than 8 times the pickle's size (plus 64 KiB) are
// refused at the opcode that goes past them, with an error naming it and
// its offset. The result must be a dict with string keys.
//
// Values come out as: str as string, int as int64 (or *big.Int beyond
// 64 bits), float as float64, bool, None as nil, list as []any, tuple as
// slogpy.Tuple, a dict within the record as slogpy.Dict (its keys as they
// were, in their order; of repeated keys the first place and the last
// value win, as in Python), bytes and bytearray as []byte: %(x)r of a
// received record prints what CPython's receiver prints. A list that
// contains itself is refused as nested too deeply.
func Decode(p []byte) (map[string]any, error) {
	if err := Scan(p); err != nil {
		return nil, err
	}
	u := newUnpickler(p)
	v, err := u.run()
	if err != nil {
		return nil, err
	}
	top, ok := v.(*pyDict)
	if !ok {
		return nil, fmt.Errorf("%w: the pickle holds %s, not a dict", ErrBadPickle, decodeTypeName(v))
	}
	c := converter{u: u}
	if err := u.charge(costContainer + costEntry*len(top.keys)); err != nil {
		return nil, err
	}
	out := make(map[string]any, len(top.keys))
	for i, k := range top.keys {
		ks, ok := k.(string)
		if !ok {
			return nil, fmt.Errorf("%w: record dict key %s is %s, not a string", ErrBadPickle, decodeKey(k), decodeTypeName(k))
		}
		cv, err := c.convert(top.vals[i], 1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ks, err)
		}
		out[ks] = cv
	}
	return out, nil
}

// converter turns the decoder's values into Go values, charging what it
// builds to the same budget: a pickle can refer to one list many times,
// and each reference is copied.
type converter struct{ u *unpickler }

func (c *converter) convert(v any, depth int) (any, error) {
	if depth > decodeMaxDepth {
		return nil, fmt.Errorf("%w: values nested deeper than %d levels", ErrBadPickle, decodeMaxDepth)
	}
	switch x := v.(type) {
	case *pyList:
		return c.list(x.items, depth)
	case *pyTuple:
		l, err := c.list(x.items, depth)
		if err != nil {
			return nil, err
		}
		return slogpy.Tuple(l.([]any)), nil
	case *pyDict:
		return c.dict(x, depth)
	case pyGlobal:
		return nil, fmt.Errorf("%w: the function %s is not plain data", ErrUnsafePickle, x.name)
	}
	return v, nil
}

func (c *converter) charge(n int) error {
	if err := c.u.charge(n); err != nil {
		return fmt.Errorf("%w: the pickle of %d bytes expands to more than %d bytes of values", ErrBadPickle, len(c.u.p), decodeAllocMin+decodeAllocPerByte*len(c.u.p))
	}
	return nil
}

func (c *converter) list(x []any, depth int) (any, error) {
	if err := c.charge(costContainer + costSlot*len(x)); err != nil {
		return nil, err
	}
	l := make([]any, len(x))
	for i, e := range x {
		ce, err := c.convert(e, depth+1)
		if err != nil {
			return nil, err
		}
		l[i] = ce
	}
	return l, nil
}

// dict converts a dict to a slogpy.Dict, keeping its keys as they were
// and its order; of repeated keys the first place and the last value win,
// as in Python.
func (c *converter) dict(x *pyDict, depth int) (any, error) {
	if err := c.charge(costContainer + 2*costEntry*len(x.keys)); err != nil {
		return nil, err
	}
	d := make(slogpy.Dict, 0, len(x.keys))
	seen := make(map[string]int, len(x.keys))
	for i, k := range x.keys {
		ck, err := c.convert(k, depth+1)
		if err != nil {
			return nil, err
		}
		cv, err := c.convert(x.vals[i], depth+1)
		if err != nil {
			return nil, err
		}
		sig := decodeKey(k)
		if j, ok := seen[sig]; ok {
			d[j].Value = cv
			continue
		}
		seen[sig] = len(d)
		d = append(d, slogpy.DictItem{Key: ck, Value: cv})
	}
	return d, nil
}

// decodeKey is a dict key as a string that equal keys share.
func decodeKey(k any) string {
	switch x := k.(type) {
	case *pyTuple:
		b := []byte("t(")
		for _, e := range x.items {
			b = append(b, decodeKey(e)...)
			b = append(b, 0)
		}
		return string(append(b, ')'))
	case string:
		return "s" + x
	case []byte:
		return "b" + string(x)
	}
	return fmt.Sprintf("%T:%v", k, k)
}

func decodeTypeName(v any) string {
	switch v.(type) {
	case nil:
		return "None"
	case string:
		return "a str"
	case int, int64, *big.Int:
		return "an int"
	case float64:
		return "a float"
	case bool:
		return "a bool"
	case *pyList:
		return "a list"
	case *pyTuple:
		return "a tuple"
	case []byte:
		return "bytes"
	case *pyDict:
		return "a dict"
	case pyGlobal:
		return "a function"
	}
	return fmt.Sprintf("%T", v)
}
