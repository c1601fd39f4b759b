package handlers

import (
	"log/slog"
	"slices"
	"unsafe"

	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/recbytes"
	"github.com/slogpy/slogpy/slogpy"
)

// appendRecordPickle appends the protocol-1 pickle of r's dictionary as
// CPython's makePickle builds it ([RecordFields] with msg merged, args and
// exc_info None), and the STOP opcode. The fields are written straight
// into the encoder, with no dictionary of boxed values in between; a
// record whose attributes repeat a key, or has more than 16 (up to the
// many that take more than one SETITEMS batch), goes through
// [RecordFields]'s slower path, which handles both. The caller has merged
// the message without error: msg is the merged message.
func appendRecordPickle(dst []byte, r *slogpy.Record, msg []byte) ([]byte, error) {
	var p pickler
	b := p.put1(append(dst, '}'))
	b = append(b, '(')
	b = p.str(p.key(b, logrecord.Name), r.Name)
	b = p.str(p.key(b, logrecord.Msg), view(msg))
	b = append(p.key(b, logrecord.Args), 'N')
	b = p.str(p.key(b, logrecord.Levelname), r.Levelname())
	b = appendInt(p.key(b, logrecord.Levelno), int64(r.Levelno))
	b = p.str(p.key(b, logrecord.Pathname), r.Pathname())
	b = p.str(p.key(b, logrecord.Filename), r.Filename())
	b = p.str(p.key(b, logrecord.Module), r.Module())
	b = append(p.key(b, logrecord.ExcInfo), 'N')
	b = p.optStr(p.key(b, logrecord.ExcText), r.ExcText)
	b = p.optStr(p.key(b, logrecord.StackInfo), r.StackInfo)
	b = appendInt(p.key(b, logrecord.Lineno), int64(r.Lineno()))
	b = p.optStr(p.key(b, logrecord.FuncName), r.FuncName())
	b = appendFloat(p.key(b, logrecord.Created), r.Created())
	b = appendFloat(p.key(b, logrecord.Msecs), r.Msecs())
	b = appendFloat(p.key(b, logrecord.RelativeCreated), r.RelativeCreated())
	b = optInt(p.key(b, logrecord.Thread), r.HasThread(), r.Thread())
	// The thread name is appended to b itself, after its key, then moved
	// into place as a string value: no scratch buffer.
	b = p.key(b, logrecord.ThreadName)
	at := len(b)
	b = recbytes.AppendThreadName(b, r)
	name := string(b[at:]) // short; the copy keeps b's bytes apart
	b = p.str(b[:at], name)
	b = p.str(p.key(b, logrecord.ProcessName), r.ProcessName())
	b = optInt(p.key(b, logrecord.Process), r.HasProcess(), int64(r.Process()))
	b, direct, err := p.attrs(b, r)
	if !direct {
		var fields [logrecord.NumDict + 8]Field
		return appendFieldsPickle(dst, appendRecordFields(fields[:0], r, true))
	}
	return append(b, 'u', '.'), err
}

// attrs writes r's attributes, each key checked against those before it.
// It returns !direct for a repeated key or more than 16 attributes: the
// caller starts over on the slower path. (A function of its own, so that
// the closure's b is not its caller's.)
func (p *pickler) attrs(b []byte, r *slogpy.Record) (_ []byte, direct bool, err error) {
	var keys [16]string
	n := 0
	direct = true
	r.Attrs(func(a slog.Attr) bool {
		if logrecord.Reserved(a.Key) {
			return true
		}
		for _, seen := range keys[:n] {
			if seen == a.Key {
				direct = false
				return false
			}
		}
		if n == len(keys) {
			direct = false
			return false
		}
		keys[n] = a.Key
		n++
		b, err = p.attrValue(p.str(b, a.Key), a.Value)
		return err == nil
	})
	return b, direct, err
}

// A keyBlock is the BINUNICODE opcode of a key of the record dictionary
// (an ASCII name of more than one character, so never a shared object)
// followed by BINPUT, in a fixed-size array: the key is copied as one
// block, not by a call to memmove, and its memo index set after.
type keyBlock struct {
	op [24]byte
	n  uint8 // the length of the opcode; op[n] is BINPUT, op[n+1] its index
}

// recordKeys are the keyBlocks of the record dictionary's keys.
var recordKeys = func() (keys [logrecord.NumDict + 1]keyBlock) {
	for _, a := range logrecord.Dict() {
		op := append(appendBinUnicode(nil, a.String()), 'q')
		keys[a].n = uint8(copy(keys[a].op[:], op) - 1)
	}
	return keys
}()

// key writes the key a of the record dictionary and remembers it. The
// keys are written first, each after at most one memoized value, so their
// memo indices fit BINPUT's one byte.
func (p *pickler) key(b []byte, a logrecord.Attr) []byte {
	k := &recordKeys[a]
	if p.memo > 0xff {
		return p.put1(append(b, k.op[:k.n]...))
	}
	n := len(b)
	b = slices.Grow(b, len(k.op))[:n+len(k.op)]
	*(*[len(k.op)]byte)(b[n:]) = k.op
	b[n+int(k.n)+1] = byte(p.memo)
	p.memo++
	return b[:n+int(k.n)+2]
}

// appendFieldsPickle appends the protocol-1 pickle of the record
// dictionary fs, in order, and the STOP opcode.
func appendFieldsPickle(dst []byte, fs []Field) ([]byte, error) {
	var p pickler
	b, err := p.dict(dst, len(fs), func(b []byte, i int) ([]byte, error) {
		return p.value(p.str(b, fs[i].Key), fs[i].Value)
	})
	return append(b, '.'), err
}

// view is b as a string, without a copy, for the encoder to read while b
// does not change (the record's message and a scratch buffer); the
// pickler keeps no string it is given.
func view(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

// optStr writes s, or None when s is empty.
func (p *pickler) optStr(b []byte, s string) []byte {
	if s == "" {
		return append(b, 'N')
	}
	return p.str(b, s)
}

// optInt writes n, or None when !ok.
func optInt(b []byte, ok bool, n int64) []byte {
	if !ok {
		return append(b, 'N')
	}
	return appendInt(b, n)
}

// attrValue writes an attribute's value as [netValue] converts it, the
// scalars directly.
func (p *pickler) attrValue(b []byte, v slog.Value) ([]byte, error) {
	v = v.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return p.str(b, v.String()), nil
	case slog.KindInt64:
		return appendInt(b, v.Int64()), nil
	case slog.KindFloat64:
		return appendFloat(b, v.Float64()), nil
	case slog.KindBool:
		return appendBool(b, v.Bool()), nil
	}
	return p.value(b, netValue(v, true, 0))
}
