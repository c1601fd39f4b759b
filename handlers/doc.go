// Package handlers holds the handlers of Python's logging.handlers for
// slogpy: handlers that rotate files, buffer records, hand them to another
// goroutine, or send them over the network.
//
// Every handler here is a [slogpy.Handler] and a [log/slog] Handler:
// attach it to a logger with Logger.AddHandler, or use it alone with
// slog.New. Each one embeds [slogpy.HandlerBase], so levels, filters,
// formatters and the error hook work as in package slogpy; its Handle,
// WithAttrs and WithGroup are those of [slogpy.AsSlog].
// Constructors are New + the Python class name and take
// (required arguments, opts *XOptions); nil options mean CPython's defaults,
// and invalid options are constructor errors that name what was wrong.
//
// # Files
//
// Python's file handlers, each writing its file as [slogpy.FileHandler]
// does (they share its writer):
//
//	logging.handlers.WatchedFileHandler        NewWatchedFileHandler
//	logging.handlers.RotatingFileHandler       NewRotatingFileHandler
//	logging.handlers.TimedRotatingFileHandler  NewTimedRotatingFileHandler
//	(lumberjack as the stream)                 NewLumberjackHandler
//
// [WatchedFileHandler] reopens its file when logrotate or newsyslog moved
// or deleted it. [RotatingFileHandler] rolls app.log over to app.log.1 …
// app.log.N before a record would make it reach MaxBytes, and
// [TimedRotatingFileHandler] to app.log.2024-03-10 (and so on) at times
// given by When, Interval and AtTime, deleting the oldest beyond
// BackupCount. Both follow CPython 3.13, checked against the files CPython
// wrote for the same records (testdata/filehandlers), and share
// [BaseRotatingHandler]: the Namer and Rotator hooks (for example to gzip
// each rotated file, as the logging cookbook does), RotationFilename,
// Rotate, ShouldRollover and DoRollover. The timed handler takes a clock
// (Now) and a time zone (Location) for tests and services that log in
// another zone than the host's.
//
// CPython's rotating handlers lose or duplicate rotations when several
// processes write one file. With the ProcessLock option, each record holds
// an advisory lock (flock on app.log.lock) while the handler checks the
// size or time, rolls over and writes, and a process that finds the file
// rotated by another one reopens it: nothing is lost and no file is rotated
// twice. It is off by default, as in Python, and available on Unix.
//
// [LumberjackHandler] writes through gopkg.in/natefinch/lumberjack.v2
// instead, for its model: MB sizes, time-stamped backups, maximum age,
// compression.
//
// # Buffering, queues and the network
//
// The other handlers of logging.handlers live here too, under the same
// conventions: MemoryHandler and BufferingHandler keep records (as
// [slogpy.Record.Clone]) and flush them to a target; QueueHandler and
// QueueListener move records to another goroutine, so that a slow handler
// does not block the logging call; SocketHandler, DatagramHandler,
// SysLogHandler, SMTPHandler and HTTPHandler send them over the network;
// NTEventLogHandler writes to the Windows event log. Handlers that block on
// the network say so in their documentation: put them behind a QueueHandler.
//
// # Errors
//
// A record that cannot be written (a full disk, a refused rename, a peer
// gone) is reported through HandlerOptions.ErrorHandler, or Python's
// "--- Logging error ---" report on standard error, once per record, and
// the handler goes on: the next record is tried again, so logging resumes
// when the fault ends. Nothing panics on user input, and a handler that must
// drop records counts them and says so.
//
// # Performance considerations
//
// Records are formatted into pooled buffers outside the handler's lock;
// only the rollover check, the rollover and the one write call happen under
// it. A [RotatingFileHandler] keeps the file's size in memory, as Python
// does, and allocates nothing per record; a [WatchedFileHandler] stats the
// name before each record, as Python does; ProcessLock adds two flock calls
// and two stats per record. The benchmarks in
// file_bench_test.go compare a plain FileHandler, RotatingFileHandler and
// the lumberjack backend on the same records (rotating every MiB):
//
//	go test -run '^$' -bench FileHandlers -benchmem ./handlers/
//
// # The module
//
// These are the handlers of Python's logging.handlers. The handlers of the
// logging module itself (StreamHandler, FileHandler, NullHandler) and the
// base every handler here embeds (slogpy.HandlerBase)
// are in package [github.com/slogpy/slogpy/slogpy]. Package
// [github.com/slogpy/slogpy/config] makes these handlers from dictConfig and
// fileConfig files under their Python class names, and package
// [github.com/slogpy/slogpy/receiver] is the receiving end of SocketHandler
// and DatagramHandler.
package handlers

//go:generate go run ../internal/gen/slogmethods
