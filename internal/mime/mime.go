// Package mime builds the e-mail CPython's SMTPHandler sends: EmailMessage
// with From, To, Subject and Date, set_content(text), flattened by
// smtplib.send_message with CRLF line ends. It ports the parts of Python's
// email package that run for it: the header folding of
// email._header_value_parser._refold_parse_tree and _fold_as_ew (RFC 2047
// encoded words, email._encoded_words), the transfer-encoding choice of
// email.contentmanager._encode_text, and email.quoprimime.body_encode.
package mime

import (
	"bytes"
	"encoding/base64"
	"fmt"
	stdmime "mime"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxLineLen is the default policy's max_line_length.
const maxLineLen = 78

// node is a node of a header's parse tree, as far as folding looks at
// it: a terminal (a word or a run of whitespace) or a list of parts.
type node struct {
	s        string
	terminal bool
	fws      bool // starts with folding white space
	ewOK     bool // may be written as an RFC 2047 encoded word
	children []node
	endBlock bool // marks the end of a part whose children may not be encoded
}

func listNode(children []node, ewOK bool) node {
	var b strings.Builder
	for _, c := range children {
		b.WriteString(c.s)
	}
	fws := len(children) > 0 && children[0].fws
	return node{s: b.String(), ewOK: ewOK, fws: fws, children: children}
}

// tokenize splits a header value into words and whitespace runs, as
// get_unstructured does. For address headers, commas are tokens of their
// own, a word keeps the whitespace after it (as an atom of Python's
// address parser keeps its trailing CFWS), and words with address syntax
// may not be encoded.
func tokenize(value string, address bool) []node {
	isWS := func(c byte) bool { return c == ' ' || c == '\t' }
	var toks []node
	for len(value) > 0 {
		i := 0
		switch {
		case isWS(value[0]):
			// A run starts at a space or tab and, as get_fws's
			// str.lstrip, goes on over any of Python's white space.
			for i < len(value) {
				c, size := utf8.DecodeRuneInString(value[i:])
				if !pyIsSpace(c) {
					break
				}
				i += size
			}
			toks = append(toks, node{s: value[:i], terminal: true, fws: true, ewOK: true})
			value = value[i:]
			continue
		case address && value[0] == ',':
			i = 1
		default:
			for i < len(value) && !isWS(value[i]) && !(address && value[i] == ',') {
				i++
			}
		}
		w := value[:i]
		ewOK := !address || !strings.ContainsAny(w, "@<>,\"")
		if address {
			for i < len(value) && isWS(value[i]) {
				i++
			}
		}
		toks = append(toks, node{s: value[:i], terminal: true, ewOK: ewOK})
		value = value[i:]
	}
	return toks
}

// pyIsSpace is Python's str.isspace for one character: Go's white space
// and the separators U+001C to U+001F.
func pyIsSpace(c rune) bool { return unicode.IsSpace(c) || c >= 0x1c && c <= 0x1f }

// parseAddressList is the parse tree of an address list as far as folding
// looks at it: addresses (not encodable as a whole) separated by commas;
// an address is a display name (its words, each with the whitespace after
// it) and an angle address, or a bare address; an address is "<", local
// part, "@", domain, ">".
func parseAddressList(value string) []node {
	var parts []node
	for i, seg := range strings.Split(value, ",") {
		if i > 0 {
			parts = append(parts, node{s: ",", terminal: true, ewOK: true})
		}
		if seg == "" {
			continue
		}
		var children []node
		spec := seg
		if j := strings.IndexByte(seg, '<'); j >= 0 {
			// The display name: its words, each an atom of the white space
			// before it (the first only), the word and the white space
			// after it, which folding may split as CPython's atoms.
			var words []node
			lead := ""
			for _, w := range tokenize(seg[:j], true) {
				if w.fws {
					lead += w.s
					continue
				}
				core := strings.TrimRight(w.s, " \t")
				words = append(words, newAtom(lead, core, w.s[len(core):], w.ewOK))
				lead = ""
			}
			if lead != "" {
				words = append(words, node{s: lead, terminal: true, fws: true, ewOK: true})
			}
			if len(words) > 0 {
				children = append(children, listNode(words, true))
			}
			spec = seg[j:]
		}
		trimmed := strings.TrimRight(spec, " \t")
		trail := spec[len(trimmed):]
		lead := trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, " \t"))]
		core := trimmed[len(lead):]
		angle := strings.HasPrefix(core, "<") && strings.HasSuffix(core, ">")
		if angle {
			core = core[1 : len(core)-1]
		}
		var pieces []node
		if at := strings.LastIndexByte(core, '@'); at > 0 {
			pieces = []node{{s: core[:at], terminal: true}, {s: "@", terminal: true}, {s: core[at+1:], terminal: true}}
		} else {
			pieces = []node{{s: core, terminal: true}}
		}
		addr := listNode(pieces, false)
		if angle {
			addr = listNode([]node{{s: "<", terminal: true}, addr, {s: ">", terminal: true}}, false)
		}
		addr.s = lead + addr.s + trail
		addr.fws = lead != ""
		if len(addr.children) > 0 {
			addr.children[0].s = lead + addr.children[0].s
			addr.children[0].fws = lead != ""
			addr.children[len(addr.children)-1].s += trail
		}
		children = append(children, addr)
		parts = append(parts, listNode(children, false))
	}
	return parts
}

