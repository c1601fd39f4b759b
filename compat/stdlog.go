package compat

import (
	"bytes"
	"io"
	"log"
	"sync"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// StdlogLogger is the name of the logger that [CaptureStdlog] routes the
// standard log package's output to.
const StdlogLogger = "stdlog"

// capture is the state of CaptureStdlog: what the log package had before.
// It is the one piece of package state, as the log package's default
// logger it saves is process-wide too.
var capture struct {
	mu    sync.Mutex
	on    bool
	w     io.Writer
	flags int
}

// CaptureStdlog(true) routes the output of the standard log package's
// default logger (log.Printf, log.Println, log.Fatal …, and log.Default())
// into the logger "stdlog" of the default manager at WARNING, one record
// per call, the way Python's captureWarnings(True) routes warnings to the
// logger "py.warnings". CaptureStdlog(false) puts back the writer and
// flags the log package had before, exactly. A second call with the same
// value does nothing, as in Python.
//
// While captured, the log package's flags are 0, so its date and time do
// not end up in the message (a format prints %(asctime)s); its prefix, if
// any, starts the message. The record's caller (%(filename)s,
// %(lineno)d) is the caller of log.Printf and friends; a call through
// log.Output with a calldepth other than the package's own gets the
// caller of log.Output. The message is taken as already merged, so a "%"
// in it is printed as is.
//
// CaptureStdlog is safe to call concurrently with itself and with logging:
// no output is lost while switching, though a call made during the switch
// may reach the log package's own writer without its date and time. A handler of the "stdlog"
// logger or its ancestors must not itself log through the log package
// (that would deadlock on the log package's lock, as any log.SetOutput
// writer that logs would).
//
// Differences from Python: Python's captureWarnings adds a NullHandler to
// "py.warnings" when it has none, so that uncaptured warnings vanish when
// logging is not configured; CaptureStdlog adds nothing, so without
// configuration the last-resort handler prints the messages on standard
// error, as the log package did.
func CaptureStdlog(on bool) {
	capture.mu.Lock()
	defer capture.mu.Unlock()
	if on == capture.on {
		return
	}
	if on {
		capture.w, capture.flags = log.Writer(), log.Flags()
		log.SetFlags(0)
		log.SetOutput(&logWriter{l: slogpy.GetLogger(StdlogLogger), level: levels.Warning})
	} else {
		log.SetOutput(capture.w)
		log.SetFlags(capture.flags)
		capture.w = nil
	}
	capture.on = on
}

// NewLogLogger returns a *log.Logger whose output goes to l at level, one
// record per call, like [slog.NewLogLogger] for the hierarchy: give it to
// APIs that want a *log.Logger (http.Server.ErrorLog). nil l means the
// root logger of the default manager. The record's caller is the caller of
// the *log.Logger's Print, Printf or Println. The returned logger's flags
// are 0 and its prefix empty; set them as for any *log.Logger.
func NewLogLogger(l *slogpy.Logger, level levels.Level) *log.Logger {
	if l == nil {
		l = slogpy.Root()
	}
	return log.New(&logWriter{l: l, level: level}, "", 0)
}

// logWriter logs each Write, one line of the log package, as a record.
type logWriter struct {
	l     *slogpy.Logger
	level levels.Level
}

// stdlogFrames is the StackLevel that takes a record's caller from Write
// to the caller of log.Printf: Write is called by (*log.Logger).output,
// called by log.Printf (or Print, Println, Fatal…, or the *log.Logger
// methods), called by the user.
var stdlogFrames any = slogpy.StackLevel(4)

// Write implements io.Writer. It reports the whole of p written: errors
// while handling the record go to the handlers' error hooks, as for any
// logging call.
func (w *logWriter) Write(p []byte) (int, error) {
	if w.l.IsEnabledFor(w.level) {
		msg := string(bytes.TrimSuffix(p, []byte{'\n'}))
		w.l.Log(w.level, msg, stdlogFrames)
	}
	return len(p), nil
}
