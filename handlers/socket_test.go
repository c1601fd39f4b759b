package handlers_test

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

var (
	_ slogpy.Handler = (*handlers.SocketHandler)(nil)
	_ slogpy.Handler = (*handlers.DatagramHandler)(nil)
)

// socketLogAll logs the records of the CPython-peer tests on l.
func socketLogAll(l *slogpy.Logger) int {
	l.Info("user %s logged in %d times", "bob", 3,
		slog.String("ip", "10.0.0.1"), slog.Int("n", 7), slog.Float64("f", 0.25), slog.Bool("ok", true),
		slog.Any("none", nil), slog.Any("items", []any{1, "x", nil}), slog.Group("req", slog.String("id", "r1")),
		slog.Any("raw", []byte{0, 1, 255}), slog.Any("big", new(big.Int).Lsh(big.NewInt(1), 70)),
		slog.String("name", "shadowed"))
	l.Warning("grüße ✓ %s", "日本")
	l.Exception(errors.New("boom"), "failed %d", 2)
	l.Log(25, "custom level")
	l.Info("with stack", slogpy.StackInfo())
	return 5
}

func socketSetup(t *testing.T, h slogpy.Handler) (*slogpy.Logger, *netCollector) {
	m := slogpy.NewManager()
	l := m.GetLogger("app.net")
	l.SetLevel(levels.Debug)
	c := newNetCollector()
	l.AddHandler(slogpy.AsSlog(h)) // first: it fills in exc_text, which the collector's clone then has
	l.AddHandler(slogpy.AsSlog(c))
	return l, c
}

// socketCheckPython compares what the CPython receiver printed for a record
// with the record sent.
func socketCheckPython(t *testing.T, got map[string]any, r *slogpy.Record) {
	t.Helper()
	msg, _ := r.Message()
	opt := func(s string) any {
		if s == "" {
			return nil
		}
		return s
	}
	want := map[string]any{
		"name": r.Name, "msg": msg, "args": nil, "levelname": r.Levelname(), "levelno": float64(r.Levelno),
		"pathname": r.Pathname(), "filename": r.Filename(), "module": r.Module(), "exc_info": nil,
		"exc_text": opt(r.ExcText), "stack_info": opt(r.StackInfo), "lineno": float64(r.Lineno()),
		"funcName": r.FuncName(), "created": r.Created(), "msecs": r.Msecs(), "relativeCreated": r.RelativeCreated(),
		"thread": float64(r.Thread()), "threadName": r.ThreadName(), "processName": r.ProcessName(),
		"process": float64(r.Process()), "getMessage": msg,
	}
	if r.NumAttrs() > 0 {
		want["ip"], want["n"], want["f"], want["ok"], want["none"] = "10.0.0.1", 7.0, 0.25, true, nil
		want["items"] = []any{1.0, "x", nil}
		want["req"] = map[string]any{"id": "r1"}
		want["raw"] = `b'\x00\x01\xff'`
		want["big"] = 1180591620717411303424.0
	}
	if r.ExcInfo && want["exc_text"] != "boom" {
		t.Errorf("exc_text %q, want the formatter's text of the error, boom", want["exc_text"])
	}
	if !reflect.DeepEqual(got, want) {
		for k, v := range want {
			if !reflect.DeepEqual(got[k], v) {
				t.Errorf("%s: CPython got %#v, sent %#v", k, got[k], v)
			}
		}
		for k := range got {
			if _, ok := want[k]; !ok {
				t.Errorf("CPython got extra key %s = %#v", k, got[k])
			}
		}
	}
}

