package handlers_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"mime/quotedprintable"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
	"time"

	"github.com/emersion/go-sasl"
	gosmtp "github.com/emersion/go-smtp"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

var _ slogpy.Handler = (*handlers.SMTPHandler)(nil)

type smtpGolden struct {
	Date  string
	Cases []struct {
		Name          string
		From          string
		To            []string
		Subject       string
		Text          string
		EnvelopeFrom  string `json:"envelope_from"`
		EnvelopeTo    []string
		Message       string
		EnvelopeToRaw []string `json:"envelope_to"`
		MailLine      string   `json:"mail_line"`
	}
}

// smtpNow is the Date of smtp.json: 2024-03-10 12:34:56 +01:00.
func smtpNow() time.Time {
	return time.Date(2024, 3, 10, 12, 34, 56, 0, time.FixedZone("", 3600))
}

func smtpRecord(t *testing.T, text string) *slogpy.Record {
	t.Helper()
	r, err := slogpy.MakeRecord(map[string]any{"name": "app", "levelno": 40, "levelname": "ERROR", "msg": text})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSMTPHandlerMessageGolden builds the message of each case of
// smtp.json and compares it with what CPython's SMTPHandler sent.
func TestSMTPHandlerMessageGolden(t *testing.T) {
	var g smtpGolden
	netLoadJSON(t, "smtp.json", &g)
	if len(g.Cases) < 13 {
		t.Fatalf("smtp.json: %d cases", len(g.Cases))
	}
	for _, c := range g.Cases {
		t.Run(c.Name, func(t *testing.T) {
			h, err := handlers.NewSMTPHandler("127.0.0.1:25", c.From, c.To, c.Subject, &handlers.SMTPHandlerOptions{Now: smtpNow})
			if err != nil {
				t.Fatal(err)
			}
			got, err := h.Message(smtpRecord(t, c.Text))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.Message {
				t.Errorf("message:\n%s\nCPython's:\n%s", got, c.Message)
			}
		})
	}
}

// smtpServer is a go-smtp server on loopback keeping what it receives.
type smtpServer struct {
	mechs []string
	srv   *gosmtp.Server
	addr  string
	msgs  chan smtpMail
	cert  *x509.Certificate
}

type smtpMail struct {
	from   string
	to     []string
	data   []byte
	authed string // the mechanism the client logged in with
	size   int64  // MAIL FROM's SIZE
	body   string // MAIL FROM's BODY
}

type smtpBackend struct{ s *smtpServer }

func (b smtpBackend) NewSession(c *gosmtp.Conn) (gosmtp.Session, error) {
	return &smtpSession{s: b.s}, nil
}

type smtpSession struct {
	s    *smtpServer
	mail smtpMail
}

func (s *smtpSession) AuthMechanisms() []string { return s.s.mechs }

func (s *smtpSession) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		if user != "alerts" || pass != "s3cret ü" {
			return errors.New("bad credentials")
		}
		s.mail.authed = mech
		return nil
	}
	if mech == sasl.Plain {
		return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
	}
	return &smtpLoginServer{check: check}, nil
}

// smtpLoginServer is the server side of AUTH LOGIN (go-sasl has only the
// client).
type smtpLoginServer struct {
	step  int
	user  string
	check func(user, pass string) error
}

func (l *smtpLoginServer) Next(resp []byte) ([]byte, bool, error) {
	switch l.step++; l.step {
	case 1:
		return []byte("Username:"), false, nil
	case 2:
		l.user = string(resp)
		return []byte("Password:"), false, nil
	}
	return nil, true, l.check(l.user, string(resp))
}

func (s *smtpSession) Mail(from string, opts *gosmtp.MailOptions) error {
	s.mail.from = from
	if opts != nil {
		s.mail.size, s.mail.body = opts.Size, string(opts.Body)
	}
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.mail.to = append(s.mail.to, to)
	return nil
}

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.mail.data = b
	s.s.msgs <- s.mail
	return err
}

func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

// smtpTestCert makes a self-signed certificate for 127.0.0.1.
func smtpTestCert(t *testing.T) (tls.Certificate, *x509.Certificate) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "slogpy test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, cert
}

// startSMTPServer starts a go-smtp server: STARTTLS offered when tlsMode is
// "starttls", TLS from the first byte when "implicit".
func startSMTPServer(t *testing.T, tlsMode string, mechs ...string) *smtpServer {
	t.Helper()
	if mechs == nil {
		mechs = []string{sasl.Plain, sasl.Login}
	}
	s := &smtpServer{msgs: make(chan smtpMail, 10), mechs: mechs}
	s.srv = gosmtp.NewServer(smtpBackend{s})
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = tlsMode == ""
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if tlsMode != "" {
		cert, parsed := smtpTestCert(t)
		s.cert = parsed
		s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
		if tlsMode == "implicit" {
			ln = tls.NewListener(ln, s.srv.TLSConfig)
		}
	}
	s.addr = ln.Addr().String()
	done := make(chan struct{})
	go func() { s.srv.Serve(ln); close(done) }()
	t.Cleanup(func() { s.srv.Close(); <-done })
	return s
}

