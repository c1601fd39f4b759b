package config

import (
	"context"
	"log/slog"

	"github.com/slogpy/slogpy/adapter"
)

// The classes of this module that have no Python name: Go's own, named
// under slogpy., so that a configuration can attach them.
func init() { addClasses(adapterClasses) }

var adapterClasses = []classDef{
	{"slogpy.adapter.ContextFilter", []string{"extract"}, newContextFilter},
}

// newContextFilter is [adapter.ContextFilter]: it adds the attributes a
// record's context carries (adapter.WithContext) to the record, for
// formats that print them by key. extract, optional, is the ext:// name
// of a func(context.Context) []slog.Attr registered with RegisterValue,
// for contexts another package filled under its own keys.
func newContextFilter(a *Args) (func() (any, error), error) {
	f := &adapter.ContextFilter{}
	if v, ok := a.Value("extract"); ok && v != nil {
		switch x := v.(type) {
		case func(context.Context) []slog.Attr:
			f.Extract = x
		default:
			a.Errorf("extract", "want a func(context.Context) []slog.Attr registered with RegisterValue (ext://NAME), got %s", describe(v))
		}
	}
	return made(f), a.Err()
}