// TestSocketHandlerToCPython sends records to CPython's cookbook receiver
// (socketserver, pickle.loads, makeLogRecord) over TCP and a Unix socket:
// every attribute CPython rebuilds equals what was sent.
func TestSocketHandlerToCPython(t *testing.T) {
	for _, network := range []string{"tcp", "unix"} {
		t.Run(network, func(t *testing.T) {
			netNeedPython(t)
			netLeakCheck(t)
			var peer *pyPeer
			var h *handlers.SocketHandler
			var err error
			if network == "tcp" {
				peer = netStartPython(t, netTestdata("py_receiver.py"), "tcp", "127.0.0.1", "0")
				port, _ := strconv.Atoi(peer.first)
				h, err = handlers.NewSocketHandler("127.0.0.1", port, nil)
			} else {
				path := filepath.Join(t.TempDir(), "log.sock")
				peer = netStartPython(t, netTestdata("py_receiver.py"), "unix", path)
				h, err = handlers.NewUnixSocketHandler(path, nil)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			l, c := socketSetup(t, h)
			n := socketLogAll(l)
			for range n {
				socketCheckPython(t, peer.record(t), <-c.ch)
			}
			if h.Dropped() != 0 {
				t.Errorf("Dropped() = %d", h.Dropped())
			}
		})
	}
}

// TestSocketHandlerPickleGolden pickles the record of CPython's "extras"
// golden with the Go handler and decodes both pickles: the dictionaries are
// equal. It needs no Python.
func TestSocketHandlerPickleGolden(t *testing.T) {
	var g struct {
		Frames []struct {
			Name  string
			Frame string
		}
	}
	netLoadJSON(t, "pickles.json", &g)
	base := map[string]any{
		"name": "app.net", "levelname": "INFO", "levelno": 20,
		"pathname": "/srv/app/main.py", "filename": "main.py", "module": "main",
		"lineno": 42, "funcName": "handle", "created": 1700000000.123456,
		"msecs": 123.0, "relativeCreated": 1234.5, "thread": int64(140234567890),
		"threadName": "MainThread", "processName": "MainProcess", "process": 4321,
	}
	cases := map[string]func(*slogpy.Record){
		"plain": func(r *slogpy.Record) { r.Msg = "hello" },
		"args":  func(r *slogpy.Record) { r.Msg, r.Args = "user %s from %s tried %d times", []any{"bob", "10.0.0.1", 3} },
		"extras": func(r *slogpy.Record) {
			r.Msg = "with extras"
			r.AddAttrs(slog.String("user", "bob"), slog.Int("n", 7), slog.Any("big", new(big.Int).Lsh(big.NewInt(1), 70)),
				slog.Int("neg", -5), slog.Float64("ratio", 0.25), slog.Bool("ok", true), slog.Any("none", nil),
				slog.Any("items", []any{1, "two", 3.0, nil}), slog.Any("pair", slogpy.Tuple{"a", 1}),
				slog.Any("ctx", map[string]any{"k": "v", "n": []int{1, 2}}), slog.Any("raw", []byte("a\x00\xff")),
				slog.String("text", "é ✓ 日本"))
		},
		"unicode": func(r *slogpy.Record) {
			r.Msg, r.Args = "grüße %s", []any{"✓"}
			r.Levelno = levels.Warning
		},
		"exc_text": func(r *slogpy.Record) {
			r.Msg, r.Levelno = "failed", levels.Error
			r.ExcText = "Traceback (most recent call last):\n  File \"x\", line 1\nValueError: bad"
		},
		"stack": func(r *slogpy.Record) {
			r.Msg, r.StackInfo = "where", "Stack (most recent call last):\n  File \"x\", line 1, in <module>"
		},
		"custom level": func(r *slogpy.Record) { r.Msg, r.Levelno = "notice", 25 },
		"shared list": func(r *slogpy.Record) {
			shared := []any{1, []any{2, 3}, "x"}
			r.Msg = "one list, two keys"
			r.AddAttrs(slog.Any("a", shared), slog.Any("b", shared), slog.Any("c", map[string]any{"d": shared}))
		},
	}
	h, err := handlers.NewSocketHandler("localhost", 9, nil)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, f := range g.Frames {
		setup, ok := cases[f.Name]
		if !ok {
			t.Errorf("no Go record for golden %q", f.Name)
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			m := make(map[string]any, len(base))
			for k, v := range base {
				m[k] = v
			}
			r, err := slogpy.MakeRecord(m)
			if err != nil {
				t.Fatal(err)
			}
			setup(r)
			if f.Name == "unicode" {
				m["levelname"] = "WARNING"
				r, _ = slogpy.MakeRecord(m)
				setup(r)
			}
			if f.Name == "exc_text" || f.Name == "custom level" {
				m["levelname"] = map[string]string{"exc_text": "ERROR", "custom level": "Level 25"}[f.Name]
				r2, _ := slogpy.MakeRecord(m)
				setup(r2)
				r = r2
			}
			goFrame, err := h.MakePickle(r)
			if err != nil {
				t.Fatal(err)
			}
			pyFrame, _ := hex.DecodeString(f.Frame)
			if got := int(goFrame[0])<<24 | int(goFrame[1])<<16 | int(goFrame[2])<<8 | int(goFrame[3]); got != len(goFrame)-4 {
				t.Fatalf("length prefix %d for %d bytes", got, len(goFrame)-4)
			}
			goDict, err := receiver.Decode(goFrame[4:])
			if err != nil {
				t.Fatalf("decoding the Go pickle: %v", err)
			}
			pyDict, err := receiver.Decode(pyFrame[4:])
			if err != nil {
				t.Fatalf("decoding the CPython pickle: %v", err)
			}
			if !reflect.DeepEqual(goDict, pyDict) {
				for k, v := range pyDict {
					if !reflect.DeepEqual(goDict[k], v) {
						t.Errorf("%s: Go pickled %#v, CPython %#v", k, goDict[k], v)
					}
				}
				for k, v := range goDict {
					if _, ok := pyDict[k]; !ok {
						t.Errorf("Go pickled extra key %s = %#v", k, v)
					}
				}
			}
			checked++
		})
	}
	if checked < 8 {
		t.Errorf("checked %d goldens, want 8", checked)
	}
}

