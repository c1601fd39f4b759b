package slogpy_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// jsonFormatter renders records as slog's JSON handler would, for slogtest.
type jsonFormatter = slogtestutil.JSONFormatter

func parseLines(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	ms, err := slogtestutil.ParseJSONLines(data)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestSlogtestStreamHandler(t *testing.T) {
	var buf bytes.Buffer
	h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: jsonFormatter{}})
	if err := slogtest.TestHandler(h, func() []map[string]any { return parseLines(t, buf.Bytes()) }); err != nil {
		t.Error(err)
	}
}

func TestSlogtestFileHandler(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	h, err := slogpy.NewFileHandler(path, &slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: jsonFormatter{}}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	results := func() []map[string]any {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return parseLines(t, data)
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Error(err)
	}
}

func TestSlogtestLoggerHandler(t *testing.T) {
	m := slogpy.NewManager()
	var buf bytes.Buffer
	l := m.GetLogger("app")
	l.SetLevel(levels.Debug)
	l.AddHandler(slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: jsonFormatter{}}))
	if err := slogtest.TestHandler(l.Handler(), func() []map[string]any { return parseLines(t, buf.Bytes()) }); err != nil {
		t.Error(err)
	}
}

func mustFormatter(t testing.TB, format string, opts *slogpy.FormatterOptions) *slogpy.Formatter {
	t.Helper()
	f, err := slogpy.NewFormatter(format, opts)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// newTestLogger returns a logger of a fresh tree with one handler writing
// format to out and reporting errors to errs.
func newTestLogger(t testing.TB, format string, out, errs io.Writer) *slogpy.Logger {
	m := slogpy.NewManager()
	l := m.GetLogger("test")
	l.SetLevel(levels.Debug)
	l.AddHandler(slogpy.NewStreamHandler(out, &slogpy.HandlerOptions{
		Formatter:    mustFormatter(t, format, nil),
		ErrorHandler: slogpy.ErrorReporter(errs),
	}))
	return l
}

type panicky struct{}

func (panicky) String() string { panic("String exploded") }

// TestBadInputIsReportedAndLoggingGoesOn checks the Python-style report of
// errors at emit time, and that the next record is still written.
func TestBadInputIsReportedAndLoggingGoesOn(t *testing.T) {
	tests := []struct {
		name string
		msg  string
		args []any
		want []string
	}{
		{"bad %d argument", "count %d", []any{"many"}, []string{
			"--- Logging error ---", "TypeError: %d format: a real number is required, not str",
			"Message: 'count %d'", "Arguments: ('many',)"}},
		{"too few arguments", "%s and %s", []any{"one"}, []string{
			"TypeError: not enough arguments for format string", "Arguments: ('one',)"}},
		{"bad directive", "50%z", []any{1}, []string{"ValueError: unsupported format character 'z'"}},
		{"missing key", "%(user)s", []any{map[string]any{"id": 1}}, []string{"KeyError: 'user'", "Arguments: {'id': 1}"}},
		{"panicking String", "value %s", []any{panicky{}}, []string{"String exploded", "Message: 'value %s'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			l := newTestLogger(t, "%(levelname)s %(message)s", &out, &errs)
			l.Info(tt.msg, tt.args...)
			l.Info("next %s", "record")
			for _, w := range tt.want {
				if !strings.Contains(errs.String(), w) {
					t.Errorf("report lacks %q:\n%s", w, errs.String())
				}
			}
			if !strings.Contains(errs.String(), "Call stack:\n") || !strings.Contains(errs.String(), "handler_test.go\", line ") {
				t.Errorf("report does not name the call site:\n%s", errs.String())
			}
			if got := out.String(); got != "INFO next record\n" {
				t.Errorf("output = %q, want only the next record", got)
			}
		})
	}
}

func TestPanickingFilterAndFormatterAreReported(t *testing.T) {
	var out, errs bytes.Buffer
	l := newTestLogger(t, "%(message)s", &out, &errs)
	boom := slogpy.FilterFunc(func(*slogpy.Record) bool { panic("filter exploded") })
	l.Handlers()[0].(slogpy.Handler).AddFilter(boom)
	l.Warning("dropped")
	l.Handlers()[0].(slogpy.Handler).RemoveFilter(boom)
	l.Warning("kept")
	if !strings.Contains(errs.String(), "filter exploded") {
		t.Errorf("no report of the panic: %q", errs.String())
	}
	if out.String() != "kept\n" {
		t.Errorf("output = %q", out.String())
	}
	f := mustFormatter(t, "%(asctime)s %(message)s", &slogpy.FormatterOptions{
		FormatTime: func(*slogpy.Record, string) string { panic("clock exploded") },
	})
	l.Handlers()[0].(slogpy.Handler).SetFormatter(f)
	l.Warning("lost")
	if !strings.Contains(errs.String(), "clock exploded") {
		t.Errorf("no report of the formatter panic: %q", errs.String())
	}
	// The panic is the formatter's, whether Emit runs under HandleRecord
	// (a logging call) or is called directly, and the handler goes on.
	if !strings.Contains(errs.String(), "panic in formatter") || strings.Contains(errs.String(), "panic in handler") {
		t.Errorf("the formatter's panic is not reported as the formatter's: %q", errs.String())
	}
	h := l.Handlers()[0].(slogpy.Handler)
	r, err := slogpy.MakeRecord(map[string]any{"msg": "direct"})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Emit(r); err == nil || !strings.Contains(err.Error(), "panic in formatter: clock exploded") {
		t.Errorf("Emit called directly = %v, want the formatter's panic", err)
	}
	h.SetFormatter(mustFormatter(t, "%(message)s", nil))
	out.Reset()
	l.Warning("after")
	if out.String() != "after\n" {
		t.Errorf("after the panics, output = %q", out.String())
	}
}

// TestRaiseExceptionsPerManager checks that each manager's raiseExceptions
// governs the records of its own loggers, and that the package function
// sets the default manager's.
func TestRaiseExceptionsPerManager(t *testing.T) {
	r, w, _ := os.Pipe()
	saved := os.Stderr
	os.Stderr = w
	quiet, loud := slogpy.NewManager(), slogpy.NewManager()
	quiet.SetRaiseExceptions(false)
	for _, m := range []*slogpy.Manager{quiet, loud} {
		m.GetLogger("app").AddHandler(slogpy.NewStreamHandler(io.Discard, nil))
	}
	quiet.GetLogger("app").Warning("%d", "quiet")
	loud.GetLogger("app").Warning("%d", "loud")
	quiet.GetLogger("app").Warning("%d", "quiet again")

	// The package function sets the default manager's flag only.
	def := slogpy.GetLogger("raise-exceptions-test")
	def.AddHandler(slogpy.NewStreamHandler(io.Discard, nil))
	defer def.RemoveHandler(def.Handlers()[0])
	slogpy.SetRaiseExceptions(false)
	def.Warning("%d", "default off")
	loud.GetLogger("app").Warning("%d", "loud while default off")
	slogpy.SetRaiseExceptions(true)
	def.Warning("%d", "default on")

	w.Close()
	os.Stderr = saved
	got, _ := io.ReadAll(r)
	for _, want := range []string{"'loud'", "'loud while default off'", "'default on'"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("no report for %s in %q", want, got)
		}
	}
	if n := strings.Count(string(got), "--- Logging error ---"); n != 3 || strings.Contains(string(got), "'quiet") || strings.Contains(string(got), "('default off'") {
		t.Errorf("stderr = %q: want 3 reports, none for the silenced manager", got)
	}
}

