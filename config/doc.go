// Package config configures slogpy from the files Python services use:
// Python's logging.config. [DictConfig] applies a dictConfig dictionary
// (a map, or JSON or YAML through [DictConfigFile]), [FileConfig] an INI
// file in fileConfig's format, and [Listen] receives either over TCP with
// Python's logging.config.listen protocol.
//
//	err := config.DictConfigFile("logging.yaml", nil)
//
// configures the default manager's loggers from
//
//	version: 1
//	formatters:
//	  simple:
//	    format: '%(asctime)s - %(name)s - %(levelname)s - %(message)s'
//	handlers:
//	  console:
//	    class: logging.StreamHandler
//	    level: DEBUG
//	    formatter: simple
//	    stream: ext://sys.stdout
//	  file:
//	    class: logging.handlers.RotatingFileHandler
//	    filename: app.log
//	    maxBytes: 1048576
//	    backupCount: 3
//	root:
//	  level: INFO
//	  handlers: [console, file]
//
// # Dictionaries
//
// The whole of dictConfig's schema version 1 is implemented: formatters
// (format, datefmt, style, validate, defaults, class, and "()" factories,
// which may take format or fmt), filters (name, "()"), handlers (class or
// "()", level, formatter, filters, "." attributes, and the keyword
// arguments of the class), loggers (level, propagate, filters, handlers),
// root, incremental (handler levels, logger levels and propagation) and
// disable_existing_loggers, with ext:// and cfg:// references in any
// value. Python 3.12's additions are in: formatter defaults, handler
// filters given as objects, MemoryHandler flushLevel by name, and
// QueueHandler's queue, listener, handlers and respect_handler_level.
//
// Classes are named as in Python: logging.StreamHandler,
// logging.FileHandler, logging.NullHandler, logging.Formatter,
// logging.Filter, and logging.handlers.WatchedFileHandler,
// RotatingFileHandler, TimedRotatingFileHandler, SocketHandler,
// DatagramHandler, SysLogHandler, SMTPHandler, HTTPHandler,
// BufferingHandler, MemoryHandler, QueueHandler, QueueListener and
// NTEventLogHandler, with the keywords of their Python constructors
// (filename, mode, encoding, delay, errors, maxBytes, backupCount, when,
// interval, utc, atTime, host, port, address, facility, socktype,
// mailhost, fromaddr, toaddrs, subject, credentials, secure, timeout,
// url, method, context, capacity, flushLevel, target, flushOnClose,
// queue, listener, handlers, respect_handler_level, appname, dllname,
// logtype); queue.Queue and queue.SimpleQueue make queues. (The list of
// classes is in handlers_classes.go.) slogpy.adapter.ContextFilter is
// [github.com/slogpy/slogpy/adapter.ContextFilter], a filter ("()" in a
// dictConfig filter) that adds the attributes of a record's context
// (adapter.WithContext) to the record, so that formats print them by key
// (%(request_id)s); its optional "extract" is the ext:// name of a
// func(context.Context) []slog.Attr registered with [RegisterValue], for
// values another package stored in the context under its own keys. ext://sys.stdout and ext://sys.stderr are [Options].Stdout and
// Stderr, and the constants of logging and logging.handlers are there
// (ext://logging.DEBUG, ext://logging.handlers.SysLogHandler.LOG_LOCAL0).
// Values are converted as the parameter needs them, and a value of the
// wrong kind is an error naming its place: handlers.file.maxBytes: want
// an integer, got "ten". A map given to DictConfig may also hold Go
// values: an io.Writer as a stream, a slog.Handler in place of a handler
// configuration or in a logger's handler list (any slog.Handler: a JSON
// handler, an OpenTelemetry bridge), a slogpy.Filter, a RecordFormatter,
// a [Factory] as a class.
//
// # Classes of your own
//
// A [Registry] maps dotted names to [Factory] functions and values. The
// built-in classes are registered the same way as users' are:
//
//	config.Register("myapp.SlackHandler", []string{"webhook", "channel"}, func(a *config.Args) (func() (any, error), error) {
//		url, channel := a.String("webhook", ""), a.String("channel", "#ops")
//		a.Require("webhook")
//		return func() (any, error) { return NewSlackHandler(url, channel), nil }, a.Err()
//	})
//
// after which "class: myapp.SlackHandler" (or "()") works in every
// configuration, with the same checks and error paths as the built-in
// classes. Handler, filter and formatter factories are all registered
// this way.
//
// # INI files
//
// [FileConfig] reads fileConfig's format with gopkg.in/ini.v1, set to read
// as Python's ConfigParser does, and expands %(name)s references from the
// section, [DEFAULT] and FileConfigOptions.Defaults as ConfigParser's
// BasicInterpolation. CPython evaluates args=, kwargs= and a formatter's
// defaults= with eval, so loading a file runs whatever code it holds.
// Here they are parsed as Python literals by a small parser that never
// evaluates anything: strings, numbers, True, False, None, tuples, lists,
// dicts, arithmetic on numbers ("10*1024*1024"), sys.stdout, sys.stderr
// and the module constants (DEBUG, handlers.SYSLOG_UDP_PORT, …). A
// function call, __import__, an attribute other than those, a
// comprehension, a lambda or an f-string is an error naming the section,
// key and column, so a file that CPython would run as code is refused.
// class= is a dotted name only.
//
// # Listening
//
// [Listen] starts a TCP server that applies each configuration sent to it:
// a 4-byte big-endian length, then a JSON object (applied with
// DictConfig) or an INI file (FileConfig), as CPython's listen; CPython's
// senders work unchanged. It binds loopback unless
// ListenOptions.AllowRemote is set, refuses payloads over
// ListenOptions.MaxPayload (1 MiB by default) without reading them, and
// passes each payload to a verify function that can reject or transform
// it (decrypt, check a signature). [StopListening] and [Listener.Close]
// stop it.
//
// # Errors and replacement
//
// A configuration is checked and built completely before the logger tree
// changes. The checks (every key, value and reference, every handler's
// arguments, by calling each factory in a checking mode in which
// Args.Err stops it before it opens anything) report all the problems
// found, each with its place: "config: loggers.app.handlers[1]: unknown
// handler \"consol\" (known: console, file)". Unknown class names list the
// known ones. When anything fails, the handlers made so far are closed
// and the previous configuration stays in place: there is no
// half-applied state.
//
// Applying a configuration attaches each logger's new handlers before
// detaching the old ones, so that a record logged meanwhile reaches one
// or the other (rarely both) and never neither; then it stops the
// previous configuration's queue listeners once they have handed on every
// queued record, and closes its handlers, newest first. Configurations of
// one manager are applied one at a time; logging goes on throughout.
//
// # Extensions in configuration files
//
// Keys CPython ignores, or sets as plain attributes, so that the same
// file still loads in Python:
//
//   - slogpy_aliases: class aliases ([Registry.Alias]); a dictionary's
//     top-level mapping, an INI file's [slogpy_aliases] section.
//   - slogpy_max_line: a handler's longest formatted line in bytes
//     (HandlerOptions.MaxLine; 0: 1 MiB, negative: no limit); in a
//     dictConfig handler's "." mapping ({"class": ..., ".":
//     {"slogpy_max_line": 4096}}; a key of the handler itself would be
//     passed to the class, which CPython refuses), or a key of an INI
//     [handler_x] section.
//   - slogpy_buffer_size, slogpy_flush_interval, slogpy_flush_level:
//     buffered writing for FileHandler, WatchedFileHandler,
//     RotatingFileHandler and TimedRotatingFileHandler
//     (slogpy.FileHandlerOptions BufferSize, FlushInterval, FlushLevel),
//     where the same two places take them as slogpy_max_line. The size is
//     in bytes, at most 64 MiB (the buffer is allocated when the handler
//     is made; 0, the default, writes each record as CPython does); the
//     interval is seconds (0.5) or a Go duration ("250ms"), 0 for one
//     second, negative for no timer; the level is a name or a number
//     above 0, ERROR by default. They are options of the constructor, so
//     they are read before the handler is made. A bad value is an error
//     naming the handler, the key and the value; the keys on a class
//     without buffered writing (StreamHandler, the network handlers, a
//     ConcurrentRotatingFileHandler, whose process lock writes each
//     record) are an error; a flush key without a buffer size is a
//     warning.
//
// # Differences from CPython
//
//   - Keys CPython ignores silently are accepted, with a warning through
//     Options.Warn naming the place and the nearest known key
//     ("loggers.app.handelrs: unknown key, ignored (did you mean
//     handlers?)"), unless they are ones configurations carry on purpose
//     (qualname, class and formatter in a dictConfig logger, validate in
//     an INI formatter). Options.Strict makes the warnings errors.
//   - cfg://handlers.NAME in a handler's or factory's arguments is the
//     handler NAME, made first whatever the order of the names (CPython
//     gives the handler only if its name sorts first). A MemoryHandler's
//     "target" may be one too (CPython raises "Unable to set target
//     handler"; testdata/config case cfg_handler_as_target).
//   - A mapping read from a JSON or YAML file does not keep its keys'
//     order: a class that prints one in order (python-json-logger's
//     static_fields) prints its keys sorted, where CPython keeps the
//     file's order.
//   - A negative maxBytes or backupCount (RotatingFileHandler,
//     TimedRotatingFileHandler, ConcurrentRotatingFileHandler) is read as
//     0, which is what CPython does with it (never rolls over; keeps no
//     backups); the Go constructors refuse negative values.
//   - Values are checked at configuration time: a level name in the
//     wrong case, "maxBytes": "ten", "propagate": "never". CPython accepts
//     some of these and fails later or does something else.
//   - A string spelling a boolean (true, false, yes, no, on, off, 1, 0, in
//     any case) where a boolean is read ("propagate": "no",
//     "disable_existing_loggers": "False", "delay": "false", as JSON
//     configurations have them) is read as the boolean it spells, with a
//     warning (an error under Options.Strict). CPython takes any
//     non-empty string as true: its "propagate": "no" propagates, its
//     "disable_existing_loggers": "False" disables the existing loggers.
//   - An integer argument given as a string of digits ("maxBytes":
//     "5000000", "backupCount": "20", as real configurations have them)
//     is read as that integer, with a warning (an error under
//     Options.Strict); CPython keeps the string and fails on it, at once
//     (maxBytes: TypeError) or at the first rollover (backupCount).
//   - A failed configuration changes nothing (CPython has closed the old
//     handlers and applied part of the new configuration by then).
//   - A handler of the previous configuration that stays attached to a
//     logger the new configuration does not mention (a disabled logger
//     whose children propagate to it) stays open; CPython closes it, and
//     its FileHandler opened with mode "w" then drops records silently.
//   - Filters a configuration puts on a logger replace those the previous
//     configuration put there (CPython adds them up).
//   - A QueueHandler's listener is started by the configuration and
//     stopped by its Close (CPython leaves both to the program); the
//     handler made is a [handlers.QueueHandler] owning its listener
//     ([handlers.QueueHandlerOptions.Listener]); its Listener method is Python's
//     handler.listener.
//   - TimedRotatingFileHandler's atTime is "HH:MM" or "HH:MM:SS" text,
//     JSON and INI having no time values; HTTPHandler's context is a
//     *tls.Config registered as a value (ext://name).
//   - The handlers themselves differ from CPython's where package
//     handlers says so. SMTPHandler and HTTPHandler configured with
//     credentials and no TLS send them, as CPython, with a warning (an
//     error under Options.Strict); made in Go they need the explicit
//     AllowInsecure option.
//   - In INI files, a blank line inside an indented multi-line value is an
//     error (ConfigParser keeps it in the value), and ini.v1 reads a value
//     starting with """ as a quoted multi-line value.
//   - ext:// and class names resolve through the [Registry] rather than
//     by importing modules; fileConfig's class= also tries the name
//     under logging. as CPython's eval in the logging namespace does.
//     socket.SOCK_STREAM and socket.SOCK_DGRAM are values in both forms
//     (ext://socket.SOCK_STREAM; handlers.socket.SOCK_STREAM in args=),
//     and an INI args= may also say socket.SOCK_STREAM, where CPython's
//     eval raises NameError (the logging namespace has no socket).
//   - A dictionary given to DictConfig may be built of typed Go maps with
//     string keys and slices of any element type (map[string]map[string]any
//     for the loggers, map[string]string for one, []string for a handler
//     list): they are read as the mappings and lists they hold.
//   - NTEventLogHandler off Windows prints CPython's line for a missing
//     pywin32 on Options.Stdout and makes a handler that does nothing, as
//     CPython does without pywin32.
//   - A file opened with mode "w" is opened for appending and emptied once
//     every handler of the configuration is made (CPython truncates when
//     it opens, before it knows whether the rest applies).
//   - Handlers that a configuration made are tracked by the manager
//     (Manager.Track) even when no logger holds them (a MemoryHandler's
//     target, a queue listener's handlers), so Shutdown closes them and
//     GetHandlerByName finds them; the next configuration closes them and
//     untracks them, as CPython's _clearExistingHandlers. A logger's
//     handlers are replaced in one step (Logger.SetHandlers).
//
// # Libraries
//
// YAML is read with go.yaml.in/yaml/v3, the maintained continuation of
// gopkg.in/yaml.v3 (already in the module graph), into yaml.Node values
// converted here so that YAML reads as PyYAML's safe_load reads it: yes,
// no, on and off are booleans, merge keys work, and language-specific tags
// are refused. INI is read with gopkg.in/ini.v1, the most used Go INI
// library, whose options cover ConfigParser's syntax (case-insensitive
// keys, = and : delimiters, indented continuation lines, no inline
// comments, quotes kept); what it does differently is checked here
// (text before the first section, duplicate sections and keys, which
// ConfigParser refuses) and interpolation is done here, as ini.v1's
// differs. Neither library has a Python literal parser, hence config/internal/pyliteral;
// the JSON and YAML reading is config/internal/decode.
//
// # Performance considerations
//
// Configuration is not on the logging path: once applied, logging costs
// what it costs with handlers attached by hand. Applying a configuration
// takes the manager's locks a few times per logger and handler, and
// publishes each logger's snapshot once per change, so the logging path
// never waits for it.
//
// # The module
//
// This package is Python's logging.config. It configures the loggers of
// package [github.com/slogpy/slogpy/slogpy] (the default manager, or
// Options.Manager) with the handlers of slogpy and of package
// [github.com/slogpy/slogpy/handlers], named as in Python. A Go service can
// so load the file its Python counterpart loads: examples/polyglot in the
// repository runs both on one logging.yaml and one logging.conf and
// compares what they write, and docs/MIGRATING.md is the porting guide.
package config
