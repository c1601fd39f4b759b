// Command multiplemodules is "Logging from multiple modules" of Python's
// logging HOWTO: myapp.py becomes this command and mylib.py the package
// [github.com/slogpy/slogpy/examples/multiplemodules/mylib].
//
//	# myapp.py
//	import logging
//	import mylib
//
//	def main():
//	    logging.basicConfig(filename='myapp.log', level=logging.INFO)
//	    logging.info('Started')
//	    mylib.do_something()
//	    logging.info('Finished')
//
// It prints nothing, and appends to myapp.log:
//
//	INFO:root:Started
//	INFO:root:Doing something
//	INFO:root:Finished
//
// The flag -file names the log file (myapp.log).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/slogpy/slogpy/examples/multiplemodules/mylib"
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
	fs := flag.NewFlagSet("myapp", flag.ExitOnError)
	filename := fs.String("file", "myapp.log", "the log `file`, appended to")
	fs.Parse(args) // exits on a bad flag, as flag.Parse

	err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{Filename: *filename, Level: levels.Info})
	if err != nil {
		return err
	}
	defer slogpy.Shutdown()

	slogpy.Info("Started")
	mylib.DoSomething()
	slogpy.Info("Finished")
	return nil
}