// TestSocketHandlerReconnect: the peer dies mid-stream and comes back on
// the same port. Records logged while it is down are dropped and counted,
// reported once and counted when the outage ends; after the restart (and the backoff time, on an injected
// clock), records arrive again.
func TestSocketHandlerReconnect(t *testing.T) {
	netLeakCheck(t)
	peer := startNetReceiver(t, "tcp", "127.0.0.1:0")
	host, portS, _ := net.SplitHostPort(peer.addr)
	port, _ := strconv.Atoi(portS)
	clock := newNetClock()
	var errs netErrors
	h, err := handlers.NewSocketHandler(host, port, &handlers.SocketHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	m := slogpy.NewManager()
	l := m.GetLogger("app")
	l.AddHandler(h)
	for i := range 10 {
		l.Warning("before %d", i)
	}
	for i := range 10 {
		if r := <-peer.c.ch; r.Msg != fmt.Sprintf("before %d", i) {
			t.Fatalf("record %d: %q", i, r.Msg)
		}
	}
	peer.stop(t) // the peer dies: its connections are closed
	for i := range 7 {
		l.Warning("lost %d", i)
	}
	if got := h.Dropped(); got != 7 {
		t.Errorf("Dropped() = %d after 7 records with the peer down, want 7", got)
	}
	reports := errs.list()
	if len(reports) != 1 || !errors.Is(reports[0], handlers.ErrPeerUnreachable) {
		t.Fatalf("reports %v, want one wrapping ErrPeerUnreachable", reports)
	}
	t.Log(reports[0])
	peer2 := startNetReceiver(t, "tcp", peer.addr)
	l.Warning("within the backoff") // before the retry time: dropped, no attempt
	clock.Advance(time.Second)
	for i := range 10 {
		l.Warning("after %d", i)
	}
	for i := range 10 {
		if r := <-peer2.c.ch; r.Msg != fmt.Sprintf("after %d", i) {
			t.Fatalf("record %d after the restart: %q", i, r.Msg)
		}
	}
	if got := h.Dropped(); got != 8 {
		t.Errorf("Dropped() = %d, want 8", got)
	}
	netWantOutages(t, &errs, "tcp "+peer.addr, 8)
}

// TestSocketHandlerReconnectCPython is the same with CPython's receiver,
// killed with SIGKILL and started again on the same port.
func TestSocketHandlerReconnectCPython(t *testing.T) {
	netNeedPython(t)
	netLeakCheck(t)
	peer := netStartPython(t, netTestdata("py_receiver.py"), "tcp", "127.0.0.1", "0")
	port, _ := strconv.Atoi(peer.first)
	clock := newNetClock()
	var errs netErrors
	h, err := handlers.NewSocketHandler("127.0.0.1", port, &handlers.SocketHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("py")
	l.AddHandler(h)
	for i := range 5 {
		l.Warning("before %d", i)
	}
	for i := range 5 {
		if got := peer.record(t)["msg"]; got != fmt.Sprintf("before %d", i) {
			t.Fatalf("record %d: %v", i, got)
		}
	}
	peer.kill()
	for i := range 4 {
		l.Warning("lost %d", i)
	}
	peer2 := netStartPython(t, netTestdata("py_receiver.py"), "tcp", "127.0.0.1", strconv.Itoa(port))
	clock.Advance(time.Second)
	for i := range 5 {
		l.Warning("after %d", i)
	}
	for i := range 5 {
		if got := peer2.record(t)["msg"]; got != fmt.Sprintf("after %d", i) {
			t.Fatalf("record %d after the restart: %v", i, got)
		}
	}
	if h.Dropped() != 4 {
		t.Errorf("Dropped() = %d, want 4", h.Dropped())
	}
	netWantOutages(t, &errs, "tcp 127.0.0.1:"+strconv.Itoa(port), 4)
}

// TestSocketHandlerPeerDownAtStart: nothing listens when logging starts.
func TestSocketHandlerPeerDownAtStart(t *testing.T) {
	netLeakCheck(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // a port nobody listens on, for now
	host, portS, _ := net.SplitHostPort(addr)
	port, _ := strconv.Atoi(portS)
	clock := newNetClock()
	var errs netErrors
	h, err := handlers.NewSocketHandler(host, port, &handlers.SocketHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(h)
	for i := range 3 {
		l.Error("early %d", i)
	}
	if h.Dropped() != 3 {
		t.Errorf("Dropped() = %d, want 3", h.Dropped())
	}
	reports := errs.list()
	if len(reports) != 1 || !errors.Is(reports[0], handlers.ErrPeerUnreachable) ||
		!strings.Contains(reports[0].Error(), "handlers: SocketHandler tcp "+addr+": ") ||
		!strings.Contains(reports[0].Error(), "connection refused") {
		t.Fatalf("reports %v", reports)
	}
	peer := startNetReceiver(t, "tcp", addr)
	clock.Advance(time.Second)
	l.Error("late")
	if r := <-peer.c.ch; r.Msg != "late" {
		t.Errorf("record %q", r.Msg)
	}
}

// TestSocketHandlerSlowPeer: a peer that accepts but never reads. The
// logging call waits at most Timeout for the write, then the connection is
// reset, the outage reported with the deadline error, and that record and
// the ones before it that the peer never acknowledged (Linux) counted:
// what the peer can still read and what was counted add up to what was
// sent.
func TestSocketHandlerSlowPeer(t *testing.T) {
	netLeakCheck(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	accepted := make(chan net.Conn, 10)
	go func() {
		defer close(accepted)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted <- c // accepted, not read until the end
		}
	}()
	host, portS, _ := net.SplitHostPort(ln.Addr().String())
	port, _ := strconv.Atoi(portS)
	var errs netErrors
	h, err := handlers.NewSocketHandler(host, port, &handlers.SocketHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(h)
	big := strings.Repeat("x", 40<<10)
	sent := 0
	for sent < 2000 && len(errs.list()) == 0 {
		l.Warning(big)
		sent++
	}
	reports := errs.list()
	if len(reports) != 1 {
		t.Fatalf("after %d records of 40 KiB to a peer that does not read: %d reports", sent, len(reports))
	}
	if !errors.Is(reports[0], os.ErrDeadlineExceeded) || !errors.Is(reports[0], handlers.ErrPeerUnreachable) {
		t.Errorf("report %v: want the write deadline and ErrPeerUnreachable", reports[0])
	}
	ln.Close()
	got := 0
	for c := range accepted {
		got += netCountFrames(t, c)
		c.Close()
	}
	if runtime.GOOS == "linux" {
		if uint64(got)+h.Dropped() != uint64(sent) {
			t.Errorf("%d records sent, %d received by the peer, Dropped() = %d", sent, got, h.Dropped())
		}
	} else if h.Dropped() < 1 {
		t.Errorf("Dropped() = %d, want at least 1", h.Dropped())
	}
	t.Logf("blocked after %d records (%d received, %d dropped): %v", sent, got, h.Dropped(), reports[0])
}

func TestSocketHandlerOptionErrors(t *testing.T) {
	tests := []struct {
		host string
		port int
		opts handlers.SocketHandlerOptions
		want string
	}{
		{"", 9020, handlers.SocketHandlerOptions{}, "handlers: SocketHandler: empty host"},
		{"localhost", 0, handlers.SocketHandlerOptions{}, `handlers: SocketHandler "localhost": port 0 out of range 1-65535`},
		{"localhost", 70000, handlers.SocketHandlerOptions{}, `port 70000 out of range`},
		{"localhost", 9020, handlers.SocketHandlerOptions{Timeout: -1}, "handlers: SocketHandler tcp localhost:9020: Timeout -1ns is negative"},
		{"localhost", 9020, handlers.SocketHandlerOptions{RetryFactor: 0.5}, "RetryFactor 0.5 is below 1"},
		{"localhost", 9020, handlers.SocketHandlerOptions{RetryStart: 10 * time.Second, RetryMax: time.Second}, "RetryMax 1s is below RetryStart 10s"},
		{"localhost", 9020, handlers.SocketHandlerOptions{RetryStart: -time.Second}, "RetryStart -1s is negative"},
	}
	for _, tt := range tests {
		_, err := handlers.NewSocketHandler(tt.host, tt.port, &tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewSocketHandler(%q, %d, %+v) = %v, want %q", tt.host, tt.port, tt.opts, err, tt.want)
		}
	}
	if _, err := handlers.NewUnixSocketHandler("", nil); err == nil {
		t.Error("NewUnixSocketHandler(\"\") accepted")
	}
}

// TestSocketHandlerBadMessage: a message that cannot be merged with its
// arguments is reported for that record (as CPython's makePickle raises),
// and is not counted as dropped by the peer.
func TestSocketHandlerBadMessage(t *testing.T) {
	netLeakCheck(t)
	peer := startNetReceiver(t, "tcp", "127.0.0.1:0")
	host, portS, _ := net.SplitHostPort(peer.addr)
	port, _ := strconv.Atoi(portS)
	var errs netErrors
	h, _ := handlers.NewSocketHandler(host, port, &handlers.SocketHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(h)
	l.Warning("%d apples", "many")
	l.Warning("fine")
	if r := <-peer.c.ch; r.Msg != "fine" {
		t.Errorf("record %q", r.Msg)
	}
	if e := errs.list(); len(e) != 1 || errors.Is(e[0], handlers.ErrPeerUnreachable) {
		t.Errorf("reports %v", e)
	}
	if h.Dropped() != 0 {
		t.Errorf("Dropped() = %d", h.Dropped())
	}
}

// TestSocketHandlerConcurrent logs from many goroutines at once (run with
// -race): every record arrives whole.
func TestSocketHandlerConcurrent(t *testing.T) {
	netLeakCheck(t)
	peer := startNetReceiver(t, "tcp", "127.0.0.1:0")
	host, portS, _ := net.SplitHostPort(peer.addr)
	port, _ := strconv.Atoi(portS)
	h, _ := handlers.NewSocketHandler(host, port, nil)
	defer h.Close()
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(h)
	const workers, each = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				l.Warning("w%d r%d %s", w, i, strings.Repeat("p", i))
			}
		}()
	}
	wg.Wait()
	seen := make(map[string]bool)
	for range workers * each {
		r := <-peer.c.ch
		msg, _ := r.Message()
		seen[msg] = true
	}
	if len(seen) != workers*each {
		t.Errorf("%d distinct records, want %d", len(seen), workers*each)
	}
}

// TestSocketHandlerSlogtest runs testing/slogtest through the handler and
// the Go receiver: the attributes, groups and built-in fields a slog
// handler must keep arrive.
func TestSocketHandlerSlogtest(t *testing.T) {
	netLeakCheck(t)
	peer := startNetReceiver(t, "tcp", "127.0.0.1:0")
	host, portS, _ := net.SplitHostPort(peer.addr)
	port, _ := strconv.Atoi(portS)
	h, err := handlers.NewSocketHandler(host, port, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	slogtest.Run(t, func(*testing.T) slog.Handler { return h }, func(t *testing.T) map[string]any {
		return netSlogtestResult(<-peer.c.ch)
	})
}

// netSlogtestResult is a received record as slogtest wants it: the
// built-in fields under slog's keys, the attributes (dicts for groups).
// The zero time, sent as created = the zero time's seconds, is no time.
func netSlogtestResult(r *slogpy.Record) map[string]any {
	m := map[string]any{slog.LevelKey: r.Levelname(), slog.MessageKey: r.Msg}
	if r.Created() != float64(time.Time{}.Unix()) {
		m[slog.TimeKey] = r.Created()
	}
	r.Attrs(func(a slog.Attr) bool {
		m[a.Key] = netDictToMap(a.Value.Any())
		return true
	})
	return m
}

// netDictToMap turns the slogpy.Dict the receiver decodes a dict into (to
// keep its order and keys, as CPython's receiver does) into the map
// slogtest wants for a group.
func netDictToMap(v any) any {
	d, ok := v.(slogpy.Dict)
	if !ok {
		return v
	}
	m := make(map[string]any, len(d))
	for _, it := range d {
		if k, ok := it.Key.(string); ok {
			m[k] = netDictToMap(it.Value)
		}
	}
	return m
}

func BenchmarkSocketHandler(b *testing.B) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				buf := make([]byte, 1<<20)
				for {
					if _, err := c.Read(buf); err != nil {
						c.Close()
						return
					}
				}
			}()
		}
	}()
	host, portS, _ := net.SplitHostPort(ln.Addr().String())
	port, _ := strconv.Atoi(portS)
	h, err := handlers.NewSocketHandler(host, port, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("bench")
	l.AddHandler(h)
	l.SetLevel(levels.Info)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			l.Info("request %d from %s", i, "10.0.0.1")
			i++
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
	if h.Dropped() != 0 {
		b.Fatalf("dropped %d", h.Dropped())
	}
	_ = context.Background
}

// BenchmarkSocketMakePickle is the encoding alone: CPython's makePickle of
// a record with two arguments.
func BenchmarkSocketMakePickle(b *testing.B) {
	h, _ := handlers.NewSocketHandler("localhost", 9, nil)
	r, _ := slogpy.MakeRecord(map[string]any{"name": "bench", "msg": "request %d from %s", "args": []any{1, "10.0.0.1"}, "levelno": 20, "created": 1.7e9})
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := h.MakePickle(r.Clone()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
