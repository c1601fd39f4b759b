package slogpy

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/pyfmt"
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
}

// A FileHandler writes formatted records to a file: Python's
// logging.FileHandler. Each record is written with one write call, under
// the handler's lock.
//
// As in Python, a record emitted after Close reopens the file, unless the
// mode was "w" (which would truncate it).
type FileHandler struct {
	StreamHandler
	path   string
	flag   int
	binary bool
	enc    encoding.Encoding
	codec  string // the encoding as Python names it in errors
	bom    []byte
	errs   string
	file   *os.File
	closed bool
}

var _ Handler = (*FileHandler)(nil)

// NewFileHandler returns a handler writing to filename, made absolute as
// Python's baseFilename. Unless opts.Delay is set, the file is opened now and
// an error opening it is returned.
func NewFileHandler(filename string, opts *FileHandlerOptions) (*FileHandler, error) {
	h := &FileHandler{}
	if err := h.InitFile(h, filename, opts); err != nil {
		return nil, err
	}
	h.FormatOnly()
	return h, nil
}

// InitFile prepares the FileHandler embedded in self, as Python's
// subclasses of FileHandler call FileHandler.__init__: self's Emit is the
// one called for records. It opens the file unless opts.Delay is set. The
// handlers of package handlers (rotating, watched) are built this way.
func (h *FileHandler) InitFile(self Handler, filename string, opts *FileHandlerOptions) error {
	var o FileHandlerOptions
	if opts != nil {
		o = *opts
	}
	if filename == "" {
		return errors.New("slogpy: file handler: empty filename")
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		return fmt.Errorf("slogpy: file handler %q: %w", filename, err)
	}
	h.path = abs
	h.SetTerminator("\n")
	if h.flag, h.binary, err = openFlags(o.Mode); err != nil {
		return fmt.Errorf("slogpy: file handler %q: %w", filename, err)
	}
	if !h.binary {
		if h.enc, h.bom, err = lookupEncoding(o.Encoding); err != nil {
			return fmt.Errorf("slogpy: file handler %q: %w", filename, err)
		}
		h.codec = codecName(h.enc, o.Encoding)
	}
	switch o.Errors {
	case "":
		h.errs = "strict"
	case "strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace":
		h.errs = o.Errors
	default:
		return fmt.Errorf("slogpy: file handler %q: unknown errors mode %q (want strict, ignore, replace, backslashreplace or xmlcharrefreplace)", filename, o.Errors)
	}
	h.Init(self, &o.HandlerOptions)
	if !o.Delay {
		return h.OpenFile()
	}
	return nil
}

// openFlags maps a Python open mode to os.OpenFile flags.
func openFlags(mode string) (flag int, binary bool, err error) {
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

// lookupEncoding resolves a Python codec name. UTF-8 needs no encoder.
func lookupEncoding(name string) (encoding.Encoding, []byte, error) {
	n := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), "_", "-")
	switch n {
	case "", "utf-8", "utf8", "u8", "utf", "cp65001":
		return nil, nil, nil
	case "latin-1", "latin1", "l1", "iso-8859-1", "iso8859-1", "8859", "latin":
		return charmap.ISO8859_1, nil, nil
	case "ascii", "us-ascii", "646":
		return asciiEncoding{}, nil, nil
	case "utf-16", "utf16":
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), []byte{0xff, 0xfe}, nil
	case "utf-8-sig":
		return nil, []byte{0xef, 0xbb, 0xbf}, nil
	}
	candidates := []string{n, strings.ReplaceAll(n, "-", ""), strings.ReplaceAll(n, "-", "_")}
	if num, ok := strings.CutPrefix(n, "cp"); ok { // Python's cp1252, cp437
		candidates = append(candidates, "windows-"+num, "ibm"+num)
	}
	if part, ok := strings.CutPrefix(n, "iso8859"); ok { // Python's iso8859_15
		candidates = append(candidates, "iso-8859-"+strings.TrimPrefix(part, "-"))
	}
	for _, c := range candidates {
		if e, err := ianaindex.IANA.Encoding(c); err == nil && e != nil {
			return e, nil, nil
		}
	}
	return nil, nil, fmt.Errorf("unknown encoding %q", name)
}

// asciiEncoding is Python's "ascii" codec.
type asciiEncoding struct{ encoding.Encoding }

func (asciiEncoding) NewEncoder() *encoding.Encoder {
	return &encoding.Encoder{Transformer: asciiEncoder{}}
}

type asciiEncoder struct{ transform.NopResetter }

func (asciiEncoder) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c >= utf8.RuneSelf {
			return nDst, nSrc, errors.New("'ascii' codec can't encode character")
		}
		if nDst >= len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		dst[nDst] = c
		nDst++
		nSrc++
	}
	return nDst, nSrc, nil
}

// BaseFilename returns the absolute path of the file.
func (h *FileHandler) BaseFilename() string { return h.path }

