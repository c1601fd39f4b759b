package handlers_test

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var _ slogpy.Handler = (*handlers.HTTPHandler)(nil)

type httpRequest struct {
	Method        string  `json:"method"`
	Path          string  `json:"path"`
	ContentType   *string `json:"content_type"`
	Authorization *string `json:"authorization"`
	Body          string  `json:"body"`
}

// httpCapture is an httptest server that keeps each request.
type httpCapture struct {
	srv  *httptest.Server
	reqs chan httpRequest
}

func newHTTPCapture(t *testing.T, tlsServer bool) *httpCapture {
	t.Helper()
	c := &httpCapture{reqs: make(chan httpRequest, 100)}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := httpRequest{Method: r.Method, Path: r.RequestURI, Body: string(body)}
		if v := r.Header.Get("Content-Type"); v != "" {
			req.ContentType = &v
		}
		if v := r.Header.Get("Authorization"); v != "" {
			req.Authorization = &v
		}
		c.reqs <- req
	})
	c.srv = httptest.NewUnstartedServer(h)
	c.srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the untrusted client's handshake error
	if tlsServer {
		c.srv.StartTLS()
	} else {
		c.srv.Start()
	}
	t.Cleanup(c.srv.Close)
	return c
}

// httpJSONValue turns gen.py's JSON values into Go values: integral
// numbers as int64.
func httpJSONValue(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = httpJSONValue(x[i])
		}
	case map[string]any:
		for k := range x {
			x[k] = httpJSONValue(x[k])
		}
	}
	return v
}

// TestHTTPHandlerGolden sends the records of http.json (GET, POST, a URL
// with a query, Basic credentials) and compares each request with the one
// CPython's HTTPHandler sent.
func TestHTTPHandlerGolden(t *testing.T) {
	netLeakCheck(t)
	raw, err := readTestdata("http.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		URL   string
		Cases []struct {
			Record      string
			Fields      map[string]any
			Extra       [][2]any
			Method      string
			URL         string
			Credentials []string
			Request     httpRequest
		}
	}
	d := json.NewDecoder(bytes.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&g); err != nil {
		t.Fatal(err)
	}
	if len(g.Cases) != 28 {
		t.Fatalf("http.json: %d cases, want 28", len(g.Cases))
	}
	capture := newHTTPCapture(t, false)
	host := strings.TrimPrefix(capture.srv.URL, "http://")
	for _, c := range g.Cases {
		t.Run(c.Method+" "+c.URL+" "+c.Record, func(t *testing.T) {
			m := map[string]any{
				"name": "app.net", "levelname": "INFO", "levelno": 20,
				"pathname": "/srv/app/main.py", "filename": "main.py", "module": "main",
				"lineno": 42, "funcName": "handle", "created": 1700000000.123456,
				"msecs": 123.0, "relativeCreated": 1234.5, "thread": int64(140234567890),
				"threadName": "MainThread", "processName": "MainProcess", "process": 4321,
			}
			var args []any
			for k, v := range c.Fields {
				v = httpJSONValue(v)
				switch k {
				case "args":
					switch a := v.(type) {
					case []any:
						args = a
					case map[string]any:
						args = []any{a}
					}
				default:
					m[k] = v
				}
			}
			r, err := slogpy.MakeRecord(m)
			if err != nil {
				t.Fatal(err)
			}
			r.Args = args
			for _, kv := range c.Extra {
				r.AddAttrs(slog.Any(kv[0].(string), httpJSONValue(kv[1])))
			}
			opts := &handlers.HTTPHandlerOptions{Method: c.Method}
			if c.Credentials != nil {
				opts.Username, opts.Password, opts.AllowInsecureCredentials = c.Credentials[0], c.Credentials[1], true
			}
			h, err := handlers.NewHTTPHandler(host, c.URL, opts)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			if err := slogpy.Handle(h, r); err != nil {
				t.Fatal(err)
			}
			got := <-capture.reqs
			if got.Method != c.Request.Method || got.Path != c.Request.Path || got.Body != c.Request.Body {
				t.Errorf("request:\n got %s %s body %q\nwant %s %s body %q", got.Method, got.Path, got.Body,
					c.Request.Method, c.Request.Path, c.Request.Body)
			}
			if !httpSame(got.ContentType, c.Request.ContentType) || !httpSame(got.Authorization, c.Request.Authorization) {
				t.Errorf("headers: Content-Type %v Authorization %v; want %v %v", deref(got.ContentType), deref(got.Authorization),
					deref(c.Request.ContentType), deref(c.Request.Authorization))
			}
		})
	}
}

func httpSame(a, b *string) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }

