package slogpy

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/stdio"
	"github.com/slogpy/slogpy/levels"
)

// A StreamHandler writes formatted records to an io.Writer: Python's
// logging.StreamHandler. Each record is formatted outside the lock, then
// written with the terminator in one Write under it; a writer with a
// Flush() error method (bufio.Writer) is flushed after each record, as
// Python flushes the stream.
type StreamHandler struct {
	HandlerBase
	w          io.Writer
	terminator atomic.Pointer[string]
}

var _ Handler = (*StreamHandler)(nil)

// NewStreamHandler returns a handler writing to w; nil w means standard
// error, as in Python. nil opts means defaults.
func NewStreamHandler(w io.Writer, opts *HandlerOptions) *StreamHandler {
	if w == nil {
		w = stdio.Stderr // os.Stderr at the time of each write, as Python resolves sys.stderr
	}
	h := &StreamHandler{w: w}
	h.SetTerminator("\n")
	h.Init(h, opts)
	h.FormatOnly()
	return h
}

// SetTerminator sets the text written after each record ("\n" by default).
func (h *StreamHandler) SetTerminator(t string) { h.terminator.Store(&t) }

// Terminator returns the text written after each record.
func (h *StreamHandler) Terminator() string { return *h.terminator.Load() }

// Stream returns the writer.
func (h *StreamHandler) Stream() io.Writer {
	h.Lock()
	defer h.Unlock()
	return h.w
}

// SetStream replaces the writer and returns the old one, or nil when w is
// the current writer: Python's setStream. The old writer is flushed first.
func (h *StreamHandler) SetStream(w io.Writer) io.Writer {
	h.Lock()
	defer h.Unlock()
	if w == h.w {
		return nil
	}
	old := h.w
	flushWriter(old)
	h.w = w
	return old
}

// formatLine formats r with the terminator into buf.
func (h *StreamHandler) formatLine(buf *buffer.Buffer, r *Record) error {
	b, err := h.Format(*buf, r)
	*buf = append(b, h.Terminator()...)
	return err
}

// Emit implements [Handler].
func (h *StreamHandler) Emit(r *Record) error {
	buf := buffer.New()
	defer buf.Free()
	if err := h.formatLine(buf, r); err != nil {
		return err
	}
	b := *buf
	h.Lock()
	defer h.Unlock()
	if _, err := h.w.Write(b); err != nil {
		return err
	}
	return flushWriter(h.w)
}

// Flush flushes a writer that has a Flush() error method.
func (h *StreamHandler) Flush() error {
	h.Lock()
	defer h.Unlock()
	return flushWriter(h.w)
}

func flushWriter(w io.Writer) error {
	if f, ok := w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}

// A NullHandler does nothing: Python's logging.NullHandler. A library
// attaches one to its top-level logger so that, when the application
// configures no logging, its records do not reach the last-resort handler.
type NullHandler struct {
	HandlerBase
}

var _ Handler = (*NullHandler)(nil)

// NewNullHandler returns a NullHandler.
func NewNullHandler() *NullHandler {
	h := &NullHandler{}
	h.Init(h, nil)
	h.FormatOnly()
	return h
}

// Enabled reports false: slog does no work for a NullHandler.
func (h *NullHandler) Enabled(context.Context, slog.Level) bool { return false }

// HandleRecord does nothing, as Python's NullHandler.handle.
func (h *NullHandler) HandleRecord(*Record) error { return nil }

// Handle does nothing.
func (h *NullHandler) Handle(context.Context, slog.Record) error { return nil }

// Emit does nothing.
func (h *NullHandler) Emit(*Record) error { return nil }

// newLastResort returns Python's lastResort: WARNING, standard error at the
// time of each record, "%(message)s".
func newLastResort() *StreamHandler {
	return NewStreamHandler(nil, &HandlerOptions{Level: levels.Warning})
}
