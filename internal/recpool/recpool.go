// Package recpool lends the other packages of the module the record pool of
// package slogpy, which keeps it unexported so that no user code can free a
// record a logger still uses. A queue handler copies a record into a pooled
// one and gives it back once its listener's handlers are done with it.
package recpool

// Get returns an empty *slogpy.Record from the pool, and Put gives one
// back (it must not be used afterwards). Package slogpy sets them when it
// is initialized, before any package that imports it.
var (
	Get func() any
	Put func(any)
)
