package receiver_test

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// collector is a handler that keeps a clone of every record and passes it
// on a channel.
type collector struct {
	slogpy.HandlerBase
	ch chan *slogpy.Record
}

func newCollector() *collector {
	c := &collector{ch: make(chan *slogpy.Record, 1000)}
	c.Configure(nil)
	return c
}

func (c *collector) Emit(r *slogpy.Record) error {
	c.ch <- r.Clone()
	return nil
}

// errorSink collects the errors a server reports.
type errorSink struct {
	mu   sync.Mutex
	errs []error
	ch   chan error
}

func newErrorSink() *errorSink { return &errorSink{ch: make(chan error, 100)} }

func (s *errorSink) handle(err error) {
	s.mu.Lock()
	s.errs = append(s.errs, err)
	s.mu.Unlock()
	s.ch <- err
}

// startServer starts a server on a loopback TCP port (and UDP if udp)
// feeding a fresh manager whose root logger has a collector.
func startServer(t *testing.T, udp bool) (*receiver.Server, *collector, *errorSink, string, string) {
	t.Helper()
	m := slogpy.NewManager()
	c := newCollector()
	m.Root().AddHandler(slogpy.AsSlog(c))
	m.Root().SetLevel(levels.NotSet)
	errs := newErrorSink()
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 2)
	go func() { done <- srv.Serve(ln) }()
	udpAddr := ""
	n := 1
	if udp {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		udpAddr = pc.LocalAddr().String()
		n++
		go func() { done <- srv.ServePacket(pc) }()
	}
	t.Cleanup(func() {
		srv.Close()
		for range n {
			if err := <-done; !errors.Is(err, receiver.ErrServerClosed) {
				t.Errorf("Serve returned %v, want ErrServerClosed", err)
			}
		}
	})
	return srv, c, errs, ln.Addr().String(), udpAddr
}

// leakCheck fails t if goroutines started during the test are still there
// after its cleanups (servers are closed by cleanups registered later, which
// run first).
func leakCheck(t *testing.T) {
	t.Helper()
	ignore := goleak.IgnoreCurrent()
	t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
}

func needPython(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found: the CPython peer tests need it (CI installs it)")
	}
	return p
}

type sentRecord struct {
	Name            string
	Levelno         int
	Levelname       string
	Created         float64
	Msecs           float64
	RelativeCreated float64
	Thread          int64
	ThreadName      string
	Process         int
	Pathname        string
	Lineno          int
	FuncName        string
}

// pySend runs py_sender.py and returns what it says it sent.
func pySend(t *testing.T, records []map[string]any, args ...string) []sentRecord {
	t.Helper()
	py := needPython(t)
	in, _ := json.Marshal(records)
	cmd := exec.Command(py, append([]string{filepath.Join("..", "testdata", "network", "py_sender.py")}, args...)...)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("py_sender %v: %v\n%s", args, err, stderr.String())
	}
	var sent []sentRecord
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "SENT ") {
			break
		}
		var s sentRecord
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("py_sender line %q: %v", line, err)
		}
		sent = append(sent, s)
	}
	if len(sent) != len(records) {
		t.Fatalf("py_sender sent %d records, want %d:\n%s", len(sent), len(records), out)
	}
	return sent
}

var pyRecords = []map[string]any{
	{"name": "app", "level": 20, "msg": "hello"},
	{"name": "app.db", "level": 30, "msg": "user %s tried %d times", "args": []any{"bob", 3}},
	{"name": "app.db", "level": 40, "msg": "grüße ✓", "extra": map[string]any{
		"user": "al", "n": 7, "ratio": 0.5, "ok": true, "none": nil, "items": []any{1, "x"}, "ctx": map[string]any{"k": "v"}}},
	{"name": "root", "level": 25, "msg": "notice %(who)s", "args": []any{map[string]any{"who": "me"}}},
}

