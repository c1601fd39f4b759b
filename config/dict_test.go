package config

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func opts(m *slogpy.Manager, out io.Writer) *Options {
	return &Options{Manager: m, Stdout: out, Stderr: out}
}

// TestIssueErrorMessages checks the error texts the issue names.
func TestIssueErrorMessages(t *testing.T) {
	cfg := map[string]any{
		"version": 1,
		"handlers": map[string]any{
			"console": map[string]any{"class": "logging.StreamHandler"},
			"file":    map[string]any{"class": "logging.handlers.RotatingFileHandler", "filename": filepath.Join(t.TempDir(), "x.log"), "maxBytes": "ten"},
		},
		"loggers": map[string]any{"app": map[string]any{"handlers": []any{"console", "consol"}}},
	}
	err := DictConfig(cfg, opts(slogpy.NewManager(), io.Discard))
	want := "config: handlers.file.maxBytes: want an integer, got \"ten\"\n" +
		"config: loggers.app.handlers[1]: unknown handler \"consol\" (known: console, file)"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	var ce *Error
	if !errors.As(err, &ce) || ce.Path != "handlers.file.maxBytes" {
		t.Errorf("errors.As: %#v", ce)
	}
	// Unknown class names list the known ones.
	err = DictConfig(map[string]any{"version": 1, "handlers": map[string]any{"h": map[string]any{"class": "logging.handlers.NoSuchHandler"}}}, opts(slogpy.NewManager(), io.Discard))
	if err == nil || !strings.Contains(err.Error(), `handlers.h.class: unknown class "logging.handlers.NoSuchHandler" (known handler classes: `) ||
		!strings.Contains(err.Error(), `(known handler classes: logging.handlers.QueueHandler, logging.handlers.SMTPHandler, `) {
		// The nearest names first.
		t.Errorf("error %v", err)
	}
	if err != nil && strings.Contains(err.Error(), "Formatter") {
		t.Errorf("formatter classes listed as handler classes: %v", err)
	}
	// An unknown handler lists the nearest known one first.
	cfg["loggers"] = map[string]any{"app": map[string]any{"handlers": []any{"fiel"}}}
	cfg["handlers"].(map[string]any)["file"].(map[string]any)["maxBytes"] = 10
	err = DictConfig(cfg, opts(slogpy.NewManager(), io.Discard))
	if want := `unknown handler "fiel" (known: file, console)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}

// TestFailedConfigChangesNothing: a configuration that fails leaves the
// tree as it was, and closes (or never opens) what it made.
func TestFailedConfigChangesNothing(t *testing.T) {
	dir := t.TempDir()
	m := slogpy.NewManager()
	var out bytes.Buffer
	good := map[string]any{"version": 1,
		"handlers": map[string]any{"out": map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
		"loggers":  map[string]any{"app": map[string]any{"level": "INFO", "handlers": []any{"out"}}}}
	if err := DictConfig(good, opts(m, &out)); err != nil {
		t.Fatal(err)
	}
	before := dumpTree(m, nil, nil)
	cases := map[string]map[string]any{
		"bad kwarg after a file": {"version": 1,
			"handlers": map[string]any{
				"a_file": map[string]any{"class": "logging.FileHandler", "filename": filepath.Join(dir, "a.log"), "mode": "w"},
				"b_rot":  map[string]any{"class": "logging.handlers.RotatingFileHandler", "filename": filepath.Join(dir, "b.log"), "backupCount": "two"}},
			"root": map[string]any{"handlers": []any{"a_file", "b_rot"}}},
		"file that cannot be opened": {"version": 1,
			"handlers": map[string]any{
				"a_file": map[string]any{"class": "logging.FileHandler", "filename": filepath.Join(dir, "c.log")},
				"b_file": map[string]any{"class": "logging.FileHandler", "filename": filepath.Join(dir, "no", "such", "dir.log")}},
			"loggers": map[string]any{"app": map[string]any{"level": "DEBUG", "handlers": []any{"a_file", "b_file"}}}},
		"bad logger level": {"version": 1,
			"handlers": map[string]any{"a_file": map[string]any{"class": "logging.FileHandler", "filename": filepath.Join(dir, "d.log")}},
			"loggers":  map[string]any{"app": map[string]any{"level": "LOUD", "handlers": []any{"a_file"}}}},
	}
	for name, cfg := range cases {
		if err := DictConfig(cfg, opts(m, &out)); err == nil {
			t.Errorf("%s: no error", name)
		}
		if after := dumpTree(m, nil, nil); !equalJSON(before, after) {
			t.Errorf("%s: the tree changed:\n%+v\nwas\n%+v", name, after, before)
		}
	}
	// Checking found the first and third before anything was opened.
	for _, f := range []string{"a.log", "b.log", "d.log"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s was created by a configuration that failed its checks", f)
		}
	}
	m.GetLogger("app").Info("still configured")
	if out.String() != "still configured\n" {
		t.Errorf("output %q", out.String())
	}
}

type recorder struct {
	slogpy.HandlerBase
	mu   chan struct{}
	msgs []string
	tag  string
}

func newRecorder(tag string) *recorder {
	r := &recorder{tag: tag, mu: make(chan struct{}, 1)}
	r.Configure(nil)
	return r
}

func (r *recorder) Emit(rec *slogpy.Record) error {
	b, err := r.Format(nil, rec)
	if err != nil {
		return err
	}
	r.mu <- struct{}{}
	r.msgs = append(r.msgs, r.tag+string(b))
	<-r.mu
	return nil
}

func (r *recorder) SetTag(tag string) { r.tag = tag }

func (r *recorder) lines() []string {
	r.mu <- struct{}{}
	defer func() { <-r.mu }()
	return append([]string(nil), r.msgs...)
}

// TestRegistry registers user classes and uses them through "class", "()",
// ext:// and fileConfig's class=.
func TestRegistry(t *testing.T) {
	reg := NewRegistry()
	var made []*recorder
	if err := reg.Register("myapp.Recorder", []string{"tag"}, func(a *Args) (func() (any, error), error) {
		tag := a.String("tag", "")
		return func() (any, error) {
			r := newRecorder(tag)
			made = append(made, r)
			return r, nil
		}, a.Err()
	}); err != nil {
		t.Fatal(err)
	}
	if err := reg.Register("myapp.OnlyErrors", nil, simple(func(a *Args) (any, error) {
		return func(r *slogpy.Record) bool { return r.Levelno >= levels.Error }, nil
	})); err != nil {
		t.Fatal(err)
	}
	if err := reg.Register("myapp.Upper", []string{"fmt", "datefmt", "style"}, simple(func(a *Args) (any, error) {
		f, err := slogpy.NewFormatter(a.String("fmt", ""), nil)
		if err != nil {
			return nil, err
		}
		return upper{f}, nil
	})); err != nil {
		t.Fatal(err)
	}
	sink := &bytes.Buffer{}
	if err := reg.RegisterValue("myapp.sink", io.Writer(sink)); err != nil {
		t.Fatal(err)
	}
	m := slogpy.NewManager()
	err := DictConfig(map[string]any{
		"version":    1,
		"formatters": map[string]any{"up": map[string]any{"class": "myapp.Upper", "format": "%(levelname)s %(message)s"}},
		"filters":    map[string]any{"errs": map[string]any{"()": "myapp.OnlyErrors"}},
		"handlers": map[string]any{
			"rec":  map[string]any{"()": "myapp.Recorder", "tag": "a:", "formatter": "up", ".": map[string]any{"tag": "b:"}},
			"rec2": map[string]any{"class": "ext://myapp.Recorder", "filters": []any{"errs"}},
			"sink": map[string]any{"class": "logging.StreamHandler", "stream": "ext://myapp.sink"},
		},
		"root": map[string]any{"level": "INFO", "handlers": []any{"rec", "rec2", "sink"}},
	}, &Options{Manager: m, Registry: reg})
	if err != nil {
		t.Fatal(err)
	}
	m.Root().Info("hello")
	m.Root().Error("boom")
	if got := strings.Join(made[0].lines(), "|"); got != "b:INFO HELLO|b:ERROR BOOM" {
		t.Errorf("rec: %q", got)
	}
	if got := strings.Join(made[1].lines(), "|"); got != "boom" {
		t.Errorf("rec2: %q", got)
	}
	if sink.String() != "hello\nboom\n" {
		t.Errorf("sink: %q", sink.String())
	}
	// The default registry does not know myapp.Recorder.
	err = DictConfig(map[string]any{"version": 1, "handlers": map[string]any{"rec": map[string]any{"()": "myapp.Recorder"}}}, opts(slogpy.NewManager(), io.Discard))
	if err == nil || !strings.Contains(err.Error(), `handlers.rec.(): unknown class "myapp.Recorder"`) {
		t.Errorf("error %v", err)
	}
	for _, bad := range []string{"", "1abc", "a..b", "a.b-c"} {
		if err := reg.Register(bad, nil, simple(func(*Args) (any, error) { return nil, nil })); err == nil {
			t.Errorf("Register(%q) accepted", bad)
		}
	}
	if err := reg.Register("x.Y", nil, nil); err == nil {
		t.Error("nil factory accepted")
	}
	if err := reg.RegisterValue("sys.stdout", os.Stdout); err == nil {
		t.Error("sys.stdout registered")
	}
	if err := reg.Register("x.Y", []string{"not-ident"}, simple(func(*Args) (any, error) { return nil, nil })); err == nil {
		t.Error("bad parameter name accepted")
	}
}

type upper struct{ f *slogpy.Formatter }

func (u upper) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	s, err := u.f.Format(r)
	return append(dst, strings.ToUpper(s)...), err
}

// TestGoValues: a map given to DictConfig may hold Go values where a
// dictionary holds names.
func TestGoValues(t *testing.T) {
	var out bytes.Buffer
	rec := newRecorder("")
	jsonH := slog.NewJSONHandler(&out, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})
	f, _ := slogpy.NewFormatter("go %(message)s", nil)
	m := slogpy.NewManager()
	err := DictConfig(map[string]any{
		"version": 1,
		"filters": map[string]any{"fn": slogpy.FilterFunc(func(r *slogpy.Record) bool { return r.Levelno >= levels.Warning })},
		"handlers": map[string]any{
			"rec": map[string]any{"class": simple(func(a *Args) (any, error) { return rec, nil }), "formatter": f, "filters": []any{"fn"}},
		},
		"loggers": map[string]any{"app": map[string]any{"level": levels.Debug, "handlers": []any{"rec", jsonH}}},
	}, opts(m, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	m.GetLogger("app").Info("info")
	m.GetLogger("app").Warning("warn")
	if got := strings.Join(rec.lines(), "|"); got != "go warn" {
		t.Errorf("recorder %q", got)
	}
	if got := out.String(); got != `{"level":"INFO","msg":"info","logger":"app"}`+"\n"+`{"level":"WARN","msg":"warn","logger":"app"}`+"\n" {
		t.Errorf("json handler %q", got)
	}
	// A slog.Handler made by a factory cannot take a level.
	err = DictConfig(map[string]any{"version": 1, "handlers": map[string]any{"j": map[string]any{
		"class": simple(func(*Args) (any, error) { return jsonH, nil }), "level": "INFO"}}}, opts(slogpy.NewManager(), io.Discard))
	if err == nil || !strings.Contains(err.Error(), "it takes no level, formatter or filters") {
		t.Errorf("error %v", err)
	}
}

// TestCfgAndExt covers cfg:// steps and errors, and ext:// resolution.
func TestCfgAndExt(t *testing.T) {
	cfg := map[string]any{
		"version": 1,
		"custom":  map[string]any{"list": []any{"a", map[string]any{"k": "ext://logging.ERROR"}}, "self": "cfg://custom.self", "lvl": "cfg://custom.list[1].k"},
	}
	ctx := resolveOptions(nil).newResolver(cfg, true)
	for ref, want := range map[string]any{
		"cfg://custom.list[0]":      "a",
		"cfg://custom.list[1][k]":   int64(40),
		"cfg://custom.list[1].k":    int64(40),
		"cfg://custom .list [0]":    "a",
		"cfg://custom.lvl":          int64(40),
		"ext://logging.DEBUG":       int64(10),
		"http://not.a.reference":    "http://not.a.reference",
		"ext://logging.FileHandler": nil, // a class
	} {
		got, err := ctx.convert(ref, 0)
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		if want == nil {
			if _, ok := got.(classRef); !ok {
				t.Errorf("%s = %#v, want a class", ref, got)
			}
			continue
		}
		if got != want {
			t.Errorf("%s = %#v, want %#v", ref, got, want)
		}
	}
	for ref, want := range map[string]string{
		"cfg://custom.self":    "nest more than 32 deep",
		"cfg://nosuch":         `the configuration has no key "nosuch"`,
		"cfg://custom.list[5]": "index 5 out of range",
		"cfg://custom.list.x":  `cannot look up "x" in a list of 2`,
		"cfg://custom!":        `unable to convert cfg://custom! at "!"`,
		"cfg://.x":             "it must start with a key",
		"ext://os.system":      "cannot resolve ext://os.system",
	} {
		if _, err := ctx.convert(ref, 0); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", ref, err, want)
		}
	}
}

