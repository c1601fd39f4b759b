package slogpy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// fuzzRecordFields is the record every formatter fuzz input formats:
// the attributes CPython's LogRecord has, plus three extras. The kind says
// which conversions CPython accepts for the value ('s' str, 'i' int, 'f'
// float, 'n' None or other object).
var fuzzRecordFields = map[string]struct {
	value any
	kind  byte
}{
	"name": {"app.db", 's'}, "msg": {"user %s", 's'}, "levelname": {"INFO", 's'},
	"pathname": {"/src/app/main.go", 's'}, "filename": {"main.go", 's'}, "module": {"main", 's'},
	"funcName": {"main.run", 's'}, "threadName": {"MainThread", 's'}, "processName": {"MainProcess", 's'},
	"user":    {"bob", 's'},
	"levelno": {20, 'i'}, "lineno": {42, 'i'}, "thread": {7, 'i'}, "process": {4242, 'i'},
	"n":       {-7, 'i'},
	"created": {1700000000.25, 'f'}, "msecs": {250.0, 'f'}, "relativeCreated": {12.5, 'f'}, "ratio": {0.5, 'f'},
}

// fuzzComputedFields are fields the formatter computes (message, asctime:
// str) or that hold None or a tuple in this record.
var fuzzComputedFields = map[string]byte{
	"message": 's', "asctime": 's', "args": 'n', "exc_info": 'n', "exc_text": 'n', "stack_info": 'n',
}

func fuzzKind(name string) (byte, bool) {
	if f, ok := fuzzRecordFields[name]; ok {
		if f.kind == 0 {
			return 's', true
		}
		return f.kind, true
	}
	k, ok := fuzzComputedFields[name]
	return k, ok
}

