package slogpy_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/config"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// TestAttrsField: %(attrs)s, {attrs} and $attrs print the attributes the
// format does not name, as slog.TextHandler prints them, after a space;
// nothing when there are none; a record attribute or a default called
// attrs wins, as any attribute or default does in Python.
func TestAttrsField(t *testing.T) {
	group := slog.Group("req", "id", 7, "path", "/a b")
	for _, tc := range []struct {
		name, format, style string
		defaults            map[string]any
		args                []any
		want                string
	}{
		{"none", "%(message)s%(attrs)s", "", nil, nil, "m"},
		{"all", "%(message)s%(attrs)s", "", nil, []any{"k", 1, group, slog.Bool("ok", true)},
			"m" + slogText("k", 1, group, slog.Bool("ok", true))},
		{"quoting", "%(message)s%(attrs)s", "", nil, []any{"a b", "x=y", "q", `"`, "e", "", "nl", "a\nb"},
			"m" + slogText("a b", "x=y", "q", `"`, "e", "", "nl", "a\nb")},
		{"named left out", "%(user)s %(message)s%(attrs)s", "", nil, []any{"user", "bob", "k", 1},
			"bob m k=1"},
		{"named in a group", "[%(req.id)s] %(message)s%(attrs)s", "", nil, []any{group, "k", 1},
			`[7] m req.path="/a b" k=1`},
		{"whole group named", "%(req)s %(message)s%(attrs)s", "", nil, []any{group},
			"{'id': 7, 'path': '/a b'} m"},
		{"brace", "{message}{attrs}", "{", nil, []any{"k", 1}, "m k=1"},
		{"brace index in a group", "[{req[id]}] {message}{attrs}", "{", nil, []any{group, "k", 1},
			`[7] m req.path="/a b" k=1`},
		{"brace attribute of a value", "[{u.Name}] {message}{attrs}", "{", nil, []any{"u", struct{ Name string }{"bob"}, "k", 1},
			`[bob] m k=1`},
		{"brace spec", "{message}|{attrs:>6}|", "{", nil, []any{"k", 1}, "m|   k=1|"},
		{"dollar", "${message}${attrs}", "$", nil, []any{"k", 1}, "m k=1"},
		{"user attribute wins", "%(message)s %(attrs)s", "", nil, []any{"attrs", "mine", "k", 1}, "m mine"},
		{"default wins", "%(message)s %(attrs)s", "", map[string]any{"attrs": "dflt"}, []any{"k", 1}, "m dflt"},
		{"padded", "%(message)s|%(attrs)-8s|", "", nil, []any{"k", 1}, "m| k=1    |"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			f, err := slogpy.NewFormatter(tc.format, &slogpy.FormatterOptions{Style: tc.style, Defaults: tc.defaults})
			if err != nil {
				t.Fatal(err)
			}
			l := slogpy.NewManager().GetLogger("app")
			l.AddHandler(slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{Formatter: f,
				ErrorHandler: func(_ *slogpy.Record, err error) { t.Error(err) }}))
			l.Warning("m", tc.args...)
			if got := strings.TrimSuffix(out.String(), "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestAttrsFieldConfigured: the attrs field in BasicConfig and dictConfig
// formats, which build their formatters with NewFormatter.
func TestAttrsFieldConfigured(t *testing.T) {
	var out bytes.Buffer
	m := slogpy.NewManager()
	if err := m.BasicConfig(&slogpy.BasicConfigOptions{Stream: &out, Format: "%(levelname)s %(message)s%(attrs)s"}); err != nil {
		t.Fatal(err)
	}
	m.GetLogger("app").Warning("basic", "k", 1)

	m2 := slogpy.NewManager()
	err := config.DictConfig(map[string]any{
		"version":    1,
		"formatters": map[string]any{"f": map[string]any{"format": "{levelname} {message}{attrs}", "style": "{"}},
		"handlers":   map[string]any{"h": map[string]any{"class": "logging.StreamHandler", "formatter": "f", "stream": &out}},
		"root":       map[string]any{"level": "INFO", "handlers": []any{"h"}},
	}, &config.Options{Manager: m2})
	if err != nil {
		t.Fatal(err)
	}
	m2.GetLogger("app").Log(levels.Info, "dict", slog.Group("g", "a", "x y"))
	if got, want := out.String(), "WARNING basic k=1\nINFO dict g.a=\"x y\"\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
