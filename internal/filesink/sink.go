// Package filesink is the destination that the stream and file handlers of
// packages slogpy and handlers share: a writer, or a file that it opens,
// reopens, rotates away and closes, with the file's encoding and the lock
// that serializes writes and rollovers. The handlers hold a *Sink in an
// unexported field and build on it by composition, so that none of them
// exports a method that needs a lock held by its caller.
//
// A record is written whole or not at all: when a write to a regular file
// fails part-way (a full disk), the file is truncated back to where the
// record began; where that is impossible (a pipe, a writer, a failed
// truncate) the next record starts on a new line, so that no fragment is
// completed by a later record.
//
// A record that cannot be written (the file cannot be opened, a write
// fails) is lost and counted: the first loss of an outage returns the
// error to report, the others return nil, and the first record written
// after it returns the report "N records lost while …" (internal/outage).
package filesink

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/slogpy/slogpy/internal/outage"
)

// ErrClosed is slogpy.ErrClosed: a record written after Close to a file
// opened with mode "w", which reopening would truncate.
var ErrClosed = errors.New("slogpy: handler is closed")

// A Sink is where a handler writes encoded records. Methods whose doc says
// "the lock is held" must be called between Lock and Unlock; the others
// take the lock themselves or need none.
type Sink struct {
	// term and codec are read by every record outside the lock (Line);
	// the padding keeps them off the lock's cache line, so that a lock
	// and unlock on one CPU does not evict them from the others' caches
	// (false sharing; issue 18 point 1).
	term  atomic.Pointer[string]
	codec *Codec
	_     [64]byte
	mu    sync.Mutex

	w io.Writer // the writer, or the open file (nil while closed)
	// fl is w when it has a Flush() error method (a bufio.Writer), else
	// nil: set with w (setW), not asserted on every record.
	fl flusher

	// A file sink.
	path   string // absolute; "" for a writer sink
	mode   string // Python's mode, as given ("a" when empty)
	flag   int
	file   *os.File
	closed bool // Close was called
	delay  bool // New was asked not to open the file

	// newline is set when a record was cut short where it could not be
	// removed: the next record starts on a new line.
	newline bool

	lost outage.Tracker
	buf  buffered
	// pending is the end of an outage met while flushing the buffer
	// outside Write (CloseFile): the next Write returns it.
	pending error

	// TestWrite, when set by a test, replaces the write to the writer or
	// file: it returns the number of bytes of b to write for real (the
	// rest is cut short) and the error of the write.
	TestWrite func(b []byte) (int, error)
}

// NewWriter returns a sink writing to w.
func NewWriter(w io.Writer) *Sink {
	s := &Sink{}
	s.setW(w)
	s.SetTerminator("\n")
	s.SetName("")
	return s
}

// SetName sets the words that begin the sink's outage reports, naming the
// handler and its destination: "slogpy: FileHandler /var/log/app.log".
func (s *Sink) SetName(who string) {
	s.lost.Init(who, "cannot write, dropping records until a write succeeds", nil)
}

// Lost returns the number of records lost since the sink was made.
func (s *Sink) Lost() uint64 { return s.lost.Lost() }

// NewFile returns a sink for the file at path, which must be absolute,
// opened with Python's mode and written in encoding with the errors mode.
// The file is not opened: call Open, or let the first Write open it.
// Errors do not name the package or the path: the caller adds them.
func NewFile(path, mode, encoding, errs string) (*Sink, error) {
	flag, binary, err := ParseMode(mode)
	if err != nil {
		return nil, err
	}
	if mode == "" {
		mode = "a"
	}
	s := &Sink{path: path, mode: mode, flag: flag}
	if binary {
		err = CheckErrors(errs)
	} else {
		s.codec, err = NewCodec(encoding, errs)
	}
	if err != nil {
		return nil, err
	}
	s.SetTerminator("\n")
	s.SetName(path)
	return s, nil
}

