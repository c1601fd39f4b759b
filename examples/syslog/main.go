// Command syslog logs to the local syslog daemon through /dev/log, as
// Python programs do with
//
//	import logging, logging.handlers
//
//	handler = logging.handlers.SysLogHandler(address='/dev/log',
//	                                         facility='local0')
//	handler.ident = 'syslog-example: '
//	handler.setFormatter(logging.Formatter('%(name)s[%(levelname)s] %(message)s'))
//	logger = logging.getLogger('shop')
//	logger.addHandler(handler)
//	logger.setLevel(logging.INFO)
//
//	logger.info('order %s accepted', 'A-1001')
//	logger.warning('stock for %s is low', 'SKU-7')
//	logger.error('payment for order %s declined', 'A-1002')
//
// It prints nothing; the daemon files the messages under facility local0
// (journalctl -t syslog-example, or /var/log/syslog). The datagrams are
// the bytes CPython sends:
//
//	<134>syslog-example: shop[INFO] order A-1001 accepted\x00
//	<132>syslog-example: shop[WARNING] stock for SKU-7 is low\x00
//	<131>syslog-example: shop[ERROR] payment for order A-1002 declined\x00
//
// The flag -address names another socket ("/var/run/syslog" on macOS) or a
// "host:port" to send UDP to. When the socket is not there, the messages
// are dropped; the handler says so once on standard error and the program
// exits with status 1.
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
	fs := flag.NewFlagSet("syslog", flag.ExitOnError)
	address := fs.String("address", "/dev/log", "the syslog daemon's Unix socket `path`, or host:port for UDP")
	fs.Parse(args)

	f, err := slogpy.NewFormatter("%(name)s[%(levelname)s] %(message)s", nil)
	if err != nil {
		return err
	}
	handler, err := handlers.NewSysLogHandler(*address, &handlers.SysLogHandlerOptions{
		HandlerOptions: slogpy.HandlerOptions{Formatter: f},
		Facility:       "local0",
		Ident:          "syslog-example: ",
	})
	if err != nil {
		return err
	}
	defer handler.Close()
	logger := slogpy.GetLogger("shop")
	logger.AddHandler(handler)
	defer logger.RemoveHandler(handler)
	logger.SetLevel(levels.Info)

	logger.Info("order %s accepted", "A-1001")
	logger.Warning("stock for %s is low", "SKU-7")
	logger.Error("payment for order %s declined", "A-1002")

	if n := handler.Dropped(); n > 0 {
		return fmt.Errorf("syslog: %d of 3 messages dropped: no syslog daemon at %s", n, *address)
	}
	return nil
}
