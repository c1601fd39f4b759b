package handlers

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/handlerlist"
	"github.com/slogpy/slogpy/internal/recbytes"
	"github.com/slogpy/slogpy/slogpy"
)

// A BaseRotatingHandler is what [RotatingFileHandler] and
// [TimedRotatingFileHandler] share: Python's
// logging.handlers.BaseRotatingHandler, a [slogpy.FileHandler] that rolls
// its file over when the handler's policy says so. It is not constructed on
// its own; its methods are promoted to both handlers.
//
// Emit formats the record outside the lock, then, under the lock, asks the
// policy whether to roll over, rolls over, and writes the record with one
// write call. With the ProcessLock option the check, the rollover and the
// write also hold an advisory lock (flock) on filename+".lock", and the
// handler first reopens its file if another process has rotated it away.
//
// The namer and rotator hooks are the options Namer and Rotator, Python's
// namer and rotator attributes. A rollover that fails (a rename refused, a
// rotator error) is reported through the error hook with the record, and
// the record is still written to the open (or reopened) file; Python drops
// the record in that case.
type BaseRotatingHandler struct {
	fileCore
	namer   func(defaultName string) string
	rotator func(source, dest string) error
	delay   bool
	policy  rotatingPolicy
	plock   *rotatingProcessLock
	// write writes one encoded record; the lock is held. Tests replace it
	// to inject write faults.
	write func(b []byte, level int) (ended, err error)
}

// errRotatingNotConstructed is returned by the methods of a
// BaseRotatingHandler that was declared rather than made by a constructor.
var errRotatingNotConstructed = errors.New("handlers: rotating handler used without its constructor")

// rotatingPolicy is the part of a rotating handler that decides and does
// the rollover (Python's shouldRollover and doRollover). The lock is held.
type rotatingPolicy interface {
	rotatingShouldRollover(chars int) (bool, error)
	rotatingDoRollover() error
}

// initRotating prepares the base: the file is opened (unless fo.Delay) and
// the process lock file too (when processLock).
func (h *BaseRotatingHandler) initRotating(policy rotatingPolicy, kind, filename string, fo slogpy.FileHandlerOptions, namer func(string) string, rotator func(string, string) error, processLock bool) error {
	h.namer, h.rotator, h.delay, h.policy = namer, rotator, fo.Delay, policy
	h.write = h.writeFile
	if processLock && filename != "" {
		abs, err := filepath.Abs(filename)
		if err != nil {
			return fmt.Errorf("handlers: %s %q: %w", kind, filename, err)
		}
		if h.plock, err = rotatingNewProcessLock(abs + ".lock"); err != nil {
			return fmt.Errorf("handlers: %s %q: %w", kind, filename, err)
		}
	}
	if err := h.initFile(kind, filename, &fo); err != nil {
		if h.plock != nil {
			h.plock.close()
		}
		return err
	}
	if h.plock != nil {
		// Other processes append between our records: each record is
		// written before the flock is released.
		h.sink.SetBuffer(0, 0, 0, nil)
	}
	return nil
}

// writeFile writes one encoded record. The sink's lock is held.
func (h *BaseRotatingHandler) writeFile(b []byte, level int) (ended, err error) {
	return h.sink.Write(b, level)
}

// Emit implements [slogpy.Handler]: it formats the record, then, holding
// the lock, rolls the file over if the policy says so and writes the record.
func (h *BaseRotatingHandler) Emit(r *slogpy.Record) error {
	if h.policy == nil {
		return errRotatingNotConstructed
	}
	bp := recbytes.TakeLine(r)
	defer recbytes.GiveLine(r, bp)
	b, chars, err := h.format(bp, r)
	if err != nil {
		return err
	}
	ended, err := h.emitLocked(b, chars, int(r.Levelno))
	if ended != nil {
		h.HandleError(r, ended) // r went through; after the lock, as the hook may log
	}
	return err
}

