package slogpy_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func TestMain(m *testing.M) {
	// The goldens were made with TZ=UTC; the names registered by
	// testdata/core/gen.py before the dispatch scenarios ran.
	time.Local = time.UTC
	levels.AddLevelName(25, "NOTICE")
	levels.AddLevelName(5, "TRACE")
	os.Exit(m.Run())
}

type formatterCase struct {
	Fmt      string
	Style    string
	Datefmt  *string
	Record   map[string]any
	Defaults map[string]any
	Validate bool
	Out      *string
	Error    string
	Stage    string
}

// loadGolden reads a golden of testdata/core (see slogtestutil.LoadGolden).
func loadGolden(t *testing.T, name string, v any) {
	slogtestutil.LoadGolden(t, "../testdata/core/"+name, v)
}

var pyValue = slogtestutil.PyValue

// TestCPythonFormatter replays testdata/core/formatter.json: Formatter in
// all three styles over every record attribute, with widths and alignment,
// datefmt codes, defaults, extras, exception and stack text, and the
// validation errors, as CPython 3.11 produced them.
func TestCPythonFormatter(t *testing.T) {
	var file struct{ Cases []formatterCase }
	loadGolden(t, "formatter.json", &file)
	if len(file.Cases) < 300 {
		t.Fatalf("only %d formatter cases", len(file.Cases))
	}
	for i, c := range file.Cases {
		name := fmt.Sprintf("%d/%s/%q", i, c.Style, c.Fmt)
		t.Run(name, func(t *testing.T) {
			opts := &slogpy.FormatterOptions{Style: c.Style, NoValidate: !c.Validate, UTC: true}
			if c.Datefmt != nil {
				opts.Datefmt = *c.Datefmt
			}
			if c.Defaults != nil {
				opts.Defaults = pyValue(c.Defaults).(map[string]any)
			}
			f, err := slogpy.NewFormatter(c.Fmt, opts)
			if c.Stage == "init" {
				if err == nil {
					t.Fatalf("NewFormatter succeeded; CPython raised %s", c.Error)
				}
				checkErrorText(t, err, c.Error)
				return
			}
			if err != nil {
				if c.Stage == "format" {
					// Go reports at construction what CPython finds at
					// format time, with CPython's message.
					checkErrorText(t, err, c.Error)
					return
				}
				t.Fatalf("NewFormatter: %v; CPython formatted %q", err, *c.Out)
			}
			r, err := slogpy.MakeRecord(pyValue(c.Record).(map[string]any))
			if err != nil {
				t.Fatal(err)
			}
			got, err := f.Format(r)
			if c.Stage == "format" {
				if err == nil {
					t.Fatalf("Format = %q; CPython raised %s", got, c.Error)
				}
				checkErrorText(t, err, c.Error)
				return
			}
			if err != nil {
				t.Fatalf("Format: %v; CPython %q", err, *c.Out)
			}
			if got != *c.Out {
				t.Errorf("Format =\n%q\nCPython:\n%q", got, *c.Out)
			}
		})
	}
}

// checkErrorText checks that Go's error carries CPython's message.
func checkErrorText(t *testing.T, err error, py string) {
	t.Helper()
	msg := err.Error()
	_, pyMsg, _ := strings.Cut(py, ": ")
	pyMsg = strings.TrimPrefix(pyMsg, "invalid format: ")
	if !strings.Contains(msg, pyMsg) {
		t.Errorf("error %q does not say CPython's %q", msg, py)
	}
}

type dispatchCase struct {
	Name string
	Ops  [][]any
	Out  []string
}

// TestCPythonDispatch replays testdata/core/dispatch.json: scenarios of
// the logger tree (placeholders, propagation, levels on loggers and
// handlers, Disable, disabled loggers, filters, the last resort) run
// against CPython's logging.Manager.
func TestCPythonDispatch(t *testing.T) {
	var file struct{ Cases []dispatchCase }
	loadGolden(t, "dispatch.json", &file)
	for _, c := range file.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := runScenario(t, c.Ops)
			want := strings.Join(c.Out, "\n")
			if got != want {
				t.Errorf("ops %v\ngot:\n%s\nCPython:\n%s", c.Ops, got, want)
			}
		})
	}
}

