package slogpy

import (
	"context"
	"io"
	"log/slog"

	"github.com/slogpy/slogpy/internal/filesink"
	"github.com/slogpy/slogpy/internal/stdio"
	"github.com/slogpy/slogpy/levels"
)

// A StreamHandler writes formatted records to an io.Writer: Python's
// logging.StreamHandler. Each record is formatted outside the lock, then
// written with the terminator in one Write under it; a writer with a
// Flush() error method (bufio.Writer) is flushed after each record, as
// Python flushes the stream. A record whose Write fails part-way is
// followed by a newline before the next record, so that no record is
// glued to a fragment of another. Failed writes are reported once per
// outage, as for [FileHandler].
type StreamHandler struct {
	HandlerBase
	sink *filesink.Sink
}

var _ Handler = (*StreamHandler)(nil)

// NewStreamHandler returns a handler writing to w; nil w means standard
// error, as in Python. nil opts means defaults.
func NewStreamHandler(w io.Writer, opts *HandlerOptions) *StreamHandler {
	if w == nil {
		w = stdio.Stderr // os.Stderr at the time of each write, as Python resolves sys.stderr
	}
	h := &StreamHandler{sink: filesink.NewWriter(w)}
	h.sink.SetName("slogpy: StreamHandler")
	h.Configure(opts)
	h.FormatOnly()
	return h
}

// SetTerminator sets the text written after each record ("\n" by default).
func (h *StreamHandler) SetTerminator(t string) { h.sink.SetTerminator(t) }

// Terminator returns the text written after each record.
func (h *StreamHandler) Terminator() string { return h.sink.Terminator() }

// Stream returns the writer.
func (h *StreamHandler) Stream() io.Writer {
	h.sink.Lock()
	defer h.sink.Unlock()
	return h.sink.Writer()
}

// SetStream replaces the writer and returns the old one, or nil when w is
// the current writer: Python's setStream. The old writer is flushed first.
func (h *StreamHandler) SetStream(w io.Writer) io.Writer {
	h.sink.Lock()
	defer h.sink.Unlock()
	old := h.sink.Writer()
	if w == old {
		return nil
	}
	if f, ok := old.(interface{ Flush() error }); ok {
		f.Flush()
	}
	h.sink.SetWriter(w)
	return old
}

// Emit implements [Handler].
func (h *StreamHandler) Emit(r *Record) error { return emitTo(&h.HandlerBase, h.sink, r) }

// Dropped returns the number of records lost since the handler was made:
// records whose write failed. Each outage is reported twice through the
// error hook, when its first record is lost and, with its count, when a
// write succeeds again.
func (h *StreamHandler) Dropped() uint64 { return h.sink.Lost() }

// Flush flushes a writer that has a Flush() error method.
func (h *StreamHandler) Flush() error { return h.sink.Flush() }

// emitTo is the Emit of the stream and file handlers: it formats r outside
// the lock, then writes it to s, whole or not at all, under s's lock. A
// record lost during an outage already reported returns nil (it is
// counted); the end of an outage is reported through the error hook.
func emitTo(b *HandlerBase, s *filesink.Sink, r *Record) error {
	// No defer: a panic (reported by Handle) leaves the record's
	// buffer lent until the record is freed, and a pooled one to the
	// collector.
	buf := r.takeLine()
	out, err := b.formatLine(*buf, r)
	*buf = out
	if err == nil {
		out, err = s.Line(out)
	}
	if err != nil {
		r.giveLine(buf)
		return err
	}
	s.Lock()
	ended, err := s.Write(out, int(r.Levelno))
	s.Unlock()
	r.giveLine(buf)
	if ended != nil {
		b.HandleError(r, ended)
	}
	return err
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
	h.Configure(nil)
	h.FormatOnly()
	return h
}

// Enabled reports false: slog does no work for a NullHandler.
func (h *NullHandler) Enabled(context.Context, slog.Level) bool { return false }

// handleRecord does nothing, as Python's NullHandler.handle: see Handle.
func (h *NullHandler) handleRecord(*Record) error { return nil }

// Handle does nothing.
func (h *NullHandler) Handle(context.Context, slog.Record) error { return nil }

// Emit does nothing.
func (h *NullHandler) Emit(*Record) error { return nil }

// newLastResort returns Python's lastResort: WARNING, standard error at the
// time of each record, "%(message)s".
func newLastResort() *StreamHandler {
	return NewStreamHandler(nil, &HandlerOptions{Level: levels.Warning})
}
