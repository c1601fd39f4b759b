// Package mylib is mylib.py of the logging HOWTO's "Logging from multiple
// modules":
//
//	# mylib.py
//	import logging
//
//	def do_something():
//	    logging.info('Doing something')
//
// It logs on the root logger and leaves the configuration to the
// application.
package mylib

import "github.com/slogpy/slogpy/slogpy"

// DoSomething logs "Doing something" at INFO on the root logger.
func DoSomething() {
	slogpy.Info("Doing something")
}
