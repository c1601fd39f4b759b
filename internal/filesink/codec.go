package filesink

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/ianaindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// A Codec converts formatted UTF-8 text to a file's encoding: Python's
// text-mode file with its encoding and errors arguments. A nil *Codec
// writes bytes as formatted (UTF-8, or a binary mode).
type Codec struct {
	enc   encoding.Encoding // nil: UTF-8
	codec string            // the encoding as Python names it in errors
	name  string            // the encoding as given, or "utf-8"
	bom   []byte
	errs  string
}

// NewCodec resolves a Python codec name ("" is UTF-8) and errors mode (""
// is "strict"). Errors do not name the package: the caller adds its own
// context.
func NewCodec(name, errs string) (*Codec, error) {
	c := &Codec{errs: errs, name: name}
	if c.errs == "" {
		c.errs = "strict"
	}
	if c.name == "" {
		c.name = "utf-8"
	}
	var err error
	if c.enc, c.bom, err = lookupEncoding(name); err != nil {
		return nil, err
	}
	if err := CheckErrors(errs); err != nil {
		return nil, err
	}
	c.codec = codecName(c.enc, name)
	return c, nil
}

// CheckErrors reports whether errs is an errors mode of Python's codecs
// that a file handler accepts ("" is "strict").
func CheckErrors(errs string) error {
	switch errs {
	case "", "strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace":
		return nil
	}
	return fmt.Errorf("unknown errors mode %q (want strict, ignore, replace, backslashreplace or xmlcharrefreplace)", errs)
}

// Name returns the encoding as given ("utf-8" when it was empty).
func (c *Codec) Name() string {
	if c == nil {
		return ""
	}
	return c.name
}

// Errors returns the errors mode ("strict" when it was empty).
func (c *Codec) Errors() string {
	if c == nil {
		return ""
	}
	return c.errs
}

// BOM returns the byte order mark written at the start of an empty file.
func (c *Codec) BOM() []byte {
	if c == nil {
		return nil
	}
	return c.bom
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

// Encode converts formatted UTF-8 text to the encoding, applying the
// errors mode to characters the encoding cannot represent. A nil Codec
// and UTF-8 return b unchanged.
func (c *Codec) Encode(b []byte) ([]byte, error) {
	if c == nil || c.enc == nil {
		return b, nil
	}
	out, err := c.enc.NewEncoder().Bytes(b)
	if err == nil {
		return out, nil
	}
	var res bytes.Buffer
	enc := c.enc.NewEncoder()
	for pos := 0; len(b) > 0; pos++ {
		r, size := utf8.DecodeRune(b)
		chunk, err := enc.Bytes(b[:size])
		b = b[size:]
		if err == nil {
			res.Write(chunk)
			continue
		}
		if c.errs == "strict" {
			return nil, c.encodeError(enc, r, pos, b)
		}
		var sub string
		switch c.errs {
		case "replace":
			sub = "?"
		case "backslashreplace":
			sub = string(pyfmt.AppendEscape(nil, r))
		case "xmlcharrefreplace":
			sub = fmt.Sprintf("&#%d;", r)
		}
		s, _ := enc.Bytes([]byte(sub))
		res.Write(s)
	}
	return res.Bytes(), nil
}

// encodeError is CPython's UnicodeEncodeError for the character r at
// position pos that the encoding cannot represent, and for the characters
// that follow it in rest and cannot be represented either.
func (c *Codec) encodeError(enc *encoding.Encoder, r rune, pos int, rest []byte) error {
	reason, span := "character maps to <undefined>", true
	switch c.codec {
	case "ascii":
		reason = "ordinal not in range(128)"
	case "latin-1":
		reason = "ordinal not in range(256)"
	default:
		if _, ok := c.enc.(*charmap.Charmap); !ok {
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
		return fmt.Errorf("UnicodeEncodeError: '%s' codec can't encode characters in position %d-%d: %s", c.codec, pos, end, reason)
	}
	return fmt.Errorf("UnicodeEncodeError: '%s' codec can't encode character '%s' in position %d: %s", c.codec, pyfmt.AppendEscape(nil, r), pos, reason)
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
