package slogpy

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/petermattis/goid"

	"github.com/slogpy/slogpy/internal/buffer"
	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/internal/pytime"
	"github.com/slogpy/slogpy/internal/recpool"
	"github.com/slogpy/slogpy/levels"
)

// A Record is one logging event: Python's LogRecord.
//
// The exported fields are what the caller supplied. Everything else a
// formatter can print (caller file and line, goroutine, process, message) is
// computed from them when first asked for and kept, so work that no format
// asks for is never done.
//
// A Record that a [Logger] passes to a handler is only valid during the call:
// the logger reuses it afterwards. A handler or filter that keeps a record
// beyond the call (a queue, a memory buffer) must keep [Record.Clone].
type Record struct {
	// Name is the name of the logger the record was logged on.
	Name string
	// Levelno is the Python level number.
	Levelno levels.Level
	// Msg is the message format, before %-merging with Args.
	Msg string
	// Args are the %-arguments. A single map with string keys serves
	// %(key)s directives, as a single dict does in Python.
	Args []any
	// Time is when the record was created.
	Time time.Time
	// PC is the program counter of the logging call, or zero. A Logger
	// leaves it zero when no handler the call reaches reads the caller
	// (see [HandlerBase.FormatOnly]); Pathname, Lineno and FuncName still
	// find the call when asked during it, on its goroutine.
	PC uintptr
	// Err is Python's exc_info: the error logged with [ExcInfo] or
	// [Logger.Exception].
	Err error
	// ExcInfo reports whether the record carries exception information, even
	// a nil Err (Python's logger.exception outside an except block).
	ExcInfo bool
	// ExcText is the formatted Err, filled by the first formatter that needs
	// it and reused by the others, as Python's exc_text.
	ExcText string
	// StackInfo is the formatted call stack, when [StackInfo] was passed.
	StackInfo string

	ctx   context.Context
	attrs []slog.Attr
	bound *attrBlock // attributes bound once, before attrs (see bound.go)
	m     *Manager   // the manager of the first logger that handled the record
	// splitArgs is set while the split of the call's surplus arguments
	// waits for the merge (see sortArgs).
	splitArgs bool

	msg []byte
	// line is the buffer a handler formats the record into, lent to one
	// Emit at a time (takeLine), so that a logging call takes one object
	// from a pool, not two.
	line     buffer.Buffer
	lineBusy bool
	// guard says what recovers a panic while the record is emitted
	// (handle, formatLine).
	guard   uint8
	msgErr  error
	msgDone bool
	msgCut  bool // msg was cut at maxMsg
	maxMsg  int  // see SetMaxMessage

	levelname string

	callerDone bool
	// callerSkip is set when the logging call did not capture its caller:
	// the frames from Logger.log up to the caller (see findCaller).
	callerSkip int
	pathname   string
	funcName   string
	lineno     int
	module     string
	filename   string

	created, msecs, relativeCreated float64
	hasCreated, hasMsecs, hasRel    bool

	thread                            int64
	threadName, processName           string
	process                           int
	hasThread, hasProcess, hasPrcName bool
	// argsNone, noThread and noProcess are set by MakeRecord for Python's
	// None in args, thread and process.
	argsNone, noThread, noProcess bool
}

var pid = os.Getpid()

// recordPool holds records with their buffers: a pooledRecord is one
// allocation, the record and the arrays behind its line and merged
// message, so that a record made when the pool is empty (a queue holding
// records, a pool the collector emptied) costs one allocation as before,
// and two small buffers made side by side and reused on two CPUs cannot
// share a cache line.
var recordPool = sync.Pool{New: func() any {
	p := &pooledRecord{}
	p.line, p.msg = p.lineArr[:0:len(p.lineArr)], p.msgArr[:0:len(p.msgArr)]
	return &p.Record
}}

// pooledRecord is a record of the pool with its buffers' first arrays;
// free clears the record, not the arrays.
type pooledRecord struct {
	Record
	lineArr [1024]byte
	msgArr  [128]byte
}

func newRecord() *Record { return recordPool.Get().(*Record) }

func init() {
	recpool.Get = func() any { return newRecord() }
	recpool.Put = func(r any) { r.(*Record).free() }
}

func (r *Record) free() {
	attrs, msg, args, line := r.attrs, r.msg, r.Args, r.line
	clear(attrs)
	clear(args)
	*r = Record{}
	if cap(line) <= buffer.MaxPooled {
		r.line = line[:0]
	}
	if cap(attrs) <= 64 {
		r.attrs = attrs[:0]
	}
	if cap(args) <= 64 {
		r.Args = args[:0]
	}
	if cap(msg) <= 16<<10 {
		r.msg = msg[:0]
	}
	recordPool.Put(r)
}

