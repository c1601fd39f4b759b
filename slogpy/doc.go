// Package slogpy is Python's logging module for Go, built on [log/slog].
//
// It mirrors CPython 3.11's logging: a tree of named loggers ([GetLogger])
// with levels and propagation, handlers with their own levels, filters and
// formatters, %-style, {-style and $-style formats ([NewFormatter]),
// [BasicConfig], and the module-level functions ([Warning], [Info], …).
// Every handler is a [slog.Handler], and any slog.Handler can be attached to
// a logger, so slog code and Python-style code share one pipeline.
//
// # Quick start
//
//	err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
//		Format: "%(asctime)s - %(name)s - %(levelname)s - %(message)s%(attrs)s",
//		Level:  levels.Info,
//	})
//	if err != nil {
//		panic(err) // a typo in the format: nothing is configured
//	}
//	logger := slogpy.GetLogger("app.db")
//	logger.Info("connected to %s in %d ms", host, ms)
//	logger.Info("connected", "host", host, "ms", ms) // slog's call form
//
// # Loggers
//
// [GetLogger] returns the logger of a dotted name, creating placeholders for
// missing ancestors and fixing them up when an ancestor is created later, as
// CPython does. A record is handled when its level is at or above the
// logger's effective level (its own level, or the nearest ancestor's that
// is not NOTSET) and above the level given to [Disable]. It then passes the
// logger's filters and goes to the handlers of the logger and of each
// ancestor up to the first logger whose propagation is off; each handler
// applies its own level and filters. When no handler at all was found on the
// way, the last-resort handler (WARNING and up, to standard error, the bare
// message) takes it. A [Manager] owns a tree; the package-level functions
// use the default one, and [NewManager] gives an isolated tree.
//
// # Messages and arguments
//
// The logging methods take a message and arguments, as Python's do.
// Arguments that are [slog.Attr] become attributes of the record (Python's
// extra) and a format prints them by key (%(user)s, %(req.id)s for a group).
// [ExcInfo], [StackInfo] and [StackLevel] set the record's exception, stack
// and caller. The rest are %-arguments: the message is merged with them
// (msg % args) only when a handler needs the text, and only if there are
// arguments, so "100%" logged alone stays "100%". Go values print as their
// Python counterparts: nil as None, true as True, 1.0 as 1.0, slices as
// lists, maps as dicts (keys sorted by their str(), as Go maps have no
// order); other values through String, Error or fmt.
//
// Go habits work where Python would fail. Arguments left over once the
// message's directives have taken theirs (Python: "not all arguments
// converted during string formatting") are read as slog reads a call's
// arguments ("key", value pairs, attributes): logger.Error("request
// failed", "err", err, "user", u) logs the message with attributes err and
// user, exactly as slog.Logger.Error would take them; a lone key at the
// end, or a value where a key is expected (logger.Error("failed", err)),
// is slog's !BADKEY, printed by %(attrs)s and reported by slogpyvet. fmt's verbs
// that Python does not know (%v, %+v, %#v, %T, %q, %t, and %w as %v) format
// their argument as fmt does. A format prints the attributes it does not
// name with the attrs field: "%(levelname)s %(name)s %(message)s%(attrs)s"
// prints "INFO app request failed err=boom user=bob", in slog.TextHandler's
// form (see [NewFormatter]). Every call CPython formats prints exactly what
// CPython prints.
//
// # Handlers
//
// A [Handler] is Python's logging.Handler. The suite's handlers embed
// [HandlerBase], which holds the level, filters, formatter and error hook,
// and are [slog.Handler]s too; a new handler embeds it too and writes Emit
// (HandlerBase's zero value is ready to use), and [AsSlog] makes it a
// slog.Handler, to attach it to a logger or give it to slog.New. Loggers
// pass records to handlers through [Handle], Python's Handler.handle. This
// package has [StreamHandler], [FileHandler] and [NullHandler]; the handlers
// of logging.handlers are in package handlers.
//
// A record that a handler cannot emit (a bad %-argument, a String method
// that panics, a file that cannot be written) is reported as Python reports
// it, with a "--- Logging error ---" block on standard error, and logging
// goes on; HandlerOptions.ErrorHandler replaces the report and
// [Manager.SetRaiseExceptions] silences it for the records of a manager's
// loggers ([SetRaiseExceptions] for the default manager's). Nothing panics
// on user input.
//
// # slog
//
// slog.New(logger.Handler()) sends plain slog calls into the tree as if made
// on logger (attributes and groups added by With and WithGroup reach the
// formats as %(key)s and %(group.key)s); slog.New(h) with a suite handler
// (slog.New(AsSlog(h)) with one of your own) works on its own; and a foreign slog.Handler attached with
// [Logger.AddHandler] receives a slog.Record with the merged message and the
// logger's name as attribute "logger". Levels map as package levels says:
// the five standard levels exactly, multiples of 5 round-trip.
//
// # Differences from CPython
//
// Extensions, where CPython raises:
//
//   - Surplus arguments that are slog key–value pairs become attributes
//     (CPython: TypeError "not all arguments converted during string
//     formatting", the record lost). The directives take their arguments
//     first; the record's Args hold only those, and a message whose
//     directives take none is printed as it is (with no %-merge, as a
//     Python record without args). A surplus value where a key is
//     expected is slog's !BADKEY, as slog reads it: logger.Error("failed",
//     err) logs "failed" with the attribute !BADKEY=err (CPython: the same
//     TypeError, the record lost).
//   - A literal % among slog pairs: when every plain argument of a call is
//     part of a complete key–value pair and the message's directives
//     cannot take them ("disk 90% full", "progress 50%": a malformed
//     directive, or a directive with the space flag, "% f", whose merge
//     fails or that would leave pairs over, "100% sure" read as "% s"),
//     the message is printed as written and every pair is an
//     attribute (CPython: TypeError or ValueError, the record lost). A
//     failing directive without the space flag ("%x" of a string) is a
//     printf mistake and keeps CPython's error.
//   - %v, %+v, %#v, %T, %q, %t and %w in a message format as fmt does
//     (CPython: ValueError "unsupported format character"). Formats
//     ([NewFormatter]) keep Python's directives only.
//   - The attrs field (%(attrs)s, {attrs}, $attrs) prints the attributes a
//     format does not name (CPython: ValueError "Formatting field not
//     found in record: 'attrs'"). An attribute or a default named attrs
//     keeps its Python meaning.
//
// Other differences:
//
//   - Fatal and Critical log at CRITICAL; nothing exits (see
//     [Logger.Fatal]).
//   - Exception takes the error to report: Go has no current exception.
//     Exception(nil, …) prints "NoneType: None", as Python does outside an
//     except block.
//   - Exceptions print as fmt's %+v of the error, not as a traceback; the
//     stack of StackInfo is in Python's layout with Go frames.
//   - thread is the goroutine id, threadName "MainThread" for the main
//     goroutine and "Goroutine-N" otherwise; processName is "MainProcess".
//   - A Formatter rejects a malformed or positional (%s) directive at
//     construction; Python fails at format time.
//   - Shutdown closes the handlers that were attached to the manager's
//     loggers or tracked by it ([Manager.Track]), and the default
//     manager's also those that hold records back wherever they are (a
//     file handler with a buffer, a MemoryHandler); Python's closes every
//     handler it made. GetHandlerByName finds the attached and tracked
//     ones.
//   - levels.Parse accepts level names in any case.
//   - FormatterOptions.NoDefaultTimeFormat (default_time_format = None) is
//     refused by NewFormatter for a format that uses the time without a
//     Datefmt: CPython accepts it and then fails on every record
//     (TypeError: strftime() argument 1 must be str, not None).
//   - relativeCreated is computed when it is first read, from the start
//     time of the record's manager at that moment ([Manager.SetStartTime]);
//     Python computes it when the record is made, so a start time changed
//     while a record waits in a queue gives that record a different value.
//   - What Python exposes as attributes is read through getters
//     ([Formatter.String] for _fmt, [Formatter.Datefmt], [Formatter.Style],
//     and the handlers' Address, Facility, Mailhost, Toaddrs, …), in Go
//     types: None is "" for a string and 0 for a port; a style is its
//     character ("{"), where Python's _style is a StrFormatStyle object;
//     SysLogHandler.Facility is the facility's number, where Python's
//     attribute keeps a name given as a string ("local0"); an address is a
//     [Tuple] (host, port) or a path, as Python's.
//   - [Manager.LoggerDict] is a Go map (no order); Python's loggerDict is
//     in creation order and is the manager's own dict, not a copy.
//   - A record has its caller (pathname, lineno, funcName) only when a
//     handler the call reaches may read it, or when asked for during the
//     call (see [HandlerBase.FormatOnly]); Python always computes it, unless
//     logging._srcfile is None.
//   - A merged message longer than 1 MiB ([DefaultMaxMessage], see
//     [Record.SetMaxMessage]) and a formatted line longer than a handler's
//     HandlerOptions.MaxLine (1 MiB by default) are cut there, ending with
//     " [truncated at N bytes]", and the handler reports truncated records
//     through its error hook at most once a minute ([ErrTruncated]); the
//     message is never built in full first, and %-directives past the cut
//     are not checked. Python builds the whole string, however large.
//   - Go maps have no order: a map prints as a dict with its keys sorted by
//     their str(), and MakeRecord adds attributes in sorted key order. Use
//     [Dict] and [MakeRecordOrdered] where Python's insertion order
//     matters; [Tuple] stands for a tuple, a Go slice for a list.
//   - {-style attribute access ({exc_info.Op}) reads exported struct
//     fields; Go values have no other attributes (CPython would print a
//     bound method for {name.upper}), and no method is called, since
//     formats come from configuration files.
//   - An attribute of a logging call named as a LogRecord attribute,
//     "message" or "asctime" is kept on the record and the record is
//     logged (formatters print the record's own field; %(attrs)s prints
//     the attribute; the network handlers leave it out of the dict), where
//     CPython's makeRecord raises KeyError("Attempt to overwrite 'message'
//     in LogRecord") and logs nothing: a Go logging call cannot raise, and
//     dropping the record would lose it. The first use of each such name
//     on a manager's loggers is reported through the error report with
//     CPython's KeyError (once per name; [Manager.Reset] forgets them).
//     Records made by [MakeRecord] (the receiver's) and records given to
//     [Logger.HandleRecord] are not checked, as Python's makeLogRecord and
//     Logger.handle do not check. A panicking filter is reported as the
//     traceback CPython's caller would get for the filter's exception.
//   - The error report's frames are Go's: the traceback lists the module's
//     frames from the logging call to the report (Go errors carry no
//     stack), a wrapped error is shown as Python's chain of exceptions
//     raised while handling others, innermost first; the repr of a value
//     whose String method panics is "%!r(…)" where CPython calls __repr__.
//   - Exception information sent over the network (HTTPHandler's
//     exc_info) is the error's text; Python sends the repr of the
//     exc_info tuple, with object addresses.
//   - The socket handlers' pickles share memo entries as a freshly
//     unpickled dict would (every object distinct but CPython's
//     singletons: "", one-character strings, b"" and one-byte bytes);
//     CPython's own record may share more objects (interned strings), which
//     its pickle then references with BINGET.
//   - SMTPHandler's MAIL FROM is smtplib's ("mail FROM:<…> size=N"); the
//     other commands are net/smtp's (EHLO, RCPT TO, DATA, QUIT in capitals,
//     where smtplib writes them in lower case).
//   - SysLogHandler on a stream socket (TCP, socktype SOCK_STREAM in a
//     configuration) frames each message with RFC 6587 octet counting
//     ("9 <142>one\x00"), where CPython sends the bare "<142>one\x00",
//     which rsyslog and syslog-ng cannot split reliably. Framing "none"
//     (handlers.FramingNone) in the options of a handler made in Go sends
//     CPython's bytes; a configuration file has no key for it.
//     Over UDP the datagrams are CPython's byte for byte.
//   - A MemoryHandler (package handlers) with no target keeps the newest
//     MaxBuffered records (by default the larger of its capacity and 1000)
//     and drops the oldest, where CPython's buffer grows without limit;
//     the drops are counted (Dropped), the first is reported once through
//     the error hook and the count when a target takes the buffer, and a
//     Close that leaves records undelivered returns an error saying how
//     many, so Shutdown reports them. MaxBuffered: -1 keeps every record.
//   - A QueueHandler's queue (package handlers, ChanQueue) is bounded, by
//     default at 1024 records, where CPython's queue.Queue() grows without
//     limit: a full queue makes the logging call wait while a
//     QueueListener takes records from it, and drops, counts (Dropped) and
//     reports once when none does (before Start, after Stop), where
//     waiting would hang; DropWhenFull drops even while a listener runs.
//   - Logger.AddHandler ignores a nil pointer inside a non-nil slog.Handler
//     (the handler of a constructor that returned an error) as it ignores
//     nil, and says so once per type on standard error ("slogpy:
//     AddHandler: nil *handlers.RotatingFileHandler (its constructor
//     returned an error?)"); Python has no such value.
//   - An HTTPHandler with a custom Transport sends net/http's headers
//     (User-Agent, Accept-Encoding: gzip); without one, the request is
//     CPython's byte for byte.
//   - A failed write to a stream or file (a full disk, a file that cannot
//     be reopened) is reported once per outage, where CPython reports each
//     record: the first lost record is reported with its cause, the others
//     are counted, and the first record written afterwards adds the report
//     "N records lost while the disk was full" (or "while writes failed").
//     A record is written whole or not at all: after a write cut short, a
//     regular file is truncated back to where the record began (CPython
//     leaves the fragment, which the next record completes); a stream or a
//     file that cannot be truncated gets a newline before the next record.
//   - A file handler opened without an encoding writes UTF-8, and its
//     Encoding() and Errors() getters say "utf-8" and "strict", where
//     CPython 3.11 uses the locale's encoding and its attributes hold
//     "locale" and None.
//   - A logging call reads the wall clock as the monotonic clock plus the
//     wall clock's offset from it, read again every millisecond (one clock
//     read per record, not time.Now's two; see Performance
//     considerations): within a millisecond of the system clock being set
//     or stepped, a record may carry the time of the old setting. CPython
//     reads time.time() for each record. The record's Time has no
//     monotonic reading.
//
// # Performance considerations
//
// A call below the effective level costs one atomic load and allocates
// nothing: the effective level, the disable level and the handler chain of
// each logger are published as an immutable snapshot whenever the tree
// changes, so the logging path takes no lock. Records come from a pool and
// are valid only during the call; a handler that keeps one keeps
// [Record.Clone]. This departs from slog, which passes records by value: a
// pooled pointer lets filters change or replace the record, and lets the
// merged message, the caller and the exception text be computed once for
// all the handlers of a call, with no allocation. Formats are compiled
// once; formatting appends into a pooled buffer outside the handler's lock,
// and only the write happens under it. The merged message and the file,
// line and function of the caller are computed only when a format asks for
// them. Capturing the caller's program counter (runtime.Callers) is itself
// a third of the cost of a simple call, so a logging call skips it when
// every handler it reaches writes only what its formatter prints
// ([HandlerBase.FormatOnly]: the stream, file, rotating, syslog handlers)
// and no formatter prints the caller; if something asks for the caller
// anyway during the call (an error report), it is found on the stack then.
// Handlers that block on the network should sit behind a queue handler.
// The record's time is one read of the monotonic clock (time.Now reads two
// clocks, 50–60 ns on a virtual machine, a third of a simple call), and the
// default asctime is formatted once a second per formatter.
// Arguments left over by a message's directives, read as slog key–value
// pairs, are found by the merge that runs anyway when every handler a call
// reaches merges the message before it reads the record otherwise (a
// FormatOnly handler with a [Formatter], a slog.Handler): a printf call
// then costs nothing more. A call that also has slog.Attr arguments, or
// whose logger or handlers have other filters or formatters, scans its
// message up front (about 10–20 ns for three directives).
// Attributes added once (an adapter's extra, slog's With outside groups)
// are converted once, and each [Formatter] formats their values for its
// fields once, as slog's handlers preformat WithAttrs; only values whose
// text may change (a fmt.Stringer, any slog.Any) are formatted per record.
//
// # The module
//
// This package is Python's logging module; the rest of the module builds on
// it. Package [github.com/slogpy/slogpy/levels] holds the level numbers and
// names, [github.com/slogpy/slogpy/handlers] the handlers of
// logging.handlers (files that rotate, sockets, syslog, mail, HTTP, queues),
// [github.com/slogpy/slogpy/config] logging.config (dictConfig, fileConfig,
// listen), [github.com/slogpy/slogpy/adapter] LoggerAdapter and
// context.Context attributes, [github.com/slogpy/slogpy/compat] the bridges
// to the log package and golang.org/x/exp/slog, and
// [github.com/slogpy/slogpy/receiver] the receiving end of a SocketHandler.
// docs/MIGRATING.md in the repository maps every name of Python's three
// logging modules to its Go form.
package slogpy
