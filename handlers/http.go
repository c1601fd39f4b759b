package handlers

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// HTTPHandlerOptions are the options of [NewHTTPHandler]. The zero value
// gives CPython's defaults, with a timeout.
type HTTPHandlerOptions struct {
	slogpy.HandlerOptions
	// Method is "GET" (the default when empty: the record in the query
	// string) or "POST" (the record as a form body). Case does not matter.
	Method string
	// Secure uses HTTPS (CPython's secure=True).
	Secure bool
	// Username and Password are sent with HTTP Basic authentication when
	// Username is set (CPython's credentials).
	Username, Password string
	// AllowInsecureCredentials allows credentials over plain HTTP, where
	// anyone on the path can read them. Without it, credentials without
	// Secure are a constructor error (CPython sends them).
	AllowInsecureCredentials bool
	// TLSConfig configures HTTPS (CPython's context); nil means Go's
	// defaults. It is an error without Secure, as in CPython.
	TLSConfig *tls.Config
	// Timeout bounds each request, from connecting to reading the
	// response. Zero means five seconds (CPython has none and waits for a
	// dead server forever).
	Timeout time.Duration
	// MapLogRecord replaces CPython's mapLogRecord: the fields sent for a
	// record, in order. nil means [RecordFields] (record.__dict__).
	MapLogRecord func(r *slogpy.Record) []Field
	// Transport sends the requests (CPython's getConnection override,
	// for a proxy for example), with net/http's headers (User-Agent,
	// Accept-Encoding: gzip). nil means the handler's own connections,
	// using TLSConfig, which send the bytes CPython's http.client sends.
	Transport http.RoundTripper
}

// An HTTPHandler sends each record to a web server: Python's
// logging.handlers.HTTPHandler. The record's fields ([RecordFields], or
// MapLogRecord) are encoded as CPython's urllib.parse.urlencode encodes
// record.__dict__ — each value as Python's str() prints it, percent-encoded
// as by quote_plus — and sent as the query string of a GET or the
// application/x-www-form-urlencoded body of a POST, with Basic
// authentication when credentials are set. The request is byte for byte
// the one CPython's http.client sends: the request line, Host (without a
// default port), Accept-Encoding: identity, for POST Content-type and
// Content-length, then Authorization; no User-Agent.
//
// Each record is one request, made before Emit returns: the logging call
// waits for the server (at most Timeout), so put the handler behind a
// QueueHandler where that matters. Connections are kept alive between
// records. Its methods are safe for concurrent use, and requests for
// concurrent records are made concurrently (CPython makes them one at a
// time, under the handler's lock).
//
// It differs from CPython's in the timeout, in refusing credentials over
// plain HTTP unless allowed, and in reporting a response whose status is
// not 2xx as an error (CPython ignores the response).
type HTTPHandler struct {
	slogpy.HandlerBase
	method, url string
	host, path0 string // the host and url given (Python's host and url)
	user, pass  string
	mapRecord   func(*slogpy.Record) []Field
	client      *http.Client // with Transport only
	conns       *httpConns   // without: CPython's bytes
	hostHeader  string
	path        string
}

var _ slogpy.Handler = (*HTTPHandler)(nil)

