package slogpy_test

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// TestSetAttrRedacts: a filter that sets an attribute replaces it, as
// Python's record.password = "***" does, so the secret is printed nowhere:
// not by %(attrs)s, not by %(password)s, not by a foreign slog handler —
// whether the attribute came from the call, a second pair with the same
// key, or fields bound once with an adapter's With. Expected lines checked
// by hand.
func TestSetAttrRedacts(t *testing.T) {
	var buf, js bytes.Buffer
	m := slogpy.NewManager()
	l := m.GetLogger("app")
	l.SetPropagate(false)
	l.SetLevel(levels.Info)
	h := slogpy.NewStreamHandler(&buf, nil)
	f, err := slogpy.NewFormatter("%(message)s [%(password)s]%(attrs)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	h.SetFormatter(f)
	l.AddHandler(h)
	l.AddHandler(slog.NewJSONHandler(&js, &slog.HandlerOptions{ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}}))
	l.AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool {
		if _, ok := r.Attr("password"); ok {
			r.SetAttr(slog.String("password", "***"))
		}
		r.DeleteAttr("token")
		return true
	}))
	l.Info("login", "user", "bob", "password", "hunter2", "try", 1, "password", "again")
	l.Info("refresh", "token", "t0k3n", "user", "bob", "password", "x")
	l.Info("plain", "user", "bob", "password", "")
	// %(attrs)s leaves out the attributes the format names.
	want := "login [***] user=bob try=1\n" +
		"refresh [***] user=bob\n" +
		"plain [***] user=bob\n"
	if got := buf.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if n := strings.Count(js.String(), `"password":"***"`); n != 3 {
		t.Errorf("the foreign handler printed the redacted password %d times, want 3:\n%s", n, js.String())
	}
	for _, secret := range []string{"hunter2", "again", "t0k3n"} {
		if strings.Contains(js.String(), secret) {
			t.Errorf("the foreign handler printed %q:\n%s", secret, js.String())
		}
	}
}

// TestSetAttrBound: setting a key bound once changes this record only.
func TestSetAttrBound(t *testing.T) {
	r, err := slogpy.MakeRecord(map[string]any{"msg": "m"})
	if err != nil {
		t.Fatal(err)
	}
	r.AddAttrs(slog.String("a", "1"), slog.String("b", "2"), slog.String("a", "3"))
	r.SetAttr(slog.String("a", "x"))
	var got []string
	r.Attrs(func(a slog.Attr) bool { got = append(got, a.String()); return true })
	if strings.Join(got, " ") != "a=x b=2" {
		t.Errorf("after SetAttr: %v, want [a=x b=2]", got)
	}
	if !r.DeleteAttr("b") || r.DeleteAttr("b") || r.NumAttrs() != 1 {
		t.Errorf("DeleteAttr: %d attributes left", r.NumAttrs())
	}
	r.SetAttr(slog.String("c", "new"))
	if v, ok := r.Attr("c"); !ok || v.String() != "new" {
		t.Errorf("SetAttr of a new key: %v %v", v, ok)
	}
}

// TestSetAttrLevelname: a handler filter that sets "levelname" changes what
// %(levelname)s prints, as Python's record.levelname = ... does. The lines
// are CPython's for the same filter:
//
//	def f(r): r.levelname = r.levelname.lower(); return True
func TestSetAttrLevelname(t *testing.T) {
	var buf bytes.Buffer
	l := slogpy.NewManager().GetLogger("a")
	f, err := slogpy.NewFormatter("%(levelname)s %(message)s%(attrs)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	h := slogpy.NewStreamHandler(&buf, &slogpy.HandlerOptions{Formatter: f})
	h.AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool {
		r.SetAttr(slog.String("levelname", strings.ToLower(r.Levelname())))
		return true
	}))
	l.AddHandler(h)
	l.Warning("h1")
	l.Error("h2")
	if got, want := buf.String(), "warning h1\nerror h2\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