func TestLastResortWritesToStderr(t *testing.T) {
	r, w, _ := os.Pipe()
	saved := os.Stderr
	os.Stderr = w
	m := slogpy.NewManager()
	m.GetLogger("a").Info("not shown")
	m.GetLogger("a").Warning("shown %d", 1)
	m.SetLastResort(nil)
	m.GetLogger("b").Error("lost")
	m.GetLogger("c").Error("lost too")
	w.Close()
	os.Stderr = saved
	got, _ := io.ReadAll(r)
	want := "shown 1\nNo handlers could be found for logger \"b\"\n"
	if string(got) != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}

func TestFileHandler(t *testing.T) {
	dir := t.TempDir()
	t.Run("unwritable file is an error at construction", func(t *testing.T) {
		_, err := slogpy.NewFileHandler(filepath.Join(dir, "missing", "app.log"), nil)
		if err == nil || !strings.Contains(err.Error(), "no such file or directory") {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("delayed open reports at emit and goes on", func(t *testing.T) {
		var errs bytes.Buffer
		sub := filepath.Join(dir, "later")
		h, err := slogpy.NewFileHandler(filepath.Join(sub, "app.log"), &slogpy.FileHandlerOptions{
			Delay: true, HandlerOptions: slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&errs)},
		})
		if err != nil {
			t.Fatal(err)
		}
		l := slogpy.NewManager().GetLogger("f")
		l.AddHandler(h)
		l.Warning("first")
		if !strings.Contains(errs.String(), "no such file or directory") {
			t.Errorf("report = %q", errs.String())
		}
		os.Mkdir(sub, 0o755)
		l.Warning("second")
		h.Close()
		got, _ := os.ReadFile(filepath.Join(sub, "app.log"))
		if string(got) != "second\n" {
			t.Errorf("file = %q", got)
		}
	})
	t.Run("modes", func(t *testing.T) {
		path := filepath.Join(dir, "modes.log")
		os.WriteFile(path, []byte("old\n"), 0o644)
		for _, mode := range []string{"a", "w", "a"} {
			h, err := slogpy.NewFileHandler(path, &slogpy.FileHandlerOptions{Mode: mode})
			if err != nil {
				t.Fatal(err)
			}
			l := slogpy.NewManager().GetLogger("m")
			l.AddHandler(h)
			l.Warning("mode %s", mode)
			h.Close()
		}
		got, _ := os.ReadFile(path)
		if string(got) != "mode w\nmode a\n" {
			t.Errorf("file = %q", got)
		}
		if _, err := slogpy.NewFileHandler(path, &slogpy.FileHandlerOptions{Mode: "x"}); err == nil {
			t.Error("mode x on an existing file: no error")
		}
		if _, err := slogpy.NewFileHandler(path, &slogpy.FileHandlerOptions{Mode: "q"}); err == nil || !strings.Contains(err.Error(), `invalid mode "q"`) {
			t.Errorf("mode q: %v", err)
		}
	})
	t.Run("encodings", func(t *testing.T) {
		tests := []struct {
			enc, errors string
			want        []byte
			report      bool
		}{
			{"", "", []byte("café ☃\n"), false},
			{"latin-1", "", nil, true},
			{"latin-1", "replace", []byte("caf\xe9 ?\n"), false},
			{"latin-1", "backslashreplace", []byte("caf\xe9 \\u2603\n"), false},
			{"latin-1", "xmlcharrefreplace", []byte("caf\xe9 &#9731;\n"), false},
			{"latin-1", "ignore", []byte("caf\xe9 \n"), false},
			{"ascii", "replace", []byte("caf? ?\n"), false},
			{"utf-16", "", []byte{0xff, 0xfe, 'c', 0, 'a', 0, 'f', 0, 0xe9, 0, ' ', 0, 0x03, 0x26, '\n', 0}, false},
			{"cp1252", "replace", []byte("caf\xe9 ?\n"), false},
		}
		for _, tt := range tests {
			path := filepath.Join(dir, "enc-"+tt.enc+tt.errors+".log")
			var errs bytes.Buffer
			h, err := slogpy.NewFileHandler(path, &slogpy.FileHandlerOptions{Encoding: tt.enc, Errors: tt.errors,
				HandlerOptions: slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&errs)}})
			if err != nil {
				t.Fatal(err)
			}
			l := slogpy.NewManager().GetLogger("e")
			l.AddHandler(h)
			l.Warning("café ☃")
			h.Close()
			got, _ := os.ReadFile(path)
			if !bytes.Equal(got, tt.want) {
				t.Errorf("%s/%s: file = %q, want %q", tt.enc, tt.errors, got, tt.want)
			}
			if tt.report != (errs.Len() > 0) {
				t.Errorf("%s/%s: report = %q", tt.enc, tt.errors, errs.String())
			}
		}
		if _, err := slogpy.NewFileHandler(filepath.Join(dir, "x.log"), &slogpy.FileHandlerOptions{Encoding: "klingon"}); err == nil || !strings.Contains(err.Error(), `unknown encoding "klingon"`) {
			t.Errorf("unknown encoding: %v", err)
		}
	})
	t.Run("emit after close reopens in append mode", func(t *testing.T) {
		path := filepath.Join(dir, "reopen.log")
		h, _ := slogpy.NewFileHandler(path, nil)
		l := slogpy.NewManager().GetLogger("r")
		l.AddHandler(h)
		l.Warning("one")
		h.Close()
		l.Warning("two")
		h.Close()
		got, _ := os.ReadFile(path)
		if string(got) != "one\ntwo\n" {
			t.Errorf("file = %q", got)
		}
	})
}