func deref(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

func readTestdata(name string) ([]byte, error) { return os.ReadFile(netTestdata(name)) }

// TestHTTPHandlerTLS sends over HTTPS with credentials to a server whose
// certificate the handler is configured to trust; a handler that does not
// trust it gets an error.
func TestHTTPHandlerTLS(t *testing.T) {
	netLeakCheck(t)
	capture := newHTTPCapture(t, true)
	host := strings.TrimPrefix(capture.srv.URL, "https://")
	pool := x509.NewCertPool()
	pool.AddCert(capture.srv.Certificate())
	h, err := handlers.NewHTTPHandler(host, "/log", &handlers.HTTPHandlerOptions{
		Method: "post", Secure: true, Username: "user", Password: "pässword",
		TLSConfig: &tls.Config{RootCAs: pool}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("tls")
	l.AddHandler(h)
	l.Error("over %s", "TLS")
	got := <-capture.reqs
	form, _ := url.ParseQuery(got.Body)
	if got.Method != "POST" || form.Get("msg") != "over %s" || form.Get("args") != "('TLS',)" ||
		deref(got.Authorization) != "Basic dXNlcjpww6Rzc3dvcmQ=" {
		t.Errorf("request %+v", got)
	}
	var errs netErrors
	h2, _ := handlers.NewHTTPHandler(host, "/log", &handlers.HTTPHandlerOptions{Secure: true,
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	defer h2.Close()
	l2 := slogpy.NewManager().GetLogger("tls2")
	l2.AddHandler(h2)
	l2.Error("untrusted")
	var ce *tls.CertificateVerificationError
	if e := errs.list(); len(e) != 1 || !errors.As(e[0], &ce) {
		t.Errorf("reports %v, want a certificate error", e)
	}
}

// TestHTTPHandlerDeadServer: a server that accepts and never answers
// holds the logging call for Timeout, then the record is reported with a
// timeout error.
func TestHTTPHandlerDeadServer(t *testing.T) {
	netLeakCheck(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
		}
	}()
	defer func() {
		ln.Close()
		<-done
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}()
	var errs netErrors
	h, err := handlers.NewHTTPHandler(ln.Addr().String(), "/log", &handlers.HTTPHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	l := slogpy.NewManager().GetLogger("dead")
	l.AddHandler(h)
	l.Error("anyone there?")
	e := errs.list()
	var ne net.Error
	if len(e) != 1 || !errors.As(e[0], &ne) || !ne.Timeout() {
		t.Fatalf("reports %v, want one timeout", e)
	}
	if strings.Contains(e[0].Error(), "anyone") {
		t.Errorf("the error shows the record: %v", e[0])
	}
	t.Log(e[0])
}

func TestHTTPHandlerStatus(t *testing.T) {
	netLeakCheck(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no", http.StatusInternalServerError)
	}))
	defer srv.Close()
	var errs netErrors
	h, _ := handlers.NewHTTPHandler(strings.TrimPrefix(srv.URL, "http://"), "/log", &handlers.HTTPHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("s")
	l.AddHandler(h)
	l.Error("x")
	if e := errs.list(); len(e) != 1 || !strings.HasSuffix(e[0].Error(), ": 500 Internal Server Error") {
		t.Errorf("reports %v", e)
	}
}

func TestHTTPHandlerOptionErrors(t *testing.T) {
	for _, tt := range []struct {
		host, url string
		o         handlers.HTTPHandlerOptions
		want      string
	}{
		{"h", "/log", handlers.HTTPHandlerOptions{Method: "PUT"}, `handlers: HTTPHandler http://h/log: method must be GET or POST, not "PUT"`},
		{"h", "/log", handlers.HTTPHandlerOptions{TLSConfig: &tls.Config{}}, "TLSConfig only makes sense with Secure"},
		{"h", "/log", handlers.HTTPHandlerOptions{Username: "u"}, "credentials over plain HTTP would be readable by anyone on the path"},
		{"", "/log", handlers.HTTPHandlerOptions{}, "empty host"},
		{"h", "log", handlers.HTTPHandlerOptions{}, `url "log" must start with /`},
		{"h", "/log", handlers.HTTPHandlerOptions{Timeout: -1}, "Timeout -1ns is negative"},
		{"h:port", "/log", handlers.HTTPHandlerOptions{}, "invalid port"},
	} {
		if _, err := handlers.NewHTTPHandler(tt.host, tt.url, &tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewHTTPHandler(%q, %q, %+v) = %v, want %q", tt.host, tt.url, tt.o, err, tt.want)
		}
	}
}

func TestHTTPHandlerMapLogRecord(t *testing.T) {
	netLeakCheck(t)
	capture := newHTTPCapture(t, false)
	h, _ := handlers.NewHTTPHandler(strings.TrimPrefix(capture.srv.URL, "http://"), "/log?app=shop", &handlers.HTTPHandlerOptions{
		MapLogRecord: func(r *slogpy.Record) []handlers.Field {
			msg, _ := r.Message()
			return []handlers.Field{{Key: "level", Value: r.Levelname()}, {Key: "text", Value: msg}, {Key: "n", Value: []any{1, nil}}}
		}})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("m")
	l.AddHandler(h)
	l.Warning("a&b %d", 5)
	if got := <-capture.reqs; got.Path != "/log?app=shop&level=WARNING&text=a%26b+5&n=%5B1%2C+None%5D" {
		t.Errorf("path %q", got.Path)
	}
}

func TestHTTPHandlerSlogtest(t *testing.T) {
	netLeakCheck(t)
	capture := newHTTPCapture(t, false)
	h, err := handlers.NewHTTPHandler(strings.TrimPrefix(capture.srv.URL, "http://"), "/log", &handlers.HTTPHandlerOptions{
		Method: "POST",
		MapLogRecord: func(r *slogpy.Record) []handlers.Field {
			b, _ := netJSONFormatter{}.AppendFormat(nil, r)
			return []handlers.Field{{Key: "json", Value: string(b)}}
		}})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	slogtest.Run(t, func(*testing.T) slog.Handler { return h }, func(t *testing.T) map[string]any {
		req := <-capture.reqs
		form, _ := url.ParseQuery(req.Body)
		var m map[string]any
		if err := json.Unmarshal([]byte(form.Get("json")), &m); err != nil {
			t.Fatal(err)
		}
		return m
	})
}

func BenchmarkHTTPHandler(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.Copy(io.Discard, r.Body) }))
	defer srv.Close()
	h, _ := handlers.NewHTTPHandler(strings.TrimPrefix(srv.URL, "http://"), "/log", &handlers.HTTPHandlerOptions{Method: "POST"})
	defer h.Close()
	l := slogpy.NewManager().GetLogger("bench")
	l.AddHandler(h)
	l.SetLevel(levels.Info)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Info("request %d from %s", 1, "10.0.0.1")
		}
	})
}
