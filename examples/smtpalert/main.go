// Command smtpalert sends an alert e-mail for each record at ERROR or
// above, and writes every record to standard error, as the logging
// cookbook's e-mail recipes do:
//
//	import logging, logging.handlers
//
//	logging.basicConfig(level=logging.INFO,
//	                    format='%(levelname)s:%(name)s:%(message)s')
//	mail = logging.handlers.SMTPHandler(
//	    mailhost=('localhost', 25), fromaddr='alerts@example.com',
//	    toaddrs=['oncall@example.com'], subject='Error in the shop',
//	    credentials=None, secure=None)
//	mail.setLevel(logging.ERROR)
//	mail.setFormatter(logging.Formatter(
//	    '%(asctime)s %(name)s %(levelname)s\n\n%(message)s'))
//	logging.getLogger().addHandler(mail)
//
//	logger = logging.getLogger('shop.payments')
//	logger.info('order %s paid', 'A-1001')
//	logger.warning('card for order %s expires soon', 'A-1002')
//	logger.error('payment for order %s declined', 'A-1003')
//
// It writes the three records to standard error and mails one message:
//
//	From: alerts@example.com
//	To: oncall@example.com
//	Subject: Error in the shop
//	Date: …
//	Content-Type: text/plain; charset="utf-8"
//	Content-Transfer-Encoding: 7bit
//	MIME-Version: 1.0
//
//	2024-03-10 12:34:56,789 shop.payments ERROR
//
//	payment for order A-1003 declined
//
// The flags are -mailhost (localhost:25), -from, -to (comma-separated),
// -starttls, and -user with the password in $SMTP_PASSWORD. A mail server
// that cannot be reached is reported on standard error; logging goes on.
// Each e-mail holds up the logging call until it is sent: a program that
// must not wait puts the SMTPHandler behind a QueueHandler.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

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

// options are what the tests change besides the flags.
var options handlers.SMTPHandlerOptions

func run(args []string) error {
	fs := flag.NewFlagSet("smtpalert", flag.ExitOnError)
	mailhost := fs.String("mailhost", "localhost:25", "the mail server's `host:port`")
	from := fs.String("from", "alerts@example.com", "the sender's `address`")
	to := fs.String("to", "oncall@example.com", "the recipients' `addresses`, comma-separated")
	startTLS := fs.Bool("starttls", false, "upgrade the connection with STARTTLS")
	user := fs.String("user", "", "log in as `user`, with the password in $SMTP_PASSWORD")
	fs.Parse(args)

	if err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
		Level:  levels.Info,
		Format: "%(levelname)s:%(name)s:%(message)s",
	}); err != nil {
		return err
	}
	defer slogpy.Shutdown()

	f, err := slogpy.NewFormatter("%(asctime)s %(name)s %(levelname)s\n\n%(message)s", nil)
	if err != nil {
		return err
	}
	o := options
	o.Level, o.Formatter = levels.Error, f
	o.StartTLS, o.Username, o.Password = *startTLS, *user, os.Getenv("SMTP_PASSWORD")
	mail, err := handlers.NewSMTPHandler(*mailhost, *from, strings.Split(*to, ","), "Error in the shop", &o)
	if err != nil {
		return err
	}
	slogpy.Root().AddHandler(mail)

	logger := slogpy.GetLogger("shop.payments")
	logger.Info("order %s paid", "A-1001")
	logger.Warning("card for order %s expires soon", "A-1002")
	logger.Error("payment for order %s declined", "A-1003")
	return nil
}
