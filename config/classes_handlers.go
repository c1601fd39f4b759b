package config

import (
	"crypto/tls"
	"fmt"
	"net"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/internal/netaddr"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// handlerClasses are the classes of Python's logging.handlers that
// package handlers has, each under its Python name with the parameters of
// its Python constructor, in Python's order.
var handlerClasses = []classDef{
	{"logging.handlers.WatchedFileHandler", fileParams, newWatchedFileHandler},
	{"logging.handlers.RotatingFileHandler", []string{"filename", "mode", "maxBytes", "backupCount", "encoding", "delay", "errors"}, newRotatingFileHandler},
	{"logging.handlers.TimedRotatingFileHandler", []string{"filename", "when", "interval", "backupCount", "encoding", "delay", "utc", "atTime", "errors"}, newTimedRotatingFileHandler},
	{"logging.handlers.SocketHandler", []string{"host", "port"}, newSocketHandler},
	{"logging.handlers.DatagramHandler", []string{"host", "port"}, newDatagramHandler},
	{"logging.handlers.SysLogHandler", []string{"address", "facility", "socktype"}, newSysLogHandler},
	{"logging.handlers.HTTPHandler", []string{"host", "url", "method", "secure", "credentials", "context"}, newHTTPHandler},
	{"logging.handlers.SMTPHandler", []string{"mailhost", "fromaddr", "toaddrs", "subject", "credentials", "secure", "timeout"}, newSMTPHandler},
	{"logging.handlers.BufferingHandler", []string{"capacity"}, newBufferingHandler},
	{"logging.handlers.MemoryHandler", []string{"capacity", "flushLevel", "target", "flushOnClose"}, newMemoryHandler},
	{"logging.handlers.QueueHandler", []string{"queue", "listener", "handlers", "respect_handler_level"}, newQueueHandler},
	{"logging.handlers.QueueListener", []string{"queue", "handlers", "respect_handler_level"}, newQueueListener},
	{"logging.handlers.NTEventLogHandler", []string{"appname", "dllname", "logtype"}, newNTEventLogHandler},
	{"queue.Queue", []string{"maxsize"}, newQueue},
	{"queue.SimpleQueue", []string{}, newQueue},
}

// handlerValues are the constants of logging.handlers: ports, syslog
// priorities and facilities, socket types.
func handlerValues() []valueDef {
	var out []valueDef
	for name, v := range map[string]int64{
		"DEFAULT_TCP_LOGGING_PORT":  9020,
		"DEFAULT_UDP_LOGGING_PORT":  9021,
		"DEFAULT_HTTP_LOGGING_PORT": 9022,
		"DEFAULT_SOAP_LOGGING_PORT": 9023,
		"SYSLOG_UDP_PORT":           514,
		"SYSLOG_TCP_PORT":           514,
	} {
		out = append(out, valueDef{"logging.handlers." + name, v})
	}
	for name, v := range syslogConstants {
		out = append(out, valueDef{"logging.handlers.SysLogHandler." + name, v})
	}
	// socket's under both names: ext://socket.SOCK_STREAM, which
	// dictConfig imports, and handlers.socket.SOCK_STREAM, which
	// fileConfig's eval finds in the logging namespace.
	for name, v := range map[string]int64{"SOCK_STREAM": 1, "SOCK_DGRAM": 2} {
		out = append(out, valueDef{"socket." + name, v}, valueDef{"logging.handlers.socket." + name, v})
	}
	return out
}

// syslogConstants are the priorities and facilities of Python's
// SysLogHandler.
var syslogConstants = map[string]int64{
	"LOG_EMERG": 0, "LOG_ALERT": 1, "LOG_CRIT": 2, "LOG_ERR": 3,
	"LOG_WARNING": 4, "LOG_NOTICE": 5, "LOG_INFO": 6, "LOG_DEBUG": 7,
	"LOG_KERN": 0, "LOG_USER": 1, "LOG_MAIL": 2, "LOG_DAEMON": 3,
	"LOG_AUTH": 4, "LOG_SYSLOG": 5, "LOG_LPR": 6, "LOG_NEWS": 7,
	"LOG_UUCP": 8, "LOG_CRON": 9, "LOG_AUTHPRIV": 10, "LOG_FTP": 11,
	"LOG_NTP": 12, "LOG_SECURITY": 13, "LOG_CONSOLE": 14, "LOG_SOLCRIS": 15,
	"LOG_LOCAL0": 16, "LOG_LOCAL1": 17, "LOG_LOCAL2": 18, "LOG_LOCAL3": 19,
	"LOG_LOCAL4": 20, "LOG_LOCAL5": 21, "LOG_LOCAL6": 22, "LOG_LOCAL7": 23,
}

func newWatchedFileHandler(a *Args) (func() (any, error), error) {
	filename, o := fileArgs(a)
	bufferArgs(a, &o)
	return func() (any, error) { return handlers.NewWatchedFileHandler(filename, &o) }, a.Err()
}

func newRotatingFileHandler(a *Args) (func() (any, error), error) {
	o := handlers.RotatingFileHandlerOptions{
		MaxBytes:    int64(atLeastZero(a, "maxBytes")),
		BackupCount: atLeastZero(a, "backupCount"),
	}
	if o.MaxBytes > 0 && strings.Contains(a.String("mode", ""), "w") {
		a.kw["mode"] = "a" // Python: a file that rolls over is appended to
	}
	filename, fo := fileArgs(a)
	bufferArgs(a, &fo)
	o.FileHandlerOptions = fo
	return func() (any, error) { return handlers.NewRotatingFileHandler(filename, &o) }, a.Err()
}

func newTimedRotatingFileHandler(a *Args) (func() (any, error), error) {
	filename, fo := fileArgs(a)
	bufferArgs(a, &fo)
	o := handlers.TimedRotatingFileHandlerOptions{
		FileHandlerOptions: fo,
		When:               a.String("when", "h"),
		Interval:           a.Int("interval", 1),
		BackupCount:        atLeastZero(a, "backupCount"),
		UTC:                a.Bool("utc", false),
		AtTime:             a.String("atTime", ""),
	}
	return func() (any, error) { return handlers.NewTimedRotatingFileHandler(filename, &o) }, a.Err()
}

// atLeastZero reads maxBytes or backupCount (absent: 0), a negative
// number read as 0: CPython accepts one, and does with it what it does
// with 0 (maxBytes: never rolls over; backupCount: keeps no backups, a
// rollover reopens the file; a timed rotation deletes none), where the
// Go constructors refuse it.
func atLeastZero(a *Args, name string) int {
	return max(a.Int(name, 0), 0)
}

func newSocketHandler(a *Args) (func() (any, error), error) {
	a.Require("host")
	host := a.String("host", "")
	port, unix := portArg(a)
	return func() (any, error) {
		if unix {
			return handlers.NewUnixSocketHandler(host, nil)
		}
		return handlers.NewSocketHandler(host, port, nil)
	}, a.Err()
}

func newDatagramHandler(a *Args) (func() (any, error), error) {
	a.Require("host")
	host := a.String("host", "")
	port, unix := portArg(a)
	return func() (any, error) {
		if unix {
			return handlers.NewUnixDatagramHandler(host, nil)
		}
		return handlers.NewDatagramHandler(host, port, nil)
	}, a.Err()
}

func newSysLogHandler(a *Args) (func() (any, error), error) {
	address, unix := syslogAddress(a)
	o := handlers.SysLogHandlerOptions{Facility: syslogFacility(a)}
	if _, given := a.Value("socktype"); given {
		switch st := a.Int("socktype", 0); {
		case st == 1 && unix:
			o.Network = "unix"
		case st == 1:
			o.Network = "tcp"
		case st == 2 && unix:
			o.Network = "unixgram"
		case st == 2:
			o.Network = "udp"
		default:
			a.Errorf("socktype", "want socket.SOCK_STREAM (1) or socket.SOCK_DGRAM (2), got %d", st)
		}
	}
	return func() (any, error) { return handlers.NewSysLogHandler(address, &o) }, a.Err()
}

func newHTTPHandler(a *Args) (func() (any, error), error) {
	a.Require("host", "url")
	host, url := a.String("host", ""), a.String("url", "")
	o := handlers.HTTPHandlerOptions{Method: a.String("method", "GET"), Secure: a.Bool("secure", false)}
	o.Username, o.Password = credentialsArg(a)
	if o.Username != "" && !o.Secure {
		// CPython sends them; the Go API asks for AllowInsecureCredentials.
		o.AllowInsecureCredentials = true
		a.warn("credentials", "sent over plain HTTP (secure is false): readable by anyone on the path")
	}
	if v, ok := a.Value("context"); ok {
		tc, isTLS := v.(*tls.Config)
		if !isTLS {
			a.Errorf("context", "want a *tls.Config (registered with RegisterValue and named with ext://), got %s", describe(v))
		}
		o.TLSConfig = tc
	}
	return func() (any, error) { return handlers.NewHTTPHandler(host, url, &o) }, a.Err()
}

func newSMTPHandler(a *Args) (func() (any, error), error) {
	a.Require("mailhost", "fromaddr", "toaddrs", "subject")
	mailhost := hostPortArg(a, "mailhost")
	from, to, subject := a.String("fromaddr", ""), a.Strings("toaddrs"), a.String("subject", "")
	var o handlers.SMTPHandlerOptions
	o.Username, o.Password = credentialsArg(a)
	o.Timeout = time.Duration(a.Float("timeout", 5) * float64(time.Second))
	if v, ok := a.Value("secure"); ok {
		var certs []string
		list, isList := toList(v)
		if !isList || len(list) > 2 {
			a.Errorf("secure", "want a tuple: (), (keyfile,) or (keyfile, certfile), got %s", describe(v))
		}
		for i, e := range list {
			f, isStr := e.(string)
			if !isStr {
				a.Errorf("secure", "want file names, got %s at %d", describe(e), i)
			}
			certs = append(certs, f)
		}
		if len(certs) == 1 {
			a.Errorf("secure", "a keyfile needs its certfile: (keyfile, certfile)")
		}
		o.StartTLS = true
		if len(certs) == 2 && len(a.errs) == 0 {
			cert, err := tls.LoadX509KeyPair(certs[1], certs[0])
			if err != nil {
				a.fail("secure", err)
			}
			host, _, err := net.SplitHostPort(mailhost)
			if err != nil {
				host = mailhost
			}
			o.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, ServerName: host}
		}
	}
	if o.Username != "" && !o.StartTLS {
		// CPython logs in without TLS; the Go API asks for AllowInsecureAuth.
		o.AllowInsecureAuth = true
		a.warn("credentials", "sent without TLS (no secure): readable by anyone on the path")
	}
	return func() (any, error) { return handlers.NewSMTPHandler(mailhost, from, to, subject, &o) }, a.Err()
}

