package handlers

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/slogpy/slogpy/internal/mime"
	"github.com/slogpy/slogpy/slogpy"
)

// SMTPHandlerOptions are the options of [NewSMTPHandler]. The zero value
// gives CPython's defaults.
type SMTPHandlerOptions struct {
	slogpy.HandlerOptions
	// Username and Password log in to the server when Username is set
	// (CPython's credentials), with the first of CRAM-MD5, PLAIN and LOGIN
	// the server offers, as smtplib does.
	Username, Password string
	// StartTLS upgrades the connection with STARTTLS before logging in
	// (CPython's secure); the server must offer it. ImplicitTLS instead
	// speaks TLS from the start (SMTPS, port 465), which CPython's handler
	// cannot.
	StartTLS, ImplicitTLS bool
	// TLSConfig configures TLS; nil means Go's defaults for the mail
	// host's name. It is an error without StartTLS or ImplicitTLS.
	TLSConfig *tls.Config
	// AllowInsecureAuth allows PLAIN and LOGIN over a connection without
	// TLS, where anyone on the path can read the password. Without it,
	// credentials without StartTLS or ImplicitTLS are a constructor error
	// (CPython sends them).
	AllowInsecureAuth bool
	// Timeout bounds the connection and each read and write of the SMTP
	// exchange, as CPython's timeout does. Zero means five seconds,
	// CPython's default.
	Timeout time.Duration
	// GetSubject replaces CPython's getSubject: the subject for a record.
	// nil means the subject given to NewSMTPHandler.
	GetSubject func(r *slogpy.Record) string
	// Now is the clock of the Date header (CPython's
	// email.utils.localtime()); nil means time.Now.
	Now func() time.Time
	// LocalName is the name given in EHLO; empty means the host's name
	// (CPython's socket.getfqdn()).
	LocalName string
}

// An SMTPHandler sends each record as an e-mail: Python's
// logging.handlers.SMTPHandler. The message is the one CPython builds and
// smtplib sends, byte for byte: headers From, To (the addresses joined by
// commas), Subject and Date, then Content-Type text/plain in UTF-8, the
// transfer encoding Python's email package chooses (7bit, 8bit,
// quoted-printable or base64), MIME-Version, and the formatted record as
// the body. Long and non-ASCII headers are folded and encoded as Python's
// default e-mail policy does (see [SMTPHandler.Message] for the limits).
//
// Each record is one SMTP session, made before Emit returns: the logging
// call waits for the server, each step for at most Timeout. Put the handler
// behind a QueueHandler, or raise its level to ERROR, as Python's alert
// e-mail recipes do. Its methods are safe for concurrent use, and records
// logged concurrently are sent concurrently.
//
// It differs from CPython's in the Timeout default applying to every step,
// in refusing to send a password without TLS unless allowed, in StartTLS
// not depending on credentials being set, and in the ImplicitTLS option.
type SMTPHandler struct {
	slogpy.HandlerBase
	addr, host   string
	from, to     string // header values
	toaddrs      []string
	mailport     int // the port given in mailhost, 0 for none
	envFrom      string
	envTo        []string
	subject      string
	getSubject   func(*slogpy.Record) string
	user, pass   string
	startTLS     bool
	implicitTLS  bool
	tlsConfig    *tls.Config
	insecureAuth bool
	timeout      time.Duration
	now          func() time.Time
	localName    string
}

var _ slogpy.Handler = (*SMTPHandler)(nil)

