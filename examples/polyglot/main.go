// Command polyglot is the Go half of a service that exists in Python too
// (service.py, next to it): the same work, logged through the same
// configuration file, logging.yaml (dictConfig) or logging.conf
// (fileConfig). It is the first thing a team porting a Python service tries:
// point the Go service at the Python service's logging config and get the
// same log lines. main_test.go runs both and compares what they write.
//
//	go run ./examples/polyglot -config examples/polyglot/logging.yaml [-port 9020] [-clock 1772366280]
//
// What maps to what:
//
//	logging.getLogger("lib").addHandler(NullHandler())  m.GetLogger("lib").AddHandler(slogpy.NewNullHandler())
//	logging.config.dictConfig(yaml.safe_load(f))        config.DecodeDict + config.DictConfig
//	logging.config.fileConfig(p, defaults, False)       config.FileConfig(p, &config.FileConfigOptions{Defaults, KeepExistingLoggers: true})
//	class RequestAdapter(LoggerAdapter): process()       adapter.New(l, extra, &adapter.Options{Process: …})
//	except ValueError: http.exception(msg, arg)          http.Exception(err, msg, arg)
//	extra={"user": "ann"}                               slog.String("user", "ann")
//
// -clock fixes the clock for tests (Python's script patches time.time): the
// records' time and the TimedRotatingFileHandler's clock read it, and the
// service moves it on by the same step as service.py before each unit of
// work. The timed handler is configured with delay: true on both sides:
// without it CPython takes the first rollover time from the log file's
// modification time (the real clock, as the file was just created), which no
// patched clock can reach.
package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/config"
	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// step is the time between units of work under -clock, as STEP in
// service.py.
const step = 397250 * time.Millisecond

// options are the service's settings: its flags, plus where it writes and
// which logger tree it configures (tests use their own).
type options struct {
	Config  string          // logging.yaml or logging.conf
	Port    int             // the socket handler's port
	Clock   *clock          // nil: the real clock
	Stdout  io.Writer       // ext://sys.stdout; nil means os.Stdout
	Manager *slogpy.Manager // nil means slogpy.DefaultManager()
}

// clock is a settable clock shared by the records and the timed rotating
// handler. It is safe for concurrent use.
type clock struct{ ns atomic.Int64 }

func newClock(t time.Time) *clock {
	c := &clock{}
	c.ns.Store(t.UnixNano())
	return c
}