// TestStrictKeys: with Options.Strict, keys neither CPython nor this
// package reads are errors, and so are the values CPython misreads that
// are otherwise read as meant with a warning ("propagate": "no"); other
// values CPython misreads are errors always.
func TestStrictKeys(t *testing.T) {
	for name, cfg := range map[string]map[string]any{
		`formatters.f.fromat: unknown key, ignored (did you mean format?)`:                          {"formatters": map[string]any{"f": map[string]any{"fromat": "%(message)s"}}},
		`loggers.app.handler: unknown key, ignored (did you mean handlers?)`:                        {"loggers": map[string]any{"app": map[string]any{"handler": []any{"x"}}}},
		`root.propagat: unknown key, ignored (did you mean propagate?)`:                             {"root": map[string]any{"propagat": false}},
		`filters.f.nam: unknown key, ignored (did you mean name?)`:                                  {"filters": map[string]any{"f": map[string]any{"nam": "x"}}},
		`loggers.app.propagate: "no" is a string, which CPython takes as true; read as false`:       {"loggers": map[string]any{"app": map[string]any{"propagate": "no"}}},
		`loggers.app.propagate: want true or false, got "never"`:                                    {"loggers": map[string]any{"app": map[string]any{"propagate": "never"}}},
		`loggers.app.handlers: want a list of handler names, got "console"`:                         {"loggers": map[string]any{"app": map[string]any{"handlers": "console"}}},
		`handlers.h["."]: want a mapping of attribute names`:                                        {"handlers": map[string]any{"h": map[string]any{"class": "logging.NullHandler", ".": "x"}}},
		`handlers.h["."].bogus: *slogpy.NullHandler has no attribute "bogus"`:                       {"handlers": map[string]any{"h": map[string]any{"class": "logging.NullHandler", ".": map[string]any{"bogus": 1}}}},
		`loggers.app.level: want a level name or an integer, got 10.0`:                              {"loggers": map[string]any{"app": map[string]any{"level": 10.0}}},
		`loggers.app.level: want a level name or an integer, got true`:                              {"loggers": map[string]any{"app": map[string]any{"level": true}}},
		`disable_existing_loggers: "false" is a string, which CPython takes as true; read as false`: {"disable_existing_loggers": "false"},
		`formatters: want a mapping of names to configurations, got a list of 0`:                    {"formatters": []any{}},
	} {
		cfg["version"] = 1
		o := opts(slogpy.NewManager(), io.Discard)
		o.Strict = true
		err := DictConfig(cfg, o)
		if err == nil || !strings.Contains(err.Error(), "config: "+name) {
			t.Errorf("error %v, want %q", err, name)
		}
	}
}

