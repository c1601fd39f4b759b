package contrib

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// NewRequireDebugFalse returns Django's django.utils.log.RequireDebugFalse:
// a filter that passes records only while debug reports false (Django's
// settings.DEBUG, read for each record).
func NewRequireDebugFalse(debug func() bool) slogpy.Filter {
	return slogpy.FilterFunc(func(*slogpy.Record) bool { return !debug() })
}

// NewRequireDebugTrue returns Django's django.utils.log.RequireDebugTrue:
// a filter that passes records only while debug reports true.
func NewRequireDebugTrue(debug func() bool) slogpy.Filter {
	return slogpy.FilterFunc(func(*slogpy.Record) bool { return debug() })
}

// NewCallbackFilter returns Django's django.utils.log.CallbackFilter: a
// filter that passes the records for which callback returns true.
func NewCallbackFilter(callback func(r *slogpy.Record) bool) slogpy.Filter {
	return slogpy.FilterFunc(callback)
}

// DjangoServerFormatterOptions are the options of
// [NewDjangoServerFormatter], the arguments of Django's ServerFormatter.
// The zero value gives Django's defaults.
type DjangoServerFormatterOptions struct {
	// Format, Datefmt, Style and UTC are those of [slogpy.NewFormatter].
	// Without Datefmt, server_time is "14/Nov/2023 22:13:20,123"
	// (ServerFormatter's default_time_format with Python's milliseconds).
	Format  string
	Datefmt string
	Style   string
	UTC     bool
	// UseColors colours the message by the record's status_code attribute.
	// nil means: when Stdout is a terminal, as Django's color_style() asks
	// sys.stdout.isatty().
	UseColors *bool
	// Stdout is the stream whose terminal-ness decides when UseColors is
	// nil; nil means os.Stdout.
	Stdout io.Writer
	// Palette is Django's colour palette: "dark" (the default when empty),
	// "light" or "nocolor". Empty means the DJANGO_COLORS environment
	// variable when it names one of them.
	Palette string
}

// djangoPalettes are the ANSI codes of the HTTP roles of Django's
// termcolors palettes, in the order of djangoRole.
var djangoPalettes = map[string][7]string{
	"dark":    {"\x1b[1m", "\x1b[m", "\x1b[32m", "\x1b[36m", "\x1b[31;1m", "\x1b[33m", "\x1b[35;1m"},
	"light":   {"\x1b[1m", "\x1b[m", "\x1b[32;1m", "\x1b[32m", "\x1b[31;1m", "\x1b[31m", "\x1b[35;1m"},
	"nocolor": {},
}

// djangoRole is ServerFormatter's choice of role for a status code:
// HTTP_INFO, HTTP_SUCCESS, HTTP_REDIRECT, HTTP_NOT_MODIFIED,
// HTTP_BAD_REQUEST, HTTP_NOT_FOUND, HTTP_SERVER_ERROR.
func djangoRole(code int64) int {
	switch {
	case 200 <= code && code < 300:
		return 1
	case 100 <= code && code < 200:
		return 0
	case code == 304:
		return 3
	case 300 <= code && code < 400:
		return 2
	case code == 404:
		return 5
	case 400 <= code && code < 500:
		return 4
	}
	return 6
}

// A DjangoServerFormatter is Django's django.utils.log.ServerFormatter,
// the formatter of runserver's request lines: the field server_time
// (when the format contains "{server_time}" and the record has no such
// attribute), and the message coloured by the record's status_code
// attribute when colours are on.
//
// It differs from Django's in leaving the record as it is: Django stores
// the coloured message format and server_time on the record, so a second
// handler sees them.
type DjangoServerFormatter struct {
	base       *slogpy.Formatter
	datefmt    string
	serverTime bool
	codes      [7]string
	colors     bool
}

var _ slogpy.RecordFormatter = (*DjangoServerFormatter)(nil)

// NewDjangoServerFormatter returns a DjangoServerFormatter; nil opts means
// Django's defaults.
func NewDjangoServerFormatter(opts *DjangoServerFormatterOptions) (*DjangoServerFormatter, error) {
	var o DjangoServerFormatterOptions
	if opts != nil {
		o = *opts
	}
	base, err := slogpy.NewFormatter(o.Format, &slogpy.FormatterOptions{
		Datefmt: o.Datefmt, Style: o.Style, UTC: o.UTC, DefaultTimeFormat: "%d/%b/%Y %H:%M:%S",
	})
	if err != nil {
		return nil, fmt.Errorf("contrib: django ServerFormatter: %w", err)
	}
	f := &DjangoServerFormatter{base: base, datefmt: o.Datefmt, serverTime: strings.Contains(base.String(), "{server_time}")}
	if o.UseColors != nil {
		f.colors = *o.UseColors
	} else {
		out := o.Stdout
		if out == nil {
			out = os.Stdout
		}
		f.colors = IsTerminal(out)
	}
	palette := o.Palette
	if palette == "" {
		palette = strings.ToLower(os.Getenv("DJANGO_COLORS"))
		if _, ok := djangoPalettes[palette]; !ok {
			palette = "dark"
		}
	}
	codes, ok := djangoPalettes[palette]
	if !ok {
		return nil, fmt.Errorf("contrib: django ServerFormatter: palette %q: want dark, light or nocolor", palette)
	}
	f.codes = codes
	return f, nil
}

