// Command messageformat is "Changing the format of displayed messages" and
// "Displaying the date/time in messages" of Python's logging HOWTO, three
// scripts chosen by the flag -example.
//
// -example=format (the default):
//
//	import logging
//	logging.basicConfig(format='%(levelname)s:%(message)s', level=logging.DEBUG)
//	logging.debug('This message should appear on the console')
//	logging.info('So should this')
//	logging.warning('And this, too')
//
// prints on standard error:
//
//	DEBUG:This message should appear on the console
//	INFO:So should this
//	WARNING:And this, too
//
// -example=asctime:
//
//	import logging
//	logging.basicConfig(format='%(asctime)s %(message)s')
//	logging.warning('is when this event was logged.')
//
// prints something like:
//
//	2010-12-12 11:41:42,612 is when this event was logged.
//
// -example=datefmt:
//
//	import logging
//	logging.basicConfig(format='%(asctime)s %(message)s', datefmt='%m/%d/%Y %I:%M:%S %p')
//	logging.warning('is when this event was logged.')
//
// prints something like:
//
//	12/12/2010 11:46:36 AM is when this event was logged.
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
	fs := flag.NewFlagSet("messageformat", flag.ExitOnError)
	example := fs.String("example", "format", "the HOWTO's script to run: format, asctime or datefmt")
	fs.Parse(args) // exits on a bad flag, as flag.Parse

	switch *example {
	case "format":
		if err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
			Format: "%(levelname)s:%(message)s",
			Level:  levels.Debug,
		}); err != nil {
			return err
		}
		slogpy.Debug("This message should appear on the console")
		slogpy.Info("So should this")
		slogpy.Warning("And this, too")
	case "asctime":
		if err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
			Format: "%(asctime)s %(message)s",
		}); err != nil {
			return err
		}
		slogpy.Warning("is when this event was logged.")
	case "datefmt":
		if err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
			Format:  "%(asctime)s %(message)s",
			Datefmt: "%m/%d/%Y %I:%M:%S %p",
		}); err != nil {
			return err
		}
		slogpy.Warning("is when this event was logged.")
	default:
		return fmt.Errorf("messageformat: unknown -example %q (want format, asctime or datefmt)", *example)
	}
	return nil
}
