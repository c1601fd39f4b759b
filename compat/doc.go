// Package compat opts existing Go logging into slogpy's hierarchy: code
// written against log/slog, against golang.org/x/exp/slog, or against the
// standard log package.
//
// # log/slog
//
// [InstallDefault] makes slog.Default() feed the root logger, so a program
// or library that only knows log/slog logs through the hierarchy's
// handlers and Python formats with one line; attributes of slog.With and
// groups of slog.WithGroup print as %(key)s and %(group.key)s. For a
// named logger instead, give the code slog.New(slogpy.GetLogger(name).Handler()).
//
// # golang.org/x/exp/slog
//
// [ToExp] turns any log/slog handler (a suite handler, a logger's Handler)
// into an x/exp/slog Handler, and [NewExpHandler] makes a suite handler,
// with levels, filters and a name, that emits to an x/exp Handler. Levels,
// attributes and groups cross the bridge unchanged both ways.
//
// # The log package
//
// [CaptureStdlog] routes the log package's default logger into the logger
// "stdlog" at WARNING and puts the previous writer and flags back when
// turned off, as Python's logging.captureWarnings does for warnings.
// [NewLogLogger] gives a *log.Logger that writes to any logger at any level,
// for APIs such as http.Server.ErrorLog.
//
// # Performance considerations
//
// The bridges convert each record once, after the level check: an x/exp
// record becomes a log/slog record (and back) with its attributes copied,
// LogValuers resolved on the way. A captured log package call costs the
// log package's own formatting, one string copy of the line, and a
// logging call.
//
// # The module
//
// This package connects code that does not use package
// [github.com/slogpy/slogpy/slogpy] directly: programs written against
// log/slog's default logger, golang.org/x/exp/slog or the standard log
// package. It holds no logging logic of its own; records end up in the
// slogpy logger tree and its handlers.
package compat

//go:generate go run ../internal/gen/slogmethods
