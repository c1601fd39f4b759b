package handlers_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var _ slogpy.Handler = (*handlers.SysLogHandler)(nil)

type syslogGoldens struct {
	Cases []struct {
		Config    map[string]any
		Records   []syslogRecord
		Datagrams []string
	}
	Priorities map[string]int
	Facilities map[string]int
	Map        map[string]string
}

type syslogRecord struct {
	Name  string `json:"name"`
	Level int    `json:"level"`
	Msg   string `json:"msg"`
	Args  []any  `json:"args,omitempty"`
}

// syslogLevelNames are the names CPython's records had (gen.py adds NOTICE
// and TRACE); they are set on the Go records rather than registered, so the
// process-wide level names stay untouched.
var syslogLevelNames = map[int]string{5: "TRACE", 10: "DEBUG", 20: "INFO", 22: "Level 22", 25: "NOTICE", 30: "WARNING", 40: "ERROR", 50: "CRITICAL"}

func syslogMakeRecord(t *testing.T, rec syslogRecord) *slogpy.Record {
	t.Helper()
	args := rec.Args
	for i, a := range args {
		if f, ok := a.(float64); ok && f == float64(int64(f)) {
			args[i] = int64(f)
		}
	}
	r, err := slogpy.MakeRecord(map[string]any{"name": rec.Name, "levelno": rec.Level,
		"levelname": syslogLevelNames[rec.Level], "msg": rec.Msg, "args": args})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// syslogOptions turns a gen.py configuration into options.
func syslogOptions(t *testing.T, cfg map[string]any) *handlers.SysLogHandlerOptions {
	t.Helper()
	o := &handlers.SysLogHandlerOptions{}
	switch f := cfg["facility"].(type) {
	case string:
		o.Facility = f
	case float64:
		o.Facility = strconv.Itoa(int(f))
	}
	if s, ok := cfg["ident"].(string); ok {
		o.Ident = s
	}
	if b, ok := cfg["append_nul"].(bool); ok && !b {
		o.NoAppendNul = true
	}
	if s, ok := cfg["format"].(string); ok {
		f, err := slogpy.NewFormatter(s, nil)
		if err != nil {
			t.Fatal(err)
		}
		o.Formatter = f
	}
	return o
}

// syslogUDPListener returns a loopback UDP socket and a function reading
// one datagram from it.
func syslogUDPListener(t *testing.T) (string, func() []byte) {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	buf := make([]byte, 65536)
	return pc.LocalAddr().String(), func() []byte {
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			t.Fatalf("reading a datagram: %v", err)
		}
		return append([]byte(nil), buf[:n]...)
	}
}

// TestSysLogHandlerGolden sends the records of syslog.json with each of its
// configurations and compares the datagrams with the bytes CPython sent.
func TestSysLogHandlerGolden(t *testing.T) {
	var g syslogGoldens
	netLoadJSON(t, "syslog.json", &g)
	if len(g.Cases) != 5 {
		t.Fatalf("syslog.json: %d cases", len(g.Cases))
	}
	addr, read := syslogUDPListener(t)
	count := 0
	for _, c := range g.Cases {
		h, err := handlers.NewSysLogHandler(addr, syslogOptions(t, c.Config))
		if err != nil {
			t.Fatal(err)
		}
		for i, rec := range c.Records {
			if err := slogpy.Handle(h, syslogMakeRecord(t, rec)); err != nil {
				t.Fatal(err)
			}
			want, _ := hex.DecodeString(c.Datagrams[i])
			if got := read(); !bytes.Equal(got, want) {
				t.Errorf("config %v record %v:\n got %q\nwant %q", c.Config, rec, got, want)
			}
			count++
		}
		h.Close()
	}
	if count != 45 {
		t.Errorf("compared %d datagrams, want 45", count)
	}
	for name, v := range g.Priorities {
		if p, err := handlers.EncodePriority("kern", name); err != nil || p != v {
			t.Errorf("EncodePriority(kern, %s) = %d, %v; want %d", name, p, err, v)
		}
	}
	for name, v := range g.Facilities {
		if p, err := handlers.EncodePriority(name, "emerg"); err != nil || p != v<<3 {
			t.Errorf("EncodePriority(%s, emerg) = %d, %v; want %d", name, p, err, v<<3)
		}
	}
	for level, want := range g.Map {
		if got := handlers.MapPriority(level); got != want {
			t.Errorf("MapPriority(%q) = %q, want %q", level, got, want)
		}
	}
	if len(g.Priorities) != 12 || len(g.Facilities) != 24 || len(g.Map) != 8 {
		t.Errorf("table sizes %d %d %d", len(g.Priorities), len(g.Facilities), len(g.Map))
	}
	if _, err := handlers.EncodePriority("local9", "info"); err == nil || !strings.Contains(err.Error(), `unknown syslog facility "local9" (want a number or one of auth, authpriv,`) {
		t.Errorf("EncodePriority(local9): %v", err)
	}
}

