package main

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// logFormat is a logging message parsed as the library merges it with its
// arguments: Python's % directives, and the fmt verbs the library accepts
// in messages where Python knows none (%v, %T, ...).
type logFormat struct {
	directives []pyfmt.Directive
	spans      []span // byte range of each directive in the message
	goVerb     []bool // the directive is a fmt verb, formatted by fmt
}

// parseLog parses msg with the engine's parser, pyfmt.Compile, which knows
// Python's directives only. A conversion character it rejects that the
// library's merge (pyfmt.AppendLogArgs) accepts is a fmt verb: it is
// parsed as %s, which takes one argument as it does, and marked.
// On error it returns the message with the fmt verbs found so far
// replaced, which Compile parses up to the error.
func parseLog(msg string) (*logFormat, string, error) {
	work := []byte(msg)
	var verbs []int // byte offsets of the fmt verbs
	for {
		t, err := pyfmt.Compile(string(work))
		if err == nil {
			f := &logFormat{directives: t.Directives, spans: directiveSpans(string(work), len(t.Directives))}
			f.goVerb = make([]bool, len(t.Directives))
			for k, s := range f.spans {
				for _, p := range verbs {
					if p == s.end-1 {
						f.goVerb[k] = true
						f.directives[k].Verb = msg[p]
					}
				}
			}
			return f, msg, nil
		}
		pos, ok := unsupportedAt(string(work), err)
		if !ok || !logVerb(work[pos]) {
			return nil, string(work), err
		}
		verbs = append(verbs, pos)
		work[pos] = 's'
	}
}

var errIndex = regexp.MustCompile(`unsupported format character .* at index (\d+)$`)

// unsupportedAt returns the byte offset in msg of the character an
// "unsupported format character" error names.
func unsupportedAt(msg string, err error) (int, bool) {
	var perr *pyfmt.Error
	if !errors.As(err, &perr) {
		return 0, false
	}
	m := errIndex.FindStringSubmatch(perr.Msg)
	if m == nil {
		return 0, false
	}
	idx, _ := strconv.Atoi(m[1])
	pos := byteOffset(msg, idx)
	return pos, pos < len(msg)
}

// byteOffset returns the byte offset of the idx-th character of s.
func byteOffset(s string, idx int) int {
	for i := range s {
		if idx == 0 {
			return i
		}
		idx--
	}
	return len(s)
}

var (
	logVerbsOnce sync.Once
	logVerbs     [128]bool
)

// logVerb reports whether the library's merge of a message with its
// arguments accepts the conversion character c that Python's % rejects.
func logVerb(c byte) bool {
	logVerbsOnce.Do(func() {
		for c := byte('A'); c < 128; c++ {
			if _, err := pyfmt.Compile("%" + string(c)); err == nil || c == '%' {
				continue
			}
			_, err := pyfmt.AppendLogArgs(nil, "%"+string(c), []any{0})
			logVerbs[c] = err == nil
		}
	})
	return c < 128 && logVerbs[c]
}

// span is the byte range of a directive in a message.
type span struct{ start, end int }

// directiveSpans returns the spans of the first n directives of msg, a
// format pyfmt.Compile parses. Each directive is the shortest text from its
// '%' that Compile parses as one directive, so that the spans agree with
// the engine's parser.
func directiveSpans(msg string, n int) []span {
	out := make([]span, 0, n)
	i := 0
	for len(out) < n {
		j := strings.IndexByte(msg[i:], '%')
		if j < 0 {
			break
		}
		p := i + j
		if p+1 < len(msg) && msg[p+1] == '%' {
			i = p + 2
			continue
		}
		q := min(directiveEnd(msg, p, len(msg)), len(msg))
		out = append(out, span{p, q})
		i = q
	}
	for len(out) < n { // not reached for a format Compile parsed
		out = append(out, span{len(msg), len(msg)})
	}
	return out
}

// directiveEnd returns the end of the directive at msg[p], looking no
// further than limit; limit+1 when none ends there.
func directiveEnd(msg string, p, limit int) int {
	for q := p + 2; q <= limit; q++ {
		if t, err := pyfmt.Compile(msg[p:q]); err == nil && len(t.Directives) == 1 {
			return q
		}
	}
	return limit + 1
}

// badDirectiveStart returns the byte offset of the '%' that starts the
// directive whose conversion character, rejected by the engine, is at
// msg[pos].
func badDirectiveStart(msg string, pos int) int {
	i := 0
	for {
		j := strings.IndexByte(msg[i:pos], '%')
		if j < 0 {
			return pos
		}
		p := i + j
		if msg[p+1] == '%' {
			i = p + 2
			continue
		}
		q := directiveEnd(msg, p, pos)
		if q > pos {
			return p
		}
		i = q
	}
}
