package slogpy

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/pyfmt"
)

// Hints for format errors: the error keeps CPython's text (tests and users
// compare it) and adds what is likely wrong and how to fix it.

var (
	// keyedStart finds the start of a %(name) directive; keyedFull is the
	// whole directive with a conversion character Python knows.
	keyedStart = regexp.MustCompile(`%\(([^)]*)\)`)
	keyedFull  = regexp.MustCompile(`^%\([^)]*\)[#0+ -]*(\*|\d+)?(\.(\*|\d+))?[diouxXeEfFgGcrsa]`)
	keyedSpec  = regexp.MustCompile(`^%\([^)]*\)[#0+-]*(\*|\d+)?(\.(\*|\d+))?[hlL]?`)
	// braceField and dollarField find a field of the other styles.
	braceField      = regexp.MustCompile(`\{[A-Za-z_]\w*(\.\w+)?([!:][^{}]*)?\}`)
	dollarFieldHint = regexp.MustCompile(`\$(\{[A-Za-z_]\w*\}|[A-Za-z_]\w*)`)
)

// formatHint returns what most likely fixes a format that NewFormatter
// rejected, or "".
func formatHint(format string, style byte) string {
	switch style {
	case '%':
		for _, m := range keyedStart.FindAllStringSubmatchIndex(format, -1) {
			if format[m[0]:m[0]+2] == "%%" {
				continue
			}
			if !keyedFull.MatchString(format[m[0]:]) {
				name := format[m[2]:m[3]]
				spec := keyedSpec.FindString(format[m[0]:])
				if rest := format[m[0]+len(spec):]; rest != "" && isLetter(rest[0]) {
					return fmt.Sprintf("%s%c has an unknown conversion character %q: did you mean %%(%s)s?", spec, rest[0], rest[0], name)
				}
				return fmt.Sprintf("directive %%(%s) has no conversion character: write %%(%s)s", name, name)
			}
		}
		if !strings.Contains(format, "%(") {
			if dollarFieldHint.MatchString(format) {
				return `this is a $-style format: set Style: "$" (style: '$' in a configuration)`
			}
			if braceField.MatchString(format) {
				return `this is a {-style format: set Style: "{" (style: '{' in a configuration)`
			}
		}
	case '{', '$':
		if keyedStart.MatchString(format) && !braceField.MatchString(format) && !dollarFieldHint.MatchString(format) {
			return `this is a %-style format: leave Style empty or set it to "%"`
		}
	}
	return ""
}

// fieldNotFound is the error for a field found neither in the record nor in
// the defaults: CPython's ValueError, and the standard attribute the name
// most likely meant (within two edits), if any.
func fieldNotFound(key string) error {
	if near := nearestAttrName(key); near != "" {
		return newFieldError(string(pyfmt.AppendRepr(nil, key)), " (did you mean "+near+"?)")
	}
	return newFieldError(string(pyfmt.AppendRepr(nil, key)), "")
}

// nearestAttrName returns the LogRecord attribute name (or attrs) nearest
// to key, if it is within edit distance 2; the first in the LogRecord's
// order on a tie.
func nearestAttrName(key string) string {
	best, bestDist := "", 3
	try := func(name string) {
		if d := editDistance(key, name, bestDist); d < bestDist {
			best, bestDist = name, d
		}
	}
	for a := logrecord.Name; a <= logrecord.Asctime; a++ {
		try(a.String())
	}
	try(attrsKey)
	return best
}

// editDistance is the Levenshtein distance between a and b (bytes), or max
// when it is at least max.
func editDistance(a, b string, max int) int {
	if d := len(a) - len(b); d >= max || -d >= max {
		return max
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], max)
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
