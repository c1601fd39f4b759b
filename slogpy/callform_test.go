package slogpy_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// callCapture is a logger of an isolated tree whose handler prints with a
// given format and keeps the errors it reports.
type callCapture struct {
	logger *slogpy.Logger
	out    bytes.Buffer
	errs   []error
}

func newCallCapture(t *testing.T, format string) *callCapture {
	t.Helper()
	c := &callCapture{}
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := slogpy.NewStreamHandler(&c.out, &slogpy.HandlerOptions{
		Formatter:    f,
		ErrorHandler: func(_ *slogpy.Record, err error) { c.errs = append(c.errs, err) },
	})
	c.logger = slogpy.NewManager().GetLogger("app")
	c.logger.SetLevel(levels.Debug)
	c.logger.AddHandler(h)
	return c
}

// line returns what was printed since the last call, without the final
// newline, or the first error reported.
func (c *callCapture) line() string {
	defer func() { c.out.Reset(); c.errs = nil }()
	if len(c.errs) > 0 {
		return "error " + c.errs[0].Error()
	}
	return strings.TrimSuffix(c.out.String(), "\n")
}

// slogText is what slog.TextHandler prints for a record built by
// slog.Record.Add(args...), without time, level and message, after a
// space: the form %(attrs)s promises.
func slogText(args ...any) string {
	var buf bytes.Buffer
	h := slog.NewTextHandler(&buf, &slog.HandlerOptions{ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
		if len(groups) == 0 && (a.Key == slog.LevelKey || a.Key == slog.MessageKey) {
			return slog.Attr{}
		}
		return a
	}})
	r := slog.NewRecord(time.Time{}, slog.LevelInfo, "", 0)
	r.Add(args...)
	_ = h.Handle(context.Background(), r)
	s := strings.TrimSuffix(buf.String(), "\n")
	if s == "" {
		return ""
	}
	return " " + s
}

type callCase struct {
	Msg    string
	Args   []json.RawMessage
	Out    *string
	Error  string
	Taken  int
	Prefix string
	Slog   bool
}

