package config

import (
	"errors"
	"fmt"
	"sync"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// lazyObject is an object made once, when the build functions run: the
// queue a QueueHandler shares with its listener.
type lazyObject func() (any, error)

// once returns build memoized.
func once(build func() (any, error)) lazyObject {
	var (
		o   sync.Once
		v   any
		err error
	)
	return func() (any, error) {
		o.Do(func() { v, err = build() })
		return v, err
	}
}

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
// queue's records to handlers.
func newQueueHandler(a *Args) (func() (any, error), error) {
	q := queueArg(a)
	rhl := a.Bool("respect_handler_level", false)
	lclass, _ := a.r.reg.lookupClass("logging.handlers.QueueListener")
	if v, ok := a.Value("listener"); ok {
		cl, err := a.r.reg.resolveClass(v, "")
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
	la, err := newArgs(a.ck, a.at("listener"), lclass, nil, nil, kw)
	if err != nil {
		return nil, err
	}
	la.where["handlers"] = a.at("handlers")
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
		l, ok := obj.(Service)
		if !ok {
			closeObject(obj)
			return nil, &Error{Path: a.at("listener"), Err: fmt.Errorf("%s made %s, not a listener (with Start and Stop)", lclass.name, describe(obj))}
		}
		h := &QueueHandler{QueueHandler: handlers.NewQueueHandler(qv.(handlers.Queue), nil), listener: l}
		a.Manage(h)
		return h, nil
	}, nil
}

// A QueueHandler is the handler a configuration makes for
// logging.handlers.QueueHandler: a [handlers.QueueHandler] with the queue
// listener the configuration made for it, as Python 3.12's dictConfig
// sets handler.listener. The configuration starts the listener when it is
// applied (Python leaves that to the program) and stops it when it is
// replaced; Close stops it too, so that slogpy.Shutdown hands every
// queued record to the listener's handlers before they are closed. A
// record that reaches the handler after Close (a logging call that
// started before a new configuration replaced it) is handed to the
// listener's handlers directly rather than left in a queue nobody reads.
// Its methods are safe for concurrent use.
type QueueHandler struct {
	*handlers.QueueHandler
	listener Service

	mu      sync.RWMutex // held for reading while a record is enqueued
	running bool
	closed  bool
}

var _ slogpy.Handler = (*QueueHandler)(nil)

// Listener returns the listener, a *handlers.QueueListener unless the
// configuration named another class.
func (h *QueueHandler) Listener() Service { return h.listener }

// Start starts the listener.
func (h *QueueHandler) Start() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.running {
		return nil
	}
	if err := h.listener.Start(); err != nil {
		return err
	}
	h.running = true
	return nil
}

// Stop stops the listener once every record queued so far is handled.
func (h *QueueHandler) Stop() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.stopLocked()
}

func (h *QueueHandler) stopLocked() error {
	if !h.running {
		return nil
	}
	h.running = false
	return h.listener.Stop()
}

// HandleRecord enqueues r for the listener; after Close it hands r to the
// listener's handlers directly.
func (h *QueueHandler) HandleRecord(r *slogpy.Record) error {
	h.mu.RLock()
	if !h.closed {
		defer h.mu.RUnlock()
		return h.QueueHandler.HandleRecord(r)
	}
	h.mu.RUnlock()
	l, ok := h.listener.(*handlers.QueueListener)
	if !ok {
		err := errors.New("config: queue handler: record after Close, and the listener cannot take it directly")
		h.HandleError(r, err)
		return err
	}
	p, err := h.Prepare(r)
	if err != nil {
		h.HandleError(r, err)
		return err
	}
	l.Handle(p)
	return nil
}

// Close stops the listener, then closes the queue handler.
func (h *QueueHandler) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil
	}
	h.closed = true
	return errors.Join(h.stopLocked(), h.QueueHandler.Close())
}
