package config

import (
	"fmt"

	"github.com/slogpy/slogpy/handlers"
)

// queueArg reads a queue: a class name or "()" mapping that makes one, or
// a handlers.Queue; absent means a new queue, as Python's queue.Queue().
func queueArg(a *Args) lazyObject {
	if _, ok := a.Value("queue"); !ok {
		return once(func() (any, error) { return handlers.NewChanQueue(0), nil })
	}
	build := a.Object("queue")
	return once(func() (any, error) {
		obj, err := build()
		if err != nil {
			return nil, err
		}
		q, ok := obj.(handlers.Queue)
		if !ok {
			closeObject(obj)
			return nil, &Error{Path: a.at("queue"), Err: fmt.Errorf("want a queue (queue.Queue, a \"()\" mapping or a handlers.Queue), got %s", describe(obj))}
		}
		return q, nil
	})
}

// newQueueHandler is the factory of logging.handlers.QueueHandler, as
// Python 3.12's dictConfig makes it: the queue, and a listener (of class
// listener, logging.handlers.QueueListener by default) passing the
// queue's records to handlers, owned by the handler
// (handlers.QueueHandlerOptions.Listener): the configuration starts it
// when applied, and the handler's Close stops it.
func newQueueHandler(a *Args) (func() (any, error), error) {
	q := queueArg(a)
	rhl := a.Bool("respect_handler_level", false)
	lclass, _ := a.sc.lookupClass("logging.handlers.QueueListener")
	if v, ok := a.Value("listener"); ok {
		cl, err := a.sc.resolveClass(v)
		if err != nil {
			a.fail("listener", err)
		} else {
			lclass = cl
		}
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	kw := map[string]any{"queue": q, "handlers": a.kw["handlers"], "respect_handler_level": rhl}
	la, err := newArgs(a.sc, a.at("listener"), lclass, nil, nil, kw)
	if err != nil {
		return nil, err
	}
	la.setWhere("handlers", a.at("handlers"))
	lbuild, err := invoke(lclass, la)
	a.deps = append(a.deps, la.deps...)
	a.silent = a.silent || la.silent
	if err != nil {
		return nil, err
	}
	return func() (any, error) {
		qv, err := q()
		if err != nil {
			return nil, err
		}
		obj, err := lbuild()
		if err != nil {
			return nil, err
		}
		l, ok := obj.(handlers.Listener)
		if !ok {
			closeObject(obj)
			return nil, &Error{Path: a.at("listener"), Err: fmt.Errorf("%s made %s, not a listener (with Start and Stop)", lclass.name, describe(obj))}
		}
		h := handlers.NewQueueHandler(qv.(handlers.Queue), &handlers.QueueHandlerOptions{Listener: l})
		a.Manage(h)
		return h, nil
	}, nil
}