// TestIncrementalNames: an incremental configuration finds the handlers
// the previous configuration made, even those on no logger.
func TestIncrementalNames(t *testing.T) {
	m := slogpy.NewManager()
	var out bytes.Buffer
	err := DictConfig(map[string]any{"version": 1,
		"handlers": map[string]any{
			"target": map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "level": "ERROR"},
			"mem":    map[string]any{"class": "logging.handlers.MemoryHandler", "capacity": 1, "target": "target"}},
		"root": map[string]any{"level": "DEBUG", "handlers": []any{"mem"}}}, opts(m, &out))
	if err != nil {
		t.Fatal(err)
	}
	m.Root().Info("dropped by the target's level")
	if err := DictConfig(map[string]any{"version": 1, "incremental": true, "handlers": map[string]any{"target": map[string]any{"level": "INFO"}}}, opts(m, &out)); err != nil {
		t.Fatal(err)
	}
	m.Root().Info("kept")
	// MemoryHandler hands records to its target without the target's
	// level, as CPython does: both lines are written.
	if out.String() != "dropped by the target's level\nkept\n" {
		t.Errorf("output %q", out.String())
	}
	err = DictConfig(map[string]any{"version": 1, "incremental": true, "handlers": map[string]any{"nosuch": map[string]any{"level": "INFO"}}}, opts(m, &out))
	if err == nil || !strings.Contains(err.Error(), `no handler named "nosuch" to change (an incremental configuration changes existing handlers; known: mem, target)`) {
		t.Errorf("error %v", err)
	}
}