// TestCPythonSenders sends records with CPython's SocketHandler and
// DatagramHandler to the Go server and checks every field received.
func TestCPythonSenders(t *testing.T) {
	for _, kind := range []string{"socket", "datagram"} {
		t.Run(kind, func(t *testing.T) {
			needPython(t)
			leakCheck(t)
			srv, c, errs, tcpAddr, udpAddr := startServer(t, kind == "datagram")
			addr := tcpAddr
			if kind == "datagram" {
				addr = udpAddr
			}
			host, port, _ := net.SplitHostPort(addr)
			sent := pySend(t, pyRecords, kind, host, port)
			wantMsgs := []string{"hello", "user bob tried 3 times", "grüße ✓", "notice me"}
			for i, s := range sent {
				r := <-c.ch
				msg, err := r.Message()
				if err != nil || msg != wantMsgs[i] {
					t.Errorf("record %d: message %q, %v; want %q", i, msg, err, wantMsgs[i])
				}
				if r.Name != s.Name || int(r.Levelno) != s.Levelno || r.Levelname() != s.Levelname {
					t.Errorf("record %d: name %q level %d %q; sent %q %d %q", i, r.Name, r.Levelno, r.Levelname(), s.Name, s.Levelno, s.Levelname)
				}
				if r.Created() != s.Created || r.Msecs() != s.Msecs || r.RelativeCreated() != s.RelativeCreated {
					t.Errorf("record %d: created %v msecs %v rel %v; sent %v %v %v", i, r.Created(), r.Msecs(), r.RelativeCreated(), s.Created, s.Msecs, s.RelativeCreated)
				}
				if r.Thread() != s.Thread || r.ThreadName() != s.ThreadName || r.Process() != s.Process {
					t.Errorf("record %d: thread %d %q process %d; sent %d %q %d", i, r.Thread(), r.ThreadName(), r.Process(), s.Thread, s.ThreadName, s.Process)
				}
				if r.Pathname() != s.Pathname || r.Lineno() != s.Lineno || r.FuncName() != s.FuncName {
					t.Errorf("record %d: caller %s:%d %s; sent %s:%d %s", i, r.Pathname(), r.Lineno(), r.FuncName(), s.Pathname, s.Lineno, s.FuncName)
				}
				if i == 2 {
					f, _ := slogpy.NewFormatter("%(name)s %(levelname)s %(message)s user=%(user)s n=%(n)d ratio=%(ratio)s ok=%(ok)s none=%(none)s items=%(items)s ctx=%(ctx)s", nil)
					got, err := f.Format(r)
					const want = "app.db ERROR grüße ✓ user=al n=7 ratio=0.5 ok=True none=None items=[1, 'x'] ctx={'k': 'v'}"
					if err != nil || got != want {
						t.Errorf("formatted extras:\n got %q, %v\nwant %q", got, err, want)
					}
				}
			}
			if srv.Records() != uint64(len(sent)) || srv.Rejected() != 0 {
				t.Errorf("Records %d Rejected %d, want %d 0", srv.Records(), srv.Rejected(), len(sent))
			}
			if len(errs.errs) != 0 {
				t.Errorf("errors: %v", errs.errs)
			}
		})
	}
}

func frame(p []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(p)))
	return append(b, p...)
}

// goodPickle is pickle.dumps({'name': 'app', 'msg': 'ok', 'levelno': 20}, 1).
var goodPickle = []byte("}q\x00(X\x04\x00\x00\x00nameq\x01X\x03\x00\x00\x00appq\x02X\x03\x00\x00\x00msgq\x03X\x02\x00\x00\x00okq\x04X\x07\x00\x00\x00levelnoq\x05K\x14u.")