// New returns the sink of a file handler writing to filename, made
// absolute (Python's baseFilename), and opens the file unless delay. An
// error is meant to follow the handler's name, as in "file handler" + err:
// ": empty filename", ` "app.log": invalid mode "q" (…)`,
// ": open /abs/app.log: is a directory".
func New(filename, mode, encoding, errs string, delay bool) (*Sink, error) {
	if filename == "" {
		return nil, errors.New(": empty filename")
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		return nil, fmt.Errorf(" %q: %w", filename, err)
	}
	s, err := NewFile(abs, mode, encoding, errs)
	if err != nil {
		return nil, fmt.Errorf(" %q: %w", filename, err)
	}
	s.delay = delay
	if !delay {
		if err := s.Open(); err != nil {
			return nil, fmt.Errorf(": %w", err)
		}
	}
	return s, nil
}

// ParseMode maps a Python open mode to os.OpenFile flags.
func ParseMode(mode string) (flag int, binary bool, err error) {
	if mode == "" {
		mode = "a"
	}
	rest := strings.NewReplacer("b", "", "t", "", "+", "").Replace(mode)
	plus := strings.Contains(mode, "+")
	binary = strings.Contains(mode, "b")
	access := os.O_WRONLY
	if plus {
		access = os.O_RDWR
	}
	switch rest {
	case "a":
		return access | os.O_CREATE | os.O_APPEND, binary, nil
	case "w":
		return access | os.O_CREATE | os.O_TRUNC, binary, nil
	case "x":
		return access | os.O_CREATE | os.O_EXCL, binary, nil
	case "r":
		if plus {
			return os.O_RDWR, binary, nil
		}
	}
	return 0, false, fmt.Errorf("invalid mode %q (want a, w or x, with optional + and b)", mode)
}

// Lock and Unlock take and release the sink's lock.
func (s *Sink) Lock()   { s.mu.Lock() }
func (s *Sink) Unlock() { s.mu.Unlock() }

// SetTerminator sets the text written after each record; Terminator
// returns it. Both are safe for concurrent use.
func (s *Sink) SetTerminator(t string) { s.term.Store(&t) }
func (s *Sink) Terminator() string     { return *s.term.Load() }

// Path returns the file's absolute path ("" for a writer sink).
func (s *Sink) Path() string { return s.path }

// Mode returns the file's Python mode ("a" when none was given).
func (s *Sink) Mode() string { return s.mode }

// Delay reports whether the file was to be opened at the first record.
func (s *Sink) Delay() bool { return s.delay }

// Codec returns the file's codec: nil for a writer and in binary modes.
func (s *Sink) Codec() *Codec { return s.codec }

// Line appends the terminator to a formatted record and encodes it: the
// bytes to Write. It needs no lock.
func (s *Sink) Line(b []byte) ([]byte, error) {
	b = append(b, *s.term.Load()...)
	if s.codec == nil || s.codec.enc == nil {
		return b, nil // UTF-8 as formatted: no call
	}
	return s.codec.Encode(b)
}

// Writer returns the writer (for a file sink, the open file or nil). The
// lock is held.
func (s *Sink) Writer() io.Writer { return s.w }

// SetWriter replaces the writer of a writer sink. The lock is held.
func (s *Sink) SetWriter(w io.Writer) { s.setW(w); s.newline = false }

// flusher is a writer with a Flush() error method, as a bufio.Writer.
type flusher interface{ Flush() error }

// setW sets the writer and its flusher. The lock is held, or the sink is
// not yet shared.
func (s *Sink) setW(w io.Writer) {
	s.w = w
	s.fl, _ = w.(flusher)
}

// File returns the open file, or nil. The lock is held.
func (s *Sink) File() *os.File { return s.file }

// Open opens the file (Python's _open), writing the encoding's byte order
// mark into an empty one. The lock is held, or the sink is not yet shared.
func (s *Sink) Open() error {
	f, err := os.OpenFile(s.path, s.flag, 0o666)
	if err != nil {
		return err
	}
	if bom := s.codec.BOM(); len(bom) > 0 {
		if st, err := f.Stat(); err == nil && st.Size() == 0 {
			f.Write(bom)
		}
	}
	s.setW(f)
	s.file, s.closed, s.newline = f, false, false
	return nil
}

// CloseFile closes the file without marking the sink closed, as Python's
// rotating handlers do before renaming it. The lock is held.
func (s *Sink) CloseFile() error {
	flushErr := s.flushBuffer()
	if s.file == nil {
		return flushErr
	}
	err := s.file.Close()
	s.file = nil
	s.setW(nil)
	return errors.Join(flushErr, err)
}