// NewSMTPHandler returns a handler mailing records from fromaddr to
// toaddrs through mailhost ("host" or "host:port"; the port defaults to
// 25, or 465 with ImplicitTLS). nil opts means defaults. The error reports
// an address that does not parse, no recipients, conflicting TLS options or
// credentials without TLS.
func NewSMTPHandler(mailhost, fromaddr string, toaddrs []string, subject string, opts *SMTPHandlerOptions) (*SMTPHandler, error) {
	var o SMTPHandlerOptions
	if opts != nil {
		o = *opts
	}
	what := "SMTPHandler " + mailhost
	h := &SMTPHandler{from: fromaddr, to: strings.Join(toaddrs, ","), subject: subject, getSubject: o.GetSubject,
		user: o.Username, pass: o.Password, startTLS: o.StartTLS, implicitTLS: o.ImplicitTLS,
		insecureAuth: o.AllowInsecureAuth, timeout: o.Timeout, now: o.Now, localName: o.LocalName}
	if mailhost == "" {
		return nil, fmt.Errorf("handlers: %s: empty mail host", what)
	}
	host, portText, err := net.SplitHostPort(mailhost)
	port := 25
	if o.ImplicitTLS {
		port = 465
	}
	if err != nil {
		host = mailhost
	} else if port, err = strconv.Atoi(portText); err != nil {
		return nil, fmt.Errorf("handlers: %s: port %q is not a number", what, portText)
	} else {
		h.mailport = port
	}
	if h.addr, err = socketHostPort("SMTPHandler", host, port); err != nil {
		return nil, err
	}
	h.host = host
	h.toaddrs = append([]string(nil), toaddrs...)
	from, err := mail.ParseAddress(fromaddr)
	if err != nil {
		return nil, fmt.Errorf("handlers: %s: from address %q: %w", what, fromaddr, err)
	}
	h.envFrom = from.Address
	if len(toaddrs) == 0 {
		return nil, fmt.Errorf("handlers: %s: no recipients", what)
	}
	to, err := mail.ParseAddressList(h.to)
	if err != nil {
		return nil, fmt.Errorf("handlers: %s: to addresses %q: %w", what, h.to, err)
	}
	for _, a := range to {
		h.envTo = append(h.envTo, a.Address)
	}
	switch {
	case o.StartTLS && o.ImplicitTLS:
		return nil, fmt.Errorf("handlers: %s: StartTLS and ImplicitTLS are exclusive", what)
	case o.TLSConfig != nil && !o.StartTLS && !o.ImplicitTLS:
		return nil, fmt.Errorf("handlers: %s: TLSConfig only makes sense with StartTLS or ImplicitTLS", what)
	case o.Username != "" && !o.StartTLS && !o.ImplicitTLS && !o.AllowInsecureAuth:
		return nil, fmt.Errorf("handlers: %s: a password without TLS would be readable by anyone on the path; set StartTLS or ImplicitTLS, or AllowInsecureAuth", what)
	case o.Timeout < 0:
		return nil, fmt.Errorf("handlers: %s: Timeout %v is negative", what, o.Timeout)
	}
	if h.timeout == 0 {
		h.timeout = 5 * time.Second
	}
	if h.now == nil {
		h.now = time.Now
	}
	if o.TLSConfig != nil {
		h.tlsConfig = o.TLSConfig.Clone()
	} else {
		h.tlsConfig = &tls.Config{}
	}
	if h.tlsConfig.ServerName == "" {
		h.tlsConfig.ServerName = host
	}
	if h.localName == "" {
		if h.localName, err = os.Hostname(); err != nil || h.localName == "" {
			h.localName = "localhost"
		}
	}
	if _, err := mime.FoldHeader("From", h.from, true); err != nil {
		return nil, fmt.Errorf("handlers: %s: %w", what, err)
	}
	if _, err := mime.FoldHeader("To", h.to, true); err != nil {
		return nil, fmt.Errorf("handlers: %s: %w", what, err)
	}
	h.Configure(&o.HandlerOptions)
	return h, nil
}

// GetSubject returns the subject for r: GetSubject of the options, or the
// handler's subject (CPython's getSubject).
func (h *SMTPHandler) GetSubject(r *slogpy.Record) string {
	if h.getSubject != nil {
		return h.getSubject(r)
	}
	return h.subject
}

// Message returns the message the handler sends for r, with CRLF line
// ends, as CPython's handler builds it and smtplib.send_message
// flattens it. Headers are folded and encoded as Python's default e-mail
// policy does (a port of its _refold_parse_tree), which differential fuzz
// tests check against CPython: exactly for a Subject without "=?", and for
// address lists of ordinary addresses (up to 40 characters) with ASCII or
// non-ASCII display names. Where CPython would fold a header into an
// invalid one (a continuation line without leading white space) a space is
// added, and addresses with quotes, comments or semicolons are folded at
// white space only. The error reports a header value with a line break, or
// a formatter error.
func (h *SMTPHandler) Message(r *slogpy.Record) ([]byte, error) {
	text, err := h.Format(nil, r)
	if err != nil {
		return nil, err
	}
	msg, err := mime.Message(h.from, h.to, h.GetSubject(r), h.now(), string(text))
	if err != nil {
		return nil, fmt.Errorf("handlers: SMTPHandler %s: %w", h.addr, err)
	}
	return msg, nil
}

// Emit implements [slogpy.Handler]: it builds the message and sends it in
// one SMTP session.
func (h *SMTPHandler) Emit(r *slogpy.Record) error {
	msg, err := h.Message(r)
	if err != nil {
		return err
	}
	if err := h.send(r, msg); err != nil {
		return fmt.Errorf("handlers: SMTPHandler %s: %w", h.addr, err)
	}
	return nil
}