// Clone returns a copy of r that shares no mutable state with it: the way
// for a handler (or a test) to keep a record after Emit returns. The record
// a handler is given is valid only during the call; loggers reuse it.
func (r *Record) Clone() *Record { return r.CloneInto(new(Record)) }

// CloneInto makes dst a copy of r that shares no mutable state with it,
// reusing dst's buffers, and returns dst.
func (r *Record) CloneInto(dst *Record) *Record {
	r.settle()
	attrs, args, msg, line := dst.attrs[:0], dst.Args[:0], dst.msg[:0], dst.line[:0]
	*dst = *r
	dst.line, dst.lineBusy, dst.guard = line, false, guardNone
	// A call that did not capture its caller reached only handlers that
	// said they would not read it (see HandlerBase.FormatOnly); the clone,
	// which outlives the call, has none.
	dst.callerSkip = 0
	dst.attrs = append(attrs, r.attrs...)
	dst.Args = append(args, r.Args...)
	dst.msg = append(msg, r.msg...)
	return dst
}

// takeLine returns the buffer to format r into: r's own, empty, unless
// it is lent already (a handler that emits the record from its Emit) or r
// has none (a record not from the pool), else one from the buffer pool.
// Give it back with giveLine.
func (r *Record) takeLine() *buffer.Buffer {
	if r.lineBusy || r.line == nil {
		return buffer.New()
	}
	r.lineBusy, r.line = true, r.line[:0]
	return &r.line
}

// giveLine gives back a buffer from takeLine.
func (r *Record) giveLine(b *buffer.Buffer) {
	if b == &r.line {
		r.lineBusy = false
	} else {
		b.Free()
	}
}

// Context returns the context the record was logged with, never nil.
func (r *Record) Context() context.Context {
	if r.ctx == nil {
		return context.Background()
	}
	return r.ctx
}

// SetContext sets the context returned by [Record.Context].
func (r *Record) SetContext(ctx context.Context) { r.ctx = ctx }

// Message returns Msg merged with Args, as Python's getMessage: Msg alone
// when there are no Args, else Msg % Args. The result is computed once.
func (r *Record) Message() (string, error) {
	b, err := r.message()
	return string(b), err
}

func (r *Record) message() ([]byte, error) {
	if !r.msgDone {
		r.msgDone = true
		r.mergeMessage()
	}
	return r.msg, r.msgErr
}

// SetMessage replaces the merged message and sets args to None, as
// QueueHandler.prepare does, or a filter that rewrites record.msg and sets
// record.args = None.
func (r *Record) SetMessage(msg string) {
	r.settle()
	r.Msg, r.Args, r.argsNone = msg, nil, true
	r.msgDone, r.msgErr, r.msgCut = true, nil, false
	r.msg = append(r.msg[:0], msg...)
}

// ClearArgs sets args to None (Python's record.args = None), as
// QueueHandler.prepare does: Args is emptied and %(args)s prints None.
func (r *Record) ClearArgs() { r.settle(); r.Args, r.argsNone = r.Args[:0], true }

// hasArgs is Python's truth test of record.args: an empty tuple is false.
// A single empty mapping stays the tuple ({},) in Python, which is true.
func hasArgs(args []any) bool { return len(args) > 0 }

// AppendArgsRepr appends Python's repr of record.args: the mapping itself
// when Args is a single non-empty map or [Dict] (LogRecord unwraps it and
// formats with it), None for a record [MakeRecord] made with args None,
// else the tuple of Args, "()" when there are none.
func (r *Record) AppendArgsRepr(dst []byte) []byte {
	r.settle()
	return pyfmt.AppendRepr(dst, r.argsValue())
}

// argsValue is Python's record.args: the mapping when Args is a single
// non-empty map, None when MakeRecord was given None, else the tuple.
func (r *Record) argsValue() any {
	switch {
	case pyfmt.IsLogMapping(r.Args):
		return r.Args[0]
	case r.argsNone:
		return nil
	}
	return Tuple(r.Args)
}

// Levelname returns the level's registered name (levels.GetLevelName).
func (r *Record) Levelname() string {
	if r.levelname != "" {
		return r.levelname
	}
	return levels.GetLevelName(r.Levelno)
}

func (r *Record) caller() {
	if r.callerDone {
		return
	}
	r.callerDone = true
	if r.PC == 0 && r.callerSkip > 0 {
		r.PC = r.findCaller()
	}
	if r.PC == 0 {
		// CPython's Logger._log when findCaller finds no frame.
		r.pathname, r.funcName = unknownFile, unknownFunction
		return
	}
	f := frameOf(r.PC)
	r.pathname, r.lineno, r.funcName = f.file, f.line, f.function
}

