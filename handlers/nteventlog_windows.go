//go:build windows

package handlers

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
	"golang.org/x/sys/windows/svc/eventlog"
)

// ntEventLogOpen registers appname as a source of the logtype log, as
// pywin32's win32evtlogutil.AddSourceToRegistry, then opens it. Access
// denied while registering is not an error, as in Python.
func ntEventLogOpen(appname, dllname, logtype string) (ntEventLogSink, error) {
	if err := ntEventLogAddSource(appname, dllname, logtype); err != nil && !errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return nil, fmt.Errorf("handlers: NT event log handler %q: register source in %q log: %w", appname, logtype, err)
	}
	l, err := eventlog.Open(appname)
	if err != nil {
		return nil, fmt.Errorf("handlers: NT event log handler %q: open event source: %w", appname, err)
	}
	return ntEventLogWindows{l}, nil
}

func ntEventLogAddSource(appname, dllname, logtype string) error {
	k, _, err := registry.CreateKey(registry.LOCAL_MACHINE,
		`SYSTEM\CurrentControlSet\Services\EventLog\`+logtype+`\`+appname, registry.SET_VALUE)
	if err != nil {
		return err
	}
	defer k.Close()
	if err := k.SetExpandStringValue("EventMessageFile", dllname); err != nil {
		return err
	}
	return k.SetDWordValue("TypesSupported", uint32(EventError|EventWarning|EventInformation))
}

// ntEventLogWindows reports to a registered event source.
type ntEventLogWindows struct {
	log *eventlog.Log
}

func (s ntEventLogWindows) report(etype EventType, category uint16, id uint32, msg string) error {
	p, err := windows.UTF16PtrFromString(msg)
	if err != nil {
		return err
	}
	ss := []*uint16{p}
	return windows.ReportEvent(s.log.Handle, uint16(etype), category, id, 0, 1, 0, &ss[0], nil)
}

func (s ntEventLogWindows) close() error { return s.log.Close() }
