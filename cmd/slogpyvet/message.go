package main

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/tools/go/analysis"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

// logCallCheck checks one call of a logging function: its message against
// its arguments, as the library merges them (Record.Message) and splits
// off slog's key-value pairs.
type logCallCheck struct {
	pass     *analysis.Pass
	call     *ast.CallExpr
	fn       *types.Func
	msgIndex int

	msg   string
	args  []arg  // the arguments after the message
	plain []*arg // those the message may take: not Attr, not CallOption
	// uncertain is set once an argument that may be an Attr or a
	// CallOption has been taken: later arguments may be shifted.
	uncertain bool
	next      int // index in plain of the next argument to take
}

func (c *logCallCheck) check() {
	msgExpr := c.call.Args[c.msgIndex]
	checkInterpolation(c.pass, c.call, c.fn, msgExpr)
	if c.call.Ellipsis.IsValid() {
		return // the arguments are a slice: their number is not known
	}
	tv := c.pass.TypesInfo.Types[msgExpr]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		return
	}
	c.msg = constant.StringVal(tv.Value)
	c.args = classify(c.pass, c.fn, c.call.Args[c.msgIndex+1:])
	definite := 0
	for i := range c.args {
		switch c.args[i].role {
		case rolePlain:
			definite++
			c.plain = append(c.plain, &c.args[i])
		case roleUnknown:
			c.plain = append(c.plain, &c.args[i])
		}
	}
	if len(c.plain) == 0 {
		return // no arguments: the message is printed as it is
	}
	if c.pairsOnly() && definite == len(c.plain) {
		c.checkLiteralPercent(msgExpr, definite)
		return
	}
	c.checkFormat(msgExpr, definite)
}

// pairsOnly reports whether the plain arguments are complete slog pairs:
// at least one, a Go string at every even place.
func (c *logCallCheck) pairsOnly() bool {
	if len(c.plain) < 2 || len(c.plain)%2 != 0 {
		return false
	}
	for i := 0; i < len(c.plain); i += 2 {
		if !c.plain[i].key {
			return false
		}
	}
	return true
}

// checkLiteralPercent checks a call whose arguments are all slog pairs, as
// the library reads it: a message with a literal % ("progress 50%",
// "disk 90% full", "100% sure": a malformed directive, or one with the
// space flag whose merge fails or that leaves pairs over) is printed as
// written, every pair an attribute, so nothing is reported; any other
// message is checked as usual.
func (c *logCallCheck) checkLiteralPercent(msgExpr ast.Expr, definite int) {
	take, ok := pyfmt.CountLogArgs(c.msg, len(c.plain))
	if !ok {
		return
	}
	if !pyfmt.HasSpaceFlag(c.msg) {
		c.checkFormat(msgExpr, definite)
		return
	}
	if take < len(c.plain) {
		return // "100% sure", "k", "v": "% s" takes "k" and leaves "v"
	}
	pass := c.pass
	var found []analysis.Diagnostic
	capture := *pass
	capture.Report = func(d analysis.Diagnostic) { found = append(found, d) }
	c.pass = &capture
	c.checkFormat(msgExpr, definite)
	c.pass = pass
	for _, d := range found {
		if pythonErrorText(d.Message) {
			return // the merge fails: the message is printed as written
		}
	}
	for _, d := range found {
		pass.Report(d)
	}
}

// pythonErrorText reports whether a finding names the Python error a merge
// raises.
func pythonErrorText(msg string) bool {
	for _, e := range []string{"(TypeError: ", "(ValueError: ", "(KeyError: ", "(OverflowError: "} {
		if strings.Contains(msg, e) {
			return true
		}
	}
	return false
}

// checkFormat checks the message's directives against the arguments, and
// what is left over.
func (c *logCallCheck) checkFormat(msgExpr ast.Expr, definite int) {
	f, work, err := parseLog(c.msg)
	if err != nil {
		if definite > 0 {
			c.reportSyntax(msgExpr, work, err)
		}
		return
	}
	if c.mappingOperand() {
		c.checkMapping(msgExpr, f)
		return
	}
	// One argument of an interface type without methods may be a map (a
	// map type with methods that holds the arguments is not considered).
	maybeMapping := len(c.plain) == 1 && mayHold(c.plain[0].typ, types.Typ[types.String])
	for k := range f.directives {
		d := &f.directives[k]
		at := c.at(f.spans[k])
		if d.Keyed {
			if !maybeMapping {
				c.pass.ReportRangef(msgExpr, "%s needs a single map argument holding %q, the call passes %s (TypeError: format requires a mapping); pass map[string]any{%q: ...} as the only argument, or use a positional directive",
					at, d.Key, plural(len(c.plain), "argument"), d.Key)
			}
			return
		}
		if !c.checkDirective(msgExpr, d, f.goVerb[k], at, len(f.directives)) {
			return
		}
	}
	if !maybeMapping {
		c.checkSurplus(len(f.directives))
	}
}

