package handlers_test

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"

	"io"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/slogpy"
)

// fidelityGolden is testdata/network/fidelity.json (gen_fidelity.py).
type fidelityGolden struct {
	Records []struct {
		Record            [][2]json.RawMessage
		Pickle, Get, Post string
	}
}

func loadFidelity(t *testing.T) (fidelityGolden, []*slogpy.Record) {
	t.Helper()
	var g fidelityGolden
	netLoadJSON(t, "fidelity.json", &g)
	if len(g.Records) < 20 {
		t.Fatalf("only %d records", len(g.Records))
	}
	recs := make([]*slogpy.Record, len(g.Records))
	for i, c := range g.Records {
		r, err := slogtestutil.TaggedRecord(c.Record)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		recs[i] = r
	}
	return g, recs
}

// TestPickleBytesGolden: MakePickle writes, byte for byte, what CPython's
// SocketHandler.makePickle wrote for the same records (extras of every
// type, non-ASCII text, big ints, None fields, exception text, batches).
func TestPickleBytesGolden(t *testing.T) {
	g, recs := loadFidelity(t)
	h, _ := handlers.NewSocketHandler("localhost", 9, nil)
	for i, r := range recs {
		got, err := h.MakePickle(r)
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if want := g.Records[i].Pickle; hex.EncodeToString(got) != want {
			w, _ := hex.DecodeString(want)
			t.Errorf("record %d: pickle differs from CPython's at byte %d\n got %q\nwant %q", i, firstDiff(got, w), got, w)
		}
	}
}

func firstDiff(a, b []byte) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// TestPickleBytesCPython sends the records over TCP on loopback to
// CPython, which checks each frame against makePickle(makeLogRecord(
// pickle.loads(frame))).
func TestPickleBytesCPython(t *testing.T) {
	_, recs := loadFidelity(t)
	peer := netStartPython(t, netTestdata("gen_fidelity.py"), "serve")
	port, _ := strconv.Atoi(peer.first)
	h, err := handlers.NewSocketHandler("127.0.0.1", port, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for i, r := range recs {
		if err := h.Emit(r); err != nil {
			t.Fatal(err)
		}
		line, ok := <-peer.lines
		if !ok {
			t.Fatal("CPython exited")
		}
		var res struct {
			Same bool
			Want string
		}
		if err := json.Unmarshal([]byte(line), &res); err != nil {
			t.Fatal(line)
		}
		if !res.Same {
			got, _ := h.MakePickle(r)
			t.Errorf("record %d: CPython pickles it as\n%s\nGo sent\n%s", i, res.Want, hex.EncodeToString(got))
		}
	}
}

// rawCapture is a loopback HTTP server that records each raw request.
type rawCapture struct {
	ln   net.Listener
	mu   sync.Mutex
	reqs [][]byte
	got  chan struct{}
}

func startRawCapture(t *testing.T) *rawCapture {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c := &rawCapture{ln: ln, got: make(chan struct{}, 1000)}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go c.serve(conn)
		}
	}()
	return c
}

func (c *rawCapture) serve(conn net.Conn) {
	defer conn.Close()
	br := bufio.NewReader(conn)
	for {
		var head bytes.Buffer
		n := 0
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			head.WriteString(line)
			if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(k, "content-length") {
				n, _ = strconv.Atoi(strings.TrimSpace(v))
			}
			if line == "\r\n" {
				break
			}
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(br, body); err != nil {
			return
		}
		c.mu.Lock()
		c.reqs = append(c.reqs, append(head.Bytes(), body...))
		c.mu.Unlock()
		c.got <- struct{}{}
		conn.Write([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"))
	}
}

// goRequests sends every record with GET and with POST (credentials on
// odd records, a query in the URL on every fourth) as gen_fidelity.py
// does, and returns the raw requests with the server's address as HOST.
func goRequests(t *testing.T, recs []*slogpy.Record) [][2]string {
	c := startRawCapture(t)
	host := c.ln.Addr().String()
	out := make([][2]string, len(recs))
	for i, r := range recs {
		for j, method := range []string{"GET", "POST"} {
			opts := &handlers.HTTPHandlerOptions{Method: method}
			if method == "POST" && i%2 == 1 {
				opts.Username, opts.Password, opts.AllowInsecureCredentials = "user", "pä:ss", true
			}
			url := "/log"
			if i%4 == 0 {
				url = "/log?app=x"
			}
			h, err := handlers.NewHTTPHandler(host, url, opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := h.Emit(r); err != nil {
				t.Fatalf("record %d %s: %v", i, method, err)
			}
			<-c.got
			h.Close()
			c.mu.Lock()
			req := c.reqs[len(c.reqs)-1]
			c.mu.Unlock()
			out[i][j] = hex.EncodeToString(bytes.ReplaceAll(req, []byte(host), []byte("HOST")))
		}
	}
	return out
}

func compareRequests(t *testing.T, got [][2]string, want func(i, j int) string) {
	t.Helper()
	for i := range got {
		for j, method := range []string{"GET", "POST"} {
			if got[i][j] != want(i, j) {
				g, _ := hex.DecodeString(got[i][j])
				w, _ := hex.DecodeString(want(i, j))
				t.Errorf("record %d %s: request differs at byte %d\n got %q\nwant %q", i, method, firstDiff(g, w), g, w)
			}
		}
	}
}

// TestHTTPRequestBytesGolden: the requests are byte for byte those
// CPython's HTTPHandler sent (gen_fidelity.py).
func TestHTTPRequestBytesGolden(t *testing.T) {
	g, recs := loadFidelity(t)
	got := goRequests(t, recs)
	compareRequests(t, got, func(i, j int) string {
		if j == 0 {
			return g.Records[i].Get
		}
		return g.Records[i].Post
	})
}

// TestHTTPRequestBytesCPython runs CPython's HTTPHandler now, against a
// loopback server, for the same records, and compares the requests.
func TestHTTPRequestBytesCPython(t *testing.T) {
	py := netNeedPython(t)
	_, recs := loadFidelity(t)
	out, err := exec.Command(py, netTestdata("gen_fidelity.py"), "http").Output()
	if err != nil {
		t.Fatalf("gen_fidelity.py http: %v", err)
	}
	var want []struct{ Get, Post string }
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) != len(recs) {
		t.Fatalf("CPython made %d record pairs, the golden has %d", len(want), len(recs))
	}
	got := goRequests(t, recs)
	compareRequests(t, got, func(i, j int) string {
		if j == 0 {
			return want[i].Get
		}
		return want[i].Post
	})
}
