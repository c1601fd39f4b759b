package receiver

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"

	"strconv"

	"github.com/nlpodyssey/gopickle/pickle"
	"github.com/nlpodyssey/gopickle/types"
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

// Limits of the decoded value: nesting depth, and values converted per
// byte of pickle (a pickle can refer to one list many times; the
// conversion copies it each time).
const (
	decodeMaxDepth      = 64
	decodeValuesPerByte = 4
	decodeMinValues     = 4096
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
	memo := make(map[uint64]struct{})
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
				memo[uint64(len(memo))] = struct{}{}
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
				if err := scanMemo(memo, op == 'q' || op == 'r', idx, info.name, at); err != nil {
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
				if err := scanMemo(memo, op == 'p', idx, info.name, at); err != nil {
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
			if decodeGlobal(mod, name) == nil {
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

// scanMemo records a memo entry (put) or checks that it is defined.
func scanMemo(memo map[uint64]struct{}, put bool, idx uint64, name string, at int) error {
	if put {
		memo[idx] = struct{}{}
		return nil
	}
	if _, ok := memo[idx]; !ok {
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

// decodeGlobal returns the function a GLOBAL may name, or nil: those
// through which pickle protocols 0 to 3 build bytes and bytearrays.
func decodeGlobal(mod, name string) types.Callable {
	switch {
	case mod == "_codecs" && name == "encode":
		return codecsEncode{}
	case (mod == "__builtin__" || mod == "builtins") && (name == "bytes" || name == "bytearray"):
		return bytesType{}
	}
	return nil
}

// codecsEncode is _codecs.encode(s, "latin1"): bytes pickled by protocols
// 0 to 2.
type codecsEncode struct{}

func (codecsEncode) Call(args ...interface{}) (interface{}, error) {
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

func (bytesType) Call(args ...interface{}) (interface{}, error) {
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
// safely: the pickle is first checked by [Scan], then decoded by
// github.com/nlpodyssey/gopickle (which builds values and never runs code;
// its class lookups go through the same allow-list), and the result must be
// a dict with string keys holding only plain data.
//
// Values come out as: str as string, int as int64 (or *big.Int beyond
// 64 bits), float as float64, bool, None as nil, list and tuple as []any,
// dict as map[string]any (keys that are not strings are written with
// fmt.Sprint; of repeated keys the last wins), bytes and bytearray as
// []byte. Nesting deeper than 64 levels (or a list that contains itself)
// and pickles that expand to more than a few values per byte (one list
// referred to many times) are refused.
func Decode(p []byte) (map[string]any, error) {
	if err := Scan(p); err != nil {
		return nil, err
	}
	v, err := decodePickle(p)
	if err != nil {
		return nil, err
	}
	top, ok := v.(*types.Dict)
	if !ok {
		return nil, fmt.Errorf("%w: the pickle holds %s, not a dict", ErrBadPickle, decodeTypeName(v))
	}
	c := converter{budget: max(decodeMinValues, decodeValuesPerByte*len(p))}
	out := make(map[string]any, top.Len())
	for _, e := range *top {
		ks, ok := e.Key.(string)
		if !ok {
			return nil, fmt.Errorf("%w: record dict key %v is %s, not a string", ErrBadPickle, e.Key, decodeTypeName(e.Key))
		}
		cv, err := c.convert(e.Value, 1)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", ks, err)
		}
		out[ks] = cv
	}
	return out, nil
}

func decodePickle(p []byte) (v any, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("%w: decoder failed: %v", ErrBadPickle, r)
		}
	}()
	u := pickle.NewUnpickler(bytes.NewReader(p))
	u.FindClass = func(mod, name string) (interface{}, error) {
		if c := decodeGlobal(mod, name); c != nil {
			return c, nil
		}
		return nil, fmt.Errorf("%w: class lookup of %s.%s", ErrUnsafePickle, mod, name)
	}
	v, err = u.Load()
	if err != nil {
		if errors.Is(err, ErrUnsafePickle) || errors.Is(err, ErrBadPickle) {
			return nil, err
		}
		return nil, fmt.Errorf("%w: %w", ErrBadPickle, err)
	}
	return v, nil
}

type converter struct{ budget int }

func (c *converter) convert(v any, depth int) (any, error) {
	c.budget--
	if c.budget < 0 {
		return nil, fmt.Errorf("%w: the pickle expands to too many values", ErrBadPickle)
	}
	if depth > decodeMaxDepth {
		return nil, fmt.Errorf("%w: values nested deeper than %d levels", ErrBadPickle, decodeMaxDepth)
	}
	switch x := v.(type) {
	case nil, string, bool, int64, float64:
		return x, nil
	case int:
		return int64(x), nil
	case *big.Int:
		if x.IsInt64() {
			return x.Int64(), nil
		}
		return x, nil
	case []byte:
		return append([]byte(nil), x...), nil
	case *types.ByteArray:
		return append([]byte(nil), *x...), nil
	case *types.List:
		return c.list(*x, depth)
	case *types.Tuple:
		return c.list(*x, depth)
	case *types.Dict:
		m := make(map[string]any, x.Len())
		for _, e := range *x {
			ks, ok := e.Key.(string)
			if !ok {
				ks = fmt.Sprint(e.Key)
			}
			ce, err := c.convert(e.Value, depth+1)
			if err != nil {
				return nil, err
			}
			m[ks] = ce
		}
		return m, nil
	}
	return nil, fmt.Errorf("%w: %s is not plain data", ErrUnsafePickle, decodeTypeName(v))
}

func (c *converter) list(x []any, depth int) (any, error) {
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
	case *types.List:
		return "a list"
	case *types.Tuple:
		return "a tuple"
	case []byte, *types.ByteArray:
		return "bytes"
	case *types.Dict:
		return "a dict"
	}
	return fmt.Sprintf("%T", v)
}