// newAtom is an atom of a display name: the white space before the word,
// the word, the white space after it (either white space may be empty).
func newAtom(lead, word, trail string, ewOK bool) node {
	var children []node
	if lead != "" {
		children = append(children, node{s: lead, terminal: true, fws: true, ewOK: true})
	}
	children = append(children, node{s: word, terminal: true, ewOK: ewOK})
	if trail != "" {
		children = append(children, node{s: trail, terminal: true, fws: true, ewOK: true})
	}
	return listNode(children, ewOK)
}

// FoldHeader returns "Name: value" folded as CPython's default e-mail
// policy folds it, each line ended by CRLF.
func FoldHeader(name, value string, address bool) (string, error) {
	if strings.ContainsAny(value, "\r\n") {
		return "", fmt.Errorf("header %s: value %q has a line break", name, value)
	}
	var toks []node
	if address && !strings.ContainsAny(value, "\"()\\;:") {
		toks = parseAddressList(value)
	} else {
		toks = tokenize(value, address)
	}
	ewOK := true
	for _, t := range toks {
		ewOK = ewOK && t.ewOK
	}
	parts := []node{
		listNode([]node{{s: name, terminal: true}, {s: ":", terminal: true}}, false),
	}
	if len(toks) > 0 {
		parts = append(parts, listNode([]node{{s: " ", terminal: true, fws: true, ewOK: true}}, true), listNode(toks, ewOK))
	}
	return refoldTree(parts) + "\r\n", nil
}

// refoldTree is _refold_parse_tree; it returns the lines joined by CRLF.
func refoldTree(parts []node) string {
	lines := []string{""}
	last := func() int { return len(lines) - 1 }
	lastEW := -1 // None
	blocked := 0
	wantEnc := false
	for len(parts) > 0 {
		part := parts[0]
		parts = parts[1:]
		if part.endBlock {
			blocked--
			continue
		}
		tstr := part.s
		charset := "us-ascii"
		if !isASCII(tstr) {
			charset = "utf-8"
			wantEnc = true
		}
		if wantEnc && blocked == 0 {
			if !part.ewOK {
				wantEnc = false
				lastEW = -1
				enc := refoldTree(part.children)
				if !strings.Contains(enc, "\r\n") {
					if runeLen(enc) > maxLineLen-runeLen(lines[last()]) {
						nl := stealTrailing(lines)
						if nl == "" && enc != "" && enc[0] != ' ' && enc[0] != '\t' {
							// CPython starts the line with no white space,
							// which ends the header: a continuation line
							// needs one.
							nl = " "
						}
						lines = append(lines, nl)
					}
					lines[last()] += enc
					continue
				}
			}
			if !part.terminal {
				parts = append(append([]node(nil), part.children...), parts...)
			} else {
				lines, lastEW = foldAsEW(tstr, lines, lastEW, charset)
			}
			wantEnc = false
			continue
		}
		if runeLen(tstr) <= maxLineLen-runeLen(lines[last()]) {
			lines[last()] += tstr
			if !part.ewOK && part.terminal {
				lastEW = -1 // an address: encoded words do not span it
			}
			continue
		}
		if runeLen(tstr)+1 <= maxLineLen {
			nl := stealTrailing(lines)
			if nl != "" || part.fws {
				lines = append(lines, nl+tstr)
				lastEW = -1
				continue
			}
		}
		if !part.terminal {
			newparts := append([]node(nil), part.children...)
			if !part.ewOK {
				blocked++
				newparts = append(newparts, node{endBlock: true})
			}
			parts = append(newparts, parts...)
			continue
		}
		if part.ewOK && blocked == 0 {
			parts = append([]node{part}, parts...)
			wantEnc = true
			continue
		}
		nl := stealTrailing(lines)
		if nl != "" || part.fws {
			lines = append(lines, nl+tstr)
		} else {
			lines[last()] += tstr
		}
	}
	return strings.Join(lines, "\r\n")
}