// TestReplacedHandlersClosed: a new configuration closes the handlers of
// the previous one, and stops its queue listeners after they drained.
func TestReplacedHandlersClosed(t *testing.T) {
	m := slogpy.NewManager()
	var out bytes.Buffer
	q := map[string]any{"version": 1,
		"formatters": map[string]any{"f": map[string]any{"format": "q %(message)s"}},
		"handlers": map[string]any{
			"out": map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "f"},
			"q":   map[string]any{"class": "logging.handlers.QueueHandler", "handlers": []any{"out"}}},
		"root": map[string]any{"level": "DEBUG", "handlers": []any{"q"}}}
	if err := DictConfig(q, opts(m, &out)); err != nil {
		t.Fatal(err)
	}
	qh := m.Root().Handlers()[0].(*handlers.QueueHandler)
	for i := range 50 {
		m.Root().Info("record %d", i)
	}
	if err := DictConfig(map[string]any{"version": 1, "root": map[string]any{"handlers": []any{}}}, opts(m, &out)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "\n"); n != 50 {
		t.Errorf("%d records reached the listener's handler before it was stopped, want 50", n)
	}
	if err := qh.Listener().Start(); err != nil { // a running listener refuses a second Start
		t.Errorf("the replaced queue listener is still running: %v", err)
	} else if err := qh.Listener().Stop(); err != nil {
		t.Error(err)
	}
}

