// Command quickstart is the quick start of slogpy's README: the recipe of
// the logging HOWTO's "Configuring Logging" section (one format with the
// time, the logger name and the level) set up by BasicConfig, in Python:
//
//	logging.basicConfig(
//	    format='%(asctime)s - %(name)s - %(levelname)s - %(message)s',
//	    level=logging.INFO)
//	logger = logging.getLogger('app.db')
//	logger.info('connected to %s in %d ms', 'db1', 12)
//	logger.debug('not shown: below INFO')
//	try:
//	    raise ConnectionResetError('connection reset')
//	except ConnectionResetError:
//	    logger.exception('query %r failed', 'SELECT 1')
//
// It prints on standard error (the times vary):
//
//	2026-11-20 23:41:07,113 - app.db - INFO - connected to db1 in 12 ms
//	2026-11-20 23:41:07,113 - app.db - ERROR - query 'SELECT 1' failed
//	connection reset
//
// Where Python prints the traceback after the message, Go prints the error.
// BasicConfig returns an error where Python raises (a mistake in the
// format): then nothing is configured, so the program stops.
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
		Format: "%(asctime)s - %(name)s - %(levelname)s - %(message)s",
		Level:  levels.Info,
	})
	if err != nil { // a mistake in the format: nothing is configured
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	logger := slogpy.GetLogger("app.db")
	logger.Info("connected to %s in %d ms", "db1", 12)
	logger.Debug("not shown: below INFO")
	logger.Exception(errors.New("connection reset"), "query %r failed", "SELECT 1")
}
