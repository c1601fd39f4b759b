// Command quickstart is the quick start of slogpy's README: the recipe of
// the logging HOWTO's "Configuring Logging" section (one format with the
// time, the logger name and the level) set up by BasicConfig, in Python:
//
//	logging.basicConfig(
//	    format='%(asctime)s - %(name)s - %(levelname)s - %(message)s',
//	    level=logging.INFO)
//	log = logging.getLogger('app.db')
//	log.info('connected to %s in %d ms', 'db1', 12)
//	log.debug('not shown: below INFO')
//	try:
//	    raise ConnectionResetError('connection reset')
//	except ConnectionResetError:
//	    log.exception('query %r failed', 'SELECT 1')
//
// It prints on standard error (the times vary):
//
//	2026-11-20 23:41:07,113 - app.db - INFO - connected to db1 in 12 ms
//	2026-11-20 23:41:07,113 - app.db - ERROR - query 'SELECT 1' failed
//	connection reset
//
// Where Python prints the traceback after the message, Go prints the error.
package main

import (
	"errors"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	slogpy.BasicConfig(&slogpy.BasicConfigOptions{
		Format: "%(asctime)s - %(name)s - %(levelname)s - %(message)s",
		Level:  levels.Info,
	})
	log := slogpy.GetLogger("app.db")
	log.Info("connected to %s in %d ms", "db1", 12)
	log.Debug("not shown: below INFO")
	log.Exception(errors.New("connection reset"), "query %r failed", "SELECT 1")
}
