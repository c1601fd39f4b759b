// Command memory is "Buffering logging messages and outputting them
// conditionally" of Python's logging cookbook: a MemoryHandler keeps the
// records of a call in memory and writes them out only if the call logs an
// error, so that the DEBUG context of a failure is there when needed and
// costs no output otherwise.
//
//	def log_if_errors(logger, target_handler=None, flush_level=None, capacity=None):
//	    ...
//	    handler = MemoryHandler(capacity, flushLevel=flush_level, target=target_handler)
//	    def decorator(fn):
//	        def wrapper(*args, **kwargs):
//	            logger.addHandler(handler)
//	            try:
//	                return fn(*args, **kwargs)
//	            except Exception:
//	                logger.exception('call failed')
//	                raise
//	            finally:
//	                super(MemoryHandler, handler).flush()
//	                logger.removeHandler(handler)
//	        return wrapper
//	    return decorator
//
// foo logs at DEBUG, INFO and WARNING, and with fail also at ERROR and
// CRITICAL, writing a line to standard error before each call. Called
// undecorated, it logs nothing visible (its logger has only a
// NullHandler). Decorated, a call without error logs nothing either: the
// buffered records are discarded at the end (h.BufferingHandler.Flush(),
// Python's super(MemoryHandler, handler).flush()). A call with fail writes
// the buffered DEBUG, INFO and WARNING records when the ERROR arrives, then
// the CRITICAL one at once. The output on standard error is CPython's:
//
//	Calling undecorated foo with False
//	about to log at DEBUG ...
//	...
//	Calling decorated foo with True
//	about to log at DEBUG ...
//	about to log at INFO ...
//	about to log at WARNING ...
//	about to log at ERROR ...
//	Actually logged at DEBUG
//	Actually logged at INFO
//	Actually logged at WARNING
//	Actually logged at ERROR
//	about to log at CRITICAL ...
//	Actually logged at CRITICAL
package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var logger = slogpy.GetLogger("main")

func init() {
	logger.AddHandler(slogpy.NewNullHandler())
}

// logIfErrors returns a decorator that buffers what fn logs on logger and
// sends it to target only if an error is logged. A nil target means a
// StreamHandler on standard error, a zero flushLevel ERROR and a zero
// capacity 100, as the cookbook's None arguments.
func logIfErrors(logger *slogpy.Logger, target slog.Handler, flushLevel levels.Level, capacity int) (func(fn func(bool) bool) func(bool) bool, error) {
	if target == nil {
		target = slogpy.NewStreamHandler(nil, nil)
	}
	if flushLevel == levels.NotSet {
		flushLevel = levels.Error
	}
	if capacity == 0 {
		capacity = 100
	}
	handler, err := handlers.NewMemoryHandler(capacity, target, &handlers.MemoryHandlerOptions{FlushLevel: flushLevel})
	if err != nil {
		return nil, err
	}
	decorator := func(fn func(bool) bool) func(bool) bool {
		return func(fail bool) bool {
			logger.AddHandler(handler)
			defer func() {
				if p := recover(); p != nil {
					logger.Exception(fmt.Errorf("%v", p), "call failed")
					handler.BufferingHandler.Flush()
					logger.RemoveHandler(handler)
					panic(p)
				}
				handler.BufferingHandler.Flush() // discard what no error flushed
				logger.RemoveHandler(handler)
			}()
			return fn(fail)
		}
	}
	return decorator, nil
}

func writeLine(s string) {
	fmt.Fprintf(os.Stderr, "%s\n", s)
}

func foo(fail bool) bool {
	writeLine("about to log at DEBUG ...")
	logger.Debug("Actually logged at DEBUG")
	writeLine("about to log at INFO ...")
	logger.Info("Actually logged at INFO")
	writeLine("about to log at WARNING ...")
	logger.Warning("Actually logged at WARNING")
	if fail {
		writeLine("about to log at ERROR ...")
		logger.Error("Actually logged at ERROR")
		writeLine("about to log at CRITICAL ...")
		logger.Critical("Actually logged at CRITICAL")
	}
	return fail
}

func main() {
	decorator, err := logIfErrors(logger, nil, 0, 0)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	decoratedFoo := decorator(foo)

	logger.SetLevel(levels.Debug)
	writeLine("Calling undecorated foo with False")
	must(!foo(false))
	writeLine("Calling undecorated foo with True")
	must(foo(true))
	writeLine("Calling decorated foo with False")
	must(!decoratedFoo(false))
	writeLine("Calling decorated foo with True")
	must(decoratedFoo(true))
}

// must is Python's assert.
func must(ok bool) {
	if !ok {
		panic("assertion failed")
	}
}
