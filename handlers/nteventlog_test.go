package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// ntEventLogFake records the events reported to it.
type ntEventLogFake struct {
	mu     sync.Mutex
	events []ntEventLogEvent
	closed int
}

type ntEventLogEvent struct {
	typ EventType
	cat uint16
	id  uint32
	msg string
}

func (f *ntEventLogFake) report(etype EventType, category uint16, id uint32, msg string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.events = append(f.events, ntEventLogEvent{etype, category, id, msg})
	return nil
}

func (f *ntEventLogFake) close() error { f.closed++; return nil }

// ntEventLogFakeHandler returns a handler reporting to a fake event
// source, on every system.
func ntEventLogFakeHandler(t *testing.T, opts *NTEventLogHandlerOptions) (*NTEventLogHandler, *ntEventLogFake) {
	t.Helper()
	h, err := newNTEventLogHandler("slogpy-test", opts)
	if err != nil {
		t.Fatal(err)
	}
	f := &ntEventLogFake{}
	h.sink = f
	return h, f
}

// TestNTEventLogTypeMap checks the event type of each level against
// CPython's typemap and deftype (logging/handlers.py, NTEventLogHandler):
// exact levels only, everything else an error event.
func TestNTEventLogTypeMap(t *testing.T) {
	h, _ := ntEventLogFakeHandler(t, nil)
	want := map[levels.Level]EventType{
		levels.Debug: 4, levels.Info: 4, levels.Warning: 2, levels.Error: 1, levels.Critical: 1,
		levels.NotSet: 1, 5: 1, 15: 1, 25: 1, 45: 1, 60: 1,
	}
	for l, typ := range want {
		if got := h.EventType(&slogpy.Record{Levelno: l}); got != typ {
			t.Errorf("level %d: event type %d, CPython %d", l, got, typ)
		}
	}
	if h.DLLName() != DefaultEventMessageFile || h.LogType() != "Application" || h.AppName() != "slogpy-test" {
		t.Errorf("defaults: %q %q %q", h.DLLName(), h.LogType(), h.AppName())
	}
}

// TestNTEventLogEmit logs through a logger and checks what is reported:
// type, category, message ID and the formatted record.
func TestNTEventLogEmit(t *testing.T) {
	f, err := slogpy.NewFormatter("%(name)s: %(message)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	h, sink := ntEventLogFakeHandler(t, &NTEventLogHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f}})
	m := slogpy.NewManager()
	l := m.GetLogger("svc")
	l.SetLevel(levels.Debug)
	l.AddHandler(h)
	l.Debug("starting %s", "v1")
	l.Warning("disk %d%% full", 91)
	l.Log(25, "notice")
	l.Critical("down")
	want := []ntEventLogEvent{
		{EventInformation, 0, 1, "svc: starting v1"},
		{EventWarning, 0, 1, "svc: disk 91% full"},
		{EventError, 0, 1, "svc: notice"},
		{EventError, 0, 1, "svc: down"},
	}
	if fmt.Sprint(sink.events) != fmt.Sprint(want) {
		t.Errorf("events\n%v\nwant\n%v", sink.events, want)
	}
}

// TestNTEventLogOptions overrides the type map, the default type, the
// category and the message ID, as Python subclasses override typemap,
// getEventCategory and getMessageID.
func TestNTEventLogOptions(t *testing.T) {
	tm := map[levels.Level]EventType{25: EventWarning, levels.Info: EventInformation}
	h, sink := ntEventLogFakeHandler(t, &NTEventLogHandlerOptions{
		DLLName:       `C:\app\messages.dll`,
		LogType:       "System",
		TypeMap:       tm,
		DefaultType:   EventInformation,
		EventCategory: func(r *slogpy.Record) uint16 { return uint16(r.Levelno / 10) },
		MessageID:     func(r *slogpy.Record) uint32 { return 1000 + uint32(len(r.Msg)) },
	})
	tm[25] = EventError // the handler keeps its own copy
	m := slogpy.NewManager()
	l := m.GetLogger("svc")
	l.SetLevel(1)
	l.AddHandler(h)
	l.Log(25, "notice")
	l.Info("hi")
	l.Error("bad")
	want := []ntEventLogEvent{{EventWarning, 2, 1006, "notice"}, {EventInformation, 2, 1002, "hi"}, {EventInformation, 4, 1003, "bad"}}
	if fmt.Sprint(sink.events) != fmt.Sprint(want) {
		t.Errorf("events %v, want %v", sink.events, want)
	}
	if h.DLLName() != `C:\app\messages.dll` || h.LogType() != "System" {
		t.Errorf("DLLName %q LogType %q", h.DLLName(), h.LogType())
	}
}

// TestNTEventLogClose checks that Close releases the source once and that
// a record after Close is reported as an error.
func TestNTEventLogClose(t *testing.T) {
	var reports bytes.Buffer
	h, sink := ntEventLogFakeHandler(t, &NTEventLogHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: slogpy.ErrorReporter(&reports)}})
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if err := h.Close(); err != nil || sink.closed != 1 {
		t.Errorf("second Close = %v, source closed %d times", err, sink.closed)
	}
	r, err := slogpy.MakeRecord(map[string]any{"msg": "late", "levelno": 40})
	if err != nil {
		t.Fatal(err)
	}
	if err := slogpy.Handle(h, r); !errors.Is(err, slogpy.ErrClosed) {
		t.Errorf("after Close: %v, want ErrClosed", err)
	}
	if !strings.Contains(reports.String(), "--- Logging error ---\n") || !strings.Contains(reports.String(), "\n"+slogpy.ErrClosed.Error()+"\n") || len(sink.events) != 0 {
		t.Errorf("report %q, events %v", reports.String(), sink.events)
	}
}