// stealTrailing is _steal_trailing_WSP_if_exists.
func stealTrailing(lines []string) string {
	l := lines[len(lines)-1]
	if l != "" && (l[len(l)-1] == ' ' || l[len(l)-1] == '\t') {
		lines[len(lines)-1] = l[:len(l)-1]
		return l[len(l)-1:]
	}
	return ""
}

// foldAsEW is _fold_as_ew: it writes toEncode as encoded words,
// combined with the encoded word already on the last line (from lastEW
// on) and split to fit.
func foldAsEW(toEncode string, lines []string, lastEW int, charset string) ([]string, int) {
	n := len(lines) - 1
	if lastEW >= 0 {
		prev := lines[n][runeByteIndex(lines[n], lastEW):]
		dec, err := new(stdmime.WordDecoder).DecodeHeader(prev)
		if err != nil {
			dec = prev
		}
		toEncode = dec + toEncode
		lines[n] = lines[n][:runeByteIndex(lines[n], lastEW)]
	}
	if toEncode[0] == ' ' || toEncode[0] == '\t' {
		lead := toEncode[:1]
		toEncode = toEncode[1:]
		if runeLen(lines[n]) == maxLineLen {
			lines = append(lines, stealTrailing(lines))
			n++
		}
		lines[n] += lead
	}
	trailing := ""
	if l := len(toEncode); l > 0 && (toEncode[l-1] == ' ' || toEncode[l-1] == '\t') {
		trailing = toEncode[l-1:]
		toEncode = toEncode[:l-1]
	}
	newLastEW := lastEW
	if lastEW < 0 {
		newLastEW = runeLen(lines[n])
	}
	const chrome = len("utf-8") + 7
	rest := []rune(toEncode)
	for len(rest) > 0 {
		remaining := maxLineLen - runeLen(lines[n])
		textSpace := remaining - chrome
		if textSpace <= 0 {
			lines = append(lines, " ")
			n++
			continue
		}
		word := rest[:min(textSpace, len(rest))]
		ew := encodeWord(string(word))
		for len(ew) > remaining {
			word = word[:len(word)-1]
			ew = encodeWord(string(word))
		}
		lines[n] += ew
		rest = rest[len(word):]
		if len(rest) > 0 {
			lines = append(lines, " ")
			n++
			newLastEW = 1
		}
	}
	lines[n] += trailing
	_ = charset
	return lines, newLastEW
}

// encodeWord is email._encoded_words.encode(s, "utf-8"): Q or B
// encoding, whichever is shorter with a bias of 5 toward Q.
func encodeWord(s string) string {
	b := []byte(s)
	qlen := 0
	for _, c := range b {
		if qSafe(c) || c == ' ' {
			qlen++
		} else {
			qlen += 3
		}
	}
	blen := (len(b) + 2) / 3 * 4
	if qlen-blen < 5 {
		var q strings.Builder
		for _, c := range b {
			switch {
			case c == ' ':
				q.WriteByte('_')
			case qSafe(c):
				q.WriteByte(c)
			default:
				fmt.Fprintf(&q, "=%02X", c)
			}
		}
		return "=?utf-8?q?" + q.String() + "?="
	}
	return "=?utf-8?b?" + base64.StdEncoding.EncodeToString(b) + "?="
}

