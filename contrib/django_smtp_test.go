package contrib

import (
	"errors"
	"io"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	gosmtp "github.com/emersion/go-smtp"

	"github.com/slogpy/slogpy/slogpy"
)

type mail struct {
	from string
	to   []string
	data string
}

type mailBackend chan mail

func (b mailBackend) NewSession(*gosmtp.Conn) (gosmtp.Session, error) {
	return &mailSession{out: b}, nil
}

type mailSession struct {
	out mailBackend
	m   mail
}

func (s *mailSession) Mail(from string, _ *gosmtp.MailOptions) error { s.m.from = from; return nil }
func (s *mailSession) Rcpt(to string, _ *gosmtp.RcptOptions) error {
	s.m.to = append(s.m.to, to)
	return nil
}
func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.m.data = string(b)
	s.out <- s.m
	return err
}
func (s *mailSession) Reset()        {}
func (s *mailSession) Logout() error { return nil }

// TestAdminEmailHandlerServer mails an error through a real SMTP server
// (go-smtp) on loopback, with Django's settings.
func TestAdminEmailHandlerServer(t *testing.T) {
	mails := make(mailBackend, 4)
	srv := gosmtp.NewServer(mails)
	srv.Domain = "localhost"
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { srv.Serve(ln); close(done) }()
	t.Cleanup(func() { srv.Close(); <-done })
	port, _ := strconv.Atoi(ln.Addr().(*net.TCPAddr).AddrPort().String()[len("127.0.0.1:"):])

	prefix := "[site] "
	h, err := NewAdminEmailHandler(&DjangoSettings{
		Admins:      [][2]string{{"Ann", "ann@example.com"}, {"Bob", "bob@example.com"}},
		ServerEmail: "django@example.com", EmailHost: "127.0.0.1", EmailPort: port,
		EmailSubjectPrefix: &prefix, EmailTimeout: 10 * time.Second,
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r, _ := slogpy.MakeRecord(map[string]any{"name": "django.request", "levelno": 40, "levelname": "ERROR",
		"msg": "Internal Server Error: %s", "args": []any{"/checkout"}})
	r.ExcInfo, r.Err = true, errors.New("division by zero")
	if err := slogpy.Handle(h, r); err != nil {
		t.Fatal(err)
	}
	m := <-mails
	if m.from != "django@example.com" || strings.Join(m.to, ",") != "ann@example.com,bob@example.com" {
		t.Errorf("envelope from %q to %q", m.from, m.to)
	}
	for _, want := range []string{
		"Subject: [site] ERROR: Internal Server Error: /checkout\r\n",
		"\r\n\r\nInternal Server Error: /checkout\r\ndivision by zero",
	} {
		if !strings.Contains(m.data, want) {
			t.Errorf("message lacks %q:\n%s", want, m.data)
		}
	}
}