// TestSysLogHandlerSameBytesAsCPython runs CPython's SysLogHandler and the
// Go one for the same records on loopback (UDP, a Unix datagram socket, and
// TCP with Framing "none", CPython's bytes) and compares what each sent.
func TestSysLogHandlerSameBytesAsCPython(t *testing.T) {
	netNeedPython(t)
	netLeakCheck(t)
	records := []syslogRecord{
		{Name: "app", Level: 10, Msg: "debug %d", Args: []any{1}},
		{Name: "app.db", Level: 20, Msg: "info é ✓"},
		{Name: "app", Level: 30, Msg: "warn %s", Args: []any{"x"}},
		{Name: "app", Level: 40, Msg: "error"},
		{Name: "app", Level: 50, Msg: "critical\nwith a second line"},
	}
	cfg := map[string]any{"facility": "local3", "ident": "myapp: ", "format": "%(name)s %(levelname)s: %(message)s"}
	cfgJSON, _ := json.Marshal(cfg)
	in, _ := json.Marshal(records)
	runPy := func(args ...string) {
		cmd := exec.Command("python3", append([]string{netTestdata("py_sender.py"), "syslog"}, append(args, string(cfgJSON))...)...)
		cmd.Stdin = bytes.NewReader(in)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("py_sender: %v\n%s", err, out)
		}
	}
	t.Run("udp", func(t *testing.T) {
		addr, read := syslogUDPListener(t)
		runPy("udp", addr)
		var py [][]byte
		for range records {
			py = append(py, read())
		}
		h, err := handlers.NewSysLogHandler(addr, syslogOptions(t, cfg))
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		for i, rec := range records {
			slogpy.Handle(h, syslogMakeRecord(t, rec))
			if got := read(); !bytes.Equal(got, py[i]) {
				t.Errorf("record %d: Go sent %q, CPython %q", i, got, py[i])
			}
		}
	})
	t.Run("unixgram", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "log")
		pc, err := net.ListenPacket("unixgram", path)
		if err != nil {
			t.Fatal(err)
		}
		defer pc.Close()
		buf := make([]byte, 65536)
		read := func() []byte {
			n, _, err := pc.ReadFrom(buf)
			if err != nil {
				t.Fatal(err)
			}
			return append([]byte(nil), buf[:n]...)
		}
		runPy("unix", path)
		var py [][]byte
		for range records {
			py = append(py, read())
		}
		h, err := handlers.NewSysLogHandler(path, syslogOptions(t, cfg))
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		for i, rec := range records {
			slogpy.Handle(h, syslogMakeRecord(t, rec))
			if got := read(); !bytes.Equal(got, py[i]) {
				t.Errorf("record %d: Go sent %q, CPython %q", i, got, py[i])
			}
		}
	})
	t.Run("tcp", func(t *testing.T) {
		addr, _, got := syslogStreamSink(t, "tcp", "127.0.0.1:0")
		runPy("tcp", addr)
		py := []byte(<-got)
		addr, stop, got := syslogStreamSink(t, "tcp", "127.0.0.1:0")
		o := syslogOptions(t, cfg)
		o.Network, o.Framing = "tcp", handlers.FramingNone
		h, err := handlers.NewSysLogHandler(addr, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, rec := range records {
			slogpy.Handle(h, syslogMakeRecord(t, rec))
		}
		h.Close()
		if h.Dropped() > 0 {
			stop()
		}
		goBytes := []byte(<-got)
		if !bytes.Equal(goBytes, py) || len(py) == 0 {
			t.Errorf("TCP stream:\nGo      %q\nCPython %q", goBytes, py)
		}
	})
}

