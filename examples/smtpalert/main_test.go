package main

import (
	"io"
	"net"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

type backend struct{ msgs chan string }

func (b backend) NewSession(*gosmtp.Conn) (gosmtp.Session, error) { return session{b.msgs}, nil }

type session struct{ msgs chan string }

func (session) Mail(string, *gosmtp.MailOptions) error { return nil }
func (session) Rcpt(string, *gosmtp.RcptOptions) error { return nil }
func (s session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.msgs <- string(b)
	return err
}
func (session) Reset()        {}
func (session) Logout() error { return nil }

// TestOutput runs the example against an SMTP server on loopback
// (go-smtp): all three records on standard error, one e-mail for the
// error.
func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	msgs := make(chan string, 10)
	srv := gosmtp.NewServer(backend{msgs})
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { srv.Serve(ln); close(done) }()
	defer func() { srv.Close(); <-done }()

	options.Now = func() time.Time { return time.Date(2024, 3, 10, 12, 34, 56, 0, time.FixedZone("", 3600)) }
	defer func() { options.Now = nil }()
	stderr := exampletest.Stderr(t, func() {
		if err := run([]string{"-mailhost", ln.Addr().String()}); err != nil {
			t.Error(err)
		}
	})
	const wantStderr = "INFO:shop.payments:order A-1001 paid\n" +
		"WARNING:shop.payments:card for order A-1002 expires soon\n" +
		"ERROR:shop.payments:payment for order A-1003 declined\n"
	if stderr != wantStderr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantStderr)
	}
	exampletest.Match(t, <-msgs, "From: alerts@example.com\r\n"+
		"To: oncall@example.com\r\n"+
		"Subject: Error in the shop\r\n"+
		"Date: Sun, 10 Mar 2024 12:34:56 \\+0100\r\n"+
		"Content-Type: text/plain; charset=\"utf-8\"\r\n"+
		"Content-Transfer-Encoding: 7bit\r\n"+
		"MIME-Version: 1.0\r\n"+
		"\r\n"+
		exampletest.Asctime+" shop.payments ERROR\r\n"+
		"\r\n"+
		"payment for order A-1003 declined\r\n")
	select {
	case m := <-msgs:
		t.Errorf("a second e-mail:\n%s", m)
	default:
	}
}

// TestNoServer: the mail server is down; the error is reported and
// logging goes on.
func TestNoServer(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	stderr := exampletest.Stderr(t, func() {
		if err := run([]string{"-mailhost", addr}); err != nil {
			t.Error(err)
		}
	})
	exampletest.Match(t, stderr, "INFO:shop.payments:order A-1001 paid\n"+
		"WARNING:shop.payments:card for order A-1002 expires soon\n"+
		"ERROR:shop.payments:payment for order A-1003 declined\n"+
		"--- Logging error ---\n(?s:.*)\n"+
		"handlers: SMTPHandler "+addr+": dial tcp "+addr+": connect: connection refused\n"+
		"(?s:.*)")
}