// emitLocked takes the locks, rolls over if the policy says so, and writes
// b: see [filesink.Sink.Write] for ended and err.
func (h *BaseRotatingHandler) emitLocked(b []byte, chars, level int) (ended, err error) {
	h.sink.Lock()
	defer h.sink.Unlock()
	if h.plock != nil {
		if err := h.plock.lock(); err != nil {
			return nil, err
		}
		defer h.plock.unlock()
		if err := h.rotatingFollow(); err != nil {
			return nil, err
		}
	}
	var rollErr error
	if roll, err := h.policy.rotatingShouldRollover(chars); err != nil {
		rollErr = err
	} else if roll {
		rollErr = h.policy.rotatingDoRollover()
	}
	ended, err = h.write(b, level)
	return ended, errors.Join(rollErr, err)
}

// ShouldRollover reports whether r, written now, would roll the file over:
// Python's shouldRollover. It formats r as Emit would. It is safe for
// concurrent use.
func (h *BaseRotatingHandler) ShouldRollover(r *slogpy.Record) (bool, error) {
	if h.policy == nil {
		return false, errRotatingNotConstructed
	}
	bp := buffer.New()
	defer bp.Free()
	_, chars, err := h.format(bp, r)
	if err != nil {
		return false, err
	}
	h.sink.Lock()
	defer h.sink.Unlock()
	if h.plock != nil {
		if err := h.plock.lock(); err != nil {
			return false, err
		}
		defer h.plock.unlock()
		if err := h.rotatingFollow(); err != nil {
			return false, err
		}
	}
	return h.policy.rotatingShouldRollover(chars)
}

// DoRollover rolls the file over now, as the handler would before a record
// that reaches the limit: Python's doRollover (the cookbook calls it at
// start-up to begin each run with a fresh file). It is safe for concurrent
// use.
func (h *BaseRotatingHandler) DoRollover() error {
	if h.policy == nil {
		return errRotatingNotConstructed
	}
	h.sink.Lock()
	defer h.sink.Unlock()
	if h.plock != nil {
		if err := h.plock.lock(); err != nil {
			return err
		}
		defer h.plock.unlock()
		if err := h.rotatingFollow(); err != nil {
			return err
		}
	}
	return h.policy.rotatingDoRollover()
}

// RotationFilename returns the name a file rotated to defaultName gets:
// the Namer's result, or defaultName without one. Python's
// rotation_filename.
func (h *BaseRotatingHandler) RotationFilename(defaultName string) string {
	if h.namer == nil {
		return defaultName
	}
	return h.namer(defaultName)
}

// Rotate moves source to dest: the Rotator, or a rename when source exists
// (with delay it may never have been created). Python's rotate.
func (h *BaseRotatingHandler) Rotate(source, dest string) error {
	if h.rotator != nil {
		if err := h.rotator(source, dest); err != nil {
			return fmt.Errorf("handlers: rotator(%s, %s): %w", source, filepath.Base(dest), err)
		}
		return nil
	}
	if !rotatingExists(source) {
		return nil
	}
	return os.Rename(source, dest)
}

// Close closes the file and the lock file. As for [slogpy.FileHandler], a
// record emitted later reopens them.
func (h *BaseRotatingHandler) Close() error {
	if h.sink == nil {
		return nil
	}
	err := h.fileCore.Close()
	h.sink.Lock()
	defer h.sink.Unlock()
	if h.plock != nil {
		err = errors.Join(err, h.plock.close())
	}
	return err
}