func newBufferingHandler(a *Args) (func() (any, error), error) {
	a.Require("capacity")
	capacity := a.Int("capacity", 0)
	return func() (any, error) { return handlers.NewBufferingHandler(capacity, nil) }, a.Err()
}

func newMemoryHandler(a *Args) (func() (any, error), error) {
	a.Require("capacity")
	capacity := a.Int("capacity", 0)
	o := handlers.MemoryHandlerOptions{
		FlushLevel:     a.Level("flushLevel", levels.Error),
		NoFlushOnClose: !a.Bool("flushOnClose", true),
	}
	target := a.Handler("target")
	return func() (any, error) { return handlers.NewMemoryHandler(capacity, target(), &o) }, a.Err()
}

func newQueueListener(a *Args) (func() (any, error), error) {
	a.Require("queue")
	q := queueArg(a)
	hs := a.Handlers("handlers")
	rhl := a.Bool("respect_handler_level", false)
	return func() (any, error) {
		qv, err := q()
		if err != nil {
			return nil, err
		}
		return handlers.NewQueueListener(qv.(handlers.Queue), hs(), &handlers.QueueListenerOptions{RespectHandlerLevel: rhl})
	}, a.Err()
}

func newNTEventLogHandler(a *Args) (func() (any, error), error) {
	a.Require("appname")
	appname := a.String("appname", "")
	o := handlers.NTEventLogHandlerOptions{
		DLLName: a.String("dllname", ""),
		LogType: a.String("logtype", ""),
	}
	if runtime.GOOS != "windows" {
		// CPython without pywin32: the line on sys.stdout for each handler
		// made, then a handler that does nothing.
		return func() (any, error) {
			fmt.Fprintln(a.sc.stdout(), ntEventLogUnavailable)
			return slogpy.NewNullHandler(), nil
		}, a.Err()
	}
	return func() (any, error) { return handlers.NewNTEventLogHandler(appname, &o) }, a.Err()
}