func TestStreamHandlerSetStreamAndTerminator(t *testing.T) {
	var a, b bytes.Buffer
	bw := bufio.NewWriter(&b)
	h := slogpy.NewStreamHandler(&a, nil)
	l := slogpy.NewManager().GetLogger("s")
	l.AddHandler(h)
	l.Warning("to a")
	if old := h.SetStream(bw); old != &a {
		t.Errorf("SetStream returned %v", old)
	}
	if old := h.SetStream(bw); old != nil {
		t.Errorf("SetStream of the same stream returned %v, want nil", old)
	}
	h.SetTerminator(" | ")
	l.Warning("to b")
	if a.String() != "to a\n" || b.String() != "to b | " {
		t.Errorf("a = %q, b = %q (bufio must be flushed per record)", a.String(), b.String())
	}
}

// TestConcurrentLoggingAndReconfiguration runs under -race: loggers log
// while levels, handlers and Disable change.
func TestConcurrentLoggingAndReconfiguration(t *testing.T) {
	m := slogpy.NewManager()
	var out syncBuffer
	h := slogpy.NewStreamHandler(&out, nil)
	m.Root().AddHandler(h)
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			l := m.GetLogger(fmt.Sprintf("app.worker%d", i))
			for j := 0; ; j++ {
				select {
				case <-stop:
					return
				default:
				}
				l.Info("n %d", j, slog.Int("w", i))
				l.Warning("w %d", j)
				_ = l.IsEnabledFor(levels.Info)
			}
		}(i)
	}
	for j := 0; j < 200; j++ {
		m.GetLogger("app").SetLevel(levels.Level(10 * (j % 5)))
		m.Disable(levels.Level(10 * (j % 3)))
		extra := slogpy.NewNullHandler()
		m.GetLogger("app").AddHandler(extra)
		m.GetLogger("app").RemoveHandler(extra)
		h.SetLevel(levels.Level(10 * (j % 4)))
		m.GetLogger(fmt.Sprintf("app.worker%d.sub%d", j%4, j))
	}
	close(stop)
	wg.Wait()
	m.Disable(levels.NotSet)
	m.GetLogger("app").SetLevel(levels.NotSet)
	h.SetLevel(levels.NotSet)
	if got := m.GetLogger("app.worker0").IsEnabledFor(levels.Warning); !got {
		t.Error("WARNING not enabled after the levels were reset")
	}
	if m.GetLogger("app.worker0").IsEnabledFor(levels.Info) {
		t.Error("INFO enabled with root at WARNING")
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func TestAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts differ under -race")
	}
	m := slogpy.NewManager()
	l := m.GetLogger("app.db")
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{
		Formatter: mustFormatter(t, "%(asctime)s - %(name)s - %(levelname)s - %(message)s", nil),
	}))
	if n := testing.AllocsPerRun(100, func() { l.Debug("disabled %s %d", "x", 1) }); n != 0 {
		t.Errorf("disabled call: %v allocs", n)
	}
	if n := testing.AllocsPerRun(100, func() { l.Warning("static message") }); n > 0 {
		t.Errorf("static message: %v allocs, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { l.Warning("user %s from %s try %d", "bob", "10.0.0.1", 3) }); n > 0 {
		t.Errorf("%%-message with 3 arguments: %v allocs, want 0", n)
	}
	ctx := context.Background()
	if n := testing.AllocsPerRun(100, func() {
		l.LogAttrs(ctx, levels.Warning, "request", slog.String("user", "bob"), slog.Int("n", 42), slog.Float64("ratio", 0.5))
	}); n > 0 {
		t.Errorf("LogAttrs with 3 attributes: %v allocs, want 0", n)
	}
	// A buffered file whose buffer holds one record and a half: every
	// record arms the flush timer again (reused, not made anew) and every
	// other one writes.
	b := m.GetLogger("buffered")
	fh, err := slogpy.NewFileHandler(filepath.Join(t.TempDir(), "app.log"), &slogpy.FileHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{Formatter: mustFormatter(t, "%(levelname)s %(message)s", nil)},
		BufferSize:     30, FlushInterval: time.Hour,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	b.AddHandler(fh)
	if n := testing.AllocsPerRun(100, func() { b.Warning("a record of 20 bytes") }); n > 0 {
		t.Errorf("buffered file: %v allocs, want 0", n)
	}
}

func TestExceptionAndStackInfo(t *testing.T) {
	var out, errs bytes.Buffer
	l := newTestLogger(t, "%(levelname)s %(message)s", &out, &errs)
	l.Exception(errors.New("disk full"), "write %s failed", "x")
	l.Exception(nil, "outside")
	l.Error("with", slogpy.ExcInfo(fmt.Errorf("wrapped: %w", os.ErrNotExist)))
	l.Info("stack", slogpy.StackInfo())
	got := out.String()
	for _, w := range []string{
		"ERROR write x failed\ndisk full\n",
		"ERROR outside\nNoneType: None\n",
		"ERROR with\nwrapped: file does not exist\n",
		"INFO stack\nStack (most recent call last):\n",
		"in TestExceptionAndStackInfo\n",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("output lacks %q:\n%s", w, got)
		}
	}
	if errs.Len() > 0 {
		t.Errorf("errors: %s", errs.String())
	}
}