func (s *smtpServer) trust() *tls.Config {
	pool := x509.NewCertPool()
	pool.AddCert(s.cert)
	return &tls.Config{RootCAs: pool}
}

// TestSMTPHandlerServer sends through a real SMTP server (go-smtp) on
// loopback: plain, plain with AUTH, STARTTLS with AUTH PLAIN and LOGIN,
// implicit TLS. The message received is CPython's.
func TestSMTPHandlerServer(t *testing.T) {
	var g smtpGolden
	netLoadJSON(t, "smtp.json", &g)
	golden := g.Cases[1] // display names, a folded subject
	tests := []struct {
		name, tlsMode string
		opts          handlers.SMTPHandlerOptions
		wantAuth      string
	}{
		{"plain", "", handlers.SMTPHandlerOptions{}, ""},
		{"plain with AUTH", "", handlers.SMTPHandlerOptions{Username: "alerts", Password: "s3cret ü", AllowInsecureAuth: true}, "PLAIN"},
		{"STARTTLS with AUTH", "starttls", handlers.SMTPHandlerOptions{Username: "alerts", Password: "s3cret ü", StartTLS: true}, "PLAIN"},
		{"implicit TLS with AUTH", "implicit", handlers.SMTPHandlerOptions{Username: "alerts", Password: "s3cret ü", ImplicitTLS: true}, "PLAIN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			netLeakCheck(t)
			srv := startSMTPServer(t, tt.tlsMode)
			o := tt.opts
			o.Now = smtpNow
			if tt.tlsMode != "" {
				o.TLSConfig = srv.trust()
			}
			var errs netErrors
			o.ErrorHandler = errs.handler
			h, err := handlers.NewSMTPHandler(srv.addr, golden.From, golden.To, golden.Subject, &o)
			if err != nil {
				t.Fatal(err)
			}
			l := slogpy.NewManager().GetLogger("app")
			l.AddHandler(h)
			l.Error(golden.Text)
			if e := errs.list(); len(e) > 0 {
				t.Fatalf("reports %v", e)
			}
			m := <-srv.msgs
			if string(m.data) != golden.Message {
				t.Errorf("received:\n%s\nCPython's:\n%s", m.data, golden.Message)
			}
			if m.from != "bot@example.com" || strings.Join(m.to, " ") != "ops@example.com dev@example.org" {
				t.Errorf("envelope %q %q", m.from, m.to)
			}
			if m.authed != tt.wantAuth {
				t.Errorf("authenticated with %q, want %q", m.authed, tt.wantAuth)
			}
		})
	}
}

// TestSMTPHandlerEnvelope: MAIL FROM carries the SIZE smtplib sends
// (the message's length) and no BODY=8BITMIME, for every message of
// smtp.json, to a server offering SIZE and 8BITMIME as CPython's sink did.
func TestSMTPHandlerEnvelope(t *testing.T) {
	var g smtpGolden
	netLoadJSON(t, "smtp.json", &g)
	srv := startSMTPServer(t, "")
	srv.srv.MaxMessageBytes = 10000000
	for _, c := range g.Cases {
		_, sizeText, ok := strings.Cut(c.MailLine, " size=")
		if !ok || strings.Contains(c.MailLine, "BODY") {
			t.Fatalf("%s: CPython's line %q", c.Name, c.MailLine)
		}
		want, _ := strconv.ParseInt(sizeText, 10, 64)
		var errs netErrors
		h, err := handlers.NewSMTPHandler(srv.addr, c.From, c.To, c.Subject,
			&handlers.SMTPHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}, Now: smtpNow})
		if err != nil {
			t.Fatal(err)
		}
		l := slogpy.NewManager().GetLogger("app")
		l.AddHandler(h)
		l.Error(c.Text)
		if e := errs.list(); len(e) > 0 {
			t.Fatalf("%s: reports %v", c.Name, e)
		}
		m := <-srv.msgs
		if m.size != want || m.body != "" {
			t.Errorf("%s: MAIL FROM SIZE=%d BODY=%q; CPython sent %q", c.Name, m.size, m.body, c.MailLine)
		}
	}
}

// TestSMTPHandlerLogin: a server offering only LOGIN.
func TestSMTPHandlerLogin(t *testing.T) {
	netLeakCheck(t)
	srv := startSMTPServer(t, "starttls", sasl.Login)
	h, err := handlers.NewSMTPHandler(srv.addr, "bot@example.com", []string{"ops@example.com"}, "login",
		&handlers.SMTPHandlerOptions{Username: "alerts", Password: "s3cret ü", StartTLS: true, TLSConfig: srv.trust(), Now: smtpNow,
			HandlerOptions: slogpy.HandlerOptions{ErrorHandler: func(_ *slogpy.Record, err error) { t.Error(err) }}})
	if err != nil {
		t.Fatal(err)
	}
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(h)
	l.Error("via LOGIN")
	if m := <-srv.msgs; m.authed != sasl.Login {
		t.Errorf("authenticated with %q", m.authed)
	}
}