func fuzzRecord(t *testing.T) *slogpy.Record {
	m := map[string]any{"args": []any{"bob"}}
	for k, f := range fuzzRecordFields {
		m[k] = f.value
	}
	r, err := slogpy.MakeRecord(m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var percentDirective = regexp.MustCompile(`^%\((\w+)\)([#0+ -]*)(\d{0,3})(\.\d{1,3})?([diouxXeEfFgGrsa])`)

// percentMustFormat reports whether CPython formats the %-style format
// without error on the fuzz record: every directive is %% or names a field
// of the record with a conversion its value accepts, without '*'.
func percentMustFormat(format string) bool {
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		if strings.HasPrefix(format[i:], "%%") {
			i++
			continue
		}
		m := percentDirective.FindStringSubmatch(format[i:])
		if m == nil {
			return false
		}
		kind, ok := fuzzKind(m[1])
		if !ok {
			return false
		}
		if !strings.Contains("rsa", m[5]) && kind != 'i' && kind != 'f' {
			return false
		}
		if kind == 'f' && strings.Contains("oxX", m[5]) {
			return false // '%x' % 0.5: TypeError, an integer is required
		}
		i += len(m[0]) - 1
	}
	return true
}

var (
	braceStrSpec   = regexp.MustCompile(`^([^{}]?[<>^])?[1-9]?\d{0,2}(\.\d{1,3})?s?$`)
	braceIntSpec   = regexp.MustCompile(`^([^{}]?[<>=^])?[+ -]?#?0?[1-9]?\d{0,2}(,d?|_?[dxXob]?)$`)
	braceFloatSpec = regexp.MustCompile(`^([^{}]?[<>=^])?[+ -]?#?0?[1-9]?\d{0,2}[,_]?(\.\d{1,2})?[eEfFgG%]?$`)
)

// braceMustFormat reports whether CPython formats the {-style format
// without error on the fuzz record: every field names a field of the
// record (no attribute or index access), and its spec is one that Python's
// format() accepts for the value's type.
func braceMustFormat(format string) bool {
	for i := 0; i < len(format); i++ {
		switch format[i] {
		case '}':
			if !strings.HasPrefix(format[i:], "}}") {
				return false
			}
			i++
		case '{':
			if strings.HasPrefix(format[i:], "{{") {
				i++
				continue
			}
			end := strings.IndexByte(format[i:], '}')
			if end < 0 {
				return false
			}
			field := format[i+1 : i+end]
			if strings.ContainsRune(field, '{') {
				return false
			}
			name, spec, _ := strings.Cut(field, ":")
			name, conv, hasConv := strings.Cut(name, "!")
			kind, ok := fuzzKind(name)
			if !ok {
				return false
			}
			if hasConv {
				if conv != "r" && conv != "s" && conv != "a" {
					return false
				}
				kind = 's'
			}
			switch kind {
			case 's', 'n':
				// None and tuples take only the empty spec; str takes
				// fill, alignment, width, precision and 's'.
				if spec != "" && (kind == 'n' || !braceStrSpec.MatchString(spec)) {
					return false
				}
			case 'i':
				// An int takes the float types too, converted; precision
				// without a float type is an error.
				if !braceIntSpec.MatchString(spec) && (!braceFloatSpec.MatchString(spec) || !strings.ContainsAny(spec[len(spec)-1:], "eEfFgG%")) {
					return false
				}
			case 'f':
				if !braceFloatSpec.MatchString(spec) {
					return false
				}
			}
			i += end
		}
	}
	return true
}

var dollarRef = regexp.MustCompile(`\$(\$|[_a-zA-Z][_a-zA-Z0-9]*|\{[_a-zA-Z][_a-zA-Z0-9]*\})`)

// dollarMustFormat reports whether string.Template.substitute succeeds:
// every $name or ${name} names a field of the record.
func dollarMustFormat(format string) bool {
	for _, m := range dollarRef.FindAllStringSubmatch(format, -1) {
		name := strings.Trim(m[1], "{}")
		if name == "$" {
			continue
		}
		if _, ok := fuzzKind(name); !ok {
			return false
		}
	}
	return true
}

// FuzzFormatter checks the three Formatter parsers and the datefmt
// adapter: nothing panics; a format that NewFormatter accepts (validated as
// CPython validates) formats the record without error whenever CPython
// would (every field exists and its conversion fits its value); a
// construction error names the format; and formatting is repeatable.
func FuzzFormatter(f *testing.F) {
	for _, s := range []struct{ format, style, datefmt string }{
		{"%(asctime)s %(levelname)-8s %(name)s: %(message)s", "%", ""},
		{"%(levelno)05d %(created)+.3f %(lineno)x %(msecs)e %(n)o %(process)X %(ratio)G", "%", "%Y"},
		{"%(message)r %(args)s %(exc_text)s %(stack_info)a %%", "%", ""},
		{"%(nope)s", "%", ""}, {"%(name)d", "%", ""}, {"%(levelno)*d", "%", ""}, {"%(name)s %s", "%", ""},
		{"%(name)", "%", ""}, {"%(name)S", "%", ""}, {"%(name)ls", "%", ""},
		{"{asctime} {levelname:<8} {name!r:>20}: {message}", "{", "%H:%M:%S"},
		{"{levelno:+05d} {lineno:#x} {created:,.2f} {msecs:e} {n:_b} {ratio:%} {process:=^10}", "{", ""},
		{"{name:d}", "{", ""}, {"{levelno:s}", "{", ""}, {"{name.upper}", "{", ""}, {"{exc_text:>5}", "{", ""},
		{"{{literal}} {name}", "{", ""}, {"{name", "{", ""}, {"name}", "{", ""}, {"{name:{n}}", "{", ""},
		{"{lineno:,x}", "{", ""}, {"{name:0>10.2}", "{", ""}, {"{0}", "{", ""},
		{"$asctime ${levelname} $name: $message $$", "$", "%d/%m/%Y %I:%M:%S %p"},
		{"$nope", "$", ""}, {"$", "$", ""}, {"${name", "$", ""}, {"$1", "$", ""},
		{"%(asctime)s", "%", "%Q %"}, {"%(asctime)s", "%", "%-d %E %f %%"}, {"%(message)s", "x", ""},
	} {
		f.Add(s.format, s.style, s.datefmt)
	}
	f.Fuzz(func(t *testing.T, format, style, datefmt string) {
		fm, err := slogpy.NewFormatter(format, &slogpy.FormatterOptions{Style: style, Datefmt: datefmt, UTC: true})
		if err != nil {
			if fm != nil {
				t.Fatalf("NewFormatter(%q, %q) returned a formatter and error %v", format, style, err)
			}
			if !strings.HasPrefix(err.Error(), "slogpy: formatter ") {
				t.Fatalf("NewFormatter(%q, %q) error %q does not start with \"slogpy: formatter \"", format, style, err)
			}
			return
		}
		var must bool
		switch style {
		case "", "%":
			must = percentMustFormat(format)
		case "{":
			must = braceMustFormat(format)
		case "$":
			must = dollarMustFormat(format)
		default:
			t.Fatalf("NewFormatter accepted style %q", style)
		}
		r := fuzzRecord(t)
		out, err := fm.Format(r)
		if err != nil {
			if must {
				t.Fatalf("NewFormatter(%q, style %q, datefmt %q) validated, CPython formats it, but Format failed: %v", format, style, datefmt, err)
			}
			return
		}
		again, err := fm.Format(fuzzRecord(t))
		if err != nil || again != out {
			t.Fatalf("Format(%q) not repeatable: %q then %q, %v", format, out, again, err)
		}
	})
}

// TestFormatterOutcomesCPython replays CPython's verdicts on the seed
// formats (testdata/fuzz/gen.py): the fuzz oracle never claims that a
// valid format CPython fails on must format; Go accepts no format CPython
// refuses, and refuses only formats CPython fails on at format time; and
// where CPython formats the record, Go gives the same text.
func TestFormatterOutcomesCPython(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "testdata", "fuzz", "formatter_outcomes.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Cases []struct {
			Format, Style, Output, Error string
			Valid, Formats               bool
		}
	}
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) == 0 {
		t.Fatal("no cases in formatter_outcomes.json")
	}
	for _, c := range g.Cases {
		t.Run(c.Style+c.Format, func(t *testing.T) {
			var must bool
			switch c.Style {
			case "%":
				must = percentMustFormat(c.Format)
			case "{":
				must = braceMustFormat(c.Format)
			case "$":
				must = dollarMustFormat(c.Format)
			}
			if must && c.Valid && !c.Formats {
				t.Errorf("fuzz oracle says CPython formats %q, but CPython fails: %s", c.Format, c.Error)
			}
			fm, err := slogpy.NewFormatter(c.Format, &slogpy.FormatterOptions{Style: c.Style, UTC: true})
			switch {
			case err == nil && !c.Valid:
				t.Fatalf("NewFormatter accepted it; CPython: %s", c.Error)
			case err != nil && c.Formats:
				t.Fatalf("NewFormatter: %v; CPython formats it as %q", err, c.Output)
			case err != nil:
				// Refused at construction where CPython fails at format
				// time (a malformed directive, a positional field): the
				// documented difference.
				return
			}
			out, err := fm.Format(fuzzRecord(t))
			switch {
			case c.Formats && err != nil:
				t.Errorf("Format: %v; CPython gives %q", err, c.Output)
			case c.Formats && out != c.Output:
				t.Errorf("Format = %q; CPython gives %q", out, c.Output)
			case !c.Formats && err == nil:
				t.Errorf("Format = %q; CPython fails: %s", out, c.Error)
			}
		})
	}
}