func TestCallerInfo(t *testing.T) {
	var out bytes.Buffer
	l := newTestLogger(t, "%(filename)s:%(lineno)d %(funcName)s %(module)s %(threadName)s %(processName)s", &out, io.Discard)
	l.Info("x")
	helper := func() { l.Info("y", slogpy.StackLevel(2)) }
	helper()
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "handler_test.go:") || !strings.Contains(lines[0], " TestCallerInfo handler_test ") {
		t.Fatalf("caller = %q", lines)
	}
	var n1, n2 int
	fmt.Sscanf(strings.TrimPrefix(lines[0], "handler_test.go:"), "%d", &n1)
	fmt.Sscanf(strings.TrimPrefix(lines[1], "handler_test.go:"), "%d", &n2)
	if n2 != n1+2 {
		t.Errorf("StackLevel(2) line = %d, want the helper's caller at %d", n2, n1+2)
	}
	if !strings.Contains(lines[0], "Goroutine-") || !strings.HasSuffix(lines[0], "MainProcess") {
		t.Errorf("thread/process names: %q", lines[0])
	}
}

func TestForeignSlogHandlerOnLogger(t *testing.T) {
	var buf bytes.Buffer
	m := slogpy.NewManager()
	l := m.GetLogger("app.http")
	l.AddHandler(slog.NewJSONHandler(&buf, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	l.Warning("GET %s -> %d", "/x", 404, slog.String("peer", "10.0.0.2"))
	l.Info("below the logger level")
	want := `{"level":"WARN","msg":"GET /x -> 404","logger":"app.http","peer":"10.0.0.2"}` + "\n"
	if buf.String() != want {
		t.Errorf("got %s want %s", buf.String(), want)
	}
}

func TestSlogBridgeAttrsAndGroups(t *testing.T) {
	var out bytes.Buffer
	l := newTestLogger(t, "%(name)s %(levelname)s %(message)s rid=%(rid)s user=%(req.user)s", &out, io.Discard)
	sl := slog.New(l.Handler()).With("rid", "r-1").WithGroup("req")
	sl.Info("hello", "user", "ann")
	if got := out.String(); got != "test INFO hello rid=r-1 user=ann\n" {
		t.Errorf("got %q", got)
	}
	out.Reset()
	sl.Debug("%d is not merged", "user", "bob")
	if got := out.String(); got != "test DEBUG %d is not merged rid=r-1 user=bob\n" {
		t.Errorf("got %q", got)
	}
}

func TestGetHandlerByNameAndShutdown(t *testing.T) {
	m := slogpy.NewManager()
	var order []string
	for _, name := range []string{"first", "second", "third"} {
		h := &closeRecorder{order: &order}
		h.Configure(&slogpy.HandlerOptions{Name: name})
		m.GetLogger(name).AddHandler(slogpy.AsSlog(h))
	}
	if h := m.GetHandlerByName("second"); h == nil || h.Name() != "second" {
		t.Errorf("GetHandlerByName(second) = %v", h)
	}
	if h := m.GetHandlerByName("nope"); h != nil {
		t.Errorf("GetHandlerByName(nope) = %v", h)
	}
	if got := strings.Join(m.GetHandlerNames(), ","); got != "first,second,third" {
		t.Errorf("GetHandlerNames = %s", got)
	}
	if err := m.Shutdown(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(order, ","); got != "flush third,close third,flush second,close second,flush first,close first" {
		t.Errorf("shutdown order: %s", got)
	}
}

type closeRecorder struct {
	slogpy.HandlerBase
	order *[]string
}

func (h *closeRecorder) Emit(*slogpy.Record) error { return nil }
func (h *closeRecorder) Flush() error              { *h.order = append(*h.order, "flush "+h.Name()); return nil }
func (h *closeRecorder) Close() error              { *h.order = append(*h.order, "close "+h.Name()); return nil }

func TestBasicConfig(t *testing.T) {
	t.Run("defaults and the no-op rule", func(t *testing.T) {
		m := slogpy.NewManager()
		var a, b bytes.Buffer
		if err := m.BasicConfig(&slogpy.BasicConfigOptions{Stream: &a, Level: levels.Info}); err != nil {
			t.Fatal(err)
		}
		if err := m.BasicConfig(&slogpy.BasicConfigOptions{Stream: &b}); err != nil {
			t.Fatal(err)
		}
		m.GetLogger("x.y").Info("hi %s", "there")
		if a.String() != "INFO:x.y:hi there\n" || b.Len() != 0 {
			t.Errorf("a = %q, b = %q", a.String(), b.String())
		}
		if err := m.BasicConfig(&slogpy.BasicConfigOptions{Stream: &b, Force: true, Style: "{", Format: "{name}|{message}"}); err != nil {
			t.Fatal(err)
		}
		m.GetLogger("x").Warning("forced")
		if b.String() != "x|forced\n" {
			t.Errorf("after Force: %q", b.String())
		}
	})
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			opts slogpy.BasicConfigOptions
			want string
		}{
			{slogpy.BasicConfigOptions{Stream: io.Discard, Filename: "x.log"}, "'stream' and 'filename' should not be specified together"},
			{slogpy.BasicConfigOptions{Stream: io.Discard, Handlers: []slog.Handler{slogpy.NewNullHandler()}}, "'stream' or 'filename' should not be specified together with 'handlers'"},
			{slogpy.BasicConfigOptions{Style: "#"}, "Style must be one of: %,{,$"},
			{slogpy.BasicConfigOptions{Format: "%(message)y"}, "Invalid format '%(message)y' for '%' style"},
			{slogpy.BasicConfigOptions{Format: "%(message)s %(x)y"}, "unsupported format character 'y' (0x79) at index 16"},
			{slogpy.BasicConfigOptions{Filename: filepath.Join(t.TempDir(), "no", "dir.log")}, "no such file or directory"},
		}
		for _, tt := range tests {
			err := slogpy.NewManager().BasicConfig(&tt.opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("BasicConfig(%+v) = %v, want %q", tt.opts, err, tt.want)
			}
		}
	})
	t.Run("filename and handlers", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "basic.log")
		m := slogpy.NewManager()
		if err := m.BasicConfig(&slogpy.BasicConfigOptions{Filename: path, Filemode: "w", Format: "%(levelname)s %(message)s"}); err != nil {
			t.Fatal(err)
		}
		m.GetLogger("f").Error("to file")
		m.Shutdown()
		if got, _ := os.ReadFile(path); string(got) != "ERROR to file\n" {
			t.Errorf("file = %q", got)
		}
		var buf bytes.Buffer
		own := mustFormatter(t, "own: %(message)s", nil)
		hs := []slog.Handler{slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: own}), slogpy.NewStreamHandler(&buf, nil)}
		m2 := slogpy.NewManager()
		if err := m2.BasicConfig(&slogpy.BasicConfigOptions{Handlers: hs, Format: "basic: %(message)s"}); err != nil {
			t.Fatal(err)
		}
		m2.GetLogger("h").Warning("w")
		if buf.String() != "own: w\nbasic: w\n" {
			t.Errorf("handlers: %q", buf.String())
		}
	})
}

