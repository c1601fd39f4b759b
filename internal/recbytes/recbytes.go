// Package recbytes lends package handlers the byte forms of a record's
// merged message and thread name, so that its pickle encoder appends them
// with no string copy, without a public API on slogpy.Record for it.
package recbytes

import "github.com/slogpy/slogpy/internal/buffer"

// Message returns the merged message of a *slogpy.Record (merging it if
// that has not been done) as the record holds it: the bytes must not be
// changed nor kept past the record's use. AppendThreadName appends the
// record's thread name. Package slogpy sets them when it is initialized,
// before any package that imports it.
var (
	Message          func(r any) ([]byte, error)
	AppendThreadName func(dst []byte, r any) []byte
)

// TakeLine returns the buffer to format a *slogpy.Record into, its own
// when it is free (one pool fewer per record), and GiveLine gives it back
// once the formatted bytes are written.
var (
	TakeLine func(r any) *buffer.Buffer
	GiveLine func(r any, b *buffer.Buffer)
)
