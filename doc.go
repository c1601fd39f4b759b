// Package slogpy is the map of the slogpy module: Python's logging,
// logging.handlers and logging.config for Go, on top of [log/slog]. It has
// no API of its own; the code is in the packages below. Start with
// [github.com/slogpy/slogpy/slogpy]:
//
//	import "github.com/slogpy/slogpy/slogpy"
//
//	err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{Level: levels.Info})
//	logger := slogpy.GetLogger("app")
//	logger.Info("user %s logged in", user)
//	logger.Info("user logged in", "user", user) // slog's call form works too
//
// # Python's modules and the Go packages
//
//	Python                          Go package
//	------------------------------  -------------------------------------------
//	logging                         github.com/slogpy/slogpy/slogpy
//	  getLogger, Logger, Handler,     GetLogger, Logger, HandlerBase,
//	  Formatter, Filter, LogRecord,   NewFormatter, Filter, Record,
//	  basicConfig, StreamHandler,     BasicConfig, NewStreamHandler,
//	  FileHandler, NullHandler,       NewFileHandler, NewNullHandler,
//	  debug/info/…, disable,          Debug/Info/…, Disable, Shutdown,
//	  shutdown, makeLogRecord         MakeRecord
//	logging.DEBUG … CRITICAL,       github.com/slogpy/slogpy/levels
//	  addLevelName, getLevelName      levels.Debug …, AddLevelName, GetLevelName
//	logging.LoggerAdapter           github.com/slogpy/slogpy/adapter
//	logging.handlers                github.com/slogpy/slogpy/handlers
//	  RotatingFileHandler, …          NewRotatingFileHandler, … (every class)
//	  QueueHandler, QueueListener     NewQueueHandler, NewQueueListener
//	logging.config                  github.com/slogpy/slogpy/config
//	  dictConfig, fileConfig,         DictConfig, DictConfigFile, FileConfig,
//	  listen                          Listen
//	logging.captureWarnings         github.com/slogpy/slogpy/compat
//	                                  (the log package and x/exp/slog)
//	third-party classes             github.com/slogpy/slogpy/contrib
//	  pythonjsonlogger, colorlog,     (JSON, colour, uvicorn, Django, rich,
//	  uvicorn, django, rich, …        concurrent rotating files)
//	SocketHandler's receiving end   github.com/slogpy/slogpy/receiver,
//	  (the cookbook's TCP server)     cmd/slogpy-receiver
//	                                cmd/slogpyvet: a vet analyzer for logging
//	                                  calls and formats
//
// docs/MIGRATING.md in the repository has a row for every public name of
// the three Python modules, with its Go form.
//
// # slog
//
// Every handler is a slog.Handler and any slog.Handler can be attached to a
// logger; slog.New(logger.Handler()) sends slog calls into the logger
// tree. A slogpy logger takes slog's call form ("key", value pairs and
// slog.Attr after the message's %-arguments), and the format field
// %(attrs)s prints the attributes a format does not name. See the package
// documentation of [github.com/slogpy/slogpy/slogpy].
package slogpy