// TestDictConfigFile reads JSON and YAML files and names the file in
// errors.
func TestDictConfigFile(t *testing.T) {
	dir := t.TempDir()
	var out bytes.Buffer
	for name, body := range map[string]string{
		"c.json": `{"version": 1, "handlers": {"o": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}}, "root": {"handlers": ["o"]}}`,
		"c.yml":  "version: 1\nhandlers: {o: {class: logging.StreamHandler, stream: 'ext://sys.stdout'}}\nroot: {handlers: [o]}\n",
		"c.cfg":  "version: 1\nhandlers: {o: {class: logging.StreamHandler, stream: 'ext://sys.stdout'}}\nroot: {handlers: [o]}\n",
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(body), 0o644)
		m := slogpy.NewManager()
		out.Reset()
		if err := DictConfigFile(p, opts(m, &out)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		m.Root().Warning(name)
		if out.String() != name+"\n" {
			t.Errorf("%s: output %q", name, out.String())
		}
	}
	p := filepath.Join(dir, "bad.json")
	os.WriteFile(p, []byte(`{"version": 1, "root": {"level": "LOUD"}}`), 0o644)
	if err := DictConfigFile(p, opts(slogpy.NewManager(), io.Discard)); err == nil || !strings.HasPrefix(err.Error(), "config: "+p+": root.level: unknown level \"LOUD\"") {
		t.Errorf("error %v", err)
	}
	if err := DictConfigFile(filepath.Join(dir, "none.json"), nil); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("error %v", err)
	}
}

// TestDefaultManager configures the default manager when Options say
// nothing.
func TestDefaultManager(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = old }()
	if err := DictConfig(map[string]any{"version": 1, "disable_existing_loggers": false,
		"handlers": map[string]any{"o": map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
		"loggers":  map[string]any{"config_test_default": map[string]any{"level": "INFO", "handlers": []any{"o"}, "propagate": false}}}, nil); err != nil {
		t.Fatal(err)
	}
	slogpy.GetLogger("config_test_default").Info("to the real stdout")
	w.Close()
	b, _ := io.ReadAll(r)
	if string(b) != "to the real stdout\n" {
		t.Errorf("stdout %q", b)
	}
	if err := DictConfig(map[string]any{"version": 1, "incremental": true, "loggers": map[string]any{"config_test_default": map[string]any{"level": "CRITICAL"}}}, nil); err != nil {
		t.Fatal(err)
	}
	l := slogpy.GetLogger("config_test_default")
	if l.IsEnabledFor(levels.Error) {
		t.Error("incremental level not applied")
	}
	for _, h := range l.Handlers() {
		l.RemoveHandler(h)
	}
}

