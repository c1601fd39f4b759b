package handlers

import (
	"log/slog"
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
// the message without error.
func appendRecordPickle(dst []byte, r *slogpy.Record) ([]byte, error) {
	var attrs [16]slog.Attr
	n, direct := 0, true
	r.Attrs(func(a slog.Attr) bool {
		if logrecord.Reserved(a.Key) {
			return true
		}
		for _, seen := range attrs[:n] {
			if seen.Key == a.Key {
				direct = false
				return false
			}
		}
		if n == len(attrs) {
			direct = false
			return false
		}
		attrs[n] = a
		n++
		return true
	})
	if !direct {
		var fields [logrecord.NumDict + 8]Field
		return appendFieldsPickle(dst, appendRecordFields(fields[:0], r, true))
	}
	var p pickler
	b := p.put1(append(dst, '}'))
	b = append(b, '(')
	for _, a := range logrecord.Dict() {
		b = p.key(b, a)
		switch a {
		case logrecord.Name:
			b = p.str(b, r.Name)
		case logrecord.Msg:
			msg, _ := recbytes.Message(r)
			b = p.str(b, view(msg))
		case logrecord.Args, logrecord.ExcInfo:
			b = append(b, 'N')
		case logrecord.Levelname:
			b = p.str(b, r.Levelname())
		case logrecord.Levelno:
			b = appendInt(b, int64(r.Levelno))
		case logrecord.Pathname:
			b = p.str(b, r.Pathname())
		case logrecord.Filename:
			b = p.str(b, r.Filename())
		case logrecord.Module:
			b = p.str(b, r.Module())
		case logrecord.ExcText:
			b = p.optStr(b, r.ExcText)
		case logrecord.StackInfo:
			b = p.optStr(b, r.StackInfo)
		case logrecord.Lineno:
			b = appendInt(b, int64(r.Lineno()))
		case logrecord.FuncName:
			b = p.optStr(b, r.FuncName())
		case logrecord.Created:
			b = appendFloat(b, r.Created())
		case logrecord.Msecs:
			b = appendFloat(b, r.Msecs())
		case logrecord.RelativeCreated:
			b = appendFloat(b, r.RelativeCreated())
		case logrecord.Thread:
			b = optInt(b, r.HasThread(), r.Thread())
		case logrecord.ThreadName:
			// Written after the key, then moved into place: the name is
			// appended to b itself, with no scratch buffer.
			at := len(b)
			b = recbytes.AppendThreadName(b, r)
			name := string(b[at:]) // short; the copy keeps b's bytes apart
			b = p.str(b[:at], name)
		case logrecord.ProcessName:
			b = p.str(b, r.ProcessName())
		case logrecord.Process:
			b = optInt(b, r.HasProcess(), int64(r.Process()))
		}
	}
	var err error
	for _, a := range attrs[:n] {
		b = p.str(b, a.Key)
		if b, err = p.attrValue(b, a.Value); err != nil {
			break
		}
	}
	return append(b, 'u', '.'), err
}

// recordKeys are the BINUNICODE opcodes of the record dictionary's keys,
// ASCII names of more than one character: a key is written as these bytes
// and a BINPUT, with no check.
var recordKeys = func() (keys [logrecord.NumDict + 4][]byte) {
	for _, a := range logrecord.Dict() {
		keys[a] = appendBinUnicode(nil, a.String())
	}
	return keys
}()

// key writes the key a of the record dictionary.
func (p *pickler) key(b []byte, a logrecord.Attr) []byte {
	return p.put1(append(b, recordKeys[a]...))
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
