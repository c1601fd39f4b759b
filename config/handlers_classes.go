package config

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// This file registers the classes of Python's logging.handlers that
// package handlers has, each under its Python name with the parameters of
// its Python constructor, in Python's order:
//
//	logging.handlers.WatchedFileHandler        filename, mode, encoding, delay, errors
//	logging.handlers.RotatingFileHandler       filename, mode, maxBytes, backupCount, encoding, delay, errors
//	logging.handlers.TimedRotatingFileHandler  filename, when, interval, backupCount, encoding, delay, utc, atTime, errors
//	logging.handlers.SocketHandler             host, port
//	logging.handlers.DatagramHandler           host, port
//	logging.handlers.SysLogHandler             address, facility, socktype
//	logging.handlers.HTTPHandler               host, url, method, secure, credentials, context
//	logging.handlers.SMTPHandler               mailhost, fromaddr, toaddrs, subject, credentials, secure, timeout
//	logging.handlers.BufferingHandler          capacity
//	logging.handlers.MemoryHandler             capacity, flushLevel, target, flushOnClose
//	logging.handlers.QueueHandler              queue, listener, handlers, respect_handler_level
//	logging.handlers.QueueListener             queue, handlers, respect_handler_level
//	logging.handlers.NTEventLogHandler         appname, dllname, logtype
//	queue.Queue                                maxsize
//	queue.SimpleQueue
//
// plus the constants of logging.handlers (ports, syslog priorities and
// facilities) for ext:// and fileConfig's args.

