// Command dictconfig is the logging HOWTO's dictionary configuration
// example: the HOWTO's YAML configuration (logging.yaml, next to this file;
// run it from this directory)
// applied with dictConfig,
//
//	with open('logging.yaml') as f:
//	    logging.config.dictConfig(yaml.safe_load(f))
//
//	logger = logging.getLogger('simpleExample')
//	logger.debug('debug message')
//	logger.info('info message')
//	logger.warn('warn message')
//	logger.error('error message')
//	logger.critical('critical message')
//
// It prints on standard output:
//
//	2005-03-19 15:38:55,977 - simpleExample - DEBUG - debug message
//	2005-03-19 15:38:55,979 - simpleExample - INFO - info message
//	2005-03-19 15:38:56,054 - simpleExample - WARNING - warn message
//	2005-03-19 15:38:56,055 - simpleExample - ERROR - error message
//	2005-03-19 15:38:56,130 - simpleExample - CRITICAL - critical message
//
// "propagate: no" is false, as PyYAML reads it.
package main

import (
	"fmt"
	"os"

	"github.com/slogpy/slogpy/config"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	path := "logging.yaml" // next to this file: run from this directory
	if err := config.DictConfigFile(path, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer slogpy.Shutdown()

	logger := slogpy.GetLogger("simpleExample")
	logger.Debug("debug message")
	logger.Info("info message")
	logger.Warn("warn message")
	logger.Error("error message")
	logger.Critical("critical message")
}