func runScenario(t *testing.T, ops [][]any) string {
	m := slogpy.NewManager()
	var out bytes.Buffer
	errs := slogpy.ErrorReporter(&out)
	handlers := map[string]*slogpy.StreamHandler{}
	newHandler := func(name string, level int, format string) *slogpy.StreamHandler {
		f, err := slogpy.NewFormatter(format, nil)
		if err != nil {
			t.Fatal(err)
		}
		return slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{
			Name: name, Level: levels.Level(level), Formatter: f, ErrorHandler: errs,
		})
	}
	m.SetLastResort(newHandler("lastResort", 30, "lastResort: %(message)s"))
	lg := func(v any) *slogpy.Logger { return m.GetLogger(v.(string)) }
	str := func(v any) string { return v.(string) }
	num := func(v any) int { return pyValue(v).(int) }
	line := func(format string, args ...any) { fmt.Fprintf(&out, format+"\n", args...) }
	pyBool := func(b bool) string {
		if b {
			return "True"
		}
		return "False"
	}
	for _, op := range ops {
		switch op[0] {
		case "get":
			lg(op[1])
		case "level":
			lg(op[1]).SetLevel(levels.Level(num(op[2])))
		case "handler":
			h := handlers[str(op[2])]
			if h == nil {
				h = newHandler(str(op[2]), num(op[3]), str(op[2])+": %(name)s %(levelname)s %(message)s")
				handlers[str(op[2])] = h
			}
			lg(op[1]).AddHandler(h)
		case "handlerLevel":
			handlers[str(op[1])].SetLevel(levels.Level(num(op[2])))
		case "remove":
			lg(op[1]).RemoveHandler(handlers[str(op[2])])
		case "propagate":
			lg(op[1]).SetPropagate(op[2].(bool))
		case "disabled":
			lg(op[1]).SetDisabled(op[2].(bool))
		case "disable":
			m.Disable(levels.Level(num(op[1])))
		case "filter":
			lg(op[1]).AddFilter(slogpy.NewNameFilter(str(op[2])))
		case "handlerFilter":
			handlers[str(op[1])].AddFilter(slogpy.NewNameFilter(str(op[2])))
		case "log":
			args := pyValue(op[4]).([]any)
			lg(op[1]).Log(levels.Level(num(op[2])), str(op[3]), args...)
		case "parent":
			p := lg(op[1]).Parent()
			name := "None"
			if p != nil {
				name = p.Name()
			}
			line("parent %s = %s", str(op[1]), name)
		case "effective":
			line("effective %s = %d", str(op[1]), lg(op[1]).EffectiveLevel())
		case "enabled":
			line("enabled %s %d = %s", str(op[1]), num(op[2]), pyBool(lg(op[1]).IsEnabledFor(levels.Level(num(op[2])))))
		case "hasHandlers":
			line("hasHandlers %s = %s", str(op[1]), pyBool(lg(op[1]).HasHandlers()))
		case "child":
			line("child %s.%s = %s", str(op[1]), str(op[2]), lg(op[1]).GetChild(str(op[2])).Name())
		default:
			t.Fatalf("unknown op %v", op)
		}
	}
	return strings.TrimSuffix(out.String(), "\n")
}

// TestCPythonEncoding replays testdata/core/encoding.json: a FileHandler
// with an encoding and an errors mode writes the bytes CPython's wrote, or
// reports CPython's UnicodeEncodeError text.
func TestCPythonEncoding(t *testing.T) {
	var file struct {
		Cases []struct {
			Encoding, Errors, Msg, Error string
			File                         []byte
		}
	}
	loadGolden(t, "encoding.json", &file)
	if len(file.Cases) < 100 {
		t.Fatalf("only %d encoding cases", len(file.Cases))
	}
	dir := t.TempDir()
	for i, c := range file.Cases {
		path := fmt.Sprintf("%s/%d.log", dir, i)
		var reported []string
		h, err := slogpy.NewFileHandler(path, &slogpy.FileHandlerOptions{Encoding: c.Encoding, Errors: c.Errors,
			HandlerOptions: slogpy.HandlerOptions{ErrorHandler: func(_ *slogpy.Record, err error) { reported = append(reported, err.Error()) }}})
		if err != nil {
			t.Fatal(err)
		}
		l := slogpy.NewManager().GetLogger("enc")
		l.AddHandler(h)
		l.Warning(c.Msg)
		h.Close()
		got, _ := os.ReadFile(path)
		if !bytes.Equal(got, c.File) {
			t.Errorf("%s/%s %q: file = %q, want %q", c.Encoding, c.Errors, c.Msg, got, c.File)
		}
		if gotErr := strings.Join(reported, "\n"); gotErr != c.Error {
			t.Errorf("%s/%s %q: reported %q, want %q", c.Encoding, c.Errors, c.Msg, gotErr, c.Error)
		}
	}
}
