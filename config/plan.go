package config

import (
	"log/slog"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// plan is a configuration checked completely, ready to commit: the
// objects to make in dependency order (formatters, filters, then
// handlers, each after the handlers it refers to) and what to do to each
// logger. Nothing outside the plan has changed yet.
type plan struct {
	incremental     bool
	disableExisting bool
	objects         []*checked
	loggers         []*loggerPlan
	handlerLevels   []handlerLevel

	// Filled while committing: what was made, the services to start and
	// the files opened.
	made     []madeHandler
	services []Service
	files    []*fileEffect
}

// loggerPlan is what a configuration does to one logger, its references
// resolved.
type loggerPlan struct {
	spec     *loggerSpec
	handlers []handlerRef
	filters  []filterRef
}

// handlerRef is a handler of the configuration or a handler object.
type handlerRef = objRef[slog.Handler]

type handlerLevel struct {
	h     slogpy.Handler
	level levels.Level
}

// madeHandler is a handler a configuration made.
type madeHandler struct {
	name  string
	class string
	h     slog.Handler
	// owned is false for a handler object placed in the dictionary: the
	// configuration neither made it nor closes it.
	owned bool
}

// checked is an entry that passed its checks (or failed: bad): the build
// function its factory returned, and, once committed, what it made.
type checked struct {
	e     *entrySpec
	args  *Args
	build func() (any, error)
	bad   bool
	// a handler's formatter and filters, resolved
	formatter *checked
	filters   []filterRef
	obj       any // what was made
}

// objRef is an entry of the configuration, or an object given in its
// place.
type objRef[T any] struct {
	c   *checked
	obj T
}

// get returns the object, made by the time it is called.
func (r objRef[T]) get() T {
	if r.c != nil {
		return r.c.obj.(T)
	}
	return r.obj
}

// filterRef is a filter of the configuration or a filter object.
type filterRef = objRef[slogpy.Filter]