// TestNTEventLogConstructor checks the constructor's errors: an empty
// appname everywhere, and on systems other than Windows an error saying
// the handler is Windows-only.
func TestNTEventLogConstructor(t *testing.T) {
	if _, err := NewNTEventLogHandler("", nil); err == nil || err.Error() != "handlers: NT event log handler: empty appname" {
		t.Errorf("empty appname: %v", err)
	}
	if runtime.GOOS == "windows" {
		t.Skip("the Windows path needs the event log; CI cross-compiles it")
	}
	h, err := NewNTEventLogHandler("myapp", nil)
	if h != nil || err == nil {
		t.Fatalf("NewNTEventLogHandler on %s = %v, %v; want an error", runtime.GOOS, h, err)
	}
	want := fmt.Sprintf(`handlers: NT event log handler "myapp": the Windows event log is Windows-only, not available on %s: unsupported operation`, runtime.GOOS)
	if err.Error() != want || !errors.Is(err, errors.ErrUnsupported) {
		t.Errorf("error %q (ErrUnsupported: %v), want %q", err, errors.Is(err, errors.ErrUnsupported), want)
	}
}

// ntEventLogJSON renders a record as slog's JSON handler would, for
// testing/slogtest.
type ntEventLogJSON struct{}

func (ntEventLogJSON) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	m := map[string]any{slog.LevelKey: levels.ToSlog(r.Levelno).String()}
	if !r.Time.IsZero() {
		m[slog.TimeKey] = r.Time
	}
	msg, err := r.Message()
	if err != nil {
		return dst, err
	}
	m[slog.MessageKey] = msg
	var add func(m map[string]any, a slog.Attr)
	add = func(m map[string]any, a slog.Attr) {
		v := a.Value.Resolve()
		if v.Kind() != slog.KindGroup {
			m[a.Key] = v.Any()
			return
		}
		sub, _ := m[a.Key].(map[string]any)
		if sub == nil {
			sub = map[string]any{}
			m[a.Key] = sub
		}
		for _, ga := range v.Group() {
			add(sub, ga)
		}
	}
	r.Attrs(func(a slog.Attr) bool { add(m, a); return true })
	b, err := json.Marshal(m)
	return append(dst, b...), err
}

func TestSlogtestNTEventLogHandler(t *testing.T) {
	var sink *ntEventLogFake
	slogtest.Run(t, func(t *testing.T) slog.Handler {
		var h *NTEventLogHandler
		h, sink = ntEventLogFakeHandler(t, &NTEventLogHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: ntEventLogJSON{}}})
		return h
	}, func(t *testing.T) map[string]any {
		if len(sink.events) != 1 {
			t.Fatalf("%d events, want 1", len(sink.events))
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(sink.events[0].msg), &m); err != nil {
			t.Fatal(err)
		}
		return m
	})
}
