package handlers_test

import (
	"errors"
	"github.com/slogpy/slogpy/internal/slogtestutil"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// errorCase is one bad input to an exported constructor or emit path and
// the complete error text it must give ({dir} stands for the test's
// temporary directory).
type errorCase struct {
	name string
	call func(dir string) error
	want string
}

func runErrorTable(t *testing.T, cases []errorCase) {
	for _, c := range cases {
		slogtestutil.RunErrorCase(t, c.name, c.call, c.want)
	}
}

// second returns the error of a constructor, closing what it built if it
// did not fail.
func second[T interface{ Close() error }](h T, err error) error {
	if err == nil {
		h.Close()
	}
	return err
}

// emitError builds a handler whose error hook captures the first error,
// logs one record through a logger (after closing the handler when
// closeFirst), and returns the captured error.
func emitError(build func(hook func(*slogpy.Record, error)) (slogpy.Handler, error), closeFirst bool, msg string, args ...any) error {
	var got error
	hook := func(_ *slogpy.Record, err error) {
		if got == nil {
			got = err
		}
	}
	h, err := build(hook)
	if err != nil {
		return errors.New("constructor failed: " + err.Error())
	}
	if closeFirst {
		h.Close()
	} else {
		defer h.Close()
	}
	l := slogpy.NewManager().GetLogger("t")
	l.AddHandler(slogpy.AsSlog(h))
	l.Error(msg, args...)
	return got
}

func TestErrorTable(t *testing.T) {
	file := func(dir string) string { return filepath.Join(dir, "app.log") }
	hopts := func(hook func(*slogpy.Record, error)) slogpy.HandlerOptions {
		return slogpy.HandlerOptions{ErrorHandler: hook}
	}
	cases := []errorCase{
		// File handlers.
		{"RotatingFileHandler empty filename", func(string) error { return second(handlers.NewRotatingFileHandler("", nil)) }, "handlers: rotating file handler: empty filename"},
		{"RotatingFileHandler directory", func(dir string) error { return second(handlers.NewRotatingFileHandler(dir, nil)) }, "handlers: rotating file handler: open {dir}: is a directory"},
		{"RotatingFileHandler missing directory", func(dir string) error {
			return second(handlers.NewRotatingFileHandler(filepath.Join(dir, "no", "app.log"), nil))
		}, "handlers: rotating file handler: open {dir}/no/app.log: no such file or directory"},
		{"RotatingFileHandler negative MaxBytes", func(dir string) error {
			return second(handlers.NewRotatingFileHandler(file(dir), &handlers.RotatingFileHandlerOptions{MaxBytes: -1}))
		}, "handlers: rotating file handler \"{dir}/app.log\": MaxBytes -1 is negative"},
		{"RotatingFileHandler negative BackupCount", func(dir string) error {
			return second(handlers.NewRotatingFileHandler(file(dir), &handlers.RotatingFileHandlerOptions{BackupCount: -1}))
		}, "handlers: rotating file handler \"{dir}/app.log\": BackupCount -1 is negative"},
		{"RotatingFileHandler bad Mode", func(dir string) error {
			return second(handlers.NewRotatingFileHandler(file(dir), &handlers.RotatingFileHandlerOptions{FileHandlerOptions: slogpy.FileHandlerOptions{Mode: "q"}}))
		}, "handlers: rotating file handler \"{dir}/app.log\": invalid mode \"q\" (want a, w or x, with optional + and b)"},
		{"RotatingFileHandler bad Encoding", func(dir string) error {
			return second(handlers.NewRotatingFileHandler(file(dir), &handlers.RotatingFileHandlerOptions{FileHandlerOptions: slogpy.FileHandlerOptions{Encoding: "klingon"}}))
		}, "handlers: rotating file handler \"{dir}/app.log\": unknown encoding \"klingon\""},
		{"TimedRotatingFileHandler empty filename", func(string) error { return second(handlers.NewTimedRotatingFileHandler("", nil)) }, "handlers: timed rotating file handler: empty filename"},
		{"TimedRotatingFileHandler unknown When", func(dir string) error {
			return second(handlers.NewTimedRotatingFileHandler(file(dir), &handlers.TimedRotatingFileHandlerOptions{When: "fortnight"}))
		}, "handlers: timed rotating file handler \"{dir}/app.log\": invalid When \"fortnight\": invalid rollover interval specified (want S, M, H, D, MIDNIGHT or W0-W6)"},
		{"TimedRotatingFileHandler W7", func(dir string) error {
			return second(handlers.NewTimedRotatingFileHandler(file(dir), &handlers.TimedRotatingFileHandlerOptions{When: "W7"}))
		}, "handlers: timed rotating file handler \"{dir}/app.log\": invalid When \"W7\": invalid day specified for weekly rollover (want W0-W6, 0 is Monday)"},
		{"TimedRotatingFileHandler negative Interval", func(dir string) error {
			return second(handlers.NewTimedRotatingFileHandler(file(dir), &handlers.TimedRotatingFileHandlerOptions{Interval: -1}))
		}, "handlers: timed rotating file handler \"{dir}/app.log\": invalid Interval -1: must be positive"},
		{"TimedRotatingFileHandler negative BackupCount", func(dir string) error {
			return second(handlers.NewTimedRotatingFileHandler(file(dir), &handlers.TimedRotatingFileHandlerOptions{BackupCount: -2}))
		}, "handlers: timed rotating file handler \"{dir}/app.log\": BackupCount -2 is negative"},
		{"TimedRotatingFileHandler bad AtTime", func(dir string) error {
			return second(handlers.NewTimedRotatingFileHandler(file(dir), &handlers.TimedRotatingFileHandlerOptions{When: "midnight", AtTime: "25:00"}))
		}, "handlers: timed rotating file handler \"{dir}/app.log\": invalid AtTime \"25:00\": want HH:MM or HH:MM:SS (hour 0-23, minute and second 0-59)"},
		{"WatchedFileHandler empty filename", func(string) error { return second(handlers.NewWatchedFileHandler("", nil)) }, "handlers: watched file handler: empty filename"},
		{"WatchedFileHandler directory", func(dir string) error { return second(handlers.NewWatchedFileHandler(dir, nil)) }, "handlers: watched file handler: open {dir}: is a directory"},
		{"WatchedFileHandler bad Errors", func(dir string) error {
			return second(handlers.NewWatchedFileHandler(file(dir), &slogpy.FileHandlerOptions{Errors: "explode"}))
		}, "handlers: watched file handler \"{dir}/app.log\": unknown errors mode \"explode\" (want strict, ignore, replace, backslashreplace or xmlcharrefreplace)"},
		{"LumberjackHandler nil logger", func(string) error { return second(handlers.NewLumberjackHandler(nil, nil)) }, "handlers: lumberjack handler: nil *lumberjack.Logger"},
		{"LumberjackHandler empty Filename", func(string) error { return second(handlers.NewLumberjackHandler(&lumberjack.Logger{}, nil)) }, "handlers: lumberjack handler: empty Filename"},
		{"LumberjackHandler unwritable", func(dir string) error {
			if err := os.WriteFile(filepath.Join(dir, "f"), nil, 0o600); err != nil {
				return err
			}
			return second(handlers.NewLumberjackHandler(&lumberjack.Logger{Filename: filepath.Join(dir, "f", "app.log")}, nil))
		}, "handlers: lumberjack handler: mkdir {dir}/f: not a directory"},
		// Buffering and queue handlers.
		{"BufferingHandler negative capacity", func(string) error { return second(handlers.NewBufferingHandler(-1, nil)) }, "handlers: buffering handler: negative capacity -1"},
		{"MemoryHandler negative capacity", func(string) error { return second(handlers.NewMemoryHandler(-1, nil, nil)) }, "handlers: memory handler: negative capacity -1"},
		{"QueueListener nil queue", func(string) error {
			_, err := handlers.NewQueueListener(nil, []slog.Handler{slogpy.NewNullHandler()}, nil)
			return err
		}, "handlers: queue listener: nil queue"},
		{"QueueListener nil handler", func(string) error {
			_, err := handlers.NewQueueListener(handlers.NewChanQueue(1), []slog.Handler{nil}, nil)
			return err
		}, "handlers: queue listener: handler 0 is nil"},
		{"QueueListener feeding its own queue", func(string) error {
			qh := handlers.NewQueueHandler(nil, nil)
			_, err := handlers.NewQueueListener(qh.Queue(), []slog.Handler{slogpy.NewNullHandler(), qh}, nil)
			return err
		}, "handlers: queue listener: handler 1 puts records back on the listener's own queue"},
		// Network handlers.
		{"SocketHandler empty host", func(string) error { return second(handlers.NewSocketHandler("", 9020, nil)) }, "handlers: SocketHandler: empty host"},
		{"SocketHandler port 0", func(string) error { return second(handlers.NewSocketHandler("localhost", 0, nil)) }, "handlers: SocketHandler \"localhost\": port 0 out of range 1-65535"},
		{"SocketHandler port 65536", func(string) error { return second(handlers.NewSocketHandler("localhost", 65536, nil)) }, "handlers: SocketHandler \"localhost\": port 65536 out of range 1-65535"},
		{"SocketHandler bracketed host", func(string) error { return second(handlers.NewSocketHandler("[::1]", 9020, nil)) }, "handlers: SocketHandler \"[::1]\": not a host name or IP address (an IPv6 address goes without brackets)"},
		{"SocketHandler negative Timeout", func(string) error {
			return second(handlers.NewSocketHandler("localhost", 9020, &handlers.SocketHandlerOptions{Timeout: -1}))
		}, "handlers: SocketHandler tcp localhost:9020: Timeout -1ns is negative"},
		{"SocketHandler RetryFactor below 1", func(string) error {
			return second(handlers.NewSocketHandler("localhost", 9020, &handlers.SocketHandlerOptions{RetryFactor: 0.5}))
		}, "handlers: SocketHandler tcp localhost:9020: RetryFactor 0.5 is below 1"},
		{"UnixSocketHandler empty path", func(string) error { return second(handlers.NewUnixSocketHandler("", nil)) }, "handlers: SocketHandler: empty Unix socket path"},
		{"DatagramHandler empty host", func(string) error { return second(handlers.NewDatagramHandler("", 9021, nil)) }, "handlers: DatagramHandler: empty host"},
		{"DatagramHandler negative port", func(string) error { return second(handlers.NewDatagramHandler("localhost", -1, nil)) }, "handlers: DatagramHandler \"localhost\": port -1 out of range 1-65535"},
		{"UnixDatagramHandler empty path", func(string) error { return second(handlers.NewUnixDatagramHandler("", nil)) }, "handlers: DatagramHandler: empty Unix socket path"},
		{"SysLogHandler bad address", func(string) error { return second(handlers.NewSysLogHandler("localhost", nil)) }, "handlers: SysLogHandler udp localhost: address localhost: missing port in address"},
		{"SysLogHandler unknown facility", func(string) error {
			return second(handlers.NewSysLogHandler("localhost:514", &handlers.SysLogHandlerOptions{Facility: "kitchen"}))
		}, "handlers: SysLogHandler udp localhost:514: unknown syslog facility \"kitchen\" (want a number or one of auth, authpriv, console, cron, daemon, ftp, kern, local0, local1, local2, local3, local4, local5, local6, local7, lpr, mail, news, ntp, security, solaris-cron, syslog, user, uucp)"},
		{"SysLogHandler unknown network", func(string) error {
			return second(handlers.NewSysLogHandler("localhost:514", &handlers.SysLogHandlerOptions{Network: "sctp"}))
		}, "handlers: SysLogHandler sctp localhost:514: unknown Network \"sctp\" (want udp, tcp, unixgram or unix)"},
		{"SysLogHandler unknown framing", func(string) error {
			return second(handlers.NewSysLogHandler("localhost:514", &handlers.SysLogHandlerOptions{Framing: "json"}))
		}, "handlers: SysLogHandler udp localhost:514: unknown Framing \"json\" (want \"octet-counting\", \"non-transparent\" or \"none\")"},
		{"EncodePriority unknown priority", func(string) error { _, err := handlers.EncodePriority("user", "loud"); return err }, "handlers: unknown syslog priority \"loud\" (want a number or one of alert, crit, critical, debug, emerg, err, error, info, notice, panic, warn, warning)"},
		{"EncodePriority huge facility", func(string) error { _, err := handlers.EncodePriority("99999999999", "info"); return err }, "handlers: unknown syslog facility \"99999999999\" (want a number or one of auth, authpriv, console, cron, daemon, ftp, kern, local0, local1, local2, local3, local4, local5, local6, local7, lpr, mail, news, ntp, security, solaris-cron, syslog, user, uucp)"},
		{"HTTPHandler bad method", func(string) error {
			return second(handlers.NewHTTPHandler("localhost", "/log", &handlers.HTTPHandlerOptions{Method: "PUT"}))
		}, "handlers: HTTPHandler http://localhost/log: method must be GET or POST, not \"PUT\""},
		{"HTTPHandler credentials over http", func(string) error {
			return second(handlers.NewHTTPHandler("localhost", "/log", &handlers.HTTPHandlerOptions{Username: "u", Password: "p"}))
		}, "handlers: HTTPHandler http://localhost/log: credentials over plain HTTP would be readable by anyone on the path; set Secure, or AllowInsecureCredentials"},
		{"HTTPHandler bad host", func(string) error { return second(handlers.NewHTTPHandler("local host", "/log", nil)) }, "handlers: HTTPHandler http://local host/log: parse \"http://local host/log\": invalid character \" \" in host name"},
		{"HTTPHandler empty host", func(string) error { return second(handlers.NewHTTPHandler("", "/log", nil)) }, "handlers: HTTPHandler http:///log: empty host"},
		{"SMTPHandler no recipients", func(string) error {
			return second(handlers.NewSMTPHandler("localhost", "a@example.com", nil, "s", nil))
		}, "handlers: SMTPHandler localhost: no recipients"},
		{"SMTPHandler bad from", func(string) error {
			return second(handlers.NewSMTPHandler("localhost", "not an address", []string{"b@example.com"}, "s", nil))
		}, "handlers: SMTPHandler localhost: from address \"not an address\": mail: no angle-addr"},
		{"SMTPHandler port out of range", func(string) error {
			return second(handlers.NewSMTPHandler("localhost:99999", "a@example.com", []string{"b@example.com"}, "s", nil))
		}, `handlers: SMTPHandler "localhost": port 99999 out of range 1-65535`},
		{"SMTPHandler port not a number", func(string) error {
			return second(handlers.NewSMTPHandler("localhost:smtp", "a@example.com", []string{"b@example.com"}, "s", nil))
		}, `handlers: SMTPHandler localhost:smtp: port "smtp" is not a number`},
		{"SMTPHandler both TLS modes", func(string) error {
			return second(handlers.NewSMTPHandler("localhost", "a@example.com", []string{"b@example.com"}, "s",
				&handlers.SMTPHandlerOptions{StartTLS: true, ImplicitTLS: true}))
		}, "handlers: SMTPHandler localhost: StartTLS and ImplicitTLS are exclusive"},
		{"SMTPHandler credentials without TLS", func(string) error {
			return second(handlers.NewSMTPHandler("localhost", "a@example.com", []string{"b@example.com"}, "s",
				&handlers.SMTPHandlerOptions{Username: "u", Password: "p"}))
		}, "handlers: SMTPHandler localhost: a password without TLS would be readable by anyone on the path; set StartTLS or ImplicitTLS, or AllowInsecureAuth"},
		// Emit paths.
		{"SocketHandler emit after Close", func(string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return handlers.NewSocketHandler("127.0.0.1", 9, &handlers.SocketHandlerOptions{HandlerOptions: hopts(hook)})
			}, true, "x")
		}, "handlers: SocketHandler tcp 127.0.0.1:9: slogpy: handler is closed"},
		{"DatagramHandler emit after Close", func(string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return handlers.NewDatagramHandler("127.0.0.1", 9, &handlers.DatagramHandlerOptions{HandlerOptions: hopts(hook)})
			}, true, "x")
		}, "handlers: DatagramHandler udp 127.0.0.1:9: slogpy: handler is closed"},
		{"SysLogHandler emit after Close", func(string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return handlers.NewSysLogHandler("127.0.0.1:9", &handlers.SysLogHandlerOptions{HandlerOptions: hopts(hook)})
			}, true, "x")
		}, "handlers: SysLogHandler udp 127.0.0.1:9: slogpy: handler is closed"},
		{"RotatingFileHandler mode w emit after Close", func(dir string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return handlers.NewRotatingFileHandler(file(dir), &handlers.RotatingFileHandlerOptions{
					FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: hopts(hook), Mode: "w"}})
			}, true, "x")
		}, "slogpy: handler is closed"},
		{"QueueHandler DropWhenFull full queue", func(string) error {
			var got error
			h := handlers.NewQueueHandler(handlers.NewChanQueue(1), &handlers.QueueHandlerOptions{DropWhenFull: true,
				HandlerOptions: slogpy.HandlerOptions{ErrorHandler: func(_ *slogpy.Record, err error) { got = err }}})
			l := slogpy.NewManager().GetLogger("t")
			l.AddHandler(h)
			l.Error("kept")
			l.Error("dropped")
			if got == nil {
				return nil
			}
			return errors.Join(got, h.Close())
		}, "handlers: queue is full (capacity 1): dropping records until it has room (1 dropped so far)\nhandlers: queue handler: 1 records were not enqueued (queue full or failing)"},
		{"MemoryHandler target bad message", func(string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return handlers.NewMemoryHandler(0, slogpy.NewStreamHandler(io.Discard, &slogpy.HandlerOptions{ErrorHandler: hook}), nil)
			}, false, "n=%d", "x")
		}, "TypeError: %d format: a real number is required, not str"},
		{"SocketHandler bad message", func(string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return handlers.NewSocketHandler("127.0.0.1", 9, &handlers.SocketHandlerOptions{HandlerOptions: hopts(hook)})
			}, false, "n=%d", "x")
		}, "TypeError: %d format: a real number is required, not str"},
	}
	if runtime.GOOS != "windows" {
		cases = append(cases, errorCase{"NTEventLogHandler off Windows", func(string) error {
			return second(handlers.NewNTEventLogHandler("app", nil))
		}, "handlers: NT event log handler \"app\": the Windows event log is Windows-only, not available on " + runtime.GOOS + ": unsupported operation"})
	}
	runErrorTable(t, cases)
}
