// Command file is "Logging to a file" of Python's logging HOWTO:
//
//	import logging
//	logging.basicConfig(filename='example.log', filemode='w', level=logging.DEBUG)
//	logging.debug('This message should go to the log file')
//	logging.info('So should this')
//	logging.warning('And this, too')
//
// It prints nothing, and leaves in example.log:
//
//	DEBUG:root:This message should go to the log file
//	INFO:root:So should this
//	WARNING:root:And this, too
//
// Filemode "w" truncates the file, so each run starts afresh; leave it empty
// to append, as Python's default "a" does.
//
// The flags are -file, the log file (example.log), and -log, the lowest
// level logged, as the HOWTO's --log=INFO: a level name in any case or a
// number, parsed by levels.Level's UnmarshalText where Python uses
// getattr(logging, loglevel.upper()).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("file", flag.ExitOnError)
	filename := fs.String("file", "example.log", "the log `file`, truncated at start")
	var level levels.Level
	fs.TextVar(&level, "log", levels.Debug, "the lowest `level` logged: DEBUG, info, 30…")
	fs.Parse(args) // exits on a bad flag, as flag.Parse

	err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
		Filename: *filename,
		Filemode: "w",
		Level:    level,
	})
	if err != nil {
		return err
	}
	defer slogpy.Shutdown()

	slogpy.Debug("This message should go to the log file")
	slogpy.Info("So should this")
	slogpy.Warning("And this, too")
	return nil
}
