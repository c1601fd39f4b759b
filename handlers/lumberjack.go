package handlers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/filesink"
	"github.com/slogpy/slogpy/slogpy"
)

// A LumberjackHandler writes formatted records to a [lumberjack.Logger],
// which rotates the file itself: a [slogpy.StreamHandler] whose stream is
// lumberjack, for programs that want lumberjack's model rather than
// Python's.
//
// Choose it over [RotatingFileHandler] when you want what lumberjack does
// and Python does not: sizes in megabytes (MaxSize), backups named with the
// time of the rotation (app-2024-03-10T14-03-07.000.log) and removed by
// count (MaxBackups) or age (MaxAge), and gzip compression in the
// background (Compress). Choose [RotatingFileHandler] for Python's layout
// (app.log.1 … app.log.N, byte-exact MaxBytes, Namer and Rotator hooks), for
// files shared with Python programs or tools that expect that layout, and
// for several processes writing one file (ProcessLock; lumberjack has no
// cross-process coordination).
//
// What lumberjack does differently, and this handler cannot change:
// lumberjack rotates when size+record would exceed MaxSize (Python: reach),
// and rejects a record longer than MaxSize (the handler reports the error);
// new files are created with mode 0600; errors while compressing or
// removing old backups happen in lumberjack's goroutine and are dropped;
// and that goroutine, one per lumberjack.Logger, is never stopped, even by
// Close (natefinch/lumberjack#56), so create one handler per file for the
// life of the program rather than one per task.
//
// It has no CPython counterpart. Its methods are safe for concurrent use;
// the record is formatted outside the lock and written with one Write call.
type LumberjackHandler struct {
	slogpy.HandlerBase
	logger *lumberjack.Logger
	sink   *filesink.Sink // writes to logger
}

var _ slogpy.Handler = (*LumberjackHandler)(nil)

// NewLumberjackHandler returns a handler writing to l, which it owns from
// now on (Close closes it); nil opts means defaults. l.Filename must be set
// (lumberjack would otherwise invent a name in the temporary directory).
// The directory is created and the file opened for appending once, so that
// an unwritable location is an error here, naming the path, rather than at
// the first record.
func NewLumberjackHandler(l *lumberjack.Logger, opts *slogpy.HandlerOptions) (*LumberjackHandler, error) {
	switch {
	case l == nil:
		return nil, errors.New("handlers: lumberjack handler: nil *lumberjack.Logger")
	case l.Filename == "":
		return nil, errors.New("handlers: lumberjack handler: empty Filename")
	case l.MaxSize < 0 || l.MaxAge < 0 || l.MaxBackups < 0:
		return nil, fmt.Errorf("handlers: lumberjack handler %q: negative MaxSize, MaxAge or MaxBackups (%d, %d, %d)", l.Filename, l.MaxSize, l.MaxAge, l.MaxBackups)
	}
	if err := os.MkdirAll(filepath.Dir(l.Filename), 0o755); err != nil {
		return nil, fmt.Errorf("handlers: lumberjack handler: %w", err)
	}
	f, err := os.OpenFile(l.Filename, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("handlers: lumberjack handler: %w", err)
	}
	f.Close()
	h := &LumberjackHandler{logger: l, sink: filesink.NewWriter(l)}
	h.sink.SetName("handlers: LumberjackHandler " + l.Filename)
	h.Configure(opts)
	h.FormatOnly()
	return h, nil
}

// Emit implements [slogpy.Handler]: it formats the record with a newline
// and writes it to the lumberjack.Logger, which rotates first if needed.
func (h *LumberjackHandler) Emit(r *slogpy.Record) error {
	bp := buffer.New()
	defer bp.Free()
	b, err := h.Format(*bp, r)
	*bp = b
	if err != nil {
		return err
	}
	b, _ = h.sink.Line(b) // no codec: cannot fail
	if max := h.maxSize(); int64(len(b)) > max {
		// Not an outage: this record alone cannot be written.
		return fmt.Errorf("handlers: LumberjackHandler %s: record of %d bytes exceeds maximum file size %d (MaxSize); dropped", h.logger.Filename, len(b), max)
	}
	h.sink.Lock()
	ended, err := h.sink.Write(b, int(r.Levelno))
	h.sink.Unlock()
	if ended != nil {
		h.HandleError(r, ended) // r went through
	}
	return err
}

// maxSize is lumberjack's limit in bytes: MaxSize megabytes, 100 when 0.
func (h *LumberjackHandler) maxSize() int64 {
	if h.logger.MaxSize == 0 {
		return 100 << 20
	}
	return int64(h.logger.MaxSize) << 20
}

// Rotate makes lumberjack rotate now (for example on SIGHUP).
func (h *LumberjackHandler) Rotate() error {
	h.sink.Lock()
	defer h.sink.Unlock()
	return h.logger.Rotate()
}

// Close closes the file. A later record reopens it, as lumberjack does.
func (h *LumberjackHandler) Close() error {
	h.sink.Lock()
	defer h.sink.Unlock()
	return h.logger.Close()
}
