package slogpy

import (
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
)

// A Filter decides whether a record is logged: Python's logging.Filter
// protocol. Filter returns nil to drop the record, r to keep it (possibly
// changed in place), or another record to log instead of r (Python 3.12).
// A record returned in place of r is not retained by the caller beyond the
// call.
type Filter interface {
	Filter(r *Record) *Record
}

// FilterFunc adapts a function to a [Filter]: true keeps the record.
type FilterFunc func(r *Record) bool

// Filter implements [Filter].
func (f FilterFunc) Filter(r *Record) *Record {
	if f(r) {
		return r
	}
	return nil
}

// NameFilter passes records of one logger and its descendants: Python's
// logging.Filter(name). The empty name passes every record.
type NameFilter struct {
	name string
}

// NewNameFilter returns a filter that passes records logged on the logger
// called name and on loggers below it ("a.b" passes "a.b" and "a.b.c", not
// "a.bc").
func NewNameFilter(name string) *NameFilter { return &NameFilter{name: name} }

// Name returns the filter's logger name.
func (f *NameFilter) Name() string { return f.name }

// Filter implements [Filter].
func (f *NameFilter) Filter(r *Record) *Record {
	n := f.name
	if n == "" || r.Name == n {
		return r
	}
	if strings.HasPrefix(r.Name, n) && len(r.Name) > len(n) && r.Name[len(n)] == '.' {
		return r
	}
	return nil
}

// filterer holds a copy-on-write list of filters: reads take no lock.
type filterer struct {
	mu      sync.Mutex
	filters atomic.Pointer[[]Filter]
	// readsCaller is set when a filter may read a record's caller: any
	// filter but a NameFilter (see Logger.wantsCaller).
	readsCaller atomic.Bool
}

// store publishes the list of filters. f.mu is held.
func (f *filterer) store(list []Filter) {
	reads := false
	for _, x := range list {
		if _, ok := x.(*NameFilter); !ok {
			reads = true
		}
	}
	if len(list) == 0 {
		f.filters.Store(nil)
	} else {
		f.filters.Store(&list)
	}
	f.readsCaller.Store(reads)
}

func (f *filterer) add(flt Filter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	old := f.list()
	for _, x := range old {
		if same(x, flt) {
			return // Python adds a filter once
		}
	}
	f.store(append(append(make([]Filter, 0, len(old)+1), old...), flt))
}

func (f *filterer) remove(flt Filter) {
	f.mu.Lock()
	defer f.mu.Unlock()
	old := f.list()
	for i, x := range old {
		if same(x, flt) {
			f.store(append(append(make([]Filter, 0, len(old)-1), old[:i]...), old[i+1:]...))
			return
		}
	}
}

func (f *filterer) list() []Filter {
	if p := f.filters.Load(); p != nil {
		return *p
	}
	return nil
}

// apply runs the filters in order. It returns the record to log, or nil.
// A panicking filter drops the record and is reported through report.
func (f *filterer) apply(r *Record, report func(*Record, error)) *Record {
	if f.filters.Load() == nil {
		return r // no filters (store keeps nil for none): inlined, no call
	}
	return f.applyAll(r, report)
}

// applyAll is apply's work where there are filters.
func (f *filterer) applyAll(r *Record, report func(*Record, error)) (out *Record) {
	fs := f.list()
	defer func() {
		if p := recover(); p != nil {
			report(r, &filterPanic{p})
			out = nil
		}
	}()
	for _, flt := range fs {
		r = flt.Filter(r)
		if r == nil {
			return nil
		}
	}
	return r
}

// same reports whether a and b are the same filter or handler: == where the
// type allows it, the same code for functions (FilterFunc), else false.
func same(a, b any) (eq bool) {
	defer func() {
		if recover() != nil {
			eq = false // an interface field held an incomparable value
		}
	}()
	ta, tb := reflect.TypeOf(a), reflect.TypeOf(b)
	if ta != tb || ta == nil {
		return ta == nil && tb == nil
	}
	if ta.Comparable() {
		return a == b
	}
	if ta.Kind() == reflect.Func {
		return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
	}
	return false
}
