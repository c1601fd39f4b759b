package slogpy

import (
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/internal/stdio"
)

// ErrorReporter returns an error hook that writes Python 3.11's report of
// a logging error (Handler.handleError) to w:
//
//	--- Logging error ---
//	Traceback (most recent call last):
//	  File "/src/slogpy/handler.go", line 330, in handle
//	TypeError: %d format: a real number is required, not str
//	Call stack:
//	  File "/src/app/main.go", line 12, in main
//	  File "/src/app/db.go", line 40, in connect
//	Message: '%d items'
//	Arguments: ('x',)
//
// The traceback's frames are the goroutine's frames inside this module's
// packages, from the logging call to the report; the exception line is the
// error's text (Python's "TypeError: …" for formatting errors). A wrapped
// error ([errors.Unwrap]) is reported as Python reports an exception raised
// while handling another: the innermost error first, each followed by
// "During handling of the above exception, another exception occurred:"
// and the next. "Call stack:" lists the frames of the program up to the
// logging call, outermost first; when the report is made elsewhere than on
// the logging call's goroutine (a queue listener), the line "Logged from
// file main.go, line 12" stands for it, as in CPython when no frame is
// found. Frames are in Python's form, `  File "…", line N, in func`. A
// filter that panics is reported as CPython reports the exception its
// filter raised (it reaches the caller): the traceback alone.
//
// Use it as HandlerOptions.ErrorHandler to send the reports elsewhere. A nil
// w means standard error at the time of each report.
func ErrorReporter(w io.Writer) func(r *Record, err error) {
	return func(r *Record, err error) {
		out := w
		if out == nil {
			out = stdio.Stderr
		}
		out.Write(appendErrorReport(nil, r, err))
	}
}

func appendErrorReport(b []byte, r *Record, err error) []byte {
	inner, outer := splitFrames(r)
	var fp *filterPanic
	if errors.As(err, &fp) {
		b = appendTraceback(b, inner, exceptionLine(fp.value))
		return b
	}
	b = append(b, "--- Logging error ---\n"...)
	var chain []error
	for e := err; e != nil && len(chain) < 32; e = errors.Unwrap(e) {
		chain = append(chain, e)
	}
	for i := len(chain) - 1; i >= 0; i-- {
		b = appendTraceback(b, inner, exceptionLine(chain[i]))
		if i > 0 {
			b = append(b, "\nDuring handling of the above exception, another exception occurred:\n\n"...)
		}
	}
	if r == nil {
		return b
	}
	if outer != nil {
		b = append(b, "Call stack:\n"...)
		b = appendFrames(b, outer)
	} else if r.Pathname() != "" {
		b = fmt.Appendf(b, "Logged from file %s, line %d\n", r.Filename(), r.Lineno())
	}
	b = append(b, "Message: "...)
	b = pyfmt.AppendRepr(b, r.Msg)
	b = append(b, "\nArguments: "...)
	b = r.AppendArgsRepr(b)
	return append(b, '\n')
}

func appendTraceback(b []byte, frames []runtime.Frame, line string) []byte {
	b = append(b, "Traceback (most recent call last):\n"...)
	b = appendFrames(b, frames)
	b = append(b, line...)
	return append(b, '\n')
}

func appendFrames(b []byte, frames []runtime.Frame) []byte {
	for _, f := range frames {
		b = append(b, "  File \""...)
		b = append(b, f.File...)
		b = append(b, "\", line "...)
		b = strconv.AppendInt(b, int64(f.Line), 10)
		b = append(b, ", in "...)
		b = append(b, funcName(f.Function)...)
		b = append(b, '\n')
	}
	return b
}

// exceptionLine is the last line of a traceback for err: its text, or for
// a panic in a String or Error method, the value the method panicked with.
func exceptionLine(err any) string {
	if pe, ok := err.(*pyfmt.PanicError); ok {
		err = pe.Value
	}
	if e, ok := err.(error); ok {
		return e.Error()
	}
	return fmt.Sprint(err)
}

// modulePrefix is the import path prefix of this module's packages.
var modulePrefix = strings.TrimSuffix(pkgPath(), "slogpy")

func pkgPath() string {
	pc, _, _, _ := runtime.Caller(0)
	name := runtime.FuncForPC(pc).Name() // ".../slogpy.pkgPath"
	return name[:strings.LastIndexByte(name, '.')]
}

// inModule reports whether fn (a runtime function name) belongs to one of
// this module's packages, its tests excluded: the logging machinery, as
// CPython's logging package directory.
func inModule(fn string) bool {
	rest, ok := strings.CutPrefix(fn, modulePrefix)
	if !ok {
		return false
	}
	if i := strings.IndexByte(rest, '.'); i >= 0 {
		rest = rest[:i]
	}
	return !strings.HasSuffix(rest, "_test") && !strings.HasPrefix(rest, "examples/")
}

// splitFrames returns the frames of the current goroutine: inner, the
// module's frames from the logging call to the report (outermost first),
// and outer, the program's frames up to the logging call (nil when the
// report is not made on the logging call's goroutine).
func splitFrames(r *Record) (inner, outer []runtime.Frame) {
	pcs := make([]uintptr, 128)
	pcs = pcs[:runtime.Callers(4, pcs)]
	var all []runtime.Frame
	fs := runtime.CallersFrames(pcs)
	for {
		f, more := fs.Next()
		if f.Function != "" && !strings.HasPrefix(f.Function, "runtime.") {
			all = append(all, f)
		}
		if !more {
			break
		}
	}
	i := 0
	for i < len(all) && inModule(all[i].Function) && !strings.HasSuffix(all[i].File, "_test.go") {
		i++
	}
	inner = reverseFrames(all[:i])
	if r != nil && r.hasThread && r.thread != goroutineID() || i == len(all) {
		return inner, nil
	}
	return inner, reverseFrames(all[i:])
}

func reverseFrames(fs []runtime.Frame) []runtime.Frame {
	out := make([]runtime.Frame, len(fs))
	for i, f := range fs {
		out[len(fs)-1-i] = f
	}
	return out
}

// filterPanic is a filter's panic, reported as the exception CPython's
// caller would get.
type filterPanic struct{ value any }

func (e *filterPanic) Error() string {
	if err, ok := e.value.(error); ok {
		return "slogpy: panic in filter: " + err.Error()
	}
	return fmt.Sprintf("slogpy: panic in filter: %v", e.value)
}

func (e *filterPanic) Unwrap() error {
	err, _ := e.value.(error)
	return err
}

// fieldError is the ValueError of a field missing from the record, raised
// by CPython while handling the KeyError of the lookup: it unwraps to it,
// so that the report shows both.
type fieldError struct {
	msg string
	key error
}

func (e *fieldError) Error() string { return e.msg }
func (e *fieldError) Unwrap() error { return e.key }

// newFieldError returns the ValueError for the KeyError message keyRepr
// ('user', or 0 for an integer key); hint, if any, is appended.
func newFieldError(keyRepr, hint string) error {
	return &fieldError{
		msg: "ValueError: Formatting field not found in record: " + keyRepr + hint,
		key: &pyfmt.Error{Type: "KeyError", Msg: keyRepr},
	}
}