// Format returns the formatted record.
func (f *DjangoServerFormatter) Format(r *slogpy.Record) (string, error) {
	b, err := f.AppendFormat(nil, r)
	return string(b), err
}

// AppendFormat implements [slogpy.RecordFormatter].
func (f *DjangoServerFormatter) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	cp := *r
	if f.colors {
		if v, ok := r.Attr("status_code"); ok {
			code, err := pyInt(v.Any())
			if err != nil {
				return dst, err
			}
			if c := f.codes[djangoRole(code)]; code != 0 && c != "" {
				msg, err := r.Message()
				if err != nil {
					return dst, err
				}
				// Django colours the format, which merges to the same text
				// around the arguments.
				cp.SetMessage(c + msg + "\x1b[0m")
			}
		}
	}
	if f.serverTime {
		if _, ok := r.Attr("server_time"); !ok {
			cp.AddAttrs(slog.String("server_time", f.base.FormatTime(r, f.datefmt)))
		}
	}
	return f.base.AppendFormat(dst, &cp)
}

// DjangoSettings are the Django settings that Django's logging classes
// read. The zero value is Django's defaults.
type DjangoSettings struct {
	// Debug is settings.DEBUG, read by RequireDebugFalse and
	// RequireDebugTrue.
	Debug bool
	// Admins are settings.ADMINS, the (name, address) pairs
	// AdminEmailHandler mails; with none it sends nothing, as Django's
	// mail_admins.
	Admins [][2]string
	// ServerEmail is settings.SERVER_EMAIL, the sender; empty means
	// "root@localhost".
	ServerEmail string
	// EmailHost and EmailPort are settings.EMAIL_HOST and EMAIL_PORT;
	// empty and zero mean "localhost" and 25.
	EmailHost string
	EmailPort int
	// EmailHostUser and EmailHostPassword log in when the user is set.
	EmailHostUser, EmailHostPassword string
	// EmailUseTLS (STARTTLS) and EmailUseSSL (implicit TLS).
	EmailUseTLS, EmailUseSSL bool
	// EmailTimeout bounds each step; zero means the SMTP handler's default.
	EmailTimeout time.Duration
	// EmailSubjectPrefix is settings.EMAIL_SUBJECT_PREFIX; nil means
	// "[Django] ".
	EmailSubjectPrefix *string
}

// AdminEmailSubject returns the subject Django's AdminEmailHandler gives
// a record without a request: the prefix, the level name, ": ", the
// message, with CR and LF written as \r and \n.
func AdminEmailSubject(s *DjangoSettings, r *slogpy.Record) string {
	prefix := "[Django] "
	if s.EmailSubjectPrefix != nil {
		prefix = *s.EmailSubjectPrefix
	}
	msg, err := r.Message()
	if err != nil {
		msg = r.Msg
	}
	subject := r.Levelname() + ": " + msg
	subject = strings.ReplaceAll(strings.ReplaceAll(subject, "\n", `\n`), "\r", `\r`)
	return prefix + subject
}

// NewAdminEmailHandler returns Django's django.utils.log.AdminEmailHandler
// mapped onto [handlers.SMTPHandler]: each record is mailed to the
// settings' Admins from ServerEmail through EmailHost, with Django's
// subject (see [AdminEmailSubject]). With no Admins it returns a
// [slogpy.NullHandler], as Django sends nothing. nil opts means defaults.
//
// It differs from Django's in the body: the formatted record and, for a
// record with an error, the formatter's exception text, where Django
// appends its technical 500 report (request, settings, frames' locals);
// and in the message layout, which is Python's SMTPHandler's.
func NewAdminEmailHandler(s *DjangoSettings, opts *slogpy.HandlerOptions) (slogpy.Handler, error) {
	if s == nil {
		s = &DjangoSettings{}
	}
	if len(s.Admins) == 0 {
		return slogpy.NewNullHandler(), nil
	}
	to := make([]string, len(s.Admins))
	for i, a := range s.Admins {
		to[i] = a[1]
	}
	from := s.ServerEmail
	if from == "" {
		from = "root@localhost"
	}
	host, port := s.EmailHost, s.EmailPort
	if host == "" {
		host = "localhost"
	}
	if port == 0 {
		port = 25
	}
	o := &handlers.SMTPHandlerOptions{
		Username: s.EmailHostUser, Password: s.EmailHostPassword,
		StartTLS: s.EmailUseTLS, ImplicitTLS: s.EmailUseSSL, Timeout: s.EmailTimeout,
		GetSubject: func(r *slogpy.Record) string { return AdminEmailSubject(s, r) },
	}
	if opts != nil {
		o.HandlerOptions = *opts
	}
	h, err := handlers.NewSMTPHandler(host+":"+strconv.Itoa(port), from, to, "", o)
	if err != nil {
		return nil, fmt.Errorf("contrib: django AdminEmailHandler: %w", err)
	}
	return h, nil
}

// String returns the format, as Python's formatter._fmt.
func (f *DjangoServerFormatter) String() string { return f.base.String() }