// TestServerFaults sends what a hostile or broken peer would: a class
// lookup, a truncated frame, a 2 GiB length prefix, garbage. Each gets a
// clear error and the connection closed, and the server goes on serving
// others.
func TestServerFaults(t *testing.T) {
	var g pickleGoldens
	loadJSON(t, "pickles.json", &g)
	var evil []byte
	for _, c := range g.Refused {
		if c.Name == "reduce os.system" {
			evil = unhex(t, c.Pickle)
		}
	}
	tests := []struct {
		name    string
		send    []byte
		closeW  bool // close our side after sending
		wantErr error
		wantMsg string
	}{
		{"class lookup", frame(evil), false, receiver.ErrUnsafePickle, "frame 2: pickle opcode GLOBAL (0x63) at offset 11 is not allowed (class lookup of posix.system)"},
		{"truncated frame", append(binary.BigEndian.AppendUint32(nil, 100), goodPickle[:10]...), true, receiver.ErrTruncated, "frame 2: truncated frame: connection ended after 10 of 100 bytes; connection closed"},
		{"truncated length", []byte{0, 0}, true, receiver.ErrTruncated, "frame 2: truncated frame: connection ended after 2 of the 4 bytes of the length; connection closed"},
		{"2 GiB length", binary.BigEndian.AppendUint32(nil, 2<<30), false, receiver.ErrFrameTooLarge, "frame 2: frame too large: length prefix 2147483648 exceeds the limit of 1048576 bytes; connection closed"},
		{"4 GiB length", []byte{0xff, 0xff, 0xff, 0xff, 1, 2, 3}, false, receiver.ErrFrameTooLarge, "length prefix 4294967295 exceeds"},
		{"garbage", frame([]byte("GET / HTTP/1.1\r\n\r\n")), false, receiver.ErrUnsafePickle, "pickle opcode PERSID (0x50) at offset 9 is not allowed"},
		{"unknown opcode", frame([]byte("\xfe.")), false, receiver.ErrUnsafePickle, "pickle opcode unknown (0xfe) at offset 0 is not allowed (no such opcode)"},
		{"not a dict", frame([]byte("]q\x00.")), false, receiver.ErrBadPickle, "the pickle holds a list, not a dict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			leakCheck(t)
			srv, c, errs, addr, _ := startServer(t, false)
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			// A good frame first: the connection works.
			if _, err := conn.Write(frame(goodPickle)); err != nil {
				t.Fatal(err)
			}
			if r := <-c.ch; r.Msg != "ok" || r.Name != "app" {
				t.Fatalf("first record %q %q", r.Name, r.Msg)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			conn.Write(tt.send)
			if tt.closeW {
				conn.(*net.TCPConn).CloseWrite()
			}
			err = <-errs.ch
			runtime.ReadMemStats(&after)
			// A length prefix is refused before anything is allocated for
			// it: the receiver allocates far less than the prefix says.
			if d := after.TotalAlloc - before.TotalAlloc; d > 64<<20 {
				t.Errorf("the receiver allocated %d bytes for the fault", d)
			}
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("error %v does not wrap %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error:\n%s\ndoes not contain:\n%s", err, tt.wantMsg)
			}
			var re *receiver.Error
			if !errors.As(err, &re) || !re.Closed || re.Frame != 2 {
				t.Errorf("error %#v: want a *receiver.Error for frame 2 that closed the connection", err)
			}
			// The server closed the connection: our read ends.
			if n, err := io.Copy(io.Discard, conn); n != 0 || err != nil && !isReset(err) {
				t.Errorf("after the error the connection gave %d bytes, %v; want its end", n, err)
			}
			// Another connection is served.
			conn2, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			conn2.Write(frame(goodPickle))
			if r := <-c.ch; r.Msg != "ok" {
				t.Errorf("record after the fault: %q", r.Msg)
			}
			conn2.Close()
			if srv.Records() != 2 || srv.Rejected() != 1 {
				t.Errorf("Records %d Rejected %d, want 2 1", srv.Records(), srv.Rejected())
			}
		})
	}
}

func isReset(err error) bool {
	return strings.Contains(err.Error(), "reset by peer")
}

// TestServerBadRecord: a well-formed pickle whose fields have the wrong
// types is reported and skipped; the connection stays open.
func TestServerBadRecord(t *testing.T) {
	leakCheck(t)
	_, c, errs, addr, _ := startServer(t, false)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// {'levelno': 'high'}
	conn.Write(frame([]byte("}q\x00X\x07\x00\x00\x00levelnoq\x01X\x04\x00\x00\x00highq\x02s.")))
	conn.Write(frame(goodPickle))
	err = <-errs.ch
	var re *receiver.Error
	if !errors.As(err, &re) || re.Closed || !strings.Contains(err.Error(), "levelno: want an integer, got string high") {
		t.Errorf("error %v", err)
	}
	if r := <-c.ch; r.Msg != "ok" {
		t.Errorf("next record %q", r.Msg)
	}
}