// TestSMTPHandlerDeadServer: a server that accepts and never greets. The
// logging call is held for Timeout, then the record is reported with a
// timeout.
func TestSMTPHandlerDeadServer(t *testing.T) {
	netLeakCheck(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
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
	h, err := handlers.NewSMTPHandler(ln.Addr().String(), "bot@example.com", []string{"ops@example.com"}, "x",
		&handlers.SMTPHandlerOptions{Timeout: 100 * time.Millisecond, HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.handler}})
	if err != nil {
		t.Fatal(err)
	}
	l := slogpy.NewManager().GetLogger("app")
	l.AddHandler(h)
	l.Error("hello?")
	var ne net.Error
	if e := errs.list(); len(e) != 1 || !errors.As(e[0], &ne) || !ne.Timeout() {
		t.Fatalf("reports %v, want one timeout", e)
	}
}

func TestSMTPHandlerOptionErrors(t *testing.T) {
	for _, tt := range []struct {
		host, from string
		to         []string
		o          handlers.SMTPHandlerOptions
		want       string
	}{
		{"", "a@b.c", []string{"d@e.f"}, handlers.SMTPHandlerOptions{}, "empty mail host"},
		{"mx", "not an address", []string{"d@e.f"}, handlers.SMTPHandlerOptions{}, `from address "not an address"`},
		{"mx", "a@b.c", nil, handlers.SMTPHandlerOptions{}, "no recipients"},
		{"mx", "a@b.c", []string{"d@"}, handlers.SMTPHandlerOptions{}, `to addresses "d@"`},
		{"mx", "a@b.c", []string{"d@e.f"}, handlers.SMTPHandlerOptions{StartTLS: true, ImplicitTLS: true}, "StartTLS and ImplicitTLS are exclusive"},
		{"mx", "a@b.c", []string{"d@e.f"}, handlers.SMTPHandlerOptions{TLSConfig: &tls.Config{}}, "TLSConfig only makes sense"},
		{"mx", "a@b.c", []string{"d@e.f"}, handlers.SMTPHandlerOptions{Username: "u"}, "a password without TLS would be readable"},
		{"mx", "a@b.c", []string{"d@e.f"}, handlers.SMTPHandlerOptions{Timeout: -1}, "Timeout -1ns is negative"},
	} {
		if _, err := handlers.NewSMTPHandler(tt.host, tt.from, tt.to, "s", &tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("NewSMTPHandler(%q, %q, %q, %+v) = %v, want %q", tt.host, tt.from, tt.to, tt.o, err, tt.want)
		}
	}
	h, _ := handlers.NewSMTPHandler("mx", "a@b.c", []string{"d@e.f"}, "s", &handlers.SMTPHandlerOptions{
		GetSubject: func(r *slogpy.Record) string { return "line\nbreak" }})
	if _, err := h.Message(smtpRecord(t, "x")); err == nil || !strings.Contains(err.Error(), "has a line break") {
		t.Errorf("subject with a line break: %v", err)
	}
}

// TestSMTPHandlerGetSubject: the subject hook sees the record.
func TestSMTPHandlerGetSubject(t *testing.T) {
	h, _ := handlers.NewSMTPHandler("mx", "a@b.c", []string{"d@e.f"}, "s", &handlers.SMTPHandlerOptions{Now: smtpNow,
		GetSubject: func(r *slogpy.Record) string { return r.Levelname() + " in " + r.Name }})
	m, err := h.Message(smtpRecord(t, "x"))
	if err != nil || !bytes.Contains(m, []byte("\r\nSubject: ERROR in app\r\n")) {
		t.Errorf("%s %v", m, err)
	}
}

func TestSMTPHandlerSlogtest(t *testing.T) {
	netLeakCheck(t)
	srv := startSMTPServer(t, "")
	h, err := handlers.NewSMTPHandler(srv.addr, "bot@example.com", []string{"ops@example.com"}, "slogtest",
		&handlers.SMTPHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: netJSONFormatter{}}})
	if err != nil {
		t.Fatal(err)
	}
	slogtest.Run(t, func(*testing.T) slog.Handler { return h }, func(t *testing.T) map[string]any {
		m := <-srv.msgs
		head, body, _ := bytes.Cut(m.data, []byte("\r\n\r\n"))
		switch {
		case bytes.Contains(head, []byte("quoted-printable")):
			body, _ = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body)))
		case bytes.Contains(head, []byte("base64")):
			body, _ = base64.StdEncoding.DecodeString(string(bytes.ReplaceAll(body, []byte("\r\n"), nil)))
		}
		var r map[string]any
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatalf("%q: %v", m.data, err)
		}
		return r
	})
}
