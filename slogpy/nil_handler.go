package slogpy

import (
	"fmt"
	"log/slog"
	"reflect"

	"github.com/slogpy/slogpy/internal/stdio"
)

// A handler constructor that fails returns a typed nil pointer with its
// error: "h, _ := handlers.NewRotatingFileHandler(...)" then hands
// AddHandler a non-nil interface holding a nil *RotatingFileHandler, which
// would panic on the first record, deep inside the handler. AddHandler
// refuses it as it refuses a nil interface, and says so on standard error
// once per type and manager.

// nilHandlerKey is the key of a reported nil handler type in the
// manager's set of reported names.
type nilHandlerKey struct{ t reflect.Type }

// refuseNilHandler reports whether h is a nil pointer (or other nil
// value) inside a non-nil interface, and reports the first of each type.
func (m *Manager) refuseNilHandler(h slog.Handler) bool {
	v := reflect.ValueOf(h)
	if a, ok := h.(slogAdapter); ok {
		v = reflect.ValueOf(a.Handler) // AsSlog of a nil pointer
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan, reflect.UnsafePointer:
		if !v.IsNil() {
			return false
		}
	default:
		return false
	}
	if _, seen := m.extraSeen.LoadOrStore(nilHandlerKey{v.Type()}, true); !seen {
		fmt.Fprintf(stdio.Stderr, "slogpy: AddHandler: nil %s (its constructor returned an error?)\n", v.Type())
	}
	return true
}
