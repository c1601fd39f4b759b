package slogpy_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// normaliseReport replaces every run of lines starting with two spaces
// (frame blocks) by one "  <frames>" line, as testdata/core/gen_errors.py.
func normaliseReport(text string) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "  ") {
			if len(out) > 0 && out[len(out)-1] == "  <frames>" {
				continue
			}
			line = "  <frames>"
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

type boom struct{}

func (boom) String() string { panic(errors.New("ValueError: boom")) }

// chainedErr is an error raised while handling another: its text does not
// repeat the cause's.
type chainedErr struct {
	msg   string
	cause error
}

func (e *chainedErr) Error() string { return e.msg }
func (e *chainedErr) Unwrap() error { return e.cause }

type failingHandler struct{ slogpy.HandlerBase }

func (h *failingHandler) Emit(*slogpy.Record) error {
	return &chainedErr{"RuntimeError: write failed", errors.New("OSError: disk full")}
}

// TestCPythonErrorReport replays testdata/core/error_reports.json: the
// report of a bad % argument, a missing format key, a panicking String, a
// chained error and a panicking filter, line for line with CPython's once
// frame blocks are normalised. Go's repr of a value whose String panics
// cannot be Python's repr (which calls __repr__, not the failing __str__):
// that Arguments line is left out.
func TestCPythonErrorReport(t *testing.T) {
	var file struct {
		Cases []struct{ Name, Raw, Normalised string }
	}
	loadGolden(t, "error_reports.json", &file)
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			var errs bytes.Buffer
			opts := &slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&errs)}
			var h slogpy.Handler = slogpy.NewStreamHandler(&bytes.Buffer{}, opts)
			l := slogpy.NewManager().GetLogger(c.Name)
			switch c.Name {
			case "bad argument":
				l.AddHandler(slogpy.AsSlog(h))
				l.Warning("%d items", "x")
			case "missing key":
				f, _ := slogpy.NewFormatter("%(user)s %(message)s", nil)
				h.(*slogpy.StreamHandler).SetFormatter(f)
				l.AddHandler(slogpy.AsSlog(h))
				l.Warning("hi")
			case "failing str":
				l.AddHandler(slogpy.AsSlog(h))
				l.Warning("value %s", boom{})
			case "chained":
				fh := &failingHandler{}
				fh.Configure(opts)
				l.AddHandler(slogpy.AsSlog(fh))
				l.Warning("to %s", "disk")
			case "failing filter":
				h.(*slogpy.StreamHandler).AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool {
					panic(errors.New("ValueError: bad filter"))
				}))
				l.AddHandler(slogpy.AsSlog(h))
				l.Warning("filtered")
			default:
				t.Fatalf("no Go case for %q", c.Name)
			}
			got, want := normaliseReport(errs.String()), c.Normalised
			if c.Name == "failing str" {
				cut := func(s string) string { return s[:strings.Index(s, "Arguments: ")] }
				got, want = cut(got), cut(want)
			}
			if got != want {
				t.Errorf("report:\n%s\nnormalised:\n%s\nCPython's:\n%s", errs.String(), got, want)
			}
		})
	}
}