// unknownFile and unknownFunction are CPython's pathname and funcName of
// a record whose caller is unknown (a slog.Record without a PC, a caller
// that could not be found): its filename and module are unknownFile too.
const (
	unknownFile     = "(unknown file)"
	unknownFunction = "(unknown function)"
)

// logFuncs are the runtime names of the Logger methods that build records
// and capture callers, found on the stack by findCaller.
var logFuncs = [...]string{
	reflect.TypeFor[Logger]().PkgPath() + ".(*Logger).log",
	reflect.TypeFor[Logger]().PkgPath() + ".(*Logger).logAttrs",
}

// findCaller returns the PC a logging call did not capture: asked during
// the call, on its goroutine, the stack holds the Logger method that built
// r, and the caller is r.callerSkip-1 frames above it, as runtime.Callers
// counts them (inlined calls included). Asked elsewhere, or with logging
// calls nested on the stack (so that which one built r is unknown), it
// returns 0: no caller rather than a wrong one.
func (r *Record) findCaller() uintptr {
	if !r.hasThread || goroutineID() != r.thread {
		return 0
	}
	pcs := make([]uintptr, 64)
	for {
		n := runtime.Callers(0, pcs)
		if n < len(pcs) || len(pcs) >= 1<<14 {
			pcs = pcs[:n]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	at, found := 0, 0
	frames := runtime.CallersFrames(pcs)
	for i := 0; ; i++ {
		f, more := frames.Next()
		if f.Function == logFuncs[0] || f.Function == logFuncs[1] {
			at = i
			found++
		}
		if !more {
			break
		}
	}
	var pc [1]uintptr
	if found != 1 || runtime.Callers(at+r.callerSkip-1, pc[:]) == 0 {
		return 0
	}
	return pc[0]
}

// funcName trims the package path from a runtime function name:
// "github.com/a/b.(*T).M" becomes "(*T).M", "main.main" becomes "main".
func funcName(full string) string {
	name := full
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.IndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// Pathname returns the full path of the source file of the logging call,
// or "" when it is not known: the record has no PC and is not being
// handled by the logging call that made it, on its goroutine (see
// [Record.PC]).
func (r *Record) Pathname() string { r.caller(); return r.pathname }

// Lineno returns the source line of the logging call, or 0 when it is not
// known (see [Record.Pathname]).
func (r *Record) Lineno() int { r.caller(); return r.lineno }

// FuncName returns the function of the logging call, without its package
// path ("main", "(*Server).serve").
func (r *Record) FuncName() string { r.caller(); return r.funcName }

// Filename returns the base name of Pathname.
func (r *Record) Filename() string {
	if r.filename != "" {
		return r.filename
	}
	if p := r.Pathname(); p != "" {
		return filepath.Base(p)
	}
	return ""
}

// Module returns Filename without its extension, as Python's module.
func (r *Record) Module() string {
	if r.module != "" {
		return r.module
	}
	f := r.Filename()
	return strings.TrimSuffix(f, filepath.Ext(f))
}

// Created returns the creation time in seconds since the epoch, as Python's
// created (time.time()).
func (r *Record) Created() float64 {
	if r.hasCreated {
		return r.created
	}
	return pytime.Created(r.Time)
}

// Msecs returns the millisecond part of Created, truncated, as CPython 3.11.
func (r *Record) Msecs() float64 {
	if r.hasMsecs {
		return r.msecs
	}
	return pytime.Msecs(r.Created())
}

// RelativeCreated returns the milliseconds between the start time of the
// record's manager ([Manager.SetStartTime]; the default manager's for a
// record that reached no logger) and the creation of the record.
func (r *Record) RelativeCreated() float64 {
	if r.hasRel {
		return r.relativeCreated
	}
	m := r.m
	if m == nil {
		m = defaultManager
	}
	return (r.Created() - m.startCreated()) * 1000
}

// Thread returns the id of the goroutine that logged the record (Python's
// thread). It is read from the runtime the first time it is asked for, so a
// handler that passes records to another goroutine calls it before doing so.
func (r *Record) Thread() int64 {
	if !r.hasThread {
		r.hasThread = true
		r.thread = goroutineID()
	}
	return r.thread
}

// ThreadName returns "MainThread" for the main goroutine and "Goroutine-N"
// for the others.
func (r *Record) ThreadName() string {
	if r.threadName != "" {
		return r.threadName
	}
	if id := r.Thread(); id != 1 {
		return "Goroutine-" + strconv.FormatInt(id, 10)
	}
	return "MainThread"
}

// Process returns the process id.
func (r *Record) Process() int {
	if r.hasProcess {
		return r.process
	}
	return pid
}

// ProcessName returns "MainProcess", as Python does outside multiprocessing.
func (r *Record) ProcessName() string {
	if r.hasPrcName {
		return r.processName
	}
	return "MainProcess"
}

// goroutineID returns the current goroutine's id. goid reads it from the
// runtime in a nanosecond; the package's initialisation checks it against
// the id in a stack trace, and goroutineID falls back to parsing traces if
// they disagree.
func goroutineID() int64 {
	if goidOK {
		return goid.Get()
	}
	return stackGoroutineID()
}

// goidOK is set when goid.Get agrees with the stack trace (set once, at
// initialisation, read on every logging call).
var goidOK = goid.Get() == stackGoroutineID()

// stackGoroutineID reads the id from "goroutine 17 [running]:".
func stackGoroutineID() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b, _ = bytes.CutPrefix(b, []byte("goroutine ")) // "goroutine 17 [running]:"
	i := bytes.IndexByte(b, ' ')
	if i < 0 {
		return 0
	}
	var id int64
	for _, c := range b[:i] {
		id = id*10 + int64(c-'0')
	}
	return id
}

// NumAttrs returns the number of attributes (Python's extra) of r.
func (r *Record) NumAttrs() int { r.settle(); return r.numAttrs() }

// Attrs calls f on each attribute of r until f returns false.
func (r *Record) Attrs(f func(slog.Attr) bool) {
	r.settle()
	if r.bound != nil {
		for _, a := range r.bound.attrs {
			if !f(a) {
				return
			}
		}
	}
	for _, a := range r.attrs {
		if !f(a) {
			return
		}
	}
}

// AddAttrs appends attributes to r, as slog.Record.AddAttrs: empty
// attributes and empty groups are dropped, groups with an empty key are
// inlined, and slog.LogValuer values are resolved now.
func (r *Record) AddAttrs(attrs ...slog.Attr) {
	r.settle()
	for _, a := range attrs {
		r.attrs = appendAttr(r.attrs, a)
	}
}

// Attr returns the value of the attribute key. A dotted key ("req.id")
// reaches into groups. The last attribute of a key wins, as a later entry of
// Python's extra would.
func (r *Record) Attr(key string) (slog.Value, bool) {
	r.settle()
	return r.lookupAll(key)
}

// lookupAttr finds key in attrs, which appendAttr built (their values are
// resolved).
func lookupAttr(attrs []slog.Attr, key string) (slog.Value, bool) {
	for i := len(attrs) - 1; i >= 0; i-- {
		a := &attrs[i]
		if a.Key == key {
			return a.Value, true
		}
		groupPrefix := a.Key == "" || len(key) > len(a.Key) && key[len(a.Key)] == '.' && key[:len(a.Key)] == a.Key
		if groupPrefix && a.Value.Kind() == slog.KindGroup {
			if a.Key == "" {
				if v, ok := lookupAttr(a.Value.Group(), key); ok {
					return v, true
				}
			} else if rest, ok := strings.CutPrefix(key, a.Key+"."); ok {
				if v, ok := lookupAttr(a.Value.Group(), rest); ok {
					return v, true
				}
			}
		}
	}
	return slog.Value{}, false
}

// MakeRecord returns a record built from a map of Python LogRecord attribute
// names to values, as Python's logging.makeLogRecord. Known names (name, msg,
// args, levelno, levelname, pathname, filename, module, lineno, funcName,
// created, msecs, relativeCreated, thread, threadName, process, processName,
// exc_info, exc_text, stack_info) set those fields; every other key becomes
// an attribute. A value of the wrong type for a known name is an error.
//
// args may be a []any or a [Tuple] (the arguments), nil (Python's None) or
// any other value (a single argument). thread and process may be nil, as
// Python's are when logging.logThreads or logProcesses is off: see
// [Record.HasThread]. msg may be any value; it is converted with str().
//
// A Go map has no order, so the attributes are added in the order of their
// keys, sorted; [MakeRecordOrdered] keeps the order it is given.
func MakeRecord(m map[string]any) (*Record, error) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	d := make(Dict, len(keys))
	for i, k := range keys {
		d[i] = DictItem{Key: k, Value: m[k]}
	}
	return MakeRecordOrdered(d)
}

// MakeRecordOrdered is [MakeRecord] with the attributes in the order of d,
// as Python's makeLogRecord keeps the order of its dict. Every key of d
// must be a string.
func MakeRecordOrdered(d Dict) (*Record, error) {
	r := &Record{callerDone: true, Time: time.Now()}
	for _, it := range d {
		k, ok := it.Key.(string)
		if !ok {
			return nil, fmt.Errorf("slogpy: record attribute names are strings, got %T %v", it.Key, it.Key)
		}
		if err := r.setField(k, it.Value); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// setField sets the LogRecord attribute k, or adds the attribute k.
func (r *Record) setField(k string, v any) error {
	var err error
	switch logrecord.Lookup(k) {
	case logrecord.Name:
		r.Name, err = asString(k, v)
	case logrecord.Msg:
		r.Msg = string(pyfmt.AppendStr(nil, v))
	case logrecord.Args:
		r.argsNone = v == nil
		switch a := v.(type) {
		case nil:
			r.Args = nil
		case []any:
			r.Args = a
		case Tuple:
			r.Args = a
		default:
			r.Args = []any{a}
		}
	case logrecord.Levelno:
		var n int64
		n, err = asInt(k, v)
		r.Levelno = levels.Level(n)
	case logrecord.Levelname:
		r.levelname, err = asString(k, v)
	case logrecord.Pathname:
		r.pathname, err = asString(k, v)
	case logrecord.Filename:
		r.filename, err = asString(k, v)
	case logrecord.Module:
		r.module, err = asString(k, v)
	case logrecord.FuncName:
		r.funcName, err = asString(k, v)
	case logrecord.Lineno:
		var n int64
		n, err = asInt(k, v)
		r.lineno = int(n)
	case logrecord.Created:
		r.created, err = asFloat(k, v)
		r.hasCreated = true
		sec := int64(r.created)
		r.Time = time.Unix(sec, int64((r.created-float64(sec))*1e9+0.5))
	case logrecord.Msecs:
		r.msecs, err = asFloat(k, v)
		r.hasMsecs = true
	case logrecord.RelativeCreated:
		r.relativeCreated, err = asFloat(k, v)
		r.hasRel = true
	case logrecord.Thread:
		r.hasThread, r.noThread = true, v == nil
		if v != nil {
			r.thread, err = asInt(k, v)
		}
	case logrecord.ThreadName:
		r.threadName, err = asString(k, v)
	case logrecord.Process:
		r.hasProcess, r.noProcess = true, v == nil
		if v != nil {
			var n int64
			n, err = asInt(k, v)
			r.process = int(n)
		}
	case logrecord.ProcessName:
		r.processName, err = asString(k, v)
		r.hasPrcName = true
	case logrecord.ExcInfo:
		// None: no exception. An error is the exception; anything else
		// stands for one, printed with str().
		r.ExcInfo = v != nil
		if e, ok := v.(error); ok {
			r.Err = e
		} else if v != nil {
			r.Err = errors.New(string(pyfmt.AppendStr(nil, v)))
		}
	case logrecord.ExcText:
		r.ExcText, err = asString(k, v)
	case logrecord.StackInfo:
		r.StackInfo, err = asString(k, v)
	default:
		r.attrs = appendAttr(r.attrs, slog.Any(k, v))
	}
	return err
}

// HasThread reports whether the record has a thread id: false only for a
// record made by [MakeRecord] with thread None, which formatters print as
// None (Thread returns 0).
func (r *Record) HasThread() bool { return !r.noThread }

// HasProcess reports whether the record has a process id: false only for a
// record made by [MakeRecord] with process None, which formatters print as
// None (Process returns 0).
func (r *Record) HasProcess() bool { return !r.noProcess }

func asString(key string, v any) (string, error) {
	switch s := v.(type) {
	case string:
		return s, nil
	case nil: // Python's None: unset
		return "", nil
	}
	return "", fmt.Errorf("slogpy: record %s: want a string, got %T", key, v)
}

func asInt(key string, v any) (int64, error) {
	switch n := v.(type) {
	case int:
		return int64(n), nil
	case int64:
		return n, nil
	case int32:
		return int64(n), nil
	case levels.Level:
		return int64(n), nil
	case float64:
		if n == float64(int64(n)) {
			return int64(n), nil
		}
	}
	return 0, fmt.Errorf("slogpy: record %s: want an integer, got %T %v", key, v, v)
}

func asFloat(key string, v any) (float64, error) {
	switch n := v.(type) {
	case float64:
		return n, nil
	case float32:
		return float64(n), nil
	case int:
		return float64(n), nil
	case int64:
		return float64(n), nil
	}
	return 0, fmt.Errorf("slogpy: record %s: want a number, got %T %v", key, v, v)
}
