package contrib

import (
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/slogpy"
)

// UvicornFormatterOptions are the options of [NewUvicornDefaultFormatter]
// and [NewUvicornAccessFormatter], the keyword arguments of uvicorn's
// formatters. The zero value gives uvicorn's defaults.
type UvicornFormatterOptions struct {
	// Format, Datefmt, Style and UTC are those of [slogpy.NewFormatter]
	// (fmt, datefmt, style). Besides the record's fields the format can
	// name levelprefix ("INFO:     "), and for the access formatter
	// client_addr, request_line and status_code.
	Format  string
	Datefmt string
	Style   string
	UTC     bool
	// UseColors colours the level name (and the access line's request
	// line and status) with click's ANSI codes. nil means: when Stdout is
	// a terminal, as uvicorn's use_colors=None asks sys.stdout.isatty().
	UseColors *bool
	// Stdout is the stream whose terminal-ness decides when UseColors is
	// nil; nil means os.Stdout.
	Stdout io.Writer
}

// A UvicornFormatter is uvicorn's uvicorn.logging.DefaultFormatter or
// AccessFormatter (uvicorn 0.17): a Python format with the field
// levelprefix, the level name and a colon padded to nine characters
// ("INFO:     "), coloured by level when colours are on. With colours on,
// a record attribute color_message replaces the message format.
//
// The access formatter reads the five arguments of uvicorn's access log
// call, ('%s - "%s %s HTTP/%s" %d', client_addr, method, full_path,
// http_version, status_code), into the fields client_addr, request_line
// ("GET / HTTP/1.1", bold with colours) and status_code ("200 OK",
// coloured by class). A record without exactly five arguments is an
// error, as Python's unpacking is.
//
// A UvicornFormatter is a [slogpy.RecordFormatter], safe for concurrent
// use.
type UvicornFormatter struct {
	base   *slogpy.Formatter
	colors bool
	access bool
}

var _ slogpy.RecordFormatter = (*UvicornFormatter)(nil)

// NewUvicornDefaultFormatter returns uvicorn's DefaultFormatter; nil opts
// means its defaults. The error is for a format Python's logging.Formatter
// would refuse.
func NewUvicornDefaultFormatter(opts *UvicornFormatterOptions) (*UvicornFormatter, error) {
	return newUvicornFormatter(opts, false)
}

// NewUvicornAccessFormatter returns uvicorn's AccessFormatter; nil opts
// means its defaults.
func NewUvicornAccessFormatter(opts *UvicornFormatterOptions) (*UvicornFormatter, error) {
	return newUvicornFormatter(opts, true)
}

func newUvicornFormatter(opts *UvicornFormatterOptions, access bool) (*UvicornFormatter, error) {
	var o UvicornFormatterOptions
	if opts != nil {
		o = *opts
	}
	name := "DefaultFormatter"
	if access {
		name = "AccessFormatter"
	}
	base, err := slogpy.NewFormatter(o.Format, &slogpy.FormatterOptions{Datefmt: o.Datefmt, Style: o.Style, UTC: o.UTC})
	if err != nil {
		return nil, fmt.Errorf("contrib: uvicorn %s: %w", name, err)
	}
	f := &UvicornFormatter{base: base, access: access}
	if o.UseColors != nil {
		f.colors = *o.UseColors
	} else {
		out := o.Stdout
		if out == nil {
			out = os.Stdout
		}
		f.colors = IsTerminal(out)
	}
	return f, nil
}

// UseColors reports whether the formatter colours its output.
func (f *UvicornFormatter) UseColors() bool { return f.colors }

// click.style's codes for the colours uvicorn uses.
const (
	clickReset = "\x1b[0m"
	clickBold  = "\x1b[1m"
)

// clickStyle is click.style(text, fg=…): the colour, the text, a reset.
func clickStyle(code, text string) string {
	if code == "" {
		return text
	}
	return code + text + clickReset
}

// levelColour is uvicorn's level_name_colors, by level number.
func levelColour(levelno int) string {
	switch levelno {
	case 5:
		return "\x1b[34m" // blue (TRACE)
	case 10:
		return "\x1b[36m" // cyan
	case 20:
		return "\x1b[32m" // green
	case 30:
		return "\x1b[33m" // yellow
	case 40:
		return "\x1b[31m" // red
	case 50:
		return "\x1b[91m" // bright_red
	}
	return ""
}

