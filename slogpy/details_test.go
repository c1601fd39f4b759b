package slogpy_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func loadDetails(t *testing.T, op string) []map[string]any {
	t.Helper()
	var file struct{ Cases []map[string]any }
	loadGolden(t, "details.json", &file)
	var out []map[string]any
	for _, c := range file.Cases {
		if c["op"] == op {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		t.Fatalf("details.json has no %q case", op)
	}
	return out
}

func str(c map[string]any, k string) string { s, _ := c[k].(string); return s }

// TestCPythonUsesTime replays usesTime: CPython's substring test per style.
func TestCPythonUsesTime(t *testing.T) {
	for _, c := range loadDetails(t, "usestime") {
		f, err := slogpy.NewFormatter(str(c, "fmt"), &slogpy.FormatterOptions{Style: str(c, "style"), NoValidate: true})
		if err != nil {
			// A format Go refuses at construction still has CPython's answer
			// in usesTime; none of the golden formats is refused.
			t.Errorf("NewFormatter(%q, %s): %v", c["fmt"], c["style"], err)
			continue
		}
		if got := f.UsesTime(); got != c["out"] {
			t.Errorf("UsesTime(%q, style %s) = %v, CPython %v", c["fmt"], c["style"], got, c["out"])
		}
	}
}

// TestCPythonDefaultFormatsNone replays formatTime with default_time_format
// and default_msec_format set to None, "" or a format: NoDefaultMsecFormat,
// NoDefaultTimeFormat (refused at construction where CPython fails on
// every record), DefaultTimeFormat and DefaultMsecFormat.
func TestCPythonDefaultFormatsNone(t *testing.T) {
	for _, c := range loadDetails(t, "formattime") {
		opts := &slogpy.FormatterOptions{Style: str(c, "style"), NoValidate: true, UTC: true, Datefmt: str(c, "datefmt")}
		if v, ok := c["time_fmt"]; ok {
			if v == nil {
				opts.NoDefaultTimeFormat = true
			} else {
				opts.DefaultTimeFormat = v.(string)
			}
		}
		if v, ok := c["msec_fmt"]; ok {
			if v == nil || v == "" {
				opts.NoDefaultMsecFormat = true // Python's "" is falsy: no msecs either
			} else {
				opts.DefaultMsecFormat = v.(string)
			}
		}
		name := fmt.Sprintf("%q time=%v msec=%v datefmt=%v", c["fmt"], c["time_fmt"], c["msec_fmt"], c["datefmt"])
		f, err := slogpy.NewFormatter(str(c, "fmt"), opts)
		if want := str(c, "error"); want != "" {
			if err == nil {
				t.Errorf("%s: NewFormatter accepted; CPython fails on every record: %s", name, want)
			} else if !strings.Contains(err.Error(), strings.TrimPrefix(want, "TypeError: ")) {
				t.Errorf("%s: error %q does not quote CPython's %q", name, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		r, err := slogpy.MakeRecord(map[string]any{"msg": "hello", "created": 1215535785.896123, "msecs": 896.0})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.Format(r); err != nil || got != c["out"] {
			t.Errorf("%s: Format = %q, %v; CPython %q", name, got, err, c["out"])
		}
	}
}

// TestCPythonStartTime replays relativeCreated with logging._startTime set:
// Manager.SetStartTime.
func TestCPythonStartTime(t *testing.T) {
	for _, c := range loadDetails(t, "relative") {
		start, err := c["start_ns"].(json.Number).Int64()
		if err != nil {
			t.Fatal(err)
		}
		created, err := c["created_ns"].(json.Number).Int64()
		if err != nil {
			t.Fatal(err)
		}
		m := slogpy.NewManager()
		m.SetStartTime(time.Unix(0, start))
		var buf bytes.Buffer
		f, err := slogpy.NewFormatter("%(relativeCreated)d %(relativeCreated)r", nil)
		if err != nil {
			t.Fatal(err)
		}
		h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: f})
		l := m.GetLogger("x")
		l.AddHandler(h)
		l.AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool { r.Time = time.Unix(0, created); return true }))
		l.Warning("m")
		if got := strings.TrimSuffix(buf.String(), "\n"); got != c["out"] {
			t.Errorf("start %d created %d: %q, CPython %q", start, created, got, c["out"])
		}
	}
	// A record that reached no manager's logger uses the default manager's.
	if got := slogpy.DefaultManager().StartTime(); got.IsZero() || got.After(time.Now()) {
		t.Errorf("default start time %v", got)
	}
}

// TestCPythonLoggerDict replays manager.loggerDict with its placeholders.
func TestCPythonLoggerDict(t *testing.T) {
	for _, c := range loadDetails(t, "loggerdict") {
		m := slogpy.NewManager()
		for _, n := range c["names"].([]any) {
			m.GetLogger(n.(string))
		}
		var got []string
		for name, l := range m.LoggerDict() {
			kind := "PlaceHolder"
			if l != nil {
				kind = "Logger"
				if l.Name() != name {
					t.Errorf("LoggerDict()[%q] is logger %q", name, l.Name())
				}
			}
			got = append(got, name+" "+kind)
		}
		sort.Strings(got)
		var want []string
		for _, p := range c["out"].([]any) {
			pair := p.([]any)
			want = append(want, pair[0].(string)+" "+pair[1].(string))
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("after GetLogger of %v: LoggerDict %v, CPython %v", c["names"], got, want)
		}
	}
}

// TestManagerReset checks that Reset gives NewManager's state back while
// the loggers stay the same objects.
func TestManagerReset(t *testing.T) {
	m := slogpy.NewManager()
	a := m.GetLogger("app.db")
	var buf bytes.Buffer
	h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Name: "h"})
	a.AddHandler(h)
	a.SetLevel(levels.Debug)
	a.SetPropagate(false)
	a.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { return false }))
	m.Root().SetLevel(levels.Error)
	m.Disable(levels.Critical)
	m.SetRaiseExceptions(false)
	m.SetLastResort(nil)
	m.SetStartTime(time.Unix(0, 0))
	before := time.Now()

	m.Reset()

	if got := m.GetLogger("app.db"); got != a {
		t.Error("GetLogger after Reset returned a new logger")
	}
	if a.Level() != levels.NotSet || a.EffectiveLevel() != levels.Warning || !a.Propagate() || len(a.Handlers()) != 0 || len(a.Filters()) != 0 {
		t.Errorf("logger after Reset: level %v effective %v propagate %v handlers %d filters %d",
			a.Level(), a.EffectiveLevel(), a.Propagate(), len(a.Handlers()), len(a.Filters()))
	}
	if m.Root().Level() != levels.Warning || m.DisableLevel() != levels.NotSet || !m.RaiseExceptions() || m.LastResort() == nil {
		t.Errorf("manager after Reset: root %v disable %v raise %v lastResort %v",
			m.Root().Level(), m.DisableLevel(), m.RaiseExceptions(), m.LastResort())
	}
	if m.GetHandlerByName("h") != nil || len(m.GetHandlerNames()) != 0 {
		t.Error("Reset kept the handlers it knew")
	}
	if m.StartTime().Before(before.Add(-time.Millisecond)) {
		t.Errorf("start time %v not reset", m.StartTime())
	}
	a.Info("below WARNING")
	if buf.Len() != 0 {
		t.Errorf("a removed handler wrote %q", buf.String())
	}
	b := m.GetLogger("app.db.x")
	if b.Parent() != a {
		t.Errorf("the tree changed: parent of app.db.x is %v", b.Parent().Name())
	}
}