// Write writes one encoded record of the given level whole, or not at all
// (see the package doc), opening the file first if it is not open
// (Python's emit after close or with delay), and flushes a writer that has
// a Flush() error method. With a buffer (SetBuffer), the record is added
// to it and written when the buffer is flushed. The lock is held.
//
// err is what to report for this record: nil when it was written, and
// also when it was lost during an outage already reported (it is counted).
// ended, when not nil, is the report of the outage this record ended;
// report it through the handler's error hook, the record went through.
func (s *Sink) Write(b []byte, level int) (ended, err error) {
	if s.path != "" && s.file == nil && s.closed && s.flag&os.O_TRUNC != 0 {
		return nil, ErrClosed
	}
	if s.buf.size > 0 {
		return s.buffer(b, level)
	}
	return s.put(b, 1)
}

// put writes b, which holds n records, whole or not at all.
func (s *Sink) put(b []byte, n uint64) (ended, err error) {
	if s.path != "" && s.file == nil {
		if err := s.Open(); err != nil {
			return nil, s.dropN(n, err)
		}
	}
	if s.newline {
		nl, _ := s.codec.Encode([]byte("\n"))
		if _, err := s.write(nl); err != nil {
			return nil, s.dropN(n, err)
		}
		s.newline = false
	}
	var w int
	if s.TestWrite == nil {
		w, err = s.w.Write(b)
	} else {
		w, err = s.write(b)
	}
	if err == nil {
		if s.fl != nil {
			err = s.fl.Flush()
		}
	}
	if err != nil {
		if w > 0 {
			s.undo(w)
		}
		return nil, s.dropN(n, err)
	}
	if ended = s.pending; ended != nil {
		s.pending = nil
		return ended, nil
	}
	if !s.lost.Down() {
		return nil, nil // no outage to end: no call
	}
	return s.lost.Delivered(), nil
}

func (s *Sink) write(b []byte) (int, error) {
	if s.TestWrite == nil {
		return s.w.Write(b)
	}
	n, err := s.TestWrite(b)
	if n > 0 {
		if m, werr := s.w.Write(b[:n]); werr != nil {
			return m, werr
		}
	}
	return n, err
}

// Drop counts a record lost because of err (a file that cannot be
// reopened) and returns the report of the outage it begins, or nil. The
// lock is held.
func (s *Sink) Drop(err error) error { return s.dropN(1, err) }

// dropN counts n lost records and returns the report of the outage they
// begin, or nil.
func (s *Sink) dropN(n uint64, err error) error {
	while := "writes failed"
	if errors.Is(err, syscall.ENOSPC) {
		while = "the disk was full"
	}
	return s.lost.DropN(n, err, while)
}

// undo removes the n bytes of a record cut short from the end of the file,
// or else makes the next record start on a new line.
func (s *Sink) undo(n int) {
	if s.file != nil {
		end, err := s.file.Seek(0, io.SeekCurrent)
		start := end - int64(n)
		if err == nil && start >= 0 && s.file.Truncate(start) == nil {
			if _, err := s.file.Seek(start, io.SeekStart); err == nil {
				return
			}
		}
	}
	s.newline = true
}

// Flush flushes a writer that has a Flush() error method. It takes the
// lock.
func (s *Sink) Flush() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return errors.Join(s.flushBuffer(), flushWriter(s.w))
}

// Close closes the file and marks the sink closed: a later Write reopens
// it, unless the mode truncates. It takes the lock. A writer sink has
// nothing to close.
func (s *Sink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.buf.stop()
	// A record after Close (Python's emit after close, which reopens the
	// file; a listener still running when Shutdown closes its handlers)
	// is written at once: no Close would come to flush a buffer.
	defer func() { s.buf.size = 0 }()
	if s.path == "" {
		return s.flushBuffer()
	}
	s.closed = true
	return s.CloseFile()
}

// FlushWriter flushes w if it has a Flush() error method (a bufio.Writer).
func flushWriter(w io.Writer) error {
	if f, ok := w.(interface{ Flush() error }); ok {
		return f.Flush()
	}
	return nil
}
