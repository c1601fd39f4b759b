// Command socket is the sending side of "Sending and receiving logging
// events across a network" in Python's logging cookbook:
//
//	import logging, logging.handlers
//
//	rootLogger = logging.getLogger('')
//	rootLogger.setLevel(logging.DEBUG)
//	socketHandler = logging.handlers.SocketHandler('localhost',
//	                    logging.handlers.DEFAULT_TCP_LOGGING_PORT)
//	rootLogger.addHandler(socketHandler)
//
//	logging.info('Jackdaws love my big sphinx of quartz.')
//	logger1 = logging.getLogger('myapp.area1')
//	logger2 = logging.getLogger('myapp.area2')
//	logger1.debug('Quick zephyrs blow, vexing daft Jim.')
//	logger1.info('How quickly daft jumping zebras vex.')
//	logger2.warning('Jail zesty vixen who grabbed pay from quack.')
//	logger2.error('The five boxing wizards jump quickly.')
//
// It prints nothing; the receiving side, the cookbook's Python receiver or
// slogpy-receiver (cmd/slogpy-receiver), prints
//
//	12 root            INFO     Jackdaws love my big sphinx of quartz.
//	12 myapp.area1     DEBUG    Quick zephyrs blow, vexing daft Jim.
//	12 myapp.area1     INFO     How quickly daft jumping zebras vex.
//	12 myapp.area2     WARNING  Jail zesty vixen who grabbed pay from quack.
//	12 myapp.area2     ERROR    The five boxing wizards jump quickly.
//
// The flags -host and -port say where the receiver listens (localhost,
// 9020: Python's DEFAULT_TCP_LOGGING_PORT). When nothing listens there the
// records are dropped; the handler says so once on standard error and the
// program exits with status 1.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("socket", flag.ExitOnError)
	host := fs.String("host", "localhost", "the receiver's `host`")
	port := fs.Int("port", 9020, "the receiver's TCP `port`")
	fs.Parse(args)

	socketHandler, err := handlers.NewSocketHandler(*host, *port, nil)
	if err != nil {
		return err
	}
	rootLogger := slogpy.GetLogger("")
	rootLogger.SetLevel(levels.Debug)
	rootLogger.AddHandler(socketHandler)
	defer func() {
		rootLogger.RemoveHandler(socketHandler)
		socketHandler.Close()
	}()

	slogpy.Info("Jackdaws love my big sphinx of quartz.")
	logger1 := slogpy.GetLogger("myapp.area1")
	logger2 := slogpy.GetLogger("myapp.area2")
	logger1.Debug("Quick zephyrs blow, vexing daft Jim.")
	logger1.Info("How quickly daft jumping zebras vex.")
	logger2.Warning("Jail zesty vixen who grabbed pay from quack.")
	logger2.Error("The five boxing wizards jump quickly.")

	if n := socketHandler.Dropped(); n > 0 {
		return fmt.Errorf("socket: %d of 5 records dropped: no receiver at %s:%d", n, *host, *port)
	}
	return nil
}
