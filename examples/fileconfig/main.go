// Command fileconfig is the logging HOWTO's configuration file example,
// "simple_logging_config.py":
//
//	import logging
//	import logging.config
//
//	logging.config.fileConfig('logging.conf')
//
//	# create logger
//	logger = logging.getLogger('simpleExample')
//
//	# 'application' code
//	logger.debug('debug message')
//	logger.info('info message')
//	logger.warn('warn message')
//	logger.error('error message')
//	logger.critical('critical message')
//
// with the HOWTO's logging.conf, which is next to this file (run it from
// this directory). It prints on
// standard output:
//
//	2005-03-19 15:38:55,977 - simpleExample - DEBUG - debug message
//	2005-03-19 15:38:55,979 - simpleExample - INFO - info message
//	2005-03-19 15:38:56,054 - simpleExample - WARNING - warn message
//	2005-03-19 15:38:56,055 - simpleExample - ERROR - error message
//	2005-03-19 15:38:56,130 - simpleExample - CRITICAL - critical message
//
// args=(sys.stdout,) is read as a Python literal, not evaluated: a file
// whose args= holds code is refused.
package main

import (
	"fmt"
	"os"

	"github.com/slogpy/slogpy/config"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	path := "logging.conf" // next to this file: run from this directory
	if err := config.FileConfig(path, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer slogpy.Shutdown()

	// create logger
	logger := slogpy.GetLogger("simpleExample")

	// 'application' code
	logger.Debug("debug message")
	logger.Info("info message")
	logger.Warn("warn message")
	logger.Error("error message")
	logger.Critical("critical message")
}
