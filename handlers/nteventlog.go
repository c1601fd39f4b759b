package handlers

import (
	"errors"
	"fmt"
	"sync"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// An EventType is the type of a Windows event log entry (the
// EVENTLOG_*_TYPE constants).
type EventType uint16

// The event types an [NTEventLogHandler] uses.
const (
	EventError       EventType = 0x0001 // EVENTLOG_ERROR_TYPE
	EventWarning     EventType = 0x0002 // EVENTLOG_WARNING_TYPE
	EventInformation EventType = 0x0004 // EVENTLOG_INFORMATION_TYPE
)

// DefaultEventTypeMap returns CPython's NTEventLogHandler typemap: DEBUG and
// INFO are information events, WARNING a warning, ERROR and CRITICAL
// errors. Other levels get the default type, [EventError], as in Python.
func DefaultEventTypeMap() map[levels.Level]EventType {
	return map[levels.Level]EventType{
		levels.Debug:    EventInformation,
		levels.Info:     EventInformation,
		levels.Warning:  EventWarning,
		levels.Error:    EventError,
		levels.Critical: EventError,
	}
}

// DefaultEventMessageFile is the message file registered for an event
// source when none is given: the one of Windows' eventcreate command,
// whose message IDs 1 to 1000 print the record's text as it is.
const DefaultEventMessageFile = `%SystemRoot%\System32\EventCreate.exe`

// NTEventLogHandlerOptions are the options of [NewNTEventLogHandler]. The
// zero value gives CPython's behaviour.
type NTEventLogHandlerOptions struct {
	slogpy.HandlerOptions
	// DLLName is the message file registered for the source (Python's
	// dllname). Empty means DefaultEventMessageFile (Python uses the
	// win32service.pyd of pywin32, which Go programs do not have).
	DLLName string
	// LogType is the log the source is registered in. Empty means
	// "Application".
	LogType string
	// TypeMap maps a record's level to its event type (Python's typemap).
	// Only exact levels match. nil means DefaultEventTypeMap().
	TypeMap map[levels.Level]EventType
	// DefaultType is the event type of levels not in TypeMap (Python's
	// deftype). Zero means EventError.
	DefaultType EventType
	// EventCategory returns a record's event category, as overriding
	// Python's getEventCategory. nil means 0.
	EventCategory func(r *slogpy.Record) uint16
	// MessageID returns a record's message ID in the message file, as
	// overriding Python's getMessageID. nil means 1.
	MessageID func(r *slogpy.Record) uint32
}

// An NTEventLogHandler writes records to the Windows event log: Python's
// logging.handlers.NTEventLogHandler. It is available on Windows only; on
// other systems [NewNTEventLogHandler] returns an error wrapping
// errors.ErrUnsupported.
//
// The constructor registers appname as an event source of the log
// (HKLM\SYSTEM\CurrentControlSet\Services\EventLog\<logtype>\<appname>,
// with EventMessageFile and TypesSupported, as pywin32's
// AddSourceToRegistry); as in Python, an "access denied" error there is
// ignored, so a program without administrator rights can log to a source
// registered beforehand. Each record is reported with the event type,
// category and message ID of [NTEventLogHandler.EventType],
// [NTEventLogHandler.EventCategory] and [NTEventLogHandler.MessageID], and
// the formatted record as the event's one string.
//
// Differences from Python: the event source handle is opened once and
// kept (Python's pywin32 opens it for each record), so a record emitted
// after Close fails with slogpy.ErrClosed; the default message file is
// EventCreate.exe.
//
// Its methods are safe for concurrent use.
type NTEventLogHandler struct {
	slogpy.HandlerBase
	mu                        sync.Mutex // the handler's lock (Python's acquire and release)
	appname, dllname, logtype string
	typemap                   map[levels.Level]EventType
	deftype                   EventType
	category                  func(*slogpy.Record) uint16
	messageID                 func(*slogpy.Record) uint32
	sink                      ntEventLogSink // guarded by the lock; nil once closed
}

var _ slogpy.Handler = (*NTEventLogHandler)(nil)

// ntEventLogSink is the event source: the Windows event log, or a
// recorder in tests.
type ntEventLogSink interface {
	report(etype EventType, category uint16, id uint32, msg string) error
	close() error
}

// NewNTEventLogHandler returns a handler writing to the event log as the
// source appname: Python's NTEventLogHandler(appname, dllname, logtype).
// nil opts means defaults. An empty appname, or a failure to register or
// open the source, is an error; on systems other than Windows it always
// returns an error.
func NewNTEventLogHandler(appname string, opts *NTEventLogHandlerOptions) (*NTEventLogHandler, error) {
	h, err := newNTEventLogHandler(appname, opts)
	if err != nil {
		return nil, err
	}
	if h.sink, err = ntEventLogOpen(h.appname, h.dllname, h.logtype); err != nil {
		return nil, err
	}
	return h, nil
}

// newNTEventLogHandler checks the arguments and builds the handler
// without its sink.
func newNTEventLogHandler(appname string, opts *NTEventLogHandlerOptions) (*NTEventLogHandler, error) {
	var o NTEventLogHandlerOptions
	if opts != nil {
		o = *opts
	}
	if appname == "" {
		return nil, errors.New("handlers: NT event log handler: empty appname")
	}
	h := &NTEventLogHandler{appname: appname, dllname: o.DLLName, logtype: o.LogType,
		typemap: o.TypeMap, deftype: o.DefaultType, category: o.EventCategory, messageID: o.MessageID}
	if h.dllname == "" {
		h.dllname = DefaultEventMessageFile
	}
	if h.logtype == "" {
		h.logtype = "Application"
	}
	if h.typemap == nil {
		h.typemap = DefaultEventTypeMap()
	} else {
		m := make(map[levels.Level]EventType, len(h.typemap))
		for l, t := range h.typemap {
			m[l] = t
		}
		h.typemap = m
	}
	if h.deftype == 0 {
		h.deftype = EventError
	}
	h.Configure(&o.HandlerOptions)
	return h, nil
}

// AppName returns the event source name.
func (h *NTEventLogHandler) AppName() string { return h.appname }

// DLLName returns the message file registered for the source.
func (h *NTEventLogHandler) DLLName() string { return h.dllname }

// LogType returns the log the source is registered in.
func (h *NTEventLogHandler) LogType() string { return h.logtype }

// EventType returns the event type of r: its level looked up in the type
// map, or the default type (Python's getEventType).
func (h *NTEventLogHandler) EventType(r *slogpy.Record) EventType {
	if t, ok := h.typemap[r.Levelno]; ok {
		return t
	}
	return h.deftype
}

// EventCategory returns the event category of r: 0 unless the
// EventCategory option says otherwise (Python's getEventCategory).
func (h *NTEventLogHandler) EventCategory(r *slogpy.Record) uint16 {
	if h.category != nil {
		return h.category(r)
	}
	return 0
}

// MessageID returns the message ID of r: 1 unless the MessageID option
// says otherwise (Python's getMessageID).
func (h *NTEventLogHandler) MessageID(r *slogpy.Record) uint32 {
	if h.messageID != nil {
		return h.messageID(r)
	}
	return 1
}

// Emit implements [slogpy.Handler]: the record is formatted and reported
// with its event type, category and message ID.
func (h *NTEventLogHandler) Emit(r *slogpy.Record) error {
	id, cat, typ := h.MessageID(r), h.EventCategory(r), h.EventType(r)
	b, err := h.Format(nil, r)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sink == nil {
		return slogpy.ErrClosed
	}
	if err := h.sink.report(typ, cat, id, string(b)); err != nil {
		return fmt.Errorf("handlers: NT event log handler: report event: %w", err)
	}
	return nil
}

// Close releases the event source. The registration stays, as in Python,
// so that the event viewer can still show the messages.
func (h *NTEventLogHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.sink == nil {
		return nil
	}
	err := h.sink.close()
	h.sink = nil
	return err
}