// registerHandlerClasses registers the classes of package handlers.
func registerHandlerClasses(r *Registry) {
	r.mustRegister("logging.handlers.WatchedFileHandler", fileParams, func(a *Args) (any, error) {
		a.Require("filename")
		filename := a.String("filename", "")
		o := fileOptions(a)
		if err := a.Err(); err != nil {
			return nil, err
		}
		return handlers.NewWatchedFileHandler(filename, &o)
	})
	r.mustRegister("logging.handlers.RotatingFileHandler",
		[]string{"filename", "mode", "maxBytes", "backupCount", "encoding", "delay", "errors"},
		func(a *Args) (any, error) {
			a.Require("filename")
			filename := a.String("filename", "")
			o := handlers.RotatingFileHandlerOptions{
				FileHandlerOptions: fileOptions(a),
				MaxBytes:           int64(a.Int("maxBytes", 0)),
				BackupCount:        a.Int("backupCount", 0),
			}
			if err := a.Err(); err != nil {
				return nil, err
			}
			return handlers.NewRotatingFileHandler(filename, &o)
		})
	r.mustRegister("logging.handlers.TimedRotatingFileHandler",
		[]string{"filename", "when", "interval", "backupCount", "encoding", "delay", "utc", "atTime", "errors"},
		func(a *Args) (any, error) {
			a.Require("filename")
			filename := a.String("filename", "")
			fo := fileOptions(a)
			o := handlers.TimedRotatingFileHandlerOptions{
				FileHandlerOptions: fo,
				When:               a.String("when", "h"),
				Interval:           a.Int("interval", 1),
				BackupCount:        a.Int("backupCount", 0),
				UTC:                a.Bool("utc", false),
				AtTime:             a.String("atTime", ""),
			}
			if err := a.Err(); err != nil {
				return nil, err
			}
			return handlers.NewTimedRotatingFileHandler(filename, &o)
		})
	r.mustRegister("logging.handlers.SocketHandler", []string{"host", "port"}, func(a *Args) (any, error) {
		a.Require("host")
		host := a.String("host", "")
		port, unix := portArg(a)
		if err := a.Err(); err != nil {
			return nil, err
		}
		if unix {
			return handlers.NewUnixSocketHandler(host, nil)
		}
		return handlers.NewSocketHandler(host, port, nil)
	})
	r.mustRegister("logging.handlers.DatagramHandler", []string{"host", "port"}, func(a *Args) (any, error) {
		a.Require("host")
		host := a.String("host", "")
		port, unix := portArg(a)
		if err := a.Err(); err != nil {
			return nil, err
		}
		if unix {
			return handlers.NewUnixDatagramHandler(host, nil)
		}
		return handlers.NewDatagramHandler(host, port, nil)
	})
	r.mustRegister("logging.handlers.SysLogHandler", []string{"address", "facility", "socktype"}, func(a *Args) (any, error) {
		address, unix := syslogAddress(a)
		o := handlers.SysLogHandlerOptions{Facility: syslogFacility(a)}
		if a.Has("socktype") {
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
		}
		if err := a.Err(); err != nil {
			return nil, err
		}
		return handlers.NewSysLogHandler(address, &o)
	})
	r.mustRegister("logging.handlers.HTTPHandler", []string{"host", "url", "method", "secure", "credentials", "context"}, func(a *Args) (any, error) {
		a.Require("host", "url")
		host, url := a.String("host", ""), a.String("url", "")
		o := handlers.HTTPHandlerOptions{Method: a.String("method", "GET"), Secure: a.Bool("secure", false)}
		o.Username, o.Password = credentialsArg(a)
		if v, ok := a.Value("context"); ok {
			tc, isTLS := v.(*tls.Config)
			if !isTLS {
				a.Errorf("context", "want a *tls.Config (registered with RegisterValue and named with ext://), got %s", describe(v))
			}
			o.TLSConfig = tc
		}
		if err := a.Err(); err != nil {
			return nil, err
		}
		return handlers.NewHTTPHandler(host, url, &o)
	})
	r.mustRegister("logging.handlers.SMTPHandler",
		[]string{"mailhost", "fromaddr", "toaddrs", "subject", "credentials", "secure", "timeout"},
		func(a *Args) (any, error) {
			a.Require("mailhost", "fromaddr", "toaddrs", "subject")
			mailhost := hostPortArg(a, "mailhost")
			from, to, subject := a.String("fromaddr", ""), a.Strings("toaddrs"), a.String("subject", "")
			var o handlers.SMTPHandlerOptions
			o.Username, o.Password = credentialsArg(a)
			o.Timeout = time.Duration(a.Float("timeout", 5) * float64(time.Second))
			var certs []string
			if a.Has("secure") {
				if v, ok := a.Value("secure"); ok {
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
				}
			}
			if err := a.Err(); err != nil {
				return nil, err
			}
			if len(certs) == 2 {
				cert, err := tls.LoadX509KeyPair(certs[1], certs[0])
				if err != nil {
					return nil, &Error{Path: a.at("secure"), Err: err}
				}
				host, _, err := net.SplitHostPort(mailhost)
				if err != nil {
					host = mailhost
				}
				o.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, ServerName: host}
			}
			return handlers.NewSMTPHandler(mailhost, from, to, subject, &o)
		})
	r.mustRegister("logging.handlers.BufferingHandler", []string{"capacity"}, func(a *Args) (any, error) {
		a.Require("capacity")
		capacity := a.Int("capacity", 0)
		if err := a.Err(); err != nil {
			return nil, err
		}
		return handlers.NewBufferingHandler(capacity, nil)
	})
	r.mustRegister("logging.handlers.MemoryHandler",
		[]string{"capacity", "flushLevel", "target", "flushOnClose"},
		func(a *Args) (any, error) {
			a.Require("capacity")
			capacity := a.Int("capacity", 0)
			o := handlers.MemoryHandlerOptions{
				FlushLevel:     a.Level("flushLevel", levels.Error),
				NoFlushOnClose: !a.Bool("flushOnClose", true),
			}
			target := a.Handler("target")
			if err := a.Err(); err != nil {
				return nil, err
			}
			return handlers.NewMemoryHandler(capacity, target, &o)
		})
	r.mustRegister("logging.handlers.QueueHandler",
		[]string{"queue", "listener", "handlers", "respect_handler_level"},
		newQueueHandler)
	r.mustRegister("logging.handlers.QueueListener",
		[]string{"queue", "handlers", "respect_handler_level"},
		func(a *Args) (any, error) {
			a.Require("queue")
			q := queueArg(a)
			hs := a.Handlers("handlers")
			rhl := a.Bool("respect_handler_level", false)
			if err := a.Err(); err != nil {
				return nil, err
			}
			return handlers.NewQueueListener(q, hs, &handlers.QueueListenerOptions{RespectHandlerLevel: rhl})
		})
	r.mustRegister("logging.handlers.NTEventLogHandler", []string{"appname", "dllname", "logtype"}, func(a *Args) (any, error) {
		a.Require("appname")
		appname := a.String("appname", "")
		o := handlers.NTEventLogHandlerOptions{
			DLLName: a.String("dllname", ""),
			LogType: a.String("logtype", ""),
		}
		if err := a.Err(); err != nil {
			return nil, err
		}
		return handlers.NewNTEventLogHandler(appname, &o)
	})
	r.mustRegister("queue.Queue", []string{"maxsize"}, func(a *Args) (any, error) {
		n := a.Int("maxsize", 0)
		if err := a.Err(); err != nil {
			return nil, err
		}
		return handlers.NewChanQueue(n), nil
	})
	r.mustRegister("queue.SimpleQueue", []string{}, func(a *Args) (any, error) {
		return handlers.NewChanQueue(0), nil
	})

	for name, v := range map[string]int64{
		"DEFAULT_TCP_LOGGING_PORT":  9020,
		"DEFAULT_UDP_LOGGING_PORT":  9021,
		"DEFAULT_HTTP_LOGGING_PORT": 9022,
		"DEFAULT_SOAP_LOGGING_PORT": 9023,
		"SYSLOG_UDP_PORT":           514,
		"SYSLOG_TCP_PORT":           514,
	} {
		r.mustValue("logging.handlers."+name, v)
	}
	for name, v := range syslogConstants {
		r.mustValue("logging.handlers.SysLogHandler."+name, v)
	}
	r.mustValue("logging.handlers.socket.SOCK_STREAM", int64(1))
	r.mustValue("logging.handlers.socket.SOCK_DGRAM", int64(2))
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
		if !strings.HasPrefix(s, "/") && !strings.HasPrefix(s, ".") && !strings.HasPrefix(s, "@") {
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

// queueArg reads a queue: a class name or "()" mapping that makes one, or
// a handlers.Queue; absent means a new queue, as Python's queue.Queue().
func queueArg(a *Args) handlers.Queue {
	obj := a.Object("queue")
	switch q := obj.(type) {
	case nil:
		return handlers.NewChanQueue(0)
	case handlers.Queue:
		return q
	}
	a.Errorf("queue", "want a queue (queue.Queue, a \"()\" mapping or a handlers.Queue), got %s", describe(obj))
	return nil
}

// newQueueHandler is the factory of logging.handlers.QueueHandler, as
// Python 3.12's dictConfig makes it: the queue, and a listener (of class
// listener, logging.handlers.QueueListener by default) passing the
// queue's records to handlers.
func newQueueHandler(a *Args) (any, error) {
	q := queueArg(a)
	hs := a.Handlers("handlers")
	rhl := a.Bool("respect_handler_level", false)
	lclass, _ := a.ctx.reg.lookupClass("logging.handlers.QueueListener")
	if v, ok := a.Value("listener"); ok {
		cl, err := a.ctx.reg.resolveClass(v, "")
		if err != nil {
			a.fail("listener", err)
		} else {
			lclass = cl
		}
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	la, err := newArgs(a.ctx, a.at("listener"), lclass, nil, nil,
		map[string]any{"queue": q, "handlers": hs, "respect_handler_level": rhl})
	if err != nil {
		return nil, err
	}
	obj, err := a.ctx.invoke(lclass, la)
	if err != nil {
		return nil, err
	}
	l, ok := obj.(Service)
	if !ok {
		closeObject(obj)
		return nil, &Error{Path: a.at("listener"), Err: fmt.Errorf("%s made %s, not a listener (with Start and Stop)", lclass.name, describe(obj))}
	}
	h := &QueueHandler{QueueHandler: handlers.NewQueueHandler(q, nil), listener: l}
	a.Manage(h)
	return h, nil
}

// A QueueHandler is the handler a configuration makes for
// logging.handlers.QueueHandler: a [handlers.QueueHandler] with the queue
// listener the configuration made for it, as Python 3.12's dictConfig
// sets handler.listener. The configuration starts the listener when it is
// applied (Python leaves that to the program) and stops it when it is
// replaced; Close stops it too, so that slogpy.Shutdown hands every
// queued record to the listener's handlers before they are closed. A
// record that reaches the handler after Close (a logging call that
// started before a new configuration replaced it) is handed to the
// listener's handlers directly rather than left in a queue nobody reads.
// Its methods are safe for concurrent use.
type QueueHandler struct {
	*handlers.QueueHandler
	listener Service

	mu      sync.RWMutex // held for reading while a record is enqueued
	running bool
	closed  bool
}

var _ slogpy.Handler = (*QueueHandler)(nil)

// Listener returns the listener, a *handlers.QueueListener unless the
// configuration named another class.
func (h *QueueHandler) Listener() Service { return h.listener }

// Start starts the listener.
func (h *QueueHandler) Start() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.running {
		return nil
	}
	if err := h.listener.Start(); err != nil {
		return err
	}
	h.running = true
	return nil
}

// Stop stops the listener once every record queued so far is handled.
func (h *QueueHandler) Stop() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stopLocked()
}

func (h *QueueHandler) stopLocked() error {
	if !h.running {
		return nil
	}
	h.running = false
	return h.listener.Stop()
}

// HandleRecord enqueues r for the listener; after Close it hands r to the
// listener's handlers directly.
func (h *QueueHandler) HandleRecord(r *slogpy.Record) error {
	h.mu.RLock()
	if !h.closed {
		defer h.mu.RUnlock()
		return h.QueueHandler.HandleRecord(r)
	}
	h.mu.RUnlock()
	l, ok := h.listener.(*handlers.QueueListener)
	if !ok {
		err := errors.New("config: queue handler: record after Close, and the listener cannot take it directly")
		h.HandleError(r, err)
		return err
	}
	p, err := h.Prepare(r)
	if err != nil {
		h.HandleError(r, err)
		return err
	}
	l.Handle(p)
	return nil
}

// Close stops the listener, then closes the queue handler.
func (h *QueueHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	h.closed = true
	return errors.Join(h.stopLocked(), h.QueueHandler.Close())
}
