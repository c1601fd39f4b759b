package adapter

import (
	"context"

	"github.com/slogpy/slogpy/levels"
)

// The logging methods mirror those of slogpy.Logger. Each checks the level
// first (nothing is allocated for a call below it), then processes the
// call (Options.Process, or the adapter's extra) and logs it on the target
// with the caller of the method as the record's caller.

// Debug logs at DEBUG with the adapter's extra.
func (a *LoggerAdapter) Debug(msg string, args ...any) {
	if a.IsEnabledFor(levels.Debug) {
		a.log(context.Background(), levels.Debug, false, nil, msg, args, 2)
	}
}

// Info logs at INFO with the adapter's extra.
func (a *LoggerAdapter) Info(msg string, args ...any) {
	if a.IsEnabledFor(levels.Info) {
		a.log(context.Background(), levels.Info, false, nil, msg, args, 2)
	}
}

// Warning logs at WARNING with the adapter's extra.
func (a *LoggerAdapter) Warning(msg string, args ...any) {
	if a.IsEnabledFor(levels.Warning) {
		a.log(context.Background(), levels.Warning, false, nil, msg, args, 2)
	}
}

// Warn is Warning.
func (a *LoggerAdapter) Warn(msg string, args ...any) {
	if a.IsEnabledFor(levels.Warning) {
		a.log(context.Background(), levels.Warning, false, nil, msg, args, 2)
	}
}

// Error logs at ERROR with the adapter's extra.
func (a *LoggerAdapter) Error(msg string, args ...any) {
	if a.IsEnabledFor(levels.Error) {
		a.log(context.Background(), levels.Error, false, nil, msg, args, 2)
	}
}

// Critical logs at CRITICAL with the adapter's extra.
func (a *LoggerAdapter) Critical(msg string, args ...any) {
	if a.IsEnabledFor(levels.Critical) {
		a.log(context.Background(), levels.Critical, false, nil, msg, args, 2)
	}
}

// Fatal logs at CRITICAL, as Python's fatal. It does not exit.
func (a *LoggerAdapter) Fatal(msg string, args ...any) {
	if a.IsEnabledFor(levels.Critical) {
		a.log(context.Background(), levels.Critical, false, nil, msg, args, 2)
	}
}

// Log logs at level with the adapter's extra.
func (a *LoggerAdapter) Log(level levels.Level, msg string, args ...any) {
	if a.IsEnabledFor(level) {
		a.log(context.Background(), level, false, nil, msg, args, 2)
	}
}

// Exception logs at ERROR with err as the record's exception, as
// [slogpy.Logger.Exception] (Python's adapter.exception). A nil err prints
// "NoneType: None" after the message, as Python does outside an except
// block.
func (a *LoggerAdapter) Exception(err error, msg string, args ...any) {
	if a.IsEnabledFor(levels.Error) {
		a.log(context.Background(), levels.Error, true, err, msg, args, 2)
	}
}

// ExceptionContext is Exception with a context.
func (a *LoggerAdapter) ExceptionContext(ctx context.Context, err error, msg string, args ...any) {
	if a.IsEnabledFor(levels.Error) {
		a.log(ctx, levels.Error, true, err, msg, args, 2)
	}
}

// DebugContext logs at DEBUG with a context, which handlers and filters
// read from the record (see [ContextFilter]).
func (a *LoggerAdapter) DebugContext(ctx context.Context, msg string, args ...any) {
	if a.IsEnabledFor(levels.Debug) {
		a.log(ctx, levels.Debug, false, nil, msg, args, 2)
	}
}

// InfoContext logs at INFO with a context, which handlers and filters
// read from the record (see [ContextFilter]).
func (a *LoggerAdapter) InfoContext(ctx context.Context, msg string, args ...any) {
	if a.IsEnabledFor(levels.Info) {
		a.log(ctx, levels.Info, false, nil, msg, args, 2)
	}
}

// WarningContext logs at WARNING with a context, which handlers and filters
// read from the record (see [ContextFilter]).
func (a *LoggerAdapter) WarningContext(ctx context.Context, msg string, args ...any) {
	if a.IsEnabledFor(levels.Warning) {
		a.log(ctx, levels.Warning, false, nil, msg, args, 2)
	}
}

// ErrorContext logs at ERROR with a context, which handlers and filters
// read from the record (see [ContextFilter]).
func (a *LoggerAdapter) ErrorContext(ctx context.Context, msg string, args ...any) {
	if a.IsEnabledFor(levels.Error) {
		a.log(ctx, levels.Error, false, nil, msg, args, 2)
	}
}

// CriticalContext logs at CRITICAL with a context, which handlers and filters
// read from the record (see [ContextFilter]).
func (a *LoggerAdapter) CriticalContext(ctx context.Context, msg string, args ...any) {
	if a.IsEnabledFor(levels.Critical) {
		a.log(ctx, levels.Critical, false, nil, msg, args, 2)
	}
}

// LogContext logs at level with a context.
func (a *LoggerAdapter) LogContext(ctx context.Context, level levels.Level, msg string, args ...any) {
	if a.IsEnabledFor(level) {
		a.log(ctx, level, false, nil, msg, args, 2)
	}
}
