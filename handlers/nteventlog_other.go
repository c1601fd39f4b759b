//go:build !windows

package handlers

import (
	"errors"
	"fmt"
	"runtime"
)

// ntEventLogOpen fails: the event log exists on Windows only.
func ntEventLogOpen(appname, _, _ string) (ntEventLogSink, error) {
	return nil, fmt.Errorf("handlers: NT event log handler %q: the Windows event log is Windows-only, not available on %s: %w",
		appname, runtime.GOOS, errors.ErrUnsupported)
}