// ntEventLogUnavailable is what CPython's NTEventLogHandler prints when the
// Win32 extensions cannot be imported.
const ntEventLogUnavailable = "The Python Win32 extensions for NT (service, event logging) appear not to be available."

// newQueue is queue.Queue(maxsize=0) and queue.SimpleQueue().
func newQueue(a *Args) (func() (any, error), error) {
	n := a.Int("maxsize", 0)
	return func() (any, error) { return handlers.NewChanQueue(n), nil }, a.Err()
}

// syslogAddress reads SysLogHandler's address: a (host, port) pair, or
// the path of a Unix socket. Absent means ("localhost", 514).
func syslogAddress(a *Args) (address string, unix bool) {
	v, ok := a.Value("address")
	if !ok {
		return "localhost:514", false
	}
	if s, isStr := v.(string); isStr {
		if s == "" {
			a.Errorf("address", "empty Unix socket path")
		}
		if !netaddr.IsUnixPath(s) {
			s = "./" + s // a relative path, not host:port
		}
		return s, true
	}
	pair, isList := toList(v)
	if !isList || len(pair) != 2 {
		a.Errorf("address", "want a (host, port) pair or a Unix socket path, got %s", describe(v))
		return "", false
	}
	host, isStr := pair[0].(string)
	port, err := toInt(pair[1])
	if !isStr || err != nil || port < 0 || port > 65535 {
		a.Errorf("address", "want a (host, port) pair with a port from 0 to 65535, got (%s, %s)", describe(pair[0]), describe(pair[1]))
		return "", false
	}
	return net.JoinHostPort(host, strconv.Itoa(port)), false
}

