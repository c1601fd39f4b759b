// Package foo is the library of "Configuring Logging for a Library" in
// Python's logging HOWTO. Its loggers are "foo" and "foo.*", and "foo" has a
// do-nothing handler, as the HOWTO advises:
//
//	import logging
//	logging.getLogger('foo').addHandler(logging.NullHandler())
//
// so that its warnings are not printed when the application configures no
// logging, and reach the application's handlers when it does.
package foo

import "github.com/slogpy/slogpy/slogpy"

func init() {
	slogpy.GetLogger("foo").AddHandler(slogpy.NewNullHandler())
}

var logger = slogpy.GetLogger("foo.client")

// DefaultAddr is the address a [Client] uses when given none.
const DefaultAddr = "localhost:8000"

// A Client talks to a foo server.
type Client struct {
	Addr string
}

// NewClient returns a client for addr. An empty addr means [DefaultAddr],
// with a warning on the logger "foo.client".
func NewClient(addr string) *Client {
	if addr == "" {
		addr = DefaultAddr
		logger.Warning("no address given, using %s", addr)
	}
	return &Client{Addr: addr}
}
