// Command library shows "Configuring Logging for a Library" of Python's
// logging HOWTO from the application's side. The library,
// [github.com/slogpy/slogpy/examples/library/foo], attaches a NullHandler
// to its top-level logger:
//
//	import logging
//	logging.getLogger('foo').addHandler(logging.NullHandler())
//
// and logs a warning on "foo.client" when made without an address.
//
// Run without flags, the application configures no logging, and nothing is
// printed: the record finds the NullHandler, so the last-resort handler
// (which would print "no address given, using localhost:8000" on standard
// error) does not take it.
//
// With -basicconfig, the application calls BasicConfig first, and the
// warning propagates from "foo.client" to the root logger's handler:
//
//	WARNING:foo.client:no address given, using localhost:8000
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/slogpy/slogpy/examples/library/foo"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("library", flag.ExitOnError)
	basic := fs.Bool("basicconfig", false, "configure logging with BasicConfig before using foo")
	fs.Parse(args) // exits on a bad flag, as flag.Parse

	if *basic {
		if err := slogpy.BasicConfig(nil); err != nil {
			return err
		}
		defer slogpy.Shutdown()
	}
	foo.NewClient("")
	return nil
}
