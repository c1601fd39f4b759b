package slogpy_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func record(t *testing.T, m map[string]any) *slogpy.Record {
	t.Helper()
	base := map[string]any{"name": "app", "levelno": 40, "msg": "boom", "created": 1215535785.25}
	for k, v := range m {
		base[k] = v
	}
	r, err := slogpy.MakeRecord(base)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestFormatterHooks(t *testing.T) {
	f := mustFormatter(t, "%(asctime)s %(levelname)s %(message)s", &slogpy.FormatterOptions{
		UTC:               true,
		DefaultMsecFormat: "%s.%03d",
		FormatException:   func(err error) string { return "EXC<" + err.Error() + ">\n" },
		FormatStack:       func(s string) string { return strings.ToUpper(s) },
	})
	r := record(t, map[string]any{"stack_info": "stack here"})
	r.Err, r.ExcInfo = errors.New("disk"), true
	got, err := f.Format(r)
	if err != nil {
		t.Fatal(err)
	}
	want := "2008-07-08 16:49:45.250 ERROR boom\nEXC<disk>\nSTACK HERE"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if r.ExcText != "EXC<disk>" {
		t.Errorf("ExcText not cached on the record: %q", r.ExcText)
	}
	if ft := f.FormatTime(r, "%H:%M"); ft != "16:49" {
		t.Errorf("FormatTime with datefmt = %q", ft)
	}
	g := mustFormatter(t, "%(asctime)s", &slogpy.FormatterOptions{UTC: true, DefaultTimeFormat: "%d/%m/%Y %H:%M:%S"})
	if got, _ := g.Format(record(t, nil)); got != "08/07/2008 16:49:45,250" {
		t.Errorf("DefaultTimeFormat: %q", got)
	}
	if !f.UsesTime() || mustFormatter(t, "%(message)s", nil).UsesTime() {
		t.Error("UsesTime wrong")
	}
}

func TestBufferingFormatter(t *testing.T) {
	bf := slogpy.NewBufferingFormatter(mustFormatter(t, "[%(message)s]", nil))
	bf.Header = func(rs []*slogpy.Record) string { return "<" }
	bf.Footer = func(rs []*slogpy.Record) string { return ">" }
	rs := []*slogpy.Record{record(t, map[string]any{"msg": "a"}), record(t, map[string]any{"msg": "b"})}
	if got, err := bf.Format(rs); err != nil || got != "<[a][b]>" {
		t.Errorf("Format = %q, %v", got, err)
	}
	if got, _ := bf.Format(nil); got != "" {
		t.Errorf("Format(nil) = %q", got)
	}
	if got, _ := slogpy.NewBufferingFormatter(nil).Format(rs); got != "ab" {
		t.Errorf("default line format: %q", got)
	}
}

// TestFilterReplacesRecord: a filter that returns another record makes the
// handlers see that one (Python 3.12), without changing the caller's.
func TestFilterReplacesRecord(t *testing.T) {
	var out bytes.Buffer
	l := newTestLogger(t, "%(message)s %(tag)s", &out, io.Discard)
	l.AddFilter(filterFunc(func(r *slogpy.Record) *slogpy.Record {
		c := r.Clone()
		c.SetMessage("redacted")
		c.AddAttrs(slog.String("tag", "[filtered]"))
		return c
	}))
	l.Warning("secret %s", "pw")
	if out.String() != "redacted [filtered]\n" {
		t.Errorf("got %q", out.String())
	}
}

type filterFunc func(*slogpy.Record) *slogpy.Record

func (f filterFunc) Filter(r *slogpy.Record) *slogpy.Record { return f(r) }

func TestGetLoggerNames(t *testing.T) {
	m := slogpy.NewManager()
	if m.GetLogger("") != m.Root() || m.GetLogger("root") != m.Root() {
		t.Error(`"" and "root" must name the root logger`)
	}
	if m.Root().Name() != "root" || m.Root().EffectiveLevel() != levels.Warning {
		t.Errorf("root = %s at %v", m.Root().Name(), m.Root().EffectiveLevel())
	}
	a := m.GetLogger("a.b")
	if m.GetLogger("a.b") != a || m.GetLogger("a").GetChild("b") != a {
		t.Error("GetLogger must return the same logger for a name")
	}
	if got := strings.Join(m.LoggerNames(), ","); got != "a,a.b" {
		t.Errorf("LoggerNames = %s", got)
	}
}

func TestFormatterConstructionErrors(t *testing.T) {
	tests := []struct {
		format string
		opts   *slogpy.FormatterOptions
		want   string
	}{
		{"%(message)s %s", nil, "directive 2 (%s) has no (name)"},
		{"%(message)s", &slogpy.FormatterOptions{Style: "@"}, "Style must be one of: %,{,$"},
		{"{message:%%%}", &slogpy.FormatterOptions{Style: "{"}, "bad specifier"},
		{"{a[]}", &slogpy.FormatterOptions{Style: "{"}, "invalid field name/expression: 'a[]'"},
	}
	for _, tt := range tests {
		_, err := slogpy.NewFormatter(tt.format, tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewFormatter(%q) = %v, want %q", tt.format, err, tt.want)
		}
	}
}

// TestAsctimeSecondCache: the cached date and time of a second must not
// leak into the next second or across milliseconds.
func TestAsctimeSecondCache(t *testing.T) {
	f := mustFormatter(t, "%(asctime)s", &slogpy.FormatterOptions{UTC: true})
	for _, tt := range []struct {
		created float64
		want    string
	}{
		{1215535785.25, "2008-07-08 16:49:45,250"},
		{1215535785.999, "2008-07-08 16:49:45,999"},
		{1215535786.001, "2008-07-08 16:49:46,000"}, // CPython's truncation: 0.0009999...
		{1215535785.5, "2008-07-08 16:49:45,500"},
		{1215535845.5, "2008-07-08 16:50:45,500"},
	} {
		if got, _ := f.Format(record(t, map[string]any{"created": tt.created})); got != tt.want {
			t.Errorf("created %v: %q, want %q", tt.created, got, tt.want)
		}
	}
}

func TestLogAttrs(t *testing.T) {
	var out bytes.Buffer
	l := newTestLogger(t, "%(levelname)s %(message)s n=%(n)s ratio=%(ratio)s %(filename)s", &out, io.Discard)
	l.LogAttrs(nil, levels.Info, "100% done", slog.Int("n", 3), slog.Float64("ratio", 0.5))
	if got := out.String(); got != "INFO 100% done n=3 ratio=0.5 formatter_test.go\n" {
		t.Errorf("got %q", got)
	}
	if raceEnabled {
		return
	}
	l2 := newTestLogger(t, "%(message)s %(n)s %(ratio)s", io.Discard, io.Discard)
	if n := testing.AllocsPerRun(100, func() {
		l2.LogAttrs(context.Background(), levels.Info, "m", slog.Int("n", 3), slog.Float64("ratio", 0.5))
	}); n != 0 {
		t.Errorf("LogAttrs: %v allocs, want 0", n)
	}
}