func qSafe(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-!*+/", c) >= 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// runeLen is Python's len of a str: code points.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// runeByteIndex returns the byte offset of the n-th code point of s.
func runeByteIndex(s string, n int) int {
	for i := range s {
		if n == 0 {
			return i
		}
		n--
	}
	return len(s)
}

// splitBodyLines is bytes.splitlines: lines ended by \n, \r\n or \r.
func splitBodyLines(b []byte) [][]byte {
	var lines [][]byte
	for len(b) > 0 {
		i := bytes.IndexAny(b, "\r\n")
		if i < 0 {
			lines = append(lines, b)
			break
		}
		lines = append(lines, b[:i])
		if b[i] == '\r' && i+1 < len(b) && b[i+1] == '\n' {
			i++
		}
		b = b[i+1:]
	}
	return lines
}

// encodeText is contentmanager._encode_text(text, "utf-8", None,
// default policy): the transfer encoding and the body, lines ended by \n.
func encodeText(text string) (cte, body string) {
	lines := splitBodyLines([]byte(text))
	normal := func(ls [][]byte) []byte { return append(bytes.Join(ls, []byte("\n")), '\n') }
	longest := 0
	for _, l := range lines {
		longest = max(longest, len(l))
	}
	if longest <= maxLineLen {
		b := normal(lines)
		if isASCII(string(b)) {
			return "7bit", string(b)
		}
		return "8bit", string(b)
	}
	sniff := normal(lines[:min(10, len(lines))])
	sniffQP := quotedPrintable(sniff)
	sniffB64 := len(sniff)/3*4 + 1
	if len(sniff)%3 != 0 {
		sniffB64 += 4
	}
	if len(sniffQP) > sniffB64 {
		b := normal(lines)
		var out strings.Builder
		const per = maxLineLen / 4 * 3
		for i := 0; i < len(b); i += per {
			out.WriteString(base64.StdEncoding.EncodeToString(b[i:min(i+per, len(b))]))
			out.WriteByte('\n')
		}
		return "base64", out.String()
	}
	if len(lines) <= 10 {
		return "quoted-printable", sniffQP
	}
	return "quoted-printable", quotedPrintable(normal(lines))
}

// quotedPrintable is quoprimime.body_encode(body.decode("latin-1"),
// 78): each byte stands for one character.
func quotedPrintable(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	var enc []byte
	for _, c := range body {
		if c == '\r' || c == '\n' || c == '\t' || (c >= ' ' && c <= '~' && c != '=') {
			enc = append(enc, c)
		} else {
			enc = fmt.Appendf(enc, "=%02X", c)
		}
	}
	const maxlen = maxLineLen
	var out []string
	for _, line := range splitBodyLines(enc) {
		s := string(line) // ASCII now: indexes are characters
		start := 0
		laststart := len(s) - 1 - maxlen
		for start <= laststart {
			stop := start + maxlen - 1
			switch {
			case s[stop-2] == '=':
				out = append(out, s[start:stop-1])
				start = stop - 2
			case s[stop-1] == '=':
				out = append(out, s[start:stop])
				start = stop - 1
			default:
				out = append(out, s[start:stop]+"=")
				start = stop
			}
		}
		if s != "" && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
			room := start - laststart
			var q string
			switch {
			case room >= 3:
				q = fmt.Sprintf("=%02X", s[len(s)-1])
			case room == 2:
				q = s[len(s)-1:] + "=\n"
			default:
				q = fmt.Sprintf("=\n=%02X", s[len(s)-1])
			}
			out = append(out, s[start:len(s)-1]+q)
		} else {
			out = append(out, s[start:])
		}
	}
	if c := enc[len(enc)-1]; c == '\r' || c == '\n' {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}

// formatDate is email.utils.format_datetime of an aware local time:
// "Sun, 10 Mar 2024 12:34:56 +0100".
func formatDate(t time.Time) string { return t.Format("Mon, 02 Jan 2006 15:04:05 -0700") }

// Message is the message CPython's SMTPHandler sends, CRLF line ends.
func Message(from, to, subject string, date time.Time, text string) ([]byte, error) {
	var b bytes.Buffer
	for _, h := range []struct {
		name, value string
		address     bool
	}{{"From", from, true}, {"To", to, true}, {"Subject", subject, false}} {
		line, err := FoldHeader(h.name, h.value, h.address)
		if err != nil {
			return nil, err
		}
		b.WriteString(line)
	}
	cte, body := encodeText(text)
	b.WriteString("Date: " + formatDate(date) + "\r\n")
	b.WriteString("Content-Type: text/plain; charset=\"utf-8\"\r\n")
	b.WriteString("Content-Transfer-Encoding: " + cte + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\n\r\n")
	b.WriteString(strings.ReplaceAll(body, "\n", "\r\n"))
	return b.Bytes(), nil
}
