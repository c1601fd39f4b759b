// Package levels holds Python's logging level numbers, the registry of level
// names (logging.addLevelName, logging.getLevelName) and the mapping between
// those numbers and [log/slog] levels.
//
// A [Level] is Python's level number: NOTSET 0, DEBUG 10, INFO 20, WARNING 30,
// ERROR 40, CRITICAL 50. It is what users set on loggers and handlers and what
// %(levelno)s prints.
//
// # Mapping to slog
//
// [ToSlog] maps the five standard levels exactly onto slog's: Debug to
// [slog.LevelDebug], Info to [slog.LevelInfo], Warning to [slog.LevelWarn],
// Error to [slog.LevelError] and Critical to slog.LevelError+4. In between it
// is linear (a slog step of 1 is 2.5 Python steps from DEBUG up, 1.25 below
// it), rounding down, so it is monotone and exact for every multiple of 5:
// TRACE 5 and NOTICE 25 land on slog levels -8 (slog's conventional
// LevelTrace) and 2, NOTSET on -12, and they come back unchanged through
// [FromSlog]. Other numbers (21, 22) share the nearest slog level below; a
// slogpy record keeps its Python number, so nothing is lost on the suite's
// own path. [FromSlog] rounds up, so that every slog level survives the
// trip to Python and back. A record at slog's LevelTrace is therefore
// logged by a logger set to TRACE (5) or lower, as Python logs level 5;
// with the 2.5 step of the levels above DEBUG it would be Python's 0,
// which no logger ever logs.
//
// # The module
//
// Every package of slogpy uses these numbers: loggers and handlers are set
// to a Level, config and Parse read level names from configuration files,
// and ToSlog and FromSlog are the bridge to log/slog.
package levels