// TestQueueHandlerSpecifiers covers the queue and listener values Python
// 3.12 accepts, and the errors for others.
func TestQueueHandlerSpecifiers(t *testing.T) {
	cq := handlers.NewChanQueue(3)
	reg := NewRegistry()
	reg.RegisterValue("myapp.queue", handlers.Queue(cq))
	for name, qspec := range map[string]any{"class name": "queue.SimpleQueue", "factory": map[string]any{"()": "queue.Queue", "maxsize": 2}, "object": cq, "ext": "ext://myapp.queue"} {
		m := slogpy.NewManager()
		err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{"q": map[string]any{"class": "logging.handlers.QueueHandler", "queue": qspec}}, "root": map[string]any{"handlers": []any{"q"}}},
			&Options{Manager: m, Registry: reg})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		m.Shutdown()
	}
	for want, cfg := range map[string]map[string]any{
		`handlers.q.queue: want a queue`:                                                             {"queue": 5},
		`handlers.q.listener: unknown class "nosuch.Listener"`:                                       {"listener": "nosuch.Listener"},
		`handlers.q.handlers[0]: unknown handler "nosuch"`:                                           {"handlers": []any{"nosuch"}},
		`handlers.q.listener.handlers: unexpected keyword argument "handlers" for logging.Formatter`: {"listener": "logging.Formatter"},
		`handlers.q.respect_handler_level: want true or false`:                                       {"respect_handler_level": "sometimes"},
	} {
		cfg["class"] = "logging.handlers.QueueHandler"
		err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{"q": cfg}}, &Options{Manager: slogpy.NewManager(), Registry: reg})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
}

// TestCircularTargets: handlers that wait for each other are an error.
func TestCircularTargets(t *testing.T) {
	err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{
		"a": map[string]any{"class": "logging.handlers.MemoryHandler", "capacity": 1, "target": "b"},
		"b": map[string]any{"class": "logging.handlers.MemoryHandler", "capacity": 1, "target": "a"},
	}}, opts(slogpy.NewManager(), io.Discard))
	if err == nil || !strings.Contains(err.Error(), "circular reference among handlers a, b") {
		t.Errorf("error %v", err)
	}
}

// TestFactoryPanics: a panicking user factory is an error, not a crash.
func TestFactoryPanics(t *testing.T) {
	err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{
		"p": map[string]any{"()": simple(func(a *Args) (any, error) { panic("boom") })},
	}}, opts(slogpy.NewManager(), io.Discard))
	if err == nil || !strings.Contains(err.Error(), "handlers.p: ") || !strings.Contains(err.Error(), "panic in factory: boom") {
		t.Errorf("error %v", err)
	}
}

var _ slogpy.Handler = (*recorder)(nil)
var _ = context.Background

// simple makes a Factory of a function that reads its arguments and makes
// its object at once: for test classes without effects to defer.
func simple(fn func(a *Args) (any, error)) Factory {
	return func(a *Args) (func() (any, error), error) {
		obj, err := fn(a)
		if err != nil {
			return nil, err
		}
		return func() (any, error) { return obj, nil }, a.Err()
	}
}

// TestUnknownClassHint: a class name that is no typo of a built-in one (a
// third-party library's) gets the likely fix; a typo gets the list only,
// nearest first.
func TestUnknownClassHint(t *testing.T) {
	for _, tt := range []struct {
		class string
		hint  bool
	}{
		{"sentry_sdk.integrations.logging.EventHandler", true},
		{"logstash.TCPLogstashHandler", true},
		{"logging.handlers.RotatingFileHandlr", false},
		{"logging.StreamHandlr", false},
	} {
		err := DictConfig(map[string]any{"version": 1, "handlers": map[string]any{"h": map[string]any{"class": tt.class}}}, opts(slogpy.NewManager(), io.Discard))
		if err == nil {
			t.Fatalf("%s: no error", tt.class)
		}
		got := strings.Contains(err.Error(), "; a class that is not built in needs an alias to one that is (a slogpy_aliases entry in the file, or config.Alias) or a Go factory (config.Register)")
		if got != tt.hint {
			t.Errorf("%s: hint %v, want %v: %v", tt.class, got, tt.hint, err)
		}
	}
}