func (c *clock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *clock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// Filter stamps a record with the clock's time: Python's patched
// time.time, seen by LogRecord.__init__.
func (c *clock) Filter(r *slogpy.Record) *slogpy.Record {
	r.Time = c.Now()
	return r
}

func main() {
	o := options{}
	flag.StringVar(&o.Config, "config", "", "logging.yaml (dictConfig) or logging.conf (fileConfig)")
	flag.IntVar(&o.Port, "port", 9020, "port of the socket handler (Python's DEFAULT_TCP_LOGGING_PORT by default)")
	flag.Func("clock", "fixed clock, in seconds since the epoch (for tests)", func(s string) error {
		sec, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(sec) || math.IsInf(sec, 0) {
			return fmt.Errorf("want seconds since the epoch, got %q", s)
		}
		whole, frac := math.Modf(sec)
		o.Clock = newClock(time.Unix(int64(whole), int64(math.Round(frac*1e9))))
		return nil
	})
	flag.Parse()
	if o.Config == "" {
		fmt.Fprintln(os.Stderr, "polyglot: -config is required")
		flag.Usage()
		os.Exit(2)
	}
	if err := run(o); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run configures logging from o.Config, does the work and shuts logging
// down, as service.py's main.
func run(o options) error {
	m := o.Manager
	if m == nil {
		m = slogpy.DefaultManager()
	}
	// A library does this at init: a NullHandler and no level.
	lib := m.GetLogger("lib")
	lib.AddHandler(slogpy.NewNullHandler())

	if err := configure(m, o); err != nil {
		return err
	}
	app, db, http := m.GetLogger("app"), m.GetLogger("app.db"), m.GetLogger("app.http")
	if o.Clock != nil {
		// Logger filters see each record once, on the logger it is
		// logged on, before any handler.
		for _, l := range []*slogpy.Logger{lib, app, db, http} {
			l.AddFilter(o.Clock)
		}
	}
	req := adapter.New(http, []slog.Attr{slog.String("request_id", "r-42")}, &adapter.Options{
		// service.py's RequestAdapter.process.
		Process: func(a *adapter.LoggerAdapter, msg string, args []any) (string, []any) {
			id := a.Extra()[0].Value.String()
			return a.DefaultProcess("["+id+"] "+msg, args)
		},
	})
	work(o.Clock, app, db, lib, req)
	return m.Shutdown()
}

// configure applies the configuration file, overriding the socket
// handler's port, as service.py's configure.
func configure(m *slogpy.Manager, o options) error {
	opts := config.Options{Manager: m, Stdout: o.Stdout}
	if o.Clock != nil {
		opts.Registry = clockRegistry(o.Clock)
	}
	if strings.HasSuffix(o.Config, ".conf") {
		return config.FileConfig(o.Config, &config.FileConfigOptions{
			Options:             opts,
			Defaults:            map[string]string{"port": strconv.Itoa(o.Port)},
			KeepExistingLoggers: true, // disable_existing_loggers=False
		})
	}
	data, err := os.ReadFile(o.Config)
	if err != nil {
		return fmt.Errorf("polyglot: %w", err)
	}
	cfg, err := config.DecodeDict(data)
	if err != nil {
		return fmt.Errorf("polyglot: %s: %w", o.Config, err)
	}
	hs, _ := cfg["handlers"].(map[string]any)
	socket, ok := hs["socket"].(map[string]any)
	if !ok {
		return fmt.Errorf("polyglot: %s: handlers.socket: missing or not a mapping", o.Config)
	}
	socket["port"] = o.Port
	return config.DictConfig(cfg, &opts)
}

// clockRegistry returns the built-in classes with
// logging.handlers.TimedRotatingFileHandler reading c: the Go counterpart
// of service.py patching time.time, which CPython's handler reads.
func clockRegistry(c *clock) *config.Registry {
	r := config.NewRegistry()
	params, _ := r.Params("logging.handlers.TimedRotatingFileHandler")
	err := r.Register("logging.handlers.TimedRotatingFileHandler", params, func(a *config.Args) (func() (any, error), error) {
		a.Require("filename")
		o := handlers.TimedRotatingFileHandlerOptions{
			FileHandlerOptions: slogpy.FileHandlerOptions{
				Encoding: a.String("encoding", ""),
				Delay:    a.Bool("delay", false),
				Errors:   a.String("errors", ""),
			},
			When:        a.String("when", "h"),
			Interval:    a.Int("interval", 1),
			BackupCount: a.Int("backupCount", 0),
			UTC:         a.Bool("utc", false),
			AtTime:      a.String("atTime", ""),
			Now:         c.Now,
		}
		filename := a.String("filename", "")
		return func() (any, error) { return handlers.NewTimedRotatingFileHandler(filename, &o) }, a.Err()
	})
	if err != nil {
		panic(err) // a constant name and a non-nil factory
	}
	return r
}

// work is service.py's work, call for call.
func work(c *clock, app, db, lib *slogpy.Logger, http *adapter.LoggerAdapter) {
	for i := range 12 {
		if c != nil {
			c.Advance(step)
		}
		db.Debug("query %d: SELECT * FROM items WHERE id = %d", i, i*7)
		if i%3 == 0 {
			app.Info("tick %d of %d", i, 12, slog.String("user", "ann"))
		}
		if i%4 == 1 {
			http.Info("GET /items/%d -> %d in %.1f ms", i, 200, float64(i)*1.5)
		}
		if i == 5 {
			lib.Warning("library %s is deprecated", "old-lib")
			lib.Info("not shown: lib is at the root's WARNING")
			app.Debug("not shown: app is at INFO")
		}
		if i == 7 {
			err := fmt.Errorf("bad row %d", i)
			http.Exception(err, "request %r failed", "/items/7")
		}
		if i%5 == 4 {
			db.Warning("slow query: %5.2f%% of the budget", 87.5)
		}
	}
}

var _ slogpy.Filter = (*clock)(nil)
