package receiver

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
)

// arg reads the argument of the opcode at u.pos and returns it with the
// offset of the next opcode. [Scan] has checked that it is within the
// pickle; the checks here keep the decoder safe on its own.
func (u *unpickler) arg() (arg []byte, next int, err error) {
	i := u.pos + 1
	p := u.p
	switch u.op.arg {
	case argNone:
		return nil, i, nil
	case argFixed:
		if len(p)-i < u.op.n {
			return nil, 0, u.errorf("truncated argument")
		}
		return p[i : i+u.op.n], i + u.op.n, nil
	case argLine:
		end := bytes.IndexByte(p[i:], '\n')
		if end < 0 {
			return nil, 0, u.errorf("argument line has no end")
		}
		return p[i : i+end], i + end + 1, nil
	case argGlobal:
		mod, name, next, ok := scanGlobal(p, i)
		if !ok {
			return nil, 0, u.errorf("argument lines have no end")
		}
		return []byte(mod + "." + name), next, nil
	}
	size := map[int]int{argLen1: 1, argLen4: 4, argLen8: 8}[u.op.arg]
	if len(p)-i < size {
		return nil, 0, u.errorf("truncated length")
	}
	var n uint64
	switch size {
	case 1:
		n = uint64(p[i])
	case 4:
		n = uint64(binary.LittleEndian.Uint32(p[i:]))
	default:
		n = binary.LittleEndian.Uint64(p[i:])
	}
	i += size
	if n > uint64(len(p)-i) {
		return nil, 0, u.errorf("argument of %d bytes, %d left in the pickle", n, len(p)-i)
	}
	return p[i : i+int(n)], i + int(n), nil
}

// run decodes the pickle and returns the value STOP finds on the stack.
func (u *unpickler) run() (any, error) {
	for u.pos < len(u.p) {
		op := u.p[u.pos]
		info, ok := decodeOps[op]
		if !ok || info.deny != "" {
			return nil, &OpcodeError{Offset: u.pos, Opcode: op, Name: info.name, Reason: "not a plain-data opcode"}
		}
		u.op = info
		a, next, err := u.arg()
		if err != nil {
			return nil, err
		}
		if op == '.' {
			if next != len(u.p) {
				return nil, u.errorf("%d bytes after STOP", len(u.p)-next)
			}
			v, err := u.pop()
			if err == nil && len(u.stack) > 0 {
				err = u.errorf("%d values left on the stack", len(u.stack))
			}
			return v, err
		}
		if err := u.step(op, a); err != nil {
			return nil, err
		}
		u.pos = next
	}
	return nil, u.errorf("no STOP opcode")
}

