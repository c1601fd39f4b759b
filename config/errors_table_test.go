package config_test

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/slogpy/slogpy/config"
	"github.com/slogpy/slogpy/internal/slogtestutil"
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

func TestErrorTable(t *testing.T) {
	opts := func() *config.Options {
		return &config.Options{Manager: slogpy.NewManager(), Registry: config.NewRegistry(), Stdout: io.Discard, Stderr: io.Discard}
	}
	dict := func(cfg map[string]any) func(string) error {
		return func(string) error { return config.DictConfig(cfg, opts()) }
	}
	write := func(dir, name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	fileConfig := func(text string) func(string) error {
		return func(dir string) error {
			o := &config.FileConfigOptions{Options: *opts()}
			return config.FileConfig(write(dir, "log.ini", text), o)
		}
	}
	handler := func(h map[string]any) map[string]any {
		return map[string]any{"version": 1, "handlers": map[string]any{"h": h}, "root": map[string]any{"handlers": []any{"h"}}}
	}
	cases := []errorCase{
		{"DictConfig nil", dict(nil), "config: nil configuration"},
		{"DictConfig no version", dict(map[string]any{"root": map[string]any{}}), "config: version: missing: the dictionary must say version: 1"},
		{"DictConfig version 2", dict(map[string]any{"version": 2}), "config: version: unsupported version 2 (want 1)"},
		{"DictConfig unknown class", dict(handler(map[string]any{"class": "logging.NoSuchHandler"})), "config: handlers.h.class: unknown class \"logging.NoSuchHandler\" (known handler classes: logging.NullHandler, logging.FileHandler, logging.StreamHandler, rich.logging.RichHandler, logging.handlers.HTTPHandler, logging.handlers.QueueHandler, logging.handlers.SMTPHandler, colorlog.StreamHandler, logging.handlers.SocketHandler, logging.handlers.MemoryHandler, logging.handlers.SysLogHandler, logging.handlers.BufferingHandler, logging.handlers.DatagramHandler, django.utils.log.NullHandler, logging.handlers.WatchedFileHandler, logging.handlers.NTEventLogHandler, logging.handlers.RotatingFileHandler, django.utils.log.AdminEmailHandler, logging.handlers.TimedRotatingFileHandler, logging.handlers.ConcurrentRotatingFileHandler, concurrent_log_handler.ConcurrentRotatingFileHandler); a class that is not built in needs an alias to one that is (a slogpy_aliases entry in the file, or config.Alias) or a Go factory (config.Register)"},
		{"DictConfig bad level", dict(map[string]any{"version": 1, "root": map[string]any{"level": "LOUD"}}), "config: root.level: unknown level \"LOUD\" (known: NOTSET, DEBUG, INFO, WARN, WARNING, ERROR, CRITICAL, FATAL)"},
		{"DictConfig unknown formatter", dict(handler(map[string]any{"class": "logging.StreamHandler", "formatter": "nope"})), "config: handlers.h.formatter: unknown formatter \"nope\" (known: none)"},
		{"DictConfig bad format", dict(map[string]any{"version": 1, "formatters": map[string]any{"f": map[string]any{"format": "%(name)"}}}), "config: formatters.f: formatter \"%(name)\" (style '%'): ValueError: Invalid format '%(name)' for '%' style; directive %(name) has no conversion character: write %(name)s"},
		{"DictConfig nil stream", dict(handler(map[string]any{"class": "logging.StreamHandler", "stream": "ext://sys.nowhere"})), "config: handlers.h.stream: cannot resolve ext://sys.nowhere: no such value or class (known values: sys.stderr, sys.stdout, logging.WARN, logging.DEBUG, logging.ERROR, logging.INFO, logging.NOTSET, logging.FATAL, logging.WARNING, socket.SOCK_DGRAM, socket.SOCK_STREAM, logging.CRITICAL, flask.logging.wsgi_errors_stream, logging.handlers.SYSLOG_TCP_PORT, logging.handlers.SYSLOG_UDP_PORT, logging.handlers.socket.SOCK_DGRAM, logging.handlers.socket.SOCK_STREAM, logging.handlers.SysLogHandler.LOG_ERR, logging.handlers.SysLogHandler.LOG_FTP, logging.handlers.SysLogHandler.LOG_KERN, logging.handlers.SysLogHandler.LOG_LPR, logging.handlers.SysLogHandler.LOG_NEWS, logging.handlers.SysLogHandler.LOG_NTP, logging.handlers.SysLogHandler.LOG_USER, logging.handlers.SysLogHandler.LOG_ALERT, logging.handlers.SysLogHandler.LOG_AUTH, logging.handlers.SysLogHandler.LOG_CRIT, logging.handlers.SysLogHandler.LOG_CRON, logging.handlers.SysLogHandler.LOG_DEBUG, logging.handlers.SysLogHandler.LOG_EMERG, logging.handlers.SysLogHandler.LOG_INFO, logging.handlers.SysLogHandler.LOG_MAIL, logging.handlers.SysLogHandler.LOG_UUCP, logging.handlers.SysLogHandler.LOG_DAEMON, logging.handlers.SysLogHandler.LOG_NOTICE, logging.handlers.SysLogHandler.LOG_CONSOLE, logging.handlers.SysLogHandler.LOG_LOCAL0, logging.handlers.SysLogHandler.LOG_LOCAL1, logging.handlers.SysLogHandler.LOG_LOCAL2, logging.handlers.SysLogHandler.LOG_LOCAL3, … (13 more))"},
		{"DictConfig empty filename", dict(handler(map[string]any{"class": "logging.FileHandler", "filename": ""})), "config: handlers.h: file handler: empty filename"},
		{"DictConfig unknown when", func(dir string) error {
			return config.DictConfig(handler(map[string]any{"class": "logging.handlers.TimedRotatingFileHandler",
				"filename": filepath.Join(dir, "a.log"), "when": "fortnight"}), opts())
		}, "config: handlers.h: timed rotating file handler \"{dir}/a.log\": invalid When \"fortnight\": invalid rollover interval specified (want S, M, H, D, MIDNIGHT or W0-W6)"},
		{"DictConfigFile unknown when", func(dir string) error {
			return config.DictConfigFile(write(dir, "cfg.yaml", "version: 1\nhandlers:\n  c:\n    class: logging.handlers.TimedRotatingFileHandler\n"+
				"    filename: "+filepath.Join(dir, "a.log")+"\n    when: midnite\n"), opts())
		}, "config: {dir}/cfg.yaml: handlers.c: timed rotating file handler \"{dir}/a.log\": invalid When \"midnite\": invalid rollover interval specified (want S, M, H, D, MIDNIGHT or W0-W6)"},
		{"FileConfig unknown when", func(dir string) error {
			return fileConfig("[loggers]\nkeys=root\n[handlers]\nkeys=c\n[formatters]\nkeys=\n[logger_root]\nhandlers=c\n" +
				"[handler_c]\nclass=handlers.TimedRotatingFileHandler\nargs=('" + filepath.Join(dir, "a.log") + "', 'midnite')\n")(dir)
		}, "config: {dir}/log.ini: [handler_c]: timed rotating file handler \"{dir}/a.log\": invalid When \"midnite\": invalid rollover interval specified (want S, M, H, D, MIDNIGHT or W0-W6)"},
		{"DictConfig typed map of a non-string key", dict(map[string]any{"version": 1, "loggers": map[int]any{1: nil}}), "config: loggers: want a mapping with string keys, got a Go map[int]interface {}"},
		{"DictConfig bad address", dict(handler(map[string]any{"class": "logging.handlers.SocketHandler", "host": "localhost", "port": 0})), "config: handlers.h: SocketHandler \"localhost\": port 0 out of range 1-65535"},
		{"DictConfig unknown keyword", dict(handler(map[string]any{"class": "logging.StreamHandler", "colour": "red"})), "config: handlers.h.colour: unexpected keyword argument \"colour\" for logging.StreamHandler (it takes: stream)"},
		{"DictConfigFile missing", func(dir string) error { return config.DictConfigFile(filepath.Join(dir, "none.json"), opts()) }, "config: open {dir}/none.json: no such file or directory"},
		{"DictConfigFile bad JSON", func(dir string) error {
			return config.DictConfigFile(write(dir, "c.json", `{"version": 1,`), opts())
		}, "config: {dir}/c.json: invalid JSON: unexpected EOF"},
		{"DictConfigFile bad YAML", func(dir string) error {
			return config.DictConfigFile(write(dir, "c.yaml", "version: [1\n"), opts())
		}, "config: {dir}/c.yaml: invalid YAML: line 1: did not find expected ',' or ']'"},
		{"DecodeDict not a mapping", func(string) error { _, err := config.DecodeDict([]byte("[1, 2]")); return err }, "config: invalid configuration: want a YAML mapping, got a list of 2"},
		{"DecodeDict empty", func(string) error { _, err := config.DecodeDict(nil); return err }, "config: invalid configuration: the YAML document is empty"},
		{"FileConfig missing file", func(dir string) error {
			return config.FileConfig(filepath.Join(dir, "none.ini"), &config.FileConfigOptions{Options: *opts()})
		}, "config: {dir}/none.ini: file doesn't exist"},
		{"FileConfig no loggers section", fileConfig("[handlers]\nkeys=\n"), "config: {dir}/log.ini: [formatters]: section is missing\nconfig: {dir}/log.ini: [loggers]: section is missing"},
		{"FileConfig bad INI", fileConfig("[loggers\nkeys=root\n"), "config: {dir}/log.ini: invalid INI file: unclosed section: [loggers\n"},
		{"FileConfig missing handler section", fileConfig("[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n"), "config: {dir}/log.ini: [handler_h]: section is missing (named in [handlers] keys)"},
		{"FileConfig bad args literal", fileConfig("[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n" +
			"[handler_h]\nclass=StreamHandler\nargs=(sys.stderr,\n"), "config: {dir}/log.ini: [handler_h] args: column 13: missing \")\" (in \"(sys.stderr,\")"},
		{"FileConfig bad encoding", func(dir string) error {
			return config.FileConfig(write(dir, "log.ini", "[loggers]\nkeys=root\n"), &config.FileConfigOptions{Options: *opts(), Encoding: "utf-9"})
		}, "config: {dir}/log.ini: unknown encoding \"utf-9\""},
		{"Listen bad address", func(string) error { l, err := config.Listen("localhost", nil, nil); return closeListener(l, err) }, "config: listen \"localhost\": address localhost: missing port in address"},
		{"Listen negative MaxPayload", func(string) error {
			l, err := config.Listen("127.0.0.1:0", nil, &config.ListenOptions{MaxPayload: -1})
			return closeListener(l, err)
		}, `config: listen "127.0.0.1:0": ListenOptions.MaxPayload: want a size in bytes (0 for the default), got -1`},
		{"Listen negative ReadTimeout", func(string) error {
			l, err := config.Listen("127.0.0.1:0", nil, &config.ListenOptions{ReadTimeout: -time.Second})
			return closeListener(l, err)
		}, `config: listen "127.0.0.1:0": ListenOptions.ReadTimeout: want a duration (0 for the default), got -1s`},
		{"Listen remote without AllowRemote", func(string) error { l, err := config.Listen("0.0.0.0:0", nil, nil); return closeListener(l, err) }, "config: listen \"0.0.0.0:0\": 0.0.0.0 is not a loopback address; set ListenOptions.AllowRemote to accept configurations from the network (and authenticate them with verify)"},
		{"Registry.Register bad name", func(string) error {
			return config.NewRegistry().Register("not a name", nil, func(*config.Args) (func() (any, error), error) { return nil, nil })
		}, "config: register \"not a name\": not a dotted Python name"},
		{"Registry.Register nil factory", func(string) error { return config.NewRegistry().Register("my.Handler", nil, nil) }, "config: register \"my.Handler\": nil factory"},
		{"Register bad name", func(string) error {
			return config.Register("1bad", nil, func(*config.Args) (func() (any, error), error) { return nil, nil })
		}, "config: register \"1bad\": not a dotted Python name"},
		{"RegisterValue bad name", func(string) error { return config.RegisterValue("a..b", 1) }, "config: register value \"a..b\": not a dotted Python name"},
		{"Registry.RegisterValue bad name", func(string) error { return config.NewRegistry().RegisterValue("", 1) }, "config: register value \"\": not a dotted Python name"},
	}
	runErrorTable(t, cases)
}

func closeListener(l *config.Listener, err error) error {
	if err == nil {
		return errors.Join(errors.New("Listen accepted it"), l.Close())
	}
	return err
}