func decodeTagged(t *testing.T, raw json.RawMessage) any {
	t.Helper()
	var v struct {
		T string
		V json.RawMessage
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var s string
	switch v.T {
	case "none":
		return nil
	case "bool":
		return string(v.V) == "true"
	case "str":
		_ = json.Unmarshal(v.V, &s)
		return s
	case "int":
		_ = json.Unmarshal(v.V, &s)
		n, _ := strconv.Atoi(s)
		return n
	case "float":
		_ = json.Unmarshal(v.V, &s)
		f, _ := strconv.ParseFloat(s, 64)
		return f
	case "list":
		var items []json.RawMessage
		_ = json.Unmarshal(v.V, &items)
		out := []any{}
		for _, it := range items {
			out = append(out, decodeTagged(t, it))
		}
		return out
	case "dict":
		var items [][2]json.RawMessage
		_ = json.Unmarshal(v.V, &items)
		out := map[string]any{}
		for _, it := range items {
			out[decodeTagged(t, it[0]).(string)] = decodeTagged(t, it[1])
		}
		return out
	}
	t.Fatalf("unknown tag %q", v.T)
	return nil
}

var goVerbRE = regexp.MustCompile(`%(\([^)]*\))?[-+ #0-9.*]*[vTqtw]`)

// TestCPythonCallForm replays testdata/callform/calls.json: every call
// CPython formats prints the same bytes (and no attributes); a call whose
// surplus arguments are slog pairs prints CPython's merge of the arguments
// the directives take, then the surplus as slog.Record.Add reads it; any
// other failure stays CPython's error. Go verbs: TestGoVerbs.
//
// Each case runs twice: with a handler that only formats, where the merge
// finds the surplus, and with one that has a filter (which may read the
// arguments first), where the logging call scans the message for it.
func TestCPythonCallForm(t *testing.T) {
	for _, mode := range []string{"merge", "scan"} {
		t.Run(mode, func(t *testing.T) { testCPythonCallForm(t, mode == "scan") })
	}
}

func testCPythonCallForm(t *testing.T, scan bool) {
	data, err := os.ReadFile("../testdata/callform/calls.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []callCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	kv := 0
	for i, cs := range cases {
		if goVerbRE.MatchString(cs.Msg) {
			continue
		}
		var args []any
		for _, a := range cs.Args {
			args = append(args, decodeTagged(t, a))
		}
		want := "error " + cs.Error
		switch {
		case cs.Out != nil:
			want = *cs.Out
		case cs.Slog:
			kv++
			want = cs.Prefix + slogText(args[cs.Taken:]...)
		}
		t.Run(strconv.Itoa(i)+"/"+cs.Msg, func(t *testing.T) {
			c := newCallCapture(t, "%(message)s%(attrs)s")
			if scan {
				for _, h := range c.logger.Handlers() {
					h.(slogpy.Handler).AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
				}
			}
			c.logger.Info(cs.Msg, args...)
			if got := c.line(); got != want {
				t.Errorf("Info(%q, %#v)\n got %q\nwant %q", cs.Msg, args, got, want)
			}
		})
	}
	if kv < 10 {
		t.Errorf("only %d slog-form cases", kv)
	}
}

// TestCallFormAttrs: slog.Attr, slog.Group, a key whose value is an
// attribute, CallOptions among the pairs, and the ways in (methods,
// Context methods, LogContext, Exception) read arguments as slog does.
func TestCallFormAttrs(t *testing.T) {
	c := newCallCapture(t, "%(levelname)s %(message)s%(attrs)s")
	boom := errors.New("boom")
	for _, tc := range []struct {
		call func()
		want string
	}{
		{func() {
			c.logger.Info("a", "k", 1, slog.Int("n", 2), slog.Group("req", "id", 7, slog.String("path", "/x y")))
		}, "INFO a" + slogText("k", 1, slog.Int("n", 2), slog.Group("req", "id", 7, slog.String("path", "/x y")))},
		{func() { c.logger.Warning("b %d", 3, slog.Int("n", 2), "k", slogpy.StackLevel(1), "v") }, "WARNING b 3 n=2 k=v"},
		{func() { c.logger.ErrorContext(context.Background(), "c", "err", boom, "lone") }, "ERROR c err=boom !BADKEY=lone"},
		{func() { c.logger.LogContext(context.Background(), levels.Critical, "d", "k", "two words") }, `CRITICAL d k="two words"`},
		{func() { c.logger.Exception(boom, "e", "user", "bob") }, "ERROR e user=bob\nboom"},
		{func() { c.logger.Info("f", "k", slog.Int("n", 1)) }, "INFO f" + slogText("k", slog.Int("n", 1))},
		{func() { c.logger.Debug("g", 1, 2) }, "DEBUG g !BADKEY=1 !BADKEY=2"},
		{func() { c.logger.Error("failed", errors.New("boom"), "user", "bob") }, "ERROR failed !BADKEY=boom user=bob"},
		{func() { c.logger.Info("h", map[string]any{"k": 1}) }, "INFO h"},
	} {
		tc.call()
		if got := c.line(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestCallFormArgs: record.args keeps only the arguments the directives
// took.
func TestCallFormArgs(t *testing.T) {
	c := newCallCapture(t, "%(message)s|%(k)s")
	var args []byte
	c.logger.AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool {
		args = r.AppendArgsRepr(args[:0])
		return true
	}))
	c.logger.Info("x %s", "a", "k", "v")
	if got, want := string(args)+"|"+c.line(), "('a',)|x a|v"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	c.logger.Info("plain", "k", 2)
	if got, want := string(args)+"|"+c.line(), "()|plain|2"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestGoVerbs: fmt's verbs that Python does not know format as fmt does;
// Python's own verbs keep Python's meaning in the same message.
func TestGoVerbs(t *testing.T) {
	type pt struct{ X, Y int }
	for _, tc := range []struct {
		msg  string
		args []any
		want string
	}{
		{"value %v", []any{3}, "value 3"},
		{"value %v", []any{3, "k", "v"}, "value 3 k=v"},
		{"value %+v %#v %T", []any{1, "s", 2.5}, `value 1 "s" float64`},
		{"ok %t", []any{true}, "ok true"},
		{"quoted %q", []any{`a"b`}, `quoted "a\"b"`},
		{"wrapped %w", []any{errors.New("boom")}, "wrapped boom"},
		{"width %5v|%-4v|", []any{1, 2}, "width     1|2   |"},
		{"mixed %s %v %d", []any{"a", "b", 3}, "mixed a b 3"},
		{"mixed %s %v %d", []any{"a", "b", 3, "k", 1}, "mixed a b 3 k=1"},
		{"keyed %(a)v", []any{map[string]any{"a": 1}}, "keyed 1"},
		{"struct %v %+v", []any{pt{1, 2}, pt{1, 2}}, "struct {1 2} {X:1 Y:2}"},
		{"py %s %r, go %v", []any{true, "x", true}, "py True 'x', go true"},
		{"nil %v %s", []any{nil, nil}, "nil <nil> None"},
		{"no args %v", nil, "no args %v"},
	} {
		c := newCallCapture(t, "%(message)s%(attrs)s")
		c.logger.Info(tc.msg, tc.args...)
		if got := c.line(); got != tc.want {
			t.Errorf("Info(%q, %v) = %q, want %q", tc.msg, tc.args, got, tc.want)
		}
	}
}

// TestCallFormModuleFunctions: the module-level functions read slog's call
// form as the methods do.
func TestCallFormModuleFunctions(t *testing.T) {
	var out bytes.Buffer
	f, err := slogpy.NewFormatter("%(levelname)s %(name)s %(message)s%(attrs)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	h := slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{Formatter: f})
	root := slogpy.Root()
	root.AddHandler(h)
	defer root.RemoveHandler(h)
	slogpy.Warning("module %s", "call", "k", 1, slog.Group("g", "a", "b"))
	slogpy.Log(levels.Error, "module log", "lone")
	if got, want := out.String(), "WARNING root module call k=1 g.a=b\nERROR root module log !BADKEY=lone\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestCallFormMergeMatchesScan: the split the merge finds (a handler that
// only formats) is the one the scan finds up front (a handler with a
// filter), messages cut at the 1 MiB cap included.
func TestCallFormMergeMatchesScan(t *testing.T) {
	long := strings.Repeat("x", slogpy.DefaultMaxMessage)
	for _, tc := range []struct {
		msg  string
		args []any
	}{
		{"user %s from %s try %d", []any{"bob", "10.0.0.1", 3}},
		{"user %s", []any{"bob", "k", 1, "lone"}},
		{"100%% done", []any{"k", 1}},
		{"none", []any{"k"}},
		{"%d", []any{1, 2, 3}},
		{"%*d %s", []any{3, 1, "a", "k", "v"}},
		{"%(a)s", []any{map[string]any{"a": 1}}},
		{"%(a)s", []any{map[string]any{"a": 1}, "k", "v"}},
		{"%s %y", []any{"a", "k", "v"}},
		{"x", []any{map[string]any{}}},
		{"x %s", []any{"a", slogpy.StackLevel(1), "k", "v"}},
		{long + " %s", []any{"a", "k", "v"}},
		{long + " %s", []any{"a", 1, 2}},
		{long, []any{"k", "v"}},
		{"%s" + long + "%s", []any{"a", "b", "k", "v"}},
	} {
		var got [2]string
		for i, scan := range []bool{false, true} {
			c := newCallCapture(t, "%(message)s|%(args)s%(attrs)s")
			if scan {
				for _, h := range c.logger.Handlers() {
					h.(slogpy.Handler).AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return true }))
				}
			}
			c.logger.Info(tc.msg, tc.args...)
			got[i] = c.out.String()
			for _, err := range c.errs {
				if !errors.Is(err, slogpy.ErrTruncated) {
					got[i] += "error " + err.Error()
				}
			}
		}
		if got[0] != got[1] || got[0] == "" {
			short := func(s string) string { return strings.ReplaceAll(s, long, "<1MiB>") }
			t.Errorf("Info(%q, %v): merge %q, scan %q", short(tc.msg), tc.args, short(got[0]), short(got[1]))
		}
	}
}
