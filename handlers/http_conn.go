package handlers

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// httpRequestBytes appends the request CPython's HTTPHandler.emit makes
// with http.client: the request line, Host (without the port when it is
// the scheme's default), Accept-Encoding: identity, for POST Content-type
// and Content-length, Authorization when there are credentials, the blank
// line, and for POST the body. target is the path and query.
func httpRequestBytes(dst []byte, method, hostHeader, target, user, pass, body string) []byte {
	dst = append(dst, method...)
	dst = append(dst, ' ')
	dst = append(dst, target...)
	dst = append(dst, " HTTP/1.1\r\nHost: "...)
	dst = append(dst, hostHeader...)
	dst = append(dst, "\r\nAccept-Encoding: identity\r\n"...)
	if method == "POST" {
		dst = append(dst, "Content-type: application/x-www-form-urlencoded\r\nContent-length: "...)
		dst = strconv.AppendInt(dst, int64(len(body)), 10)
		dst = append(dst, "\r\n"...)
	}
	if user != "" {
		dst = append(dst, "Authorization: Basic "...)
		dst = base64.StdEncoding.AppendEncode(dst, []byte(user+":"+pass))
		dst = append(dst, "\r\n"...)
	}
	dst = append(dst, "\r\n"...)
	if method == "POST" {
		dst = append(dst, body...)
	}
	return dst
}

// httpHostHeader is the Host header http.client sends for host ("name",
// "name:port", "[v6]:port"): the name, with ":port" unless it is the
// default port of the scheme, an IPv6 address in brackets.
func httpHostHeader(host string, secure bool) (header, addr string) {
	def := 80
	if secure {
		def = 443
	}
	name, port := host, def
	if i := strings.LastIndexByte(host, ':'); i >= 0 && i > strings.LastIndexByte(host, ']') {
		if p, err := strconv.Atoi(host[i+1:]); err == nil {
			name, port = host[:i], p
		} else if host[i+1:] == "" {
			name = host[:i]
		}
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	hn := name
	if strings.Contains(name, ":") {
		hn = "[" + name + "]"
	}
	addr = net.JoinHostPort(name, strconv.Itoa(port))
	if port == def {
		return hn, addr
	}
	return hn + ":" + strconv.Itoa(port), addr
}

// httpConns sends raw requests over kept-alive connections: the idle ones
// are reused, a request on a reused connection that fails before any
// response is retried once on a new one.
type httpConns struct {
	addr, serverName string
	secure           bool
	tlsConfig        *tls.Config
	timeout          time.Duration

	mu   sync.Mutex
	idle []*httpConn
}

type httpConn struct {
	c  net.Conn
	br *bufio.Reader
}

const httpMaxIdle = 4

func (p *httpConns) dial(ctx context.Context) (*httpConn, error) {
	d := net.Dialer{Timeout: p.timeout}
	c, err := d.DialContext(ctx, "tcp", p.addr)
	if err != nil {
		return nil, err
	}
	if p.secure {
		cfg := &tls.Config{}
		if p.tlsConfig != nil {
			cfg = p.tlsConfig.Clone()
		}
		if cfg.ServerName == "" {
			cfg.ServerName = p.serverName
		}
		tc := tls.Client(c, cfg)
		tc.SetDeadline(time.Now().Add(p.timeout))
		if err := tc.HandshakeContext(ctx); err != nil {
			c.Close()
			return nil, err
		}
		c = tc
	}
	return &httpConn{c: c, br: bufio.NewReader(c)}, nil
}

func (p *httpConns) get() *httpConn {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.idle); n > 0 {
		c := p.idle[n-1]
		p.idle = p.idle[:n-1]
		return c
	}
	return nil
}

func (p *httpConns) put(c *httpConn) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.idle) < httpMaxIdle {
		p.idle = append(p.idle, c)
		return
	}
	c.c.Close()
}

// do sends req (the whole request) and returns the response status.
func (p *httpConns) do(ctx context.Context, method string, req []byte) (int, string, error) {
	if c := p.get(); c != nil {
		code, status, err, sent := p.roundTrip(c, method, req)
		if err == nil || sent {
			return code, status, err
		}
	}
	c, err := p.dial(ctx)
	if err != nil {
		return 0, "", err
	}
	code, status, err, _ := p.roundTrip(c, method, req)
	return code, status, err
}

// roundTrip writes req on c and reads the response; sent reports whether
// a response began (so that the request must not be retried).
func (p *httpConns) roundTrip(c *httpConn, method string, req []byte) (code int, status string, err error, sent bool) {
	c.c.SetDeadline(time.Now().Add(p.timeout))
	if _, err = c.c.Write(req); err != nil {
		c.c.Close()
		return 0, "", err, false
	}
	if _, err = c.br.Peek(1); err != nil {
		c.c.Close()
		return 0, "", err, false
	}
	resp, err := http.ReadResponse(c.br, &http.Request{Method: method})
	if err != nil {
		c.c.Close()
		return 0, "", fmt.Errorf("reading the response: %w", err), true
	}
	n, cerr := io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10+1))
	if cerr != nil || n > 64<<10 || resp.Close || resp.Body.Close() != nil {
		c.c.Close()
	} else {
		c.c.SetDeadline(time.Time{})
		p.put(c)
	}
	return resp.StatusCode, resp.Status, nil, true
}

func (p *httpConns) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.idle {
		c.c.Close()
	}
	p.idle = nil
}
