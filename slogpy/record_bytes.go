package slogpy

import (
	"strconv"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/recbytes"
)

func init() {
	recbytes.Message = func(r any) ([]byte, error) { return r.(*Record).message() }
	recbytes.AppendThreadName = func(dst []byte, r any) []byte { return r.(*Record).appendThreadName(dst) }
	recbytes.TakeLine = func(r any) *buffer.Buffer { return r.(*Record).takeLine() }
	recbytes.GiveLine = func(r any, b *buffer.Buffer) { r.(*Record).giveLine(b) }
}

// appendThreadName appends ThreadName without building the string.
func (r *Record) appendThreadName(dst []byte) []byte {
	if r.threadName != "" {
		return append(dst, r.threadName...)
	}
	if id := r.Thread(); id != 1 {
		return strconv.AppendInt(append(dst, "Goroutine-"...), id, 10)
	}
	return append(dst, "MainThread"...)
}