// step runs one opcode whose argument is a.
func (u *unpickler) step(op byte, a []byte) error {
	var v any
	var err error
	switch op {
	case '(': // MARK
		if len(u.marks) > decodeMaxDepth {
			return u.errorf("MARKs nested deeper than %d levels", decodeMaxDepth)
		}
		c, err := u.room(len(u.marks), cap(u.marks), 1, 8)
		if err != nil {
			return err
		}
		u.marks = append(grow(u.marks, c), len(u.stack))
		return nil
	case '0': // POP
		_, err = u.pop()
		return err
	case '1': // POP_MARK
		_, err = u.popMark()
		return err
	case '2': // DUP
		if v, err = u.top(); err != nil {
			return err
		}
		return u.push(v)
	case 'N':
		v = nil
	case '\x88':
		v = true
	case '\x89':
		v = false
	case 'I', 'L':
		v, err = u.textInt(a)
	case 'J':
		v, err = u.num(int64(int32(binary.LittleEndian.Uint32(a))))
	case 'K':
		v, err = u.num(int64(a[0]))
	case 'M':
		v, err = u.num(int64(binary.LittleEndian.Uint16(a)))
	case '\x8a':
		v, err = u.long1(a)
	case 'F':
		v, err = u.textFloat(a)
	case 'G':
		v, err = u.num(binFloat(a))
	case 'S': // STRING: quoted, without escapes (Scan)
		if len(a) < 2 {
			return u.errorf("argument is not quoted")
		}
		v, err = u.str(a[1 : len(a)-1])
	case 'V', 'X', '\x8c', 'T', 'U': // BINSTRING, SHORT_BINSTRING: str, as pickle.loads
		v, err = u.str(a)
	case 'B', 'C', '\x96':
		v, err = u.bytes(a)
	case ']', 'l':
		if op == 'l' {
			items, err := u.popMark()
			if err != nil {
				return err
			}
			items = append([]any(nil), items...) // the stack is reused by push
			if err := u.charge(costContainer); err != nil {
				return err
			}
			l := &pyList{depth: 1}
			if err := u.push(l); err != nil {
				return err
			}
			return u.appendTo(items)
		}
		if err := u.charge(costContainer); err != nil {
			return err
		}
		v = &pyList{depth: 1}
	case '}', 'd':
		if err := u.charge(costContainer); err != nil {
			return err
		}
		if op == 'd' {
			kv, err := u.popMark()
			if err != nil {
				return err
			}
			kv = append([]any(nil), kv...) // the stack is reused by push
			if err := u.push(&pyDict{depth: 1}); err != nil {
				return err
			}
			return u.setItems(kv)
		}
		v = &pyDict{depth: 1}
	case ')':
		v, err = u.tuple(nil)
	case 't':
		var items []any
		if items, err = u.popMark(); err == nil {
			v, err = u.tuple(items)
		}
	case '\x85', '\x86', '\x87': // TUPLE1, TUPLE2, TUPLE3
		n := int(op - '\x84')
		if len(u.stack)-n < u.floor() {
			return u.errorf("needs %d values on the stack", n)
		}
		items := u.stack[len(u.stack)-n:]
		u.stack = u.stack[:len(u.stack)-n]
		v, err = u.tuple(items)
	case 'a': // APPEND
		if v, err = u.pop(); err != nil {
			return err
		}
		return u.appendTo([]any{v})
	case 'e': // APPENDS
		items, err := u.popMark()
		if err != nil {
			return err
		}
		return u.appendTo(items)
	case 's': // SETITEM
		val, err := u.pop()
		if err != nil {
			return err
		}
		key, err := u.pop()
		if err != nil {
			return err
		}
		return u.setItems([]any{key, val})
	case 'u': // SETITEMS
		kv, err := u.popMark()
		if err != nil {
			return err
		}
		return u.setItems(kv)
	case 'g', 'p':
		idx, err := strconv.ParseUint(string(a), 10, 32)
		if err != nil {
			return u.errorf("memo index %q", a)
		}
		if op == 'p' {
			return u.memoPut(idx)
		}
		return u.memoGet(idx)
	case 'h':
		return u.memoGet(uint64(a[0]))
	case 'j':
		return u.memoGet(uint64(binary.LittleEndian.Uint32(a)))
	case 'q':
		return u.memoPut(uint64(a[0]))
	case 'r':
		return u.memoPut(uint64(binary.LittleEndian.Uint32(a)))
	case '\x94': // MEMOIZE
		return u.memoPut(uint64(u.memoN))
	case '\x80', '\x95': // PROTO, FRAME
		return nil
	case 'c': // GLOBAL
		if decodeGlobalName(string(a)) == "" {
			return &OpcodeError{Offset: u.pos, Opcode: op, Name: u.op.name, Reason: "class lookup of " + string(a)}
		}
		v = pyGlobal{string(a)}
	case 'R': // REDUCE
		v, err = u.reduce()
	default:
		return &OpcodeError{Offset: u.pos, Opcode: op, Name: u.op.name, Reason: "not a plain-data opcode"}
	}
	if err != nil {
		return err
	}
	return u.push(v)
}

// floor is the lowest stack index the current opcode may pop.
func (u *unpickler) floor() int {
	if len(u.marks) == 0 {
		return 0
	}
	return u.marks[len(u.marks)-1]
}

// reduce calls one of the functions GLOBAL may name, with a tuple of
// arguments: the encodings of bytes and bytearray in protocols 0 to 3.
func (u *unpickler) reduce() (any, error) {
	args, err := u.pop()
	if err != nil {
		return nil, err
	}
	fn, err := u.pop()
	if err != nil {
		return nil, err
	}
	g, ok1 := fn.(pyGlobal)
	t, ok2 := args.(*pyTuple)
	if !ok1 || !ok2 {
		return nil, &OpcodeError{Offset: u.pos, Opcode: 'R', Name: "REDUCE", Reason: "call of " + decodeTypeName(fn) + " with " + decodeTypeName(args)}
	}
	var c interface{ Call(...any) (any, error) } = bytesType{}
	if g.name == "_codecs.encode" {
		c = codecsEncode{}
	}
	v, err := c.Call(t.items...)
	if err != nil {
		return nil, fmt.Errorf("REDUCE at offset %d: %w", u.pos, err)
	}
	if err := u.charge(costString + len(v.([]byte))); err != nil {
		return nil, err
	}
	return v, nil
}
