// Package recbytes lends package handlers the byte forms of a record's
// merged message and thread name, so that its pickle encoder appends them
// with no string copy, without a public API on slogpy.Record for it.
package recbytes

// Message returns the merged message of a *slogpy.Record (merging it if
// that has not been done) as the record holds it: the bytes must not be
// changed nor kept past the record's use. AppendThreadName appends the
// record's thread name. Package slogpy sets them when it is initialized,
// before any package that imports it.
var (
	Message          func(r any) ([]byte, error)
	AppendThreadName func(dst []byte, r any) []byte
)