// NewHTTPHandler returns a handler sending records to host (with an
// optional ":port") at url, a path with an optional query ("/log",
// "/log?app=shop"). nil opts means defaults. The error reports a method
// other than GET and POST, a TLSConfig without Secure, credentials over
// plain HTTP, or a host and url that do not make a URL.
func NewHTTPHandler(host, url string, opts *HTTPHandlerOptions) (*HTTPHandler, error) {
	var o HTTPHandlerOptions
	if opts != nil {
		o = *opts
	}
	scheme := "http"
	if o.Secure {
		scheme = "https"
	}
	what := "HTTPHandler " + scheme + "://" + host + url
	h := &HTTPHandler{method: strings.ToUpper(o.Method), user: o.Username, pass: o.Password, mapRecord: o.MapLogRecord}
	switch h.method {
	case "":
		h.method = "GET"
	case "GET", "POST":
	default:
		return nil, fmt.Errorf("handlers: %s: method must be GET or POST, not %q", what, o.Method)
	}
	switch {
	case host == "":
		return nil, fmt.Errorf("handlers: %s: empty host", what)
	case !strings.HasPrefix(url, "/"):
		return nil, fmt.Errorf("handlers: %s: url %q must start with /", what, url)
	case o.TLSConfig != nil && !o.Secure:
		return nil, fmt.Errorf("handlers: %s: TLSConfig only makes sense with Secure", what)
	case o.Username != "" && !o.Secure && !o.AllowInsecureCredentials:
		return nil, fmt.Errorf("handlers: %s: credentials over plain HTTP would be readable by anyone on the path; set Secure, or AllowInsecureCredentials", what)
	case o.Timeout < 0:
		return nil, fmt.Errorf("handlers: %s: Timeout %v is negative", what, o.Timeout)
	}
	h.url = scheme + "://" + host + url
	h.host, h.path0 = host, url
	if _, err := http.NewRequest(h.method, h.url, nil); err != nil {
		return nil, fmt.Errorf("handlers: %s: %w", what, err)
	}
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	if h.mapRecord == nil {
		h.mapRecord = RecordFields
	}
	if o.Transport != nil {
		h.client = &http.Client{Transport: o.Transport, Timeout: o.Timeout}
	} else {
		hh, addr := httpHostHeader(host, o.Secure)
		name, _, _ := net.SplitHostPort(addr)
		h.hostHeader, h.path = hh, url
		h.conns = &httpConns{addr: addr, serverName: name, secure: o.Secure, tlsConfig: o.TLSConfig, timeout: o.Timeout}
	}
	h.Configure(&o.HandlerOptions)
	return h, nil
}

// MapLogRecord returns the fields sent for r: MapLogRecord of the options,
// or [RecordFields].
func (h *HTTPHandler) MapLogRecord(r *slogpy.Record) []Field { return h.mapRecord(r) }

// Encode returns the fields of r encoded as CPython's
// urllib.parse.urlencode(mapLogRecord(record)) encodes them.
func (h *HTTPHandler) Encode(r *slogpy.Record) string {
	return httpURLEncode(h.MapLogRecord(r))
}

// httpURLEncode is urllib.parse.urlencode of a dict: key=value pairs
// joined with &, each str() of the key and value quoted by quote_plus.
func httpURLEncode(fs []Field) string {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(url.QueryEscape(f.Key))
		b.WriteByte('=')
		if v, ok := f.Value.([]byte); ok { // urlencode quotes bytes as they are
			b.WriteString(url.QueryEscape(string(v)))
			continue
		}
		b.WriteString(url.QueryEscape(netStr(f.Value)))
	}
	return b.String()
}

// Emit implements [slogpy.Handler]: one request per record.
func (h *HTTPHandler) Emit(r *slogpy.Record) error {
	data := h.Encode(r)
	if h.conns == nil {
		return h.emitTransport(r, data)
	}
	target, body := h.path, ""
	if h.method == "GET" {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + data
	} else {
		body = data
	}
	req := httpRequestBytes(make([]byte, 0, 256+len(data)), h.method, h.hostHeader, target, h.user, h.pass, body)
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), h.conns.timeout)
	defer cancel()
	code, status, err := h.conns.do(ctx, h.method, req)
	if err != nil {
		return fmt.Errorf("handlers: HTTPHandler %s %s: %w", h.method, h.url, err)
	}
	if code < 200 || code > 299 {
		return fmt.Errorf("handlers: HTTPHandler %s %s: %s", h.method, h.url, status)
	}
	return nil
}

// emitTransport sends the record through the Transport of the options,
// with net/http's headers.
func (h *HTTPHandler) emitTransport(r *slogpy.Record, data string) error {
	target := h.url
	var body io.Reader
	if h.method == "GET" {
		sep := "?"
		if strings.Contains(target, "?") {
			sep = "&"
		}
		target += sep + data
	} else {
		body = strings.NewReader(data)
	}
	// The record's context carries values (tracing) but not its
	// cancellation: a record about a cancelled request is still sent.
	req, err := http.NewRequestWithContext(context.WithoutCancel(r.Context()), h.method, target, body)
	if err != nil {
		return fmt.Errorf("handlers: HTTPHandler %s %s: %w", h.method, h.url, err)
	}
	if h.method == "POST" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if h.user != "" {
		req.SetBasicAuth(h.user, h.pass)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		// The *url.Error would print the whole URL, with the record in it.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("handlers: HTTPHandler %s %s: %w", h.method, h.url, err)
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("handlers: HTTPHandler %s %s: %s", h.method, h.url, resp.Status)
	}
	return nil
}

// Close closes the handler's idle connections.
func (h *HTTPHandler) Close() error {
	if h.conns != nil {
		h.conns.close()
	}
	return nil
}