func TestModuleLevelFunctionsCallBasicConfig(t *testing.T) {
	r, w, _ := os.Pipe()
	saved := os.Stderr
	os.Stderr = w
	slogpy.Warning("module %s", "level")
	slogpy.Info("hidden")
	w.Close()
	os.Stderr = saved
	got, _ := io.ReadAll(r)
	if string(got) != "WARNING:root:module level\n" {
		t.Errorf("stderr = %q", got)
	}
	if n := len(slogpy.Root().Handlers()); n != 1 {
		t.Errorf("root has %d handlers after the first call", n)
	}
	h := slogpy.Root().Handlers()[0]
	slogpy.Root().RemoveHandler(h)
}

func TestTimeIsInjectable(t *testing.T) {
	r, _ := slogpy.MakeRecord(map[string]any{"name": "t", "levelno": 20, "msg": "m", "created": 1215535785.896})
	f := mustFormatter(t, "%(asctime)s", &slogpy.FormatterOptions{UTC: true})
	got, _ := f.Format(r)
	// CPython truncates: int((1215535785.896 - 1215535785) * 1000) == 895.
	if got != "2008-07-08 16:49:45,895" {
		t.Errorf("asctime = %q", got)
	}
	if d := r.Time.Sub(time.Unix(1215535785, 896000000)); d < -time.Microsecond || d > time.Microsecond {
		t.Errorf("Time = %v", r.Time)
	}
}