// statusColours are uvicorn's status_code_colours, by code / 100.
var statusColours = map[int]string{1: "\x1b[97m", 2: "\x1b[32m", 3: "\x1b[33m", 4: "\x1b[31m", 5: "\x1b[91m"}

// Format returns the formatted record.
func (f *UvicornFormatter) Format(r *slogpy.Record) (string, error) {
	b, err := f.AppendFormat(nil, r)
	return string(b), err
}

// AppendFormat implements [slogpy.RecordFormatter].
func (f *UvicornFormatter) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	if _, err := r.Message(); err != nil {
		return dst, err
	}
	cp := *r // uvicorn formats a copy of the record
	levelname := r.Levelname()
	sep := strings.Repeat(" ", max(0, 8-len([]rune(levelname))))
	if f.colors {
		levelname = clickStyle(levelColour(int(r.Levelno)), levelname)
		if cm, ok := r.Attr("color_message"); ok {
			msg, err := pyfmt.AppendLogArgs(nil, string(pyfmt.AppendStr(nil, cm.Any())), r.Args)
			if err != nil {
				return dst, err
			}
			cp.SetMessage(string(msg))
		}
	}
	cp.AddAttrs(slog.String("levelprefix", levelname+":"+sep))
	if f.access {
		attrs, err := f.accessFields(r.Args)
		if err != nil {
			return dst, err
		}
		cp.AddAttrs(attrs...)
	}
	return f.base.AppendFormat(dst, &cp)
}

// accessFields computes client_addr, request_line and status_code from
// the access log call's arguments, as AccessFormatter.formatMessage.
func (f *UvicornFormatter) accessFields(args []any) ([]slog.Attr, error) {
	switch {
	case len(args) < 5:
		return nil, fmt.Errorf("ValueError: not enough values to unpack (expected 5, got %d)", len(args))
	case len(args) > 5:
		return nil, fmt.Errorf("ValueError: too many values to unpack (expected 5)")
	}
	code, err := pyInt(args[4])
	if err != nil {
		return nil, err
	}
	status := strconv.FormatInt(code, 10) + " " + httpPhrase(code)
	var line []byte
	line = pyfmt.AppendStr(line, args[1])
	line = append(line, ' ')
	line = pyfmt.AppendStr(line, args[2])
	line = append(line, " HTTP/"...)
	line = pyfmt.AppendStr(line, args[3])
	requestLine := string(line)
	if f.colors {
		requestLine = clickStyle(clickBold, requestLine)
		status = clickStyle(statusColours[int(floorDiv(code, 100))], status)
	}
	return []slog.Attr{
		slog.Any("client_addr", args[0]),
		slog.String("request_line", requestLine),
		slog.String("status_code", status),
	}, nil
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// pyInt is Python's int(v) for the values a status code arrives as.
func pyInt(v any) (int64, error) {
	switch v := v.(type) {
	case int:
		return int64(v), nil
	case int64:
		return v, nil
	case int32:
		return int64(v), nil
	case uint16:
		return int64(v), nil
	case uint64:
		if v <= math.MaxInt64 {
			return int64(v), nil
		}
	case float64:
		if !math.IsNaN(v) && !math.IsInf(v, 0) && math.Abs(v) < 1<<63 {
			return int64(v), nil
		}
		return 0, fmt.Errorf("ValueError: cannot convert float %s to integer", pyfmt.AppendStr(nil, v))
	case bool:
		if v {
			return 1, nil
		}
		return 0, nil
	case string:
		s := strings.ReplaceAll(strings.TrimSpace(v), "_", "")
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && !strings.HasPrefix(strings.TrimSpace(v), "_") {
			return n, nil
		}
		return 0, fmt.Errorf("ValueError: invalid literal for int() with base 10: %s", pyfmt.AppendRepr(nil, v))
	}
	return 0, fmt.Errorf("TypeError: int() argument must be a string, a bytes-like object or a real number, not '%T'", v)
}

// httpPhrase is http.HTTPStatus(code).phrase of Python 3.11, or "" for a
// code it does not know.
func httpPhrase(code int64) string {
	switch code {
	case 414:
		return "Request-URI Too Long"
	case 418:
		return "I'm a Teapot"
	}
	if code < 100 || code > 599 {
		return ""
	}
	return http.StatusText(int(code))
}

// String returns the format, as Python's formatter._fmt.
func (f *UvicornFormatter) String() string { return f.base.String() }
