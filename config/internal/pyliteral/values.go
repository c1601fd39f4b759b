package pyliteral

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/slogpy/slogpy/config/internal/pyvalue"
)

// number parses a Python int or float literal.
func (p *litParser) number() (any, error) {
	start := p.pos
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '.' {
			p.pos++
			continue
		}
		if (c == '+' || c == '-') && p.pos > start && (p.src[p.pos-1] == 'e' || p.src[p.pos-1] == 'E') && !isPrefixedInt(p.src[start:p.pos]) {
			p.pos++
			continue
		}
		break
	}
	lit := p.src[start:p.pos]
	v, err := pyNumberLiteral(lit)
	if err != nil {
		p.pos = start
		return nil, p.errf("%v", err)
	}
	return v, p.noCall()
}

func isPrefixedInt(s string) bool {
	if len(s) < 2 || s[0] != '0' {
		return false
	}
	switch s[1] {
	case 'x', 'X', 'o', 'O', 'b', 'B':
		return true
	}
	return false
}

// pyNumberLiteral converts a Python numeric literal.
func pyNumberLiteral(lit string) (any, error) {
	if strings.HasSuffix(lit, "j") || strings.HasSuffix(lit, "J") {
		return nil, fmt.Errorf("complex numbers are not supported: %s", lit)
	}
	if strings.HasPrefix(lit, "_") || strings.HasSuffix(lit, "_") || strings.Contains(lit, "__") {
		return nil, fmt.Errorf("invalid number %s", lit)
	}
	clean := strings.ReplaceAll(lit, "_", "")
	if isPrefixedInt(clean) {
		base := map[byte]int{'x': 16, 'X': 16, 'o': 8, 'O': 8, 'b': 2, 'B': 2}[clean[1]]
		n, err := strconv.ParseInt(clean[2:], base, 64)
		if err != nil {
			return nil, numErr(lit, err)
		}
		return n, nil
	}
	if !strings.ContainsAny(clean, ".eE") {
		if len(clean) > 1 && clean[0] == '0' && strings.Trim(clean, "0") != "" {
			return nil, fmt.Errorf("invalid number %s (leading zeros are not allowed in Python 3; use 0o for octal)", lit)
		}
		n, err := strconv.ParseInt(clean, 10, 64)
		if err != nil {
			return nil, numErr(lit, err)
		}
		return n, nil
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil || math.IsInf(f, 0) {
		if err == nil || errors.Is(err, strconv.ErrRange) {
			return math.Inf(1), nil // Python reads 1e999 as inf
		}
		return nil, fmt.Errorf("invalid number %s", lit)
	}
	return f, nil
}

func numErr(lit string, err error) error {
	if errors.Is(err, strconv.ErrRange) {
		return fmt.Errorf("integer %s is too large (at most %d)", lit, int64(math.MaxInt64))
	}
	return fmt.Errorf("invalid number %s", lit)
}

// stringPrefixLen returns the length of a string prefix at pos (r, u, b,
// f and their combinations) followed by a quote, or 0.
func (p *litParser) stringPrefixLen() int {
	for n := 1; n <= 2 && p.pos+n < len(p.src); n++ {
		c := p.src[p.pos+n]
		if c == '\'' || c == '"' {
			pre := strings.ToLower(p.src[p.pos : p.pos+n])
			switch pre {
			case "r", "u", "b", "f", "rb", "br", "fr", "rf":
				return n
			}
			return 0
		}
		if !strings.ContainsRune("rRuUbBfF", rune(c)) {
			return 0
		}
	}
	return 0
}

// strings parses one or more adjacent string literals, joined.
func (p *litParser) strings() (any, error) {
	var b strings.Builder
	for {
		p.space()
		if p.pos >= len(p.src) {
			break
		}
		c := p.src[p.pos]
		prefix := ""
		if c != '\'' && c != '"' {
			n := p.stringPrefixLen()
			if n == 0 {
				break
			}
			prefix = strings.ToLower(p.src[p.pos : p.pos+n])
			p.pos += n
		}
		if strings.Contains(prefix, "f") {
			p.pos -= len(prefix)
			return nil, p.errf("f-strings are not allowed: they run code")
		}
		if strings.Contains(prefix, "b") {
			p.pos -= len(prefix)
			return nil, p.errf("bytes literals are not supported: use a string")
		}
		s, err := p.stringLit(strings.Contains(prefix, "r"))
		if err != nil {
			return nil, err
		}
		b.WriteString(s)
		if b.Len() > MaxLen {
			return nil, p.errf("string longer than %d bytes", MaxLen)
		}
	}
	return b.String(), p.noCall()
}

// stringLit parses one quoted string at pos.
func (p *litParser) stringLit(raw bool) (string, error) {
	start := p.pos
	q := p.src[p.pos]
	quote := string(q)
	if strings.HasPrefix(p.src[p.pos:], strings.Repeat(quote, 3)) {
		quote = strings.Repeat(quote, 3)
	}
	p.pos += len(quote)
	var b strings.Builder
	for {
		if p.pos >= len(p.src) {
			p.pos = start
			return "", p.errf("unterminated string")
		}
		if strings.HasPrefix(p.src[p.pos:], quote) {
			p.pos += len(quote)
			return b.String(), nil
		}
		c := p.src[p.pos]
		if c == '\n' && len(quote) == 1 {
			p.pos = start
			return "", p.errf("unterminated string (a newline inside quotes)")
		}
		if c != '\\' {
			r, size := utf8.DecodeRuneInString(p.src[p.pos:])
			b.WriteRune(r)
			p.pos += size
			continue
		}
		if p.pos+1 >= len(p.src) {
			p.pos = start
			return "", p.errf("unterminated string")
		}
		if raw {
			b.WriteByte('\\')
			r, size := utf8.DecodeRuneInString(p.src[p.pos+1:])
			b.WriteRune(r)
			p.pos += 1 + size
			continue
		}
		if err := p.escape(&b); err != nil {
			return "", err
		}
	}
}

// escape decodes one backslash escape at pos.
func (p *litParser) escape(b *strings.Builder) error {
	esc := p.src[p.pos+1]
	p.pos += 2
	simple := map[byte]string{'\\': "\\", '\'': "'", '"': "\"", 'a': "\a", 'b': "\b", 'f': "\f", 'n': "\n", 'r': "\r", 't': "\t", 'v': "\v", '\n': ""}
	if s, ok := simple[esc]; ok {
		b.WriteString(s)
		return nil
	}
	hex := func(n int) error {
		if p.pos+n > len(p.src) {
			return p.errf("truncated \\%c escape", esc)
		}
		v, err := strconv.ParseUint(p.src[p.pos:p.pos+n], 16, 32)
		if err != nil {
			return p.errf("truncated \\%c escape", esc)
		}
		if v > unicode.MaxRune {
			return p.errf("illegal Unicode character in \\%c escape", esc)
		}
		b.WriteRune(rune(v))
		p.pos += n
		return nil
	}
	switch esc {
	case 'x':
		return hex(2)
	case 'u':
		return hex(4)
	case 'U':
		return hex(8)
	case 'N':
		return p.errf(`\N{…} escapes are not supported`)
	}
	if esc >= '0' && esc <= '7' {
		v := int(esc - '0')
		for i := 0; i < 2 && p.pos < len(p.src) && p.src[p.pos] >= '0' && p.src[p.pos] <= '7'; i++ {
			v = v*8 + int(p.src[p.pos]-'0')
			p.pos++
		}
		b.WriteRune(rune(v))
		return nil
	}
	// Python keeps unknown escapes as they are.
	b.WriteByte('\\')
	p.pos--
	r, size := utf8.DecodeRuneInString(p.src[p.pos:])
	b.WriteRune(r)
	p.pos += size
	return nil
}

// arith applies a binary operator to two literal values as Python does,
// for numbers (and + on strings), refusing overflow.
func arith(op string, a, b any) (any, error) {
	if op == "+" {
		if sa, ok := a.(string); ok {
			if sb, ok := b.(string); ok {
				if len(sa)+len(sb) > MaxLen {
					return nil, fmt.Errorf("string longer than %d bytes", MaxLen)
				}
				return sa + sb, nil
			}
		}
	}
	ia, aInt := litInt(a)
	ib, bInt := litInt(b)
	if aInt && bInt {
		return intArith(op, ia, ib)
	}
	fa, aNum := litFloat(a)
	fb, bNum := litFloat(b)
	if !aNum || !bNum {
		return nil, fmt.Errorf("unsupported operand types for %s: %s and %s", op, pyvalue.Describe(a), pyvalue.Describe(b))
	}
	switch op {
	case "+":
		return fa + fb, nil
	case "-":
		return fa - fb, nil
	case "*":
		return fa * fb, nil
	case "/":
		if fb == 0 {
			return nil, errors.New("division by zero")
		}
		return fa / fb, nil
	case "//":
		if fb == 0 {
			return nil, errors.New("division by zero")
		}
		return math.Floor(fa / fb), nil
	case "%":
		if fb == 0 {
			return nil, errors.New("modulo by zero")
		}
		m := math.Mod(fa, fb)
		if m != 0 && (m < 0) != (fb < 0) {
			m += fb
		}
		return m, nil
	case "**":
		return math.Pow(fa, fb), nil
	}
	return nil, fmt.Errorf("unsupported operator %s", op)
}

func litInt(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case bool:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

func litFloat(v any) (float64, bool) {
	if n, ok := litInt(v); ok {
		return float64(n), true
	}
	f, ok := v.(float64)
	return f, ok
}

var errIntOverflow = fmt.Errorf("integer result out of range (at most %d)", int64(math.MaxInt64))

func intArith(op string, a, b int64) (any, error) {
	switch op {
	case "+":
		s := a + b
		if (s > a) != (b > 0) {
			return nil, errIntOverflow
		}
		return s, nil
	case "-":
		d := a - b
		if (d < a) != (b > 0) {
			return nil, errIntOverflow
		}
		return d, nil
	case "*":
		if a == 0 || b == 0 {
			return int64(0), nil
		}
		hi, lo := bits.Mul64(uint64(abs64(a)), uint64(abs64(b)))
		if hi != 0 || lo > math.MaxInt64 || a == math.MinInt64 || b == math.MinInt64 {
			return nil, errIntOverflow
		}
		if (a < 0) != (b < 0) {
			return -int64(lo), nil
		}
		return int64(lo), nil
	case "/":
		if b == 0 {
			return nil, errors.New("division by zero")
		}
		return float64(a) / float64(b), nil
	case "//":
		if b == 0 {
			return nil, errors.New("integer division by zero")
		}
		if a == math.MinInt64 && b == -1 {
			return nil, errIntOverflow
		}
		q := a / b
		if (a%b != 0) && ((a < 0) != (b < 0)) {
			q--
		}
		return q, nil
	case "%":
		if b == 0 {
			return nil, errors.New("integer modulo by zero")
		}
		if b == -1 {
			return int64(0), nil
		}
		m := a % b
		if m != 0 && (m < 0) != (b < 0) {
			m += b
		}
		return m, nil
	case "**":
		if b < 0 {
			return math.Pow(float64(a), float64(b)), nil
		}
		r := int64(1)
		for i := int64(0); i < b; i++ {
			v, err := intArith("*", r, a)
			if err != nil {
				return nil, err
			}
			r = v.(int64)
			if r == 0 || r == 1 && a == 1 {
				break
			}
			if i > 64 && (a == -1) {
				if b%2 == 0 {
					return int64(1), nil
				}
				return int64(-1), nil
			}
		}
		return r, nil
	}
	return nil, fmt.Errorf("unsupported operator %s", op)
}

func abs64(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