// TestSysLogHandlerFraming checks the stream framings and RFC 5424.
func TestSysLogHandlerFraming(t *testing.T) {
	netLeakCheck(t)
	for _, tt := range []struct {
		framing string
		want    string
	}{
		{"", "11 <14>one é\x0012 <14>two ✓\x00"},
		{handlers.FramingOctetCounting, "11 <14>one é\x0012 <14>two ✓\x00"},
		{handlers.FramingNonTransparent, "<14>one é\x00\n<14>two ✓\x00\n"},
		{handlers.FramingNone, "<14>one é\x00<14>two ✓\x00"},
	} {
		addr, stop, got := syslogStreamSink(t, "tcp", "127.0.0.1:0")
		h, err := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{Network: "tcp", Framing: tt.framing})
		if err != nil {
			t.Fatal(err)
		}
		l := slogpy.NewManager().GetLogger("x")
		l.SetLevel(levels.Debug)
		l.AddHandler(h)
		l.Info("one é")
		l.Info("two ✓")
		h.Close()
		if h.Dropped() > 0 {
			stop()
		}
		if g := <-got; g != tt.want {
			t.Errorf("framing %q: got %q, want %q", tt.framing, g, tt.want)
		}
	}
}

// syslogStreamSink listens on a stream socket and returns everything the
// first connection sends, once it is closed. stop closes the listener: a
// test calls it when its handler could not connect (Dropped), so as not to
// wait, and at the end. (Closing it after a connection succeeded could
// drop the connection still waiting to be accepted.)
func syslogStreamSink(t *testing.T, network, address string) (string, func(), chan string) {
	t.Helper()
	ln, err := net.Listen(network, address)
	if err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	t.Cleanup(func() { ln.Close() })
	go func() {
		c, err := ln.Accept()
		if err != nil {
			got <- "accept: " + err.Error()
			return
		}
		var b bytes.Buffer
		b.ReadFrom(c)
		c.Close()
		got <- b.String()
	}()
	return ln.Addr().String(), func() { ln.Close() }, got
}

func TestSysLogHandlerRFC5424(t *testing.T) {
	addr, read := syslogUDPListener(t)
	h, err := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{
		Facility: "local4", RFC5424: true, Hostname: "web 1", AppName: "shop", MsgID: "ID47", Ident: "[tag] "})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r, _ := slogpy.MakeRecord(map[string]any{"name": "x", "levelno": 40, "levelname": "ERROR", "msg": "payment failed",
		"created": 1700000000.123456})
	slogpy.Handle(h, r)
	got := string(read())
	want := fmt.Sprintf("<163>1 2023-11-14T22:13:20.123456Z web1 shop %d ID47 - [tag] payment failed", os.Getpid())
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	h2, _ := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{RFC5424: true})
	defer h2.Close()
	slogpy.Handle(h2, r)
	if got := string(read()); !regexp.MustCompile(`^<11>1 2023-11-14T22:13:20\.123456Z \S+ \S+ \d+ - - payment failed$`).MatchString(got) {
		t.Errorf("defaults: %q", got)
	}
}

// TestSysLogHandlerUnixFaults: the daemon's socket is missing, then
// appears, then is replaced (a daemon restart).
func TestSysLogHandlerUnixFaults(t *testing.T) {
	netLeakCheck(t)
	path := filepath.Join(t.TempDir(), "log")
	var errs netErrors
	h, err := handlers.NewSysLogHandler(path, &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("x")
	l.AddHandler(h)
	l.Warning("nobody")
	l.Warning("listens")
	if e := errs.list(); len(e) != 1 || !errors.Is(e[0], handlers.ErrPeerUnreachable) || h.Dropped() != 2 {
		t.Fatalf("reports %v, dropped %d", e, h.Dropped())
	}
	listen := func() (net.PacketConn, func() string) {
		pc, err := net.ListenPacket("unixgram", path)
		if err != nil {
			t.Fatal(err)
		}
		buf := make([]byte, 1000)
		return pc, func() string {
			n, _, err := pc.ReadFrom(buf)
			if err != nil {
				t.Fatal(err)
			}
			return string(buf[:n])
		}
	}
	pc, read := listen()
	l.Warning("now")
	if got := read(); got != "<12>now\x00" {
		t.Errorf("got %q", got)
	}
	pc.Close()
	os.Remove(path)
	pc2, read2 := listen() // the daemon restarted: a new socket at the same path
	defer pc2.Close()
	l.Warning("again")
	if got := read2(); got != "<12>again\x00" {
		t.Errorf("after the restart: %q", got)
	}
	if h.Dropped() != 2 {
		t.Errorf("dropped %d, want 2", h.Dropped())
	}
	netWantOutages(t, &errs, path, 2)
}

// TestSysLogHandlerUnixStreamFallback: with Network empty, a Unix stream
// socket is used when the path is not a datagram socket (CPython's
// fallback); messages are framed.
func TestSysLogHandlerUnixStreamFallback(t *testing.T) {
	netLeakCheck(t)
	path, stop, got := syslogStreamSink(t, "unix", filepath.Join(t.TempDir(), "log"))
	h, err := handlers.NewSysLogHandler(path, &handlers.SysLogHandlerOptions{Facility: "daemon", Ident: "d: "})
	if err != nil {
		t.Fatal(err)
	}
	l := slogpy.NewManager().GetLogger("x")
	l.AddHandler(h)
	l.Error("stream")
	h.Close()
	if h.Dropped() > 0 {
		stop()
	}
	if g := <-got; g != "14 <27>d: stream\x00" {
		t.Errorf("got %q", g)
	}
}

func TestSysLogHandlerOptionErrors(t *testing.T) {
	for _, tt := range []struct {
		addr string
		o    handlers.SysLogHandlerOptions
		want string
	}{
		{"", handlers.SysLogHandlerOptions{Facility: "locl0"}, `handlers: SysLogHandler udp localhost:514: unknown syslog facility "locl0" (want a number or one of auth, authpriv,`},
		{"localhost", handlers.SysLogHandlerOptions{}, "handlers: SysLogHandler udp localhost: address localhost: missing port in address"},
		{"/dev/log", handlers.SysLogHandlerOptions{Network: "sctp"}, `unknown Network "sctp"`},
		{"/dev/log", handlers.SysLogHandlerOptions{Framing: "lines"}, `unknown Framing "lines"`},
		{"/dev/log", handlers.SysLogHandlerOptions{Timeout: -time.Second}, `Timeout -1s is negative`},
	} {
		if _, err := handlers.NewSysLogHandler(tt.addr, &tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewSysLogHandler(%q, %+v) = %v, want %q", tt.addr, tt.o, err, tt.want)
		}
	}
	// A MapPriority that returns an unknown name: the record is reported.
	addr, _ := syslogUDPListener(t)
	var errs netErrors
	h, _ := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler},
		MapPriority:    func(string) string { return "loud" }})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("x")
	l.AddHandler(h)
	l.Warning("x")
	if e := errs.list(); len(e) != 1 || !strings.Contains(e[0].Error(), `unknown syslog priority "loud"`) {
		t.Errorf("reports %v", e)
	}
}

