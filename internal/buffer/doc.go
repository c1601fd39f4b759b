// Package buffer provides the pooled byte buffers that every handler of the
// module formats into: one pool, one size policy (buffers that grew past
// 16 KiB are left to the garbage collector), as log/slog's
// internal/buffer.
package buffer
