// Command loggerhandlerformatter is the code example of "Configuring
// Logging" in Python's logging HOWTO: a logger, a handler and a formatter
// made and connected explicitly.
//
//	import logging
//
//	# create logger
//	logger = logging.getLogger('simple_example')
//	logger.setLevel(logging.DEBUG)
//
//	# create console handler and set level to debug
//	ch = logging.StreamHandler()
//	ch.setLevel(logging.DEBUG)
//
//	# create formatter
//	formatter = logging.Formatter('%(asctime)s - %(name)s - %(levelname)s - %(message)s')
//
//	# add formatter to ch
//	ch.setFormatter(formatter)
//
//	# add ch to logger
//	logger.addHandler(ch)
//
//	# 'application' code
//	logger.debug('debug message')
//	logger.info('info message')
//	logger.warn('warn message')
//	logger.error('error message')
//	logger.critical('critical message')
//
// It prints on standard error (the times vary):
//
//	2005-03-19 15:10:26,618 - simple_example - DEBUG - debug message
//	2005-03-19 15:10:26,620 - simple_example - INFO - info message
//	2005-03-19 15:10:26,695 - simple_example - WARNING - warn message
//	2005-03-19 15:10:26,697 - simple_example - ERROR - error message
//	2005-03-19 15:10:26,773 - simple_example - CRITICAL - critical message
package main

import (
	"os"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	// create logger
	logger := slogpy.GetLogger("simple_example")
	logger.SetLevel(levels.Debug)

	// create formatter
	formatter, err := slogpy.NewFormatter("%(asctime)s - %(name)s - %(levelname)s - %(message)s", nil)
	if err != nil {
		panic(err)
	}

	// create console handler with level debug and the formatter
	ch := slogpy.NewStreamHandler(os.Stderr, &slogpy.HandlerOptions{
		Level:     levels.Debug,
		Formatter: formatter,
	})

	// add ch to logger
	logger.AddHandler(ch)

	// 'application' code
	logger.Debug("debug message")
	logger.Info("info message")
	logger.Warn("warn message")
	logger.Error("error message")
	logger.Critical("critical message")
}
