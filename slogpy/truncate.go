package slogpy

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// DefaultMaxMessage is the longest merged message (Msg % Args) a record
// builds, and the longest line a handler formats, unless set otherwise
// ([Record.SetMaxMessage], HandlerOptions.MaxLine): 1 MiB.
const DefaultMaxMessage = 1 << 20

// ErrTruncated is wrapped by the error a handler reports, at most once a
// minute, when it truncated records: a merged message or a formatted line
// over its limit.
var ErrTruncated = errors.New("record truncated")

// truncReportEvery is how often a handler reports truncated records.
const truncReportEvery = time.Minute

// SetMaxMessage sets the longest merged message the record builds, in
// bytes, before [Record.Message] is first called: a longer one is cut there
// (on a UTF-8 boundary) and ends with a marker, " [truncated at N bytes]",
// and formatting stops producing output at that point rather than building
// the whole message first. Zero means [DefaultMaxMessage]; a negative n
// means no limit. The receiver sets it from its Options.MaxMessage.
func (r *Record) SetMaxMessage(n int) { r.maxMsg = n }

// Truncated reports whether the record's merged message was cut at its
// limit (see [Record.SetMaxMessage]).
func (r *Record) Truncated() bool {
	r.message()
	return r.msgCut
}

func (r *Record) maxMessage() int {
	if r.maxMsg == 0 {
		return DefaultMaxMessage
	}
	return r.maxMsg
}

// appendTruncMarker appends the marker of a text cut at n bytes.
func appendTruncMarker(dst []byte, n int) []byte {
	dst = append(dst, " [truncated at "...)
	dst = strconv.AppendInt(dst, int64(n), 10)
	return append(dst, " bytes]"...)
}

// mergeMessage computes the record's merged message within its limit.
func (r *Record) mergeMessage() {
	max := r.maxMessage()
	r.msg = r.msg[:0]
	switch {
	case r.splitArgs:
		r.mergeSplitting(max)
	case hasArgs(r.Args):
		r.msg, r.msgCut, r.msgErr = pyfmt.AppendLogArgsLimit(r.msg, r.Msg, r.Args, max)
	default:
		r.appendPlainMessage(max)
	}
	if r.msgCut {
		r.msg = appendTruncMarker(r.msg, max)
	}
}

// plainMessage reports whether the record's merged message, not merged
// yet, will be Msg as it is: no arguments, no split pending, Msg within
// the limit.
func (r *Record) plainMessage() bool {
	return !r.msgDone && len(r.Args) == 0 && !r.splitArgs && (r.maxMsg < 0 || len(r.Msg) <= r.maxMessage())
}

// appendPlainMessage sets the merged message of a record without
// arguments: Msg as it is, within max.
func (r *Record) appendPlainMessage(max int) {
	if max > 0 && len(r.Msg) > max {
		r.msg, r.msgCut = pyfmt.CutUTF8(append(r.msg, r.Msg[:max+1]...), max), true
	} else {
		r.msg, r.msgCut = append(r.msg, r.Msg...), false
	}
}

// SetMaxLine sets the longest line the handler formats, in bytes, as
// HandlerOptions.MaxLine does: zero means [DefaultMaxMessage]; negative,
// no limit. A configuration file sets it with the slogpy_max_line key of
// a handler.
func (b *HandlerBase) SetMaxLine(n int) {
	if n == 0 {
		n = DefaultMaxMessage
	}
	b.maxLine.Store(int64(n))
}

// lineLimit returns the handler's line limit: 0 (a base never configured)
// is DefaultMaxMessage; negative, none.
func (b *HandlerBase) lineLimit() int64 {
	if n := b.maxLine.Load(); n != 0 {
		return n
	}
	return DefaultMaxMessage
}

// capLine cuts a formatted line dst[start:] at the handler's limit and
// reports the records the handler truncated, at most once a minute.
func (b *HandlerBase) capLine(dst []byte, start int, r *Record) []byte {
	cut := r.msgCut
	if max := int(b.lineLimit()); max > 0 && len(dst)-start > max {
		dst = appendTruncMarker(pyfmt.CutUTF8(dst, start+max), max)
		cut = true
	}
	if cut {
		b.reportTruncated(r)
	}
	return dst
}

// reportTruncated counts a truncated record and reports the count through
// the error hook when the last report is a minute old.
func (b *HandlerBase) reportTruncated(r *Record) {
	n := b.truncs.Add(1)
	now := time.Now().UnixNano()
	last := b.truncAt.Load()
	if last != 0 && now-last < int64(truncReportEvery) || !b.truncAt.CompareAndSwap(last, now) {
		return
	}
	b.truncs.Add(-n)
	maxLine := int(b.lineLimit())
	lim := strconv.Itoa(maxLine)
	if maxLine <= 0 {
		lim = "none"
	}
	b.HandleError(r, fmt.Errorf("%w: handler %q truncated %d record(s) in the last minute: a merged message over %d bytes (Record.SetMaxMessage, the receiver's MaxMessage) or a line over %s bytes (HandlerOptions.MaxLine); the text ends with \" [truncated at N bytes]\"",
		ErrTruncated, b.Name(), n, r.maxMessage(), lim))
}