// rotatingFollow closes the file when its name no longer leads to it
// (another process rotated it), so that the next use opens the new one.
// The lock is held.
func (h *BaseRotatingHandler) rotatingFollow() error {
	f := h.sink.File()
	if f == nil {
		return nil
	}
	pi, err := os.Stat(h.BaseFilename())
	if err == nil {
		fi, ferr := f.Stat()
		if ferr == nil && os.SameFile(pi, fi) {
			return nil
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return h.sink.CloseFile()
}

func rotatingExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// RotatingFileHandlerOptions are the options of [NewRotatingFileHandler].
// The zero value gives Python's defaults: the file grows without limit.
type RotatingFileHandlerOptions struct {
	// FileHandlerOptions are the file's options (level, formatter, mode,
	// encoding, delay…). When MaxBytes > 0 the mode is always "a", as in
	// Python: a rotating file is never truncated on open.
	slogpy.FileHandlerOptions
	// MaxBytes is the size at which the file rolls over. 0 means never.
	MaxBytes int64
	// BackupCount is how many rotated files (name.1 … name.N) are kept.
	// 0 means none: the file is never rotated, even past MaxBytes.
	BackupCount int
	// Namer, if set, maps each rotated name (app.log.1) to the name
	// actually used (app.log.1.gz): Python's namer attribute. It must be
	// a pure function of its argument.
	Namer func(defaultName string) string
	// Rotator, if set, moves the current file to its rotated name, for
	// example compressing it: Python's rotator attribute. It must remove
	// or empty source. nil renames.
	Rotator func(source, dest string) error
	// ProcessLock makes rollover safe when several processes write the
	// same file: each record holds an advisory lock (flock) on
	// filename+".lock" while it checks the size, rolls over and writes, and
	// a process reopens the file another one rotated. Off by default, as
	// Python has no such lock. Unix only: elsewhere the constructor
	// returns an error. It turns BufferSize off: each record is written
	// before the lock is released.
	ProcessLock bool
}

// A RotatingFileHandler writes records to a file and rolls it over when it
// would reach a size: Python's logging.handlers.RotatingFileHandler.
//
// Before each record, if the file is not empty and its size plus the
// record's length (its characters and one for the newline, as Python counts
// len("%s\n" % msg)) reaches MaxBytes, the file is closed and renamed
// name.1, name.1 is renamed name.2 and so on up to name.BackupCount, and a
// new file is opened. So a file of ASCII text never exceeds MaxBytes unless
// one record is longer than that: such a record is written alone into a
// file of its own. (Python counts characters, not bytes: text with
// multi-byte characters can go past MaxBytes by the difference; this
// handler counts as Python does.) A file that is not a regular file
// (/dev/null, a FIFO) is never rolled over.
//
// The size is the file's size when it was opened plus what the handler
// wrote since, as CPython 3.13's stream.tell() is; with ProcessLock it is
// read from the file before each record, since other processes append to
// it.
//
// It mirrors CPython 3.13 (3.11 rolls over an empty file too, pushing out
// the oldest backup for nothing; gh-116263). Differences: MaxBytes and
// BackupCount must not be negative; a record whose rollover failed is still
// written (see [BaseRotatingHandler]); and the ProcessLock option. Its
// methods are safe for concurrent use; Emit holds the lock while it checks,
// rolls over and writes, and formats outside it.
type RotatingFileHandler struct {
	BaseRotatingHandler
	maxBytes    int64
	backupCount int
	sizeFile    *os.File // the file size is about
	size        int64    // its size, with what this handler wrote
	irregular   bool     // it is not a regular file: never rolled over
	lostSeen    uint64   // the sink's count of lost records when size was counted
}

var _ slogpy.Handler = (*RotatingFileHandler)(nil)

// NewRotatingFileHandler returns a handler writing to filename (made
// absolute) and rolling it over as opts says; nil opts means Python's
// defaults (never rolls over). Unless opts.Delay is set the file is opened
// now, and an error opening it is returned, naming the path.
func NewRotatingFileHandler(filename string, opts *RotatingFileHandlerOptions) (*RotatingFileHandler, error) {
	var o RotatingFileHandlerOptions
	if opts != nil {
		o = *opts
	}
	if o.MaxBytes < 0 {
		return nil, fmt.Errorf("handlers: rotating file handler %q: MaxBytes %d is negative", filename, o.MaxBytes)
	}
	if o.BackupCount < 0 {
		return nil, fmt.Errorf("handlers: rotating file handler %q: BackupCount %d is negative", filename, o.BackupCount)
	}
	if o.MaxBytes > 0 {
		o.Mode = "a"
	}
	h := &RotatingFileHandler{maxBytes: o.MaxBytes, backupCount: o.BackupCount}
	if err := h.initRotating(h, "rotating file handler", filename, o.FileHandlerOptions, o.Namer, o.Rotator, o.ProcessLock); err != nil {
		return nil, err
	}
	if o.MaxBytes > 0 {
		h.write = h.rotatingWrite
	}
	if o.BufferSize > 0 {
		handlerlist.Add(h) // Shutdown flushes it wherever it is
	}
	return h, nil
}

// MaxBytes returns the size at which the file rolls over (0: never):
// Python's maxBytes.
func (h *RotatingFileHandler) MaxBytes() int64 { return h.maxBytes }

// BackupCount returns how many rotated files are kept: Python's
// backupCount.
func (h *RotatingFileHandler) BackupCount() int { return h.backupCount }

// rotatingShouldRollover is Python's shouldRollover: the lock is held.
func (h *RotatingFileHandler) rotatingShouldRollover(chars int) (bool, error) {
	if h.maxBytes <= 0 {
		return false, nil
	}
	f := h.sink.File()
	if f == nil { // delay, or after a rollover or Close
		if h.sink.Open() != nil {
			return false, nil // the write fails alike, and counts the record lost
		}
		f = h.sink.File()
	}
	if f != h.sizeFile || h.plock != nil {
		// A new file, or one that other processes append to: ask it.
		if err := h.rotatingMeasure(f); err != nil {
			return false, err
		}
	}
	if h.irregular || h.size == 0 {
		// Never roll over a FIFO or a device (bpo-45401), nor an empty
		// file (gh-116263).
		return false, nil
	}
	if h.size+int64(chars) < h.maxBytes {
		return false, nil
	}
	if st, err := os.Stat(h.BaseFilename()); err == nil && !st.Mode().IsRegular() {
		return false, nil
	}
	return true, nil
}

// rotatingMeasure reads the size of f, the open file (CPython 3.13's
// stream.tell(): the size at open plus what this handler wrote since).
func (h *RotatingFileHandler) rotatingMeasure(f *os.File) error {
	h.sizeFile, h.size, h.irregular = nil, 0, false
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	// What is still in the buffer counts as written (it goes to f).
	h.sizeFile, h.size, h.irregular = f, fi.Size()+int64(h.sink.Buffered()), !fi.Mode().IsRegular()
	return nil
}

// rotatingWrite writes b and counts it. The lock is held.
func (h *RotatingFileHandler) rotatingWrite(b []byte, level int) (ended, err error) {
	ended, err = h.sink.Write(b, level)
	switch {
	case err != nil || h.sink.Lost() != h.lostSeen:
		h.sizeFile = nil // a record lost, maybe cut back: measure again
		h.lostSeen = h.sink.Lost()
	case h.sink.File() == h.sizeFile:
		h.size += int64(len(b))
	}
	return ended, err
}

// rotatingDoRollover is Python's doRollover: the lock is held.
func (h *RotatingFileHandler) rotatingDoRollover() error {
	closeErr := h.sink.CloseFile()
	if h.backupCount > 0 {
		base := h.BaseFilename()
		for i := h.backupCount - 1; i > 0; i-- {
			sfn := h.RotationFilename(base + "." + strconv.Itoa(i))
			dfn := h.RotationFilename(base + "." + strconv.Itoa(i+1))
			if !rotatingExists(sfn) {
				continue
			}
			if rotatingExists(dfn) {
				if err := os.Remove(dfn); err != nil {
					return errors.Join(closeErr, err)
				}
			}
			if err := os.Rename(sfn, dfn); err != nil {
				return errors.Join(closeErr, err)
			}
		}
		dfn := h.RotationFilename(base + ".1")
		if rotatingExists(dfn) {
			if err := os.Remove(dfn); err != nil {
				return errors.Join(closeErr, err)
			}
		}
		if err := h.Rotate(base, dfn); err != nil {
			return errors.Join(closeErr, err)
		}
	}
	if !h.delay {
		return errors.Join(closeErr, h.sink.Open())
	}
	return closeErr
}
