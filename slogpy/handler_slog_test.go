package slogpy_test

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// zeroHandler is a handler written on HandlerBase whose constructor does
// not call Configure: its zero value must work everywhere.
type zeroHandler struct {
	slogpy.HandlerBase
	mu     sync.Mutex
	lines  []string
	lines2 []int // the caller's line, read in Emit
	fail   error
}

func (h *zeroHandler) Emit(r *slogpy.Record) error {
	b, err := h.Format(nil, r)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.lines = append(h.lines, string(b))
	h.lines2 = append(h.lines2, r.Lineno())
	return h.fail
}

func (h *zeroHandler) got() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return strings.Join(h.lines, "|")
}

// TestZeroHandlerBase: a handler whose HandlerBase was never configured
// has Python's defaults (level NOTSET, "%(message)s", no filters) and
// works on a logger, through slog.New, with WithAttrs and WithGroup, under
// Shutdown and GetHandlerByName, without a panic.
func TestZeroHandlerBase(t *testing.T) {
	m := slogpy.NewManager()
	l := m.GetLogger("app")
	l.SetLevel(levels.Debug)
	h := &zeroHandler{}
	if h.Level() != levels.NotSet || h.Name() != "" || h.Formatter() != nil || len(h.Filters()) != 0 {
		t.Fatalf("zero base: level %v name %q formatter %v filters %v", h.Level(), h.Name(), h.Formatter(), h.Filters())
	}
	l.AddHandler(slogpy.AsSlog(h))
	l.AddHandler(slogpy.AsSlog(h)) // once
	l.Debug("debug %d", 1)
	s := slog.New(slogpy.AsSlog(h))
	s.Info("via slog")
	s.With("k", "v").WithGroup("g").Info("bound", "x", 1)
	if got, want := h.got(), "debug 1|via slog|bound"; got != want {
		t.Errorf("records = %q, want %q", got, want)
	}
	if h.lines2[0] == 0 {
		t.Error("the caller's line is unknown in Emit of a handler that never said FormatOnly")
	}
	h.SetName("zero")
	if got := m.GetHandlerByName("zero"); got != slogpy.Handler(h) {
		t.Errorf("GetHandlerByName = %#v, want the handler itself", got)
	}
	if err := m.Shutdown(); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	l.RemoveHandler(slogpy.AsSlog(h))
	if len(l.Handlers()) != 0 {
		t.Errorf("RemoveHandler(AsSlog(h)) left %v", l.Handlers())
	}
}

// TestAsSlog: AsSlog returns the module's handlers as they are, is nil for
// nil, equal for one handler, and its Enabled is the handler's.
func TestAsSlog(t *testing.T) {
	sh := slogpy.NewStreamHandler(&bytes.Buffer{}, nil)
	if slogpy.AsSlog(sh) != slog.Handler(sh) {
		t.Error("AsSlog of a StreamHandler is not the handler itself")
	}
	if slogpy.AsSlog(nil) != nil {
		t.Error("AsSlog(nil) is not nil")
	}
	h := &zeroHandler{}
	a := slogpy.AsSlog(h)
	if a != slogpy.AsSlog(h) || slogpy.AsSlog(a.(slogpy.Handler)) != a {
		t.Error("AsSlog of one handler gives different values")
	}
	h.SetLevel(levels.Warning)
	if a.Enabled(nil, slog.LevelInfo) || !a.Enabled(nil, slog.LevelWarn) {
		t.Error("the adapter's Enabled is not the handler's level")
	}
	// A nil pointer in the adapter is refused as any nil handler.
	var nilH *zeroHandler
	m := slogpy.NewManager()
	m.Root().AddHandler(slogpy.AsSlog(nilH))
	if len(m.Root().Handlers()) != 0 {
		t.Error("AddHandler accepted AsSlog of a nil pointer")
	}
}

// TestHandle: Handle applies filters, calls Emit, reports an Emit error
// through the error hook and returns it; a NullHandler ignores the record
// before its filters run, as Python's NullHandler.handle; HandleRecord
// takes the adapter as the handler it holds.
func TestHandle(t *testing.T) {
	var reported []error
	h := &zeroHandler{fail: errors.New("disk full")}
	h.Configure(&slogpy.HandlerOptions{ErrorHandler: func(_ *slogpy.Record, err error) { reported = append(reported, err) }})
	h.AddFilter(slogpy.NewNameFilter("app"))
	if err := slogpy.Handle(h, &slogpy.Record{Name: "other", Msg: "x"}); err != nil || h.got() != "" {
		t.Errorf("filtered record: err %v, emitted %q", err, h.got())
	}
	if err := slogpy.HandleRecord(slogpy.AsSlog(h), &slogpy.Record{Name: "app", Msg: "y"}); err == nil || len(reported) != 1 || h.got() != "y" {
		t.Errorf("failing Emit: err %v, reported %v, emitted %q", err, reported, h.got())
	}
	n := slogpy.NewNullHandler()
	called := false
	n.AddFilter(slogpy.FilterFunc(func(*slogpy.Record) bool { called = true; return true }))
	if err := slogpy.Handle(n, &slogpy.Record{Name: "app", Msg: "z"}); err != nil || called {
		t.Errorf("NullHandler: err %v, filter called %v", err, called)
	}
}

// TestZeroHandlerMaxLine: an unconfigured base cuts lines at
// DefaultMaxMessage, as a configured one with MaxLine 0.
func TestZeroHandlerMaxLine(t *testing.T) {
	f := mustFormatter(t, "%(message)s"+strings.Repeat("y", slogpy.DefaultMaxMessage), nil)
	var errs []error
	h := &zeroHandler{}
	h.Configure(&slogpy.HandlerOptions{Formatter: f, ErrorHandler: func(_ *slogpy.Record, err error) { errs = append(errs, err) }})
	z := &zeroHandler{}
	z.SetFormatter(f)
	m := slogpy.NewManager()
	m.SetRaiseExceptions(false) // z's report of the cut
	l := m.GetLogger("app")
	l.AddHandler(slogpy.AsSlog(h))
	l.AddHandler(slogpy.AsSlog(z))
	l.Warning("x")
	if len(h.lines) != 1 || len(z.lines) != 1 || h.lines[0] != z.lines[0] || !strings.HasSuffix(h.lines[0], " [truncated at 1048576 bytes]") {
		t.Errorf("lines of %d and %d bytes, ending %q", len(h.lines[0]), len(z.lines[0]), h.lines[0][len(h.lines[0])-40:])
	}
	if len(errs) != 1 {
		t.Errorf("configured handler reported %v", errs)
	}
}