// engineText is the engine's error for the argument a. The engine names a
// value that is none of Python's types by its Go type, where the analyzer
// formatted a struct{} in its place.
func engineText(err error, a *arg) string {
	s := err.Error()
	if rest, ok := strings.CutSuffix(s, "not struct {}"); ok {
		return rest + "not " + typeName(a.typ)
	}
	return s
}

// valueOnly returns d without its "*" width and precision, whose
// arguments are checked apart, to check the value d formats.
func valueOnly(d *pyfmt.Directive) *pyfmt.Directive {
	v := *d
	if v.WidthStar {
		v.WidthStar, v.Width = false, 0
	}
	if v.PrecStar {
		v.PrecStar, v.Prec = false, 0
	}
	return &v
}

// take returns the next argument of the message, or nil when there is none.
func (c *logCallCheck) take() *arg {
	if c.next >= len(c.plain) {
		return nil
	}
	a := c.plain[c.next]
	c.next++
	if a.role == roleUnknown {
		c.uncertain = true
	}
	return a
}

// checkDirective takes the arguments of the directive d (its "*" width and
// precision, then its value) and reports a missing one or one of the wrong
// type. It reports false when the arguments ran out.
func (c *logCallCheck) checkDirective(msgExpr ast.Expr, d *pyfmt.Directive, goVerb bool, at string, ndir int) bool {
	for _, star := range []struct {
		on   bool
		what string
	}{{d.WidthStar, "width"}, {d.PrecStar, "precision"}} {
		if !star.on {
			continue
		}
		a := c.take()
		if a == nil {
			c.reportMissing(msgExpr, at, ndir)
			return false
		}
		if a.known && !c.uncertain {
			if _, err := pyfmt.Sprintf("%*s", a.rep, ""); err != nil {
				c.pass.ReportRangef(a.expr, "%s: its * %s needs an int, got %s (%v)", at, star.what, describe(a), err)
			}
		}
	}
	a := c.take()
	if a == nil {
		c.reportMissing(msgExpr, at, ndir)
		return false
	}
	if !a.known || c.uncertain {
		return true
	}
	if goVerb {
		if what := goVerbMismatch(d.Verb, a.typ); what != "" {
			c.pass.ReportRangef(a.expr, "%s %s, got %s: fmt prints %%!%c(...)", at, what, describe(a), d.Verb)
		}
	} else if _, err := valueOnly(d).AppendValue(nil, a.rep); err != nil {
		c.pass.ReportRangef(a.expr, "%s %s, got %s (%s)", at, needs(err), describe(a), engineText(err, a))
	}
	return true
}

func (c *logCallCheck) reportMissing(msgExpr ast.Expr, at string, ndir int) {
	c.pass.ReportRangef(msgExpr, "%s has no argument: the message's %s take more than the %s the call passes (TypeError: not enough arguments for format string)",
		at, plural(ndir, "directive"), plural(len(c.plain), "argument"))
}

// checkSurplus checks the arguments left after the directives took theirs.
// The library reads them as slog.Logger.Info reads its arguments when they
// are key-value pairs: a string key and the value after it (a slog.Attr
// too), or a slog.Attr; a lone key at the end, or any other value where a
// key is expected, is slog's !BADKEY (where Python fails with "not all
// arguments converted").
func (c *logCallCheck) checkSurplus(ndir int) {
	if c.uncertain {
		return
	}
	start, taken := 0, 0
	for ; start < len(c.args) && taken < c.next; start++ {
		if c.args[start].role == rolePlain {
			taken++
		}
	}
	notKey, lone := readPairs(c.args[start:], true)
	if notKey != nil {
		c.pass.ReportRangef(notKey.expr, "%s is left over after the message's %s and is not a slog key (a string) or a slog.Attr: it is logged as !BADKEY=%s, as slog logs it (Python: TypeError: not all arguments converted during string formatting); add a directive for it, or a key before it",
			describe(notKey), plural(ndir, "directive"), types.ExprString(notKey.expr))
	} else if lone != nil {
		reportLoneKey(c.pass, lone, "add its value after it, or a directive for it")
	}
}

