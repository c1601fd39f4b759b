package pytime

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"
)

// Layout is a strftime format compiled by [Compile]. It is immutable and safe
// for concurrent use; the zero Layout formats as the empty format "".
type Layout struct {
	ops   []op
	need  uint8 // tm fields the ops read
	wide  bool  // some directive has a field width
	limit int   // longest output CPython returns; longer gives ""
}

type opKind uint8

const (
	opLit     opKind = iota // lit
	opDate                  // %Y-%m-%d
	opClock                 // %H:%M:%S
	opPlain                 // a plain directive written by hand
	opGlibc                 // any other directive, emulated
	opTimefmt               // lit is a format for timefmt.AppendFormat
)

type op struct {
	kind opKind
	lit  string
	dir  directive
}

// ErrNUL is returned by [Compile] for a format containing a NUL byte.
var ErrNUL = errors.New("pytime: embedded null character in format")

// Compile compiles datefmt, a format for CPython's time.strftime. It only
// fails, with [ErrNUL], for a format CPython rejects; see the package
// documentation for the conversions. Unknown conversions such as "%f", "%Q",
// "%E" or a trailing "%" are copied to the output as glibc does.
//
// Compile("") gives a Layout that appends nothing, as time.strftime("")
// returns "". Note that formatTime treats an empty datefmt as no datefmt and
// uses [AppendDefault]; callers mirror that test themselves.
func Compile(datefmt string) (*Layout, error) {
	if strings.IndexByte(datefmt, 0) >= 0 {
		return nil, ErrNUL
	}
	l := &Layout{limit: outputLimit(utf8.RuneCountInString(datefmt))}
	var lit []byte
	flush := func() {
		if len(lit) > 0 {
			l.ops = append(l.ops, op{kind: opLit, lit: string(lit)})
			lit = lit[:0]
		}
	}
	for i := 0; i < len(datefmt); {
		if datefmt[i] != '%' {
			lit = append(lit, datefmt[i])
			i++
			continue
		}
		d, next := parseDirective(datefmt, i, l.limit+1)
		i = next
		switch {
		case d.conv == '%' && d.plain():
			lit = append(lit, '%')
			continue
		case d.conv == 'n' && d.plain():
			lit = append(lit, '\n')
			continue
		case d.conv == 't' && d.plain():
			lit = append(lit, '\t')
			continue
		}
		flush()
		l.wide = l.wide || d.width >= 0
		switch {
		case d.plain() && hasPlain(d.conv):
			l.need |= d.need()
			l.ops = append(l.ops, op{kind: opPlain, dir: d})
		case tfSafe(&d):
			l.ops = append(l.ops, op{kind: opTimefmt, lit: d.raw})
		default:
			l.need |= d.need()
			l.ops = append(l.ops, op{kind: opGlibc, dir: d})
		}
	}
	flush()
	l.ops = mergeTimefmt(fuse(l.ops))
	return l, nil
}

// outputLimit returns the longest result CPython's time.strftime returns for
// a format of n characters. It calls wcsftime with buffers of 1024, 2048, …
// characters and gives up, returning "", once the buffer has reached 256
// times the format's length; wcsftime needs room for the terminating NUL.
func outputLimit(n int) int {
	size := 1024
	for size < 256*n {
		size *= 2
	}
	return size - 1
}

// hasPlain reports whether appendPlain writes conv by hand.
func hasPlain(conv rune) bool {
	return strings.ContainsRune("YmdHMSyIeklbhBaApZz", conv)
}

// fuse replaces the runs "%Y-%m-%d" and "%H:%M:%S" with single ops, and
// expands plain %F and %T, which are those runs.
func fuse(ops []op) []op {
	out := ops[:0:0]
	for i := 0; i < len(ops); i++ {
		switch {
		case isPlain(ops[i], 'F'):
			out = append(out, op{kind: opDate})
		case isPlain(ops[i], 'T'):
			out = append(out, op{kind: opClock})
		case i+2 < len(ops) && isPlain(ops[i], 'Y') && isLit(ops[i+1], "-") &&
			isPlain(ops[i+2], 'm') && i+4 < len(ops) && isLit(ops[i+3], "-") && isPlain(ops[i+4], 'd'):
			out = append(out, op{kind: opDate})
			i += 4
		case i+4 < len(ops) && isPlain(ops[i], 'H') && isLit(ops[i+1], ":") &&
			isPlain(ops[i+2], 'M') && isLit(ops[i+3], ":") && isPlain(ops[i+4], 'S'):
			out = append(out, op{kind: opClock})
			i += 4
		default:
			out = append(out, ops[i])
		}
	}
	return out
}

func isPlain(o op, conv rune) bool {
	return (o.kind == opPlain || o.kind == opGlibc) && o.dir.conv == conv && o.dir.plain()
}

func isLit(o op, s string) bool {
	return o.kind == opLit && o.lit == s
}

// Append appends t formatted as CPython's time.strftime(datefmt, st) would,
// where st is the struct_time time.localtime gives for t under TZ set to
// t.Location(). It does not allocate when dst has room.
//
// Like CPython, Append appends nothing when the result would exceed 256
// characters per character of datefmt (rounded up to a power of two times
// 1024), which only field widths such as "%5000d" can reach.
func (l *Layout) Append(dst []byte, t time.Time) []byte {
	start := len(dst)
	var x tm
	x.fill(t, l.need)
	for i := range l.ops {
		o := &l.ops[i]
		switch o.kind {
		case opLit:
			dst = append(dst, o.lit...)
		case opDate:
			dst = appendDate(dst, x.year, x.mon, x.mday)
		case opClock:
			dst = appendClock(dst, x.hour, x.min, x.sec)
		case opPlain:
			dst = appendPlain(dst, o.dir.conv, &x)
		case opGlibc:
			dst = appendGlibc(dst, &o.dir, &x)
		case opTimefmt:
			dst = appendTimefmt(dst, t, o.lit)
		}
		// A character takes at most 4 bytes; stop writing early once
		// the result is sure to be discarded.
		if l.wide && len(dst)-start > 4*(l.limit+1) {
			return dst[:start]
		}
	}
	if n := len(dst) - start; n > l.limit && utf8.RuneCount(dst[start:]) > l.limit {
		return dst[:start]
	}
	return dst
}