// netJSONFormatter renders a record as JSON with slog's keys, for slogtest
// through handlers that send formatted text.
type netJSONFormatter struct{}

func (netJSONFormatter) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	m := map[string]any{slog.LevelKey: r.Levelname(), slog.MessageKey: r.Msg}
	if !r.Time.IsZero() {
		m[slog.TimeKey] = r.Created()
	}
	var group func(as []slog.Attr) map[string]any
	group = func(as []slog.Attr) map[string]any {
		g := map[string]any{}
		for _, a := range as {
			if a.Value.Kind() == slog.KindGroup {
				g[a.Key] = group(a.Value.Group())
			} else {
				g[a.Key] = a.Value.Any()
			}
		}
		return g
	}
	r.Attrs(func(a slog.Attr) bool {
		if a.Value.Kind() == slog.KindGroup {
			m[a.Key] = group(a.Value.Group())
		} else {
			m[a.Key] = a.Value.Any()
		}
		return true
	})
	b, err := json.Marshal(m)
	return append(dst, b...), err
}

func TestSysLogHandlerSlogtest(t *testing.T) {
	addr, read := syslogUDPListener(t)
	h, err := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{Formatter: netJSONFormatter{}}, NoAppendNul: true})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	slogtest.Run(t, func(*testing.T) slog.Handler { return h }, func(t *testing.T) map[string]any {
		d := read()
		i := bytes.IndexByte(d, '>')
		var m map[string]any
		if err := json.Unmarshal(d[i+1:], &m); err != nil {
			t.Fatalf("%q: %v", d, err)
		}
		return m
	})
}

func BenchmarkSysLogHandlerUDP(b *testing.B) {
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer pc.Close()
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	h, err := handlers.NewSysLogHandler(pc.LocalAddr().String(), nil)
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
}

// TestSysLogHandlerTooLarge: a message too large for a UDP datagram is
// reported and counted; the next one goes.
func TestSysLogHandlerTooLarge(t *testing.T) {
	addr, read := syslogUDPListener(t)
	var errs netErrors
	h, _ := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("x")
	l.AddHandler(h)
	l.Warning(strings.Repeat("x", 70000))
	l.Warning("small")
	if got := string(read()); got != "<12>small\x00" {
		t.Errorf("got %q", got)
	}
	if e := errs.list(); len(e) != 1 || !strings.Contains(e[0].Error(), "message of 70005 bytes does not fit in a UDP datagram (at most 65507); dropped") || h.Dropped() != 1 {
		t.Errorf("reports %v, dropped %d", e, h.Dropped())
	}
}
