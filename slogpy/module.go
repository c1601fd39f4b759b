package slogpy

import (
	"context"

	"github.com/slogpy/slogpy/levels"
)

// The module-level logging functions log on the default manager's root
// logger, calling BasicConfig first when the root logger has no handlers, as
// Python's logging.debug and friends do.

func rootFor(level levels.Level) *Logger {
	root := defaultManager.root
	if root.state.Load().own == 0 {
		_ = defaultManager.BasicConfig(nil)
	}
	if level < root.state.Load().threshold {
		return nil
	}
	return root
}

// Debug logs at DEBUG on the root logger.
func Debug(msg string, args ...any) {
	if r := rootFor(levels.Debug); r != nil {
		r.log(nil, levels.Debug, msg, args)
	}
}

// Info logs at INFO on the root logger.
func Info(msg string, args ...any) {
	if r := rootFor(levels.Info); r != nil {
		r.log(nil, levels.Info, msg, args)
	}
}

// Warning logs at WARNING on the root logger.
func Warning(msg string, args ...any) {
	if r := rootFor(levels.Warning); r != nil {
		r.log(nil, levels.Warning, msg, args)
	}
}

// Error logs at ERROR on the root logger.
func Error(msg string, args ...any) {
	if r := rootFor(levels.Error); r != nil {
		r.log(nil, levels.Error, msg, args)
	}
}

// Critical logs at CRITICAL on the root logger.
func Critical(msg string, args ...any) {
	if r := rootFor(levels.Critical); r != nil {
		r.log(nil, levels.Critical, msg, args)
	}
}

// Log logs at level on the root logger.
func Log(level levels.Level, msg string, args ...any) {
	if r := rootFor(level); r != nil {
		r.log(nil, level, msg, args)
	}
}

// LogContext logs at level on the root logger with a context.
func LogContext(ctx context.Context, level levels.Level, msg string, args ...any) {
	if r := rootFor(level); r != nil {
		r.log(ctx, level, msg, args)
	}
}

// Exception logs at ERROR on the root logger with err as the record's
// exception; see [Logger.Exception].
func Exception(err error, msg string, args ...any) {
	if r := rootFor(levels.Error); r != nil {
		r.log(nil, levels.Error, msg, append(args[:len(args):len(args)], excInfoOf(err)))
	}
}

// Disable disables every call at or below level on the default manager:
// Python's logging.disable. Disable(levels.NotSet) undoes it.
func Disable(level levels.Level) { defaultManager.Disable(level) }

// Shutdown flushes and closes the default manager's handlers: Python's
// logging.shutdown. Call it (or defer it) before the program exits.
func Shutdown() error { return defaultManager.Shutdown() }

// GetHandlerByName returns the default manager's handler with that name, or
// nil.
func GetHandlerByName(name string) Handler { return defaultManager.GetHandlerByName(name) }

// GetHandlerNames returns the names of the default manager's handlers.
func GetHandlerNames() []string { return defaultManager.GetHandlerNames() }
