package handlers

import (
	"errors"
	"io/fs"
	"os"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/handlerlist"
	"github.com/slogpy/slogpy/slogpy"
)

// A WatchedFileHandler writes records to a file and reopens it when the file
// at its name is no longer the one it has open, because logrotate or
// newsyslog renamed it, or it was deleted: Python's
// logging.handlers.WatchedFileHandler.
//
// Before each record it stats the name and compares the device and inode
// with those of the open file (os.SameFile); when they differ, or the name
// is gone, it closes the file and opens the name again (creating it), so the
// record lands in the new file. Use it when an external tool rotates the
// files; use [RotatingFileHandler] or [TimedRotatingFileHandler] when the
// program rotates them itself.
//
// It mirrors CPython 3.13 (3.11 behaves the same here); the only
// difference is Go's: a failure is reported through the error hook. The
// stat per record costs a system call. Its methods are safe for concurrent
// use; Emit holds the lock for the check and the write and formats outside
// it.
type WatchedFileHandler struct {
	fileCore
	statFile *os.File    // the file statInfo is about
	statInfo os.FileInfo // device and inode of statFile, or nil
}

var _ slogpy.Handler = (*WatchedFileHandler)(nil)

// NewWatchedFileHandler returns a handler writing to filename (made
// absolute); nil opts means Python's defaults (append, UTF-8). Unless
// opts.Delay is set the file is opened now, and an error opening it is
// returned, naming the path.
func NewWatchedFileHandler(filename string, opts *slogpy.FileHandlerOptions) (*WatchedFileHandler, error) {
	h := &WatchedFileHandler{}
	var o slogpy.FileHandlerOptions
	if opts != nil {
		o = *opts
	}
	if err := h.initFile("watched file handler", filename, &o); err != nil {
		return nil, err
	}
	h.statStream()
	if o.BufferSize > 0 {
		handlerlist.Add(h) // Shutdown flushes it wherever it is
	}
	return h, nil
}

// statStream records the identity of the open file (Python's _statstream).
// The lock is held.
func (h *WatchedFileHandler) statStream() {
	f := h.sink.File()
	h.statFile, h.statInfo = f, nil
	if f == nil {
		return
	}
	if fi, err := f.Stat(); err == nil {
		h.statInfo = fi
	}
}

// ReopenIfNeeded closes and reopens the file if the name no longer leads to
// it: Python's reopenIfNeeded. Emit calls it before each record; it does
// nothing while the file is not open (delay, or after Close). It is safe
// for concurrent use.
func (h *WatchedFileHandler) ReopenIfNeeded() error {
	h.sink.Lock()
	defer h.sink.Unlock()
	return h.reopenIfNeeded()
}

func (h *WatchedFileHandler) reopenIfNeeded() error {
	f := h.sink.File()
	if f == nil {
		return nil
	}
	if h.statFile != f { // opened by a write (delay, or after Close)
		h.statStream()
	}
	st, err := os.Stat(h.BaseFilename())
	switch {
	case err == nil:
		if h.statInfo != nil && os.SameFile(st, h.statInfo) {
			return nil
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	closeErr := h.sink.CloseFile()
	h.statFile, h.statInfo = nil, nil
	if err := h.sink.Open(); err != nil {
		return errors.Join(closeErr, err)
	}
	h.statStream()
	return closeErr
}

// Emit implements [slogpy.Handler]: it formats the record, then, holding the
// lock, reopens the file if needed and writes the record.
func (h *WatchedFileHandler) Emit(r *slogpy.Record) error {
	bp := buffer.New()
	defer bp.Free()
	b, _, err := h.format(bp, r)
	if err != nil {
		return err
	}
	ended, err := h.emitLocked(b, int(r.Levelno))
	if ended != nil {
		h.HandleError(r, ended) // r went through; after the lock, as the hook may log
	}
	return err
}

// emitLocked reopens the file if needed and writes b: see
// [filesink.Sink.Write] for ended and err.
func (h *WatchedFileHandler) emitLocked(b []byte, level int) (ended, err error) {
	h.sink.Lock()
	defer h.sink.Unlock()
	rerr := h.reopenIfNeeded()
	if rerr != nil && h.sink.File() == nil {
		// The name cannot be opened: the record is lost, as in an outage.
		return nil, h.sink.Drop(rerr)
	}
	ended, err = h.sink.Write(b, level)
	return ended, errors.Join(rerr, err)
}