func TestSetHandlersTrackUntrack(t *testing.T) {
	m := slogpy.NewManager()
	var out bytes.Buffer
	a := slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{Name: "a", Formatter: mustFormatter(t, "a:%(message)s", nil)})
	b := slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{Name: "b", Formatter: mustFormatter(t, "b:%(message)s", nil)})
	l := m.GetLogger("x")
	l.AddHandler(a)
	l.SetHandlers(b, b, nil)
	l.Warning("one")
	if out.String() != "b:one\n" || len(l.Handlers()) != 1 {
		t.Errorf("after SetHandlers: %q, %d handlers", out.String(), len(l.Handlers()))
	}
	var order []string
	lone := &closeRecorder{order: &order}
	lone.Configure(&slogpy.HandlerOptions{Name: "lone"})
	m.Track(slogpy.AsSlog(lone))
	if m.GetHandlerByName("lone") == nil {
		t.Error("a tracked handler is not found by name")
	}
	gone := &closeRecorder{order: &order}
	gone.Configure(&slogpy.HandlerOptions{Name: "gone"})
	m.Track(slogpy.AsSlog(gone))
	m.Untrack(slogpy.AsSlog(gone))
	m.Shutdown()
	if strings.Join(order, ",") != "flush lone,close lone" {
		t.Errorf("Shutdown closed %v", order)
	}
}

func TestErrorReporterNilWriter(t *testing.T) {
	r, w, _ := os.Pipe()
	saved := os.Stderr
	os.Stderr = w
	l := slogpy.NewManager().GetLogger("nilw")
	l.AddHandler(slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(nil)}))
	l.Error("n=%d", "x")
	w.Close()
	os.Stderr = saved
	got, _ := io.ReadAll(r)
	if !strings.Contains(string(got), "--- Logging error ---") {
		t.Errorf("stderr = %q", got)
	}
}
