// Command simple is "A simple example" of Python's logging HOWTO:
//
//	import logging
//	logging.warning('Watch out!')  # will print a message to the console
//	logging.info('I told you so')  # will not print anything
//
// It prints on standard error:
//
//	WARNING:root:Watch out!
//
// The module-level functions log on the root logger. The first call finds
// it without handlers and calls BasicConfig, which adds a handler writing
// "%(levelname)s:%(name)s:%(message)s" to standard error; the root logger's
// level is WARNING, so the INFO message is dropped.
package main

import "github.com/slogpy/slogpy/slogpy"

func main() {
	slogpy.Warning("Watch out!") // will print a message to the console
	slogpy.Info("I told you so") // will not print anything
}