// mappingOperand reports whether the arguments are one non-empty map or
// slogpy.Dict, which the message takes as Python's format % mapping.
func (c *logCallCheck) mappingOperand() bool {
	if len(c.plain) != 1 || c.plain[0].role != rolePlain {
		return false
	}
	a := c.plain[0]
	if _, ok := a.typ.Underlying().(*types.Map); !ok && !isNamed(a.typ, pyfmtPath, "Dict") {
		return false
	}
	if lit, ok := ast.Unparen(a.expr).(*ast.CompositeLit); ok && len(lit.Elts) == 0 {
		return false // the tuple ({},), as in Python
	}
	return true
}

// checkMapping checks the directives of a message whose operand is a map:
// %(key)s looks key up in it, a plain directive formats the map itself.
func (c *logCallCheck) checkMapping(msgExpr ast.Expr, f *logFormat) {
	a := c.plain[0]
	keys, complete := literalKeys(a.expr)
	for k := range f.directives {
		d := &f.directives[k]
		if d.WidthStar || d.PrecStar {
			return
		}
		at := c.at(f.spans[k])
		if !d.Keyed && !f.goVerb[k] {
			if _, err := d.AppendValue(nil, a.rep); err != nil {
				c.pass.ReportRangef(msgExpr, "%s %s, got the map argument %s (%v)", at, needs(err), source(a.expr), err)
			}
			continue
		}
		if complete && !keys[d.Key] {
			c.pass.ReportRangef(msgExpr, "%s: the map argument has no key %q (KeyError: %s)", at, d.Key, pyQuote(d.Key))
		}
	}
}

// literalKeys returns the keys of a map composite literal whose keys are
// all string constants; complete is false for anything else.
func literalKeys(e ast.Expr) (keys map[string]bool, complete bool) {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return nil, false
	}
	keys = make(map[string]bool)
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return nil, false
		}
		bl, ok := kv.Key.(*ast.BasicLit)
		if !ok {
			return nil, false
		}
		s, err := strconv.Unquote(bl.Value)
		if err != nil {
			return nil, false
		}
		keys[s] = true
	}
	return keys, true
}

// at names a directive for a finding: `%d at index 10`, the index counted
// in characters as in Python's errors.
func (c *logCallCheck) at(s span) string {
	return c.msg[s.start:s.end] + " at index " + strconv.Itoa(utf8.RuneCountInString(c.msg[:s.start]))
}

// needs turns the engine's error for a value into what the directive
// needs.
func needs(err error) string {
	s := err.Error()
	switch {
	case strings.Contains(s, "real number is required"), strings.Contains(s, "must be real number"):
		return "needs a number"
	case strings.Contains(s, "integer is required"):
		return "needs an integer"
	case strings.Contains(s, "requires int or char"):
		return "needs an int or a one-character string"
	case strings.Contains(s, "not in range"):
		return "needs a code point below 0x110000"
	}
	return "cannot format its argument"
}

// goVerbMismatch reports what the Go verbs %t and %q need when t is a
// basic type fmt would print as %!t(...) or %!q(...).
func goVerbMismatch(verb byte, t types.Type) string {
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return ""
	}
	info := b.Info()
	switch verb {
	case 't':
		if info&types.IsBoolean == 0 {
			return "needs a bool"
		}
	case 'q':
		if info&(types.IsBoolean|types.IsFloat|types.IsComplex) != 0 {
			return "needs a string or an integer"
		}
	}
	return ""
}

// reportSyntax reports a message the engine cannot parse.
// work is the message as parseLog left it, its fmt verbs replaced.
func (c *logCallCheck) reportSyntax(msgExpr ast.Expr, work string, err error) {
	if pos, ok := unsupportedAt(work, err); ok {
		start := badDirectiveStart(work, pos)
		_, size := utf8.DecodeRuneInString(c.msg[pos:])
		c.pass.ReportRangef(msgExpr, "unsupported directive %q at index %d (%v); a literal %% is written %%%%",
			c.msg[start:pos+size], utf8.RuneCountInString(c.msg[:start]), err)
		return
	}
	c.pass.ReportRangef(msgExpr, "message %q cannot be formatted (%v); a literal %% is written %%%%", c.msg, err)
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// pyQuote is Python's repr of a str key, as KeyError shows it.
func pyQuote(s string) string { return string(pyfmt.AppendRepr(nil, s)) }

// badKeyValue is what slog prints for a lone key: its value when constant.
func badKeyValue(a *arg) string {
	if s, ok := a.rep.(string); ok && a.constant {
		return s
	}
	return fmt.Sprintf("<%s>", types.ExprString(a.expr))
}
