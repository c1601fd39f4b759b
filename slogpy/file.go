package slogpy

import (
	"fmt"
	"time"

	"github.com/slogpy/slogpy/internal/filesink"
	"github.com/slogpy/slogpy/internal/handlerlist"
	"github.com/slogpy/slogpy/levels"
)

// FileHandlerOptions are the options of [NewFileHandler]. The zero value
// gives Python's defaults.
type FileHandlerOptions struct {
	HandlerOptions
	// Mode is Python's open mode: "a" (append, the default when empty),
	// "w" (truncate), "x" (fail if the file exists), with an optional "+"
	// and "b" (bytes are written as formatted, without encoding).
	Mode string
	// Encoding is a Python codec name: "utf-8" (the default when empty),
	// "latin-1", "ascii", "utf-16", "cp1252", or any name the IANA
	// registry knows.
	Encoding string
	// Errors is what to do with a character the encoding cannot represent:
	// "strict" (the default: the record is reported as an error and not
	// written), "ignore", "replace" ("?"), "backslashreplace" or
	// "xmlcharrefreplace".
	Errors string
	// Delay opens the file at the first record instead of at construction.
	Delay bool

	// BufferSize, when positive, turns on buffered writing: records are
	// collected in a buffer of about this many bytes and written with one
	// write call when it fills, when a record at or above FlushLevel
	// arrives, FlushInterval after the oldest waiting record, and on Flush,
	// Close and Shutdown; a rotating handler flushes before it rolls over,
	// so every record lands in the file it would have landed in unbuffered.
	// Zero (the default) writes each record with its own write call, as
	// CPython does. The loss window: records still in the buffer when the
	// process dies without Shutdown or Close (a crash, os.Exit, SIGKILL) are
	// lost, at most BufferSize bytes or FlushInterval's worth of records
	// below FlushLevel. 64 KiB is a good size.
	BufferSize int
	// FlushInterval is the longest a buffered record waits. Zero means one
	// second; negative, no timer (only a full buffer, FlushLevel, Flush and
	// Close write). Ignored without BufferSize.
	FlushInterval time.Duration
	// FlushLevel is the level at or above which a record is written at
	// once, with the records waiting before it. Zero means ERROR. Ignored
	// without BufferSize.
	FlushLevel levels.Level
}

// A FileHandler writes formatted records to a file: Python's
// logging.FileHandler. Each record is formatted and encoded outside the
// lock, then written with one write call under it.
//
// A record is written whole or not at all: when a write fails part-way (a
// full disk), the file is truncated back to where the record began, so
// that no fragment is left for a later record to complete; where the file
// cannot be truncated (a FIFO, a device) the next record starts on a new
// line instead. CPython leaves the fragment.
//
// A record that cannot be written (a full disk, a file that cannot be
// reopened) is lost and counted, and reported once per outage rather than
// once per record as CPython does: the first loss is reported through the
// error hook with its cause, and the first record written afterwards adds
// the report "slogpy: FileHandler /path: N records lost while the disk was
// full" (or "while writes failed").
//
// As in Python, a record emitted after Close reopens the file, unless the
// mode was "w" (which would truncate it).
type FileHandler struct {
	HandlerBase
	sink *filesink.Sink
}

var _ Handler = (*FileHandler)(nil)

// NewFileHandler returns a handler writing to filename, made absolute as
// Python's baseFilename. Unless opts.Delay is set, the file is opened now and
// an error opening it is returned.
func NewFileHandler(filename string, opts *FileHandlerOptions) (*FileHandler, error) {
	var o FileHandlerOptions
	if opts != nil {
		o = *opts
	}
	s, err := filesink.New(filename, o.Mode, o.Encoding, o.Errors, o.Delay)
	if err != nil {
		return nil, fmt.Errorf("slogpy: file handler%w", err)
	}
	h := &FileHandler{sink: s}
	s.SetName("slogpy: FileHandler " + s.Path())
	h.Configure(&o.HandlerOptions)
	s.SetBuffer(o.BufferSize, o.FlushInterval, int(o.FlushLevel), func(err error) { h.HandleError(nil, err) })
	h.FormatOnly()
	if o.BufferSize > 0 {
		handlerlist.Add(h) // Shutdown flushes it wherever it is
	}
	return h, nil
}

// BaseFilename returns the absolute path of the file: Python's
// baseFilename.
func (h *FileHandler) BaseFilename() string { return h.sink.Path() }

// Mode returns the mode the file is opened with: Python's mode ("a" when
// FileHandlerOptions.Mode was empty).
func (h *FileHandler) Mode() string { return h.sink.Mode() }

// Encoding returns the file's encoding as given ("utf-8" when
// FileHandlerOptions.Encoding was empty, "" in a binary mode): Python's
// encoding, which would be the locale's encoding when none is given.
func (h *FileHandler) Encoding() string { return h.sink.Codec().Name() }

// Errors returns the errors mode of the encoding ("strict" when
// FileHandlerOptions.Errors was empty, "" in a binary mode): Python's
// errors, which is None when none is given.
func (h *FileHandler) Errors() string { return h.sink.Codec().Errors() }

// Delay reports whether the file is opened at the first record rather than
// by the constructor: Python's delay.
func (h *FileHandler) Delay() bool { return h.sink.Delay() }

// SetTerminator sets the text written after each record ("\n" by default).
func (h *FileHandler) SetTerminator(t string) { h.sink.SetTerminator(t) }

// Terminator returns the text written after each record.
func (h *FileHandler) Terminator() string { return h.sink.Terminator() }

// Emit implements [Handler]: it formats the record, encodes it and writes it
// with one write call, opening the file first if it is not open.
func (h *FileHandler) Emit(r *Record) error { return emitTo(&h.HandlerBase, h.sink, r) }

// Dropped returns the number of records lost since the handler was made:
// records whose write failed (a full disk, a file that cannot be opened).
// Each outage is reported twice through the error hook, when its first
// record is lost and, with its count, when a write succeeds again.
func (h *FileHandler) Dropped() uint64 { return h.sink.Lost() }

// Flush writes the records waiting in the buffer (see
// FileHandlerOptions.BufferSize); without a buffer it does nothing.
func (h *FileHandler) Flush() error { return h.sink.Flush() }

// Close closes the file. A later record reopens it (see [FileHandler]).
func (h *FileHandler) Close() error { return h.sink.Close() }