// TestServerDatagramFaults: bad datagrams are reported and skipped.
func TestServerDatagramFaults(t *testing.T) {
	leakCheck(t)
	_, c, errs, _, udpAddr := startServer(t, true)
	conn, err := net.Dial("udp", udpAddr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, d := range [][]byte{{1, 2}, binary.BigEndian.AppendUint32(nil, 2<<30), append(binary.BigEndian.AppendUint32(nil, 50), goodPickle[:20]...)} {
		conn.Write(d)
		err := <-errs.ch
		if !errors.Is(err, receiver.ErrTruncated) && !errors.Is(err, receiver.ErrFrameTooLarge) {
			t.Errorf("datagram %x: error %v", d, err)
		}
	}
	conn.Write(frame(goodPickle))
	if r := <-c.ch; r.Msg != "ok" {
		t.Errorf("record %q", r.Msg)
	}
}

func TestLoggerName(t *testing.T) {
	leakCheck(t)
	m := slogpy.NewManager()
	c := newCollector()
	m.GetLogger("remote").AddHandler(slogpy.AsSlog(c))
	m.GetLogger("remote").SetPropagate(false)
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, LoggerName: "remote"})
	if err != nil {
		t.Fatal(err)
	}
	client, server := net.Pipe()
	done := make(chan error)
	go func() { done <- srv.ServeConn(server) }()
	client.Write(frame(goodPickle))
	if r := <-c.ch; r.Name != "app" || r.Msg != "ok" {
		t.Errorf("record %q %q", r.Name, r.Msg)
	}
	client.Close()
	if err := <-done; err != nil {
		t.Errorf("ServeConn: %v", err)
	}
	srv.Close()
}

func TestNewServerErrors(t *testing.T) {
	for _, o := range []receiver.Options{{MaxFrame: -1}, {MinRate: -1}, {MaxConns: -1}} {
		if _, err := receiver.NewServer(&o); err == nil || !strings.HasPrefix(err.Error(), "receiver: ") {
			t.Errorf("NewServer(%+v) = %v", o, err)
		}
	}
}

func TestRecordFromDict(t *testing.T) {
	r, err := receiver.RecordFromDict(map[string]any{
		"name": "a.b", "msg": "x %s", "args": []any{"y"}, "levelno": int64(30), "levelname": "WARNING",
		"funcName": nil, "exc_info": nil, "exc_text": nil, "message": "stale", "user": "bob", "created": 1.5,
	})
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := r.Message()
	v, ok := r.Attr("user")
	if msg != "x y" || r.Name != "a.b" || r.Levelno != 30 || r.Created() != 1.5 || !ok || v.String() != "bob" || r.NumAttrs() != 1 {
		t.Errorf("record %q %q %d %v attrs %d", r.Name, msg, r.Levelno, r.Created(), r.NumAttrs())
	}
	if _, err := receiver.RecordFromDict(map[string]any{"lineno": "ten"}); err == nil {
		t.Error("lineno 'ten' accepted")
	}
	_ = slog.String
	_ = strconv.Itoa
}

// TestServerIdleTimeout: a connection idle for IdleTimeout is closed
// without an error report.
func TestServerIdleTimeout(t *testing.T) {
	leakCheck(t)
	errs := newErrorSink()
	srv, err := receiver.NewServer(&receiver.Options{Manager: slogpy.NewManager(), IdleTimeout: 50 * time.Millisecond, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	done := make(chan error)
	go func() { done <- srv.Serve(ln) }()
	defer func() { srv.Close(); <-done }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.Write(frame(goodPickle))
	if n, err := io.Copy(io.Discard, c); n != 0 || err != nil { // returns when the server closes
		t.Errorf("read %d bytes, %v", n, err)
	}
	if srv.Records() != 1 || srv.Rejected() != 0 || len(errs.errs) != 0 {
		t.Errorf("records %d rejected %d errors %v", srv.Records(), srv.Rejected(), errs.errs)
	}
}
