package handlers

import (
	"fmt"
	"unicode/utf8"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/filesink"
	"github.com/slogpy/slogpy/slogpy"
)

// fileCore is what the file handlers of this package (watched, rotating,
// timed rotating) share with [slogpy.FileHandler]: the handler base and a
// file sink (internal/filesink), which holds the file, its encoding and
// the lock. Each handler composes it with its own policy; nothing that
// needs the lock held is exported.
type fileCore struct {
	slogpy.HandlerBase
	sink *filesink.Sink
}

// initFile makes the sink (opening the file unless o.Delay) and the base.
// kind names the handler in errors.
func (c *fileCore) initFile(kind, filename string, o *slogpy.FileHandlerOptions) error {
	s, err := filesink.New(filename, o.Mode, o.Encoding, o.Errors, o.Delay)
	if err != nil {
		return fmt.Errorf("handlers: %s%w", kind, err)
	}
	c.sink = s
	s.SetName("handlers: " + kindName[kind] + " " + s.Path())
	c.Configure(&o.HandlerOptions)
	c.FormatOnly()
	s.SetBuffer(o.BufferSize, o.FlushInterval, int(o.FlushLevel), func(err error) { c.HandleError(nil, err) })
	return nil
}

// kindName is the Python class named by a handler's kind, in outage
// reports.
var kindName = map[string]string{
	"watched file handler":        "WatchedFileHandler",
	"rotating file handler":       "RotatingFileHandler",
	"timed rotating file handler": "TimedRotatingFileHandler",
}

// BaseFilename returns the absolute path of the file: Python's
// baseFilename.
func (c *fileCore) BaseFilename() string { return c.sink.Path() }

// Dropped returns the number of records lost since the handler was made:
// records whose write failed (a full disk, a file that cannot be opened).
// Each outage is reported twice through the error hook, when its first
// record is lost and, with its count, when a write succeeds again.
func (c *fileCore) Dropped() uint64 { return c.sink.Lost() }

// Mode returns the mode the file is opened with: Python's mode ("a" when
// none was given, and always "a" for the rotating handlers that rotate).
func (c *fileCore) Mode() string { return c.sink.Mode() }

// Encoding returns the file's encoding as given ("utf-8" when none was
// given, "" in a binary mode): Python's encoding, which would be the
// locale's encoding when none is given.
func (c *fileCore) Encoding() string { return c.sink.Codec().Name() }

// Errors returns the errors mode of the encoding ("strict" when none was
// given, "" in a binary mode): Python's errors, None when none is given.
func (c *fileCore) Errors() string { return c.sink.Codec().Errors() }

// Delay reports whether the file is opened at the first record rather than
// by the constructor: Python's delay.
func (c *fileCore) Delay() bool { return c.sink.Delay() }

// SetTerminator sets the text written after each record ("\n" by default).
func (c *fileCore) SetTerminator(t string) { c.sink.SetTerminator(t) }

// Terminator returns the text written after each record.
func (c *fileCore) Terminator() string { return c.sink.Terminator() }

// Flush writes the records waiting in the buffer (see
// [slogpy.FileHandlerOptions].BufferSize); without a buffer it does
// nothing.
func (c *fileCore) Flush() error {
	if c.sink == nil {
		return nil
	}
	return c.sink.Flush()
}

// Close closes the file. As for [slogpy.FileHandler], a record emitted
// later reopens it.
func (c *fileCore) Close() error {
	if c.sink == nil {
		return nil
	}
	return c.sink.Close()
}

// format formats r with the handler's formatter and terminator into *bp and
// returns the encoded bytes to write and the record's length as Python's
// rotating handler counts it: the formatted characters plus one.
func (c *fileCore) format(bp *buffer.Buffer, r *slogpy.Record) (out []byte, chars int, err error) {
	b, err := c.Format(*bp, r)
	*bp = b
	if err != nil {
		return nil, 0, err
	}
	out, err = c.sink.Line(b)
	return out, utf8.RuneCount(b) + 1, err
}