func (h *SMTPHandler) send(r *slogpy.Record, msg []byte) error {
	d := net.Dialer{Timeout: h.timeout}
	raw, err := d.DialContext(context.WithoutCancel(r.Context()), "tcp", h.addr)
	if err != nil {
		return err
	}
	var conn net.Conn = smtpDeadlineConn{Conn: raw, timeout: h.timeout}
	if h.implicitTLS {
		conn = tls.Client(conn, h.tlsConfig)
	}
	c, err := smtp.NewClient(conn, h.host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if err := c.Hello(h.localName); err != nil {
		return err
	}
	if h.startTLS {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("the server does not offer STARTTLS")
		}
		if err := c.StartTLS(h.tlsConfig); err != nil {
			return err
		}
	}
	if h.user != "" {
		if err := c.Auth(h.auth(c)); err != nil {
			return err
		}
	}
	if err := smtpMail(c, h.envFrom, h.envTo, msg); err != nil {
		return err
	}
	for _, to := range h.envTo {
		if err := c.Rcpt(to); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// smtpMail sends MAIL FROM as smtplib's sendmail does: "size=N" (the
// length of the message with CRLF line ends) when the server offers SIZE,
// and "SMTPUTF8 BODY=8BITMIME" only when an envelope address is not ASCII
// (send_message's international case); net/smtp's Mail would add
// BODY=8BITMIME whenever the server offers it. c has said hello.
func smtpMail(c *smtp.Client, from string, to []string, msg []byte) error {
	if strings.ContainsAny(from, "\r\n") {
		return errors.New("smtp: A line must not contain CR or LF")
	}
	line := "mail FROM:<" + from + ">"
	if ok, _ := c.Extension("SIZE"); ok {
		line += " size=" + strconv.Itoa(len(msg)+bytes.Count(msg, []byte("\n"))-bytes.Count(msg, []byte("\r\n")))
	}
	international := !isASCII(from)
	for _, a := range to {
		international = international || !isASCII(a)
	}
	if international {
		line += " SMTPUTF8 BODY=8BITMIME"
	}
	id, err := c.Text.Cmd("%s", line)
	if err != nil {
		return err
	}
	c.Text.StartResponse(id)
	defer c.Text.EndResponse(id)
	_, _, err = c.Text.ReadResponse(250)
	return err
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// auth picks the first of CRAM-MD5, PLAIN and LOGIN that the server
// offers, as smtplib's login does.
func (h *SMTPHandler) auth(c *smtp.Client) smtp.Auth {
	_, mechs := c.Extension("AUTH")
	offered := strings.Fields(strings.ToUpper(mechs))
	has := func(m string) bool {
		for _, o := range offered {
			if o == m {
				return true
			}
		}
		return false
	}
	switch {
	case has("CRAM-MD5"):
		return smtp.CRAMMD5Auth(h.user, h.pass)
	case has("PLAIN"):
		return &smtpAuth{h: h, mech: "PLAIN"}
	default:
		return &smtpAuth{h: h, mech: "LOGIN"}
	}
}

// smtpAuth is PLAIN and LOGIN. net/smtp's PlainAuth has its own rule for
// connections without TLS; the handler's is checked at construction.
type smtpAuth struct {
	h    *SMTPHandler
	mech string
}

func (a *smtpAuth) Start(server *smtp.ServerInfo) (string, []byte, error) {
	if !server.TLS && !a.h.insecureAuth {
		return "", nil, errors.New("refusing to send a password without TLS")
	}
	if a.mech == "PLAIN" {
		return "PLAIN", []byte("\x00" + a.h.user + "\x00" + a.h.pass), nil
	}
	return "LOGIN", nil, nil
}

func (a *smtpAuth) Next(fromServer []byte, more bool) ([]byte, error) {
	if !more {
		return nil, nil
	}
	switch strings.ToLower(strings.TrimSpace(string(fromServer))) {
	case "username:", "user name", "username":
		return []byte(a.h.user), nil
	case "password:", "password":
		return []byte(a.h.pass), nil
	}
	return nil, fmt.Errorf("unexpected LOGIN challenge %q", fromServer)
}

// smtpDeadlineConn sets a deadline before each read and write, as a
// socket timeout does.
type smtpDeadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c smtpDeadlineConn) Read(b []byte) (int, error) {
	c.Conn.SetReadDeadline(time.Now().Add(c.timeout))
	return c.Conn.Read(b)
}

func (c smtpDeadlineConn) Write(b []byte) (int, error) {
	c.Conn.SetWriteDeadline(time.Now().Add(c.timeout))
	return c.Conn.Write(b)
}