// syslogFacility reads SysLogHandler's facility: a number
// (SysLogHandler.LOG_LOCAL0) or a name ("local0"). Absent means "user".
func syslogFacility(a *Args) string {
	v, ok := a.Value("facility")
	if !ok {
		return ""
	}
	if s, isStr := v.(string); isStr {
		return s
	}
	n, err := toInt(v)
	if err != nil || n < 0 {
		a.Errorf("facility", "want a facility name or number, got %s", describe(v))
		return ""
	}
	return strconv.Itoa(n)
}

// hostPortArg reads a host name or a (host, port) pair as "host" or
// "host:port" (SMTPHandler's mailhost).
func hostPortArg(a *Args, name string) string {
	v, ok := a.Value(name)
	if !ok {
		return ""
	}
	if s, isStr := v.(string); isStr {
		return s
	}
	pair, isList := toList(v)
	if isList && len(pair) == 2 {
		host, isStr := pair[0].(string)
		port, err := toInt(pair[1])
		if isStr && err == nil && port > 0 && port < 65536 {
			return net.JoinHostPort(host, strconv.Itoa(port))
		}
	}
	a.Errorf(name, "want a host or a (host, port) pair, got %s", describe(v))
	return ""
}

// credentialsArg reads a (username, password) pair.
func credentialsArg(a *Args) (user, password string) {
	v, ok := a.Value("credentials")
	if !ok {
		return "", ""
	}
	pair, isList := toList(v)
	if isList && len(pair) == 2 {
		u, ok1 := pair[0].(string)
		p, ok2 := pair[1].(string)
		if ok1 && ok2 {
			return u, p
		}
	}
	a.Errorf("credentials", "want a (username, password) pair of strings, got %s", describe(v))
	return "", ""
}

// portArg reads the port of a SocketHandler or DatagramHandler: null
// (Python's None) means host is the path of a Unix socket.
func portArg(a *Args) (port int, unix bool) {
	if !a.Has("port") {
		a.Require("port")
		return 0, false
	}
	if _, ok := a.Value("port"); !ok {
		return 0, true
	}
	return a.Int("port", 0), false
}