// OpenFile opens the file (Python's _open) and makes it the handler's
// stream. The caller holds the lock, or the handler is not yet shared.
func (h *FileHandler) OpenFile() error {
	f, err := os.OpenFile(h.path, h.flag, 0o666)
	if err != nil {
		return fmt.Errorf("slogpy: file handler: %w", err)
	}
	if len(h.bom) > 0 {
		if st, err := f.Stat(); err == nil && st.Size() == 0 {
			f.Write(h.bom)
		}
	}
	h.file, h.w, h.closed = f, f, false
	return nil
}

// Emit implements [Handler]: it formats the record, encodes it and writes it
// with one write call, opening the file first if it is not open.
func (h *FileHandler) Emit(r *Record) error {
	buf := buffer.New()
	defer buf.Free()
	if err := h.formatLine(buf, r); err != nil {
		return err
	}
	b, err := h.Encode(*buf)
	if err != nil {
		return err
	}
	h.Lock()
	defer h.Unlock()
	return h.WriteFile(b)
}

// WriteFile writes encoded bytes to the file, opening it first if it is not
// open (Python's emit after close or with delay). The caller holds the lock.
func (h *FileHandler) WriteFile(b []byte) error {
	if h.file == nil {
		if h.closed && h.flag&os.O_TRUNC != 0 {
			return ErrClosed
		}
		if err := h.OpenFile(); err != nil {
			return err
		}
	}
	_, err := h.file.Write(b)
	return err
}

// File returns the open file, or nil. The caller holds the lock.
func (h *FileHandler) File() *os.File { return h.file }

// CloseFile closes the file without marking the handler closed, as
// Python's rotating handlers do before renaming it. The caller holds the
// lock.
func (h *FileHandler) CloseFile() error {
	if h.file == nil {
		return nil
	}
	err := h.file.Close()
	h.file, h.w = nil, nil
	return err
}

// Encode converts formatted UTF-8 text to the file's encoding, applying
// the errors mode to characters the encoding cannot represent. UTF-8 and
// binary modes return b unchanged.
func (h *FileHandler) Encode(b []byte) ([]byte, error) {
	if h.enc == nil {
		return b, nil
	}
	out, err := h.enc.NewEncoder().Bytes(b)
	if err == nil {
		return out, nil
	}
	var res bytes.Buffer
	enc := h.enc.NewEncoder()
	for pos := 0; len(b) > 0; pos++ {
		c, size := utf8.DecodeRune(b)
		chunk, err := enc.Bytes(b[:size])
		b = b[size:]
		if err == nil {
			res.Write(chunk)
			continue
		}
		if h.errs == "strict" {
			return nil, h.encodeError(enc, c, pos, b)
		}
		var sub string
		switch h.errs {
		case "replace":
			sub = "?"
		case "backslashreplace":
			sub = string(pyfmt.AppendEscape(nil, c))
		case "xmlcharrefreplace":
			sub = fmt.Sprintf("&#%d;", c)
		}
		s, _ := enc.Bytes([]byte(sub))
		res.Write(s)
	}
	return res.Bytes(), nil
}

// encodeError is CPython's UnicodeEncodeError for the character c at
// position pos that the encoding cannot represent, and for the characters
// that follow it in rest and cannot be represented either.
func (h *FileHandler) encodeError(enc *encoding.Encoder, c rune, pos int, rest []byte) error {
	reason, span := "character maps to <undefined>", true
	switch h.codec {
	case "ascii":
		reason = "ordinal not in range(128)"
	case "latin-1":
		reason = "ordinal not in range(256)"
	default:
		if _, ok := h.enc.(*charmap.Charmap); !ok {
			// CPython's multibyte codecs report one character at a time.
			reason, span = "illegal multibyte sequence", false
		}
	}
	end := pos
	for span && len(rest) > 0 {
		_, size := utf8.DecodeRune(rest)
		if _, err := enc.Bytes(rest[:size]); err == nil {
			break
		}
		rest = rest[size:]
		end++
	}
	if end > pos {
		return fmt.Errorf("UnicodeEncodeError: '%s' codec can't encode characters in position %d-%d: %s", h.codec, pos, end, reason)
	}
	return fmt.Errorf("UnicodeEncodeError: '%s' codec can't encode character '%s' in position %d: %s", h.codec, pyfmt.AppendEscape(nil, c), pos, reason)
}

// codecName is the name CPython gives the codec of enc, looked up by name,
// in a UnicodeEncodeError: "charmap" for the single-byte code pages.
func codecName(enc encoding.Encoding, name string) string {
	switch enc.(type) {
	case asciiEncoding:
		return "ascii"
	case *charmap.Charmap:
		if enc == charmap.ISO8859_1 {
			return "latin-1"
		}
		return "charmap"
	}
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), "-", "_")
}

// Flush does nothing: records are written to the file unbuffered.
func (h *FileHandler) Flush() error { return nil }

// Close closes the file. A later record reopens it (see [FileHandler]).
func (h *FileHandler) Close() error {
	h.Lock()
	defer h.Unlock()
	h.closed = true
	return h.CloseFile()
}
