// Command variabledata is "Logging variable data" of Python's logging
// HOWTO:
//
//	import logging
//	logging.warning('%s before you %s', 'Look', 'leap!')
//
// It prints on standard error:
//
//	WARNING:root:Look before you leap!
//
// As in Python, the arguments are merged into the message with %-style
// formatting, and only when a handler prints the record.
package main

import "github.com/slogpy/slogpy/slogpy"

func main() {
	slogpy.Warning("%s before you %s", "Look", "leap!")
}
