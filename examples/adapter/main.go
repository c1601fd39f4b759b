// Command adapter is the cookbook's "Using LoggerAdapters to impart
// contextual information": a server logs each connection through an adapter
// that carries the connection's id, so every record says which connection
// it is about without the id being passed to each logging call.
//
//	class CustomAdapter(logging.LoggerAdapter):
//	    def process(self, msg, kwargs):
//	        return '[%s] %s' % (self.extra['connid'], msg), kwargs
//
//	logger = logging.getLogger(__name__)
//	adapter = CustomAdapter(logger, {'connid': some_conn_id})
//
// It starts a line-echo server on a loopback port and connects a few
// clients, one after another. The server gives each connection an
// adapter.New(logger, [connid], nil), whose extra the format prints as
// %(connid)s, and an audit adapter with the cookbook's Process, which puts
// the id in front of the message instead. It prints on standard error:
//
//	echo c1 INFO connection opened
//	echo c1 DEBUG echoing 'hello'
//	echo c1 DEBUG echoing 'how are you?'
//	echo.audit - WARNING [c1] client sent 2 lines, 19 bytes
//	echo c1 INFO connection closed
//	…
//
// A client that sends an empty line gets an error logged with the id too.
// Records logged on the loggers themselves, outside any connection, print
// "-" for %(connid)s: the formatter's Defaults.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// sessions are what each client sends, one line each.
var sessions = [][]string{
	{"hello", "how are you?"},
	{"ping", "", "ping"},
	{"bye"},
}

func main() {
	if err := run(os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// run configures logging to w and runs the server and its clients.
func run(w io.Writer) error {
	f, err := slogpy.NewFormatter("%(name)s %(connid)s %(levelname)s %(message)s", &slogpy.FormatterOptions{
		Defaults: map[string]any{"connid": "-"},
	})
	if err != nil {
		return err
	}
	h := slogpy.NewStreamHandler(w, &slogpy.HandlerOptions{Formatter: f})
	logger := slogpy.GetLogger("echo")
	logger.AddHandler(h)
	logger.SetLevel(levels.Debug)
	defer logger.RemoveHandler(h)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- serve(ln, logger, len(sessions)) }()
	var errs []error
	for _, lines := range sessions {
		if err := client(ln.Addr().String(), lines); err != nil {
			errs = append(errs, err)
			break
		}
	}
	ln.Close() // ends serve if a client failed before all connected
	if err := <-served; err != nil && len(errs) == 0 {
		errs = append(errs, err)
	}
	logger.Info("served %d connections", len(sessions))
	return errors.Join(errs...)
}

// serve accepts n connections, one at a time, and echoes each.
func serve(ln net.Listener, logger *slogpy.Logger, n int) error {
	audit := logger.GetChild("audit")
	for i := 1; i <= n; i++ {
		conn, err := ln.Accept()
		if err != nil {
			return err
		}
		id := fmt.Sprintf("c%d", i)
		connLogger := adapter.New(logger, []slog.Attr{slog.String("connid", id)}, nil)
		// The cookbook's CustomAdapter: the id in front of the message, the
		// adapter's extra not passed on.
		auditLog := adapter.New(audit, []slog.Attr{slog.String("connid", id)}, &adapter.Options{
			Process: func(a *adapter.LoggerAdapter, msg string, args []any) (string, []any) {
				return "[" + a.Extra()[0].Value.String() + "] " + msg, args
			},
		})
		echo(conn, connLogger, auditLog)
	}
	return nil
}

// echo sends each line back, logging through the connection's adapters.
func echo(conn net.Conn, logger, audit *adapter.LoggerAdapter) {
	defer conn.Close()
	logger.Info("connection opened")
	lines, size := 0, 0
	sc := bufio.NewScanner(conn)
	for sc.Scan() {
		line := sc.Text()
		lines, size = lines+1, size+len(line)+1
		if line == "" {
			logger.Error("empty line %d: nothing to echo", lines)
			fmt.Fprintln(conn, "error: empty line")
			continue
		}
		logger.Debug("echoing %r", line)
		fmt.Fprintln(conn, line)
	}
	if err := sc.Err(); err != nil {
		logger.Exception(err, "reading from the client")
	}
	audit.Warning("client sent %d lines, %d bytes", lines, size)
	logger.Info("connection closed")
}

// client sends lines to addr, reading the answer to each.
func client(addr string, lines []string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	r := bufio.NewReader(conn)
	for _, line := range lines {
		if _, err := fmt.Fprintln(conn, line); err != nil {
			return err
		}
		answer, err := r.ReadString('\n')
		if err != nil {
			return fmt.Errorf("client: reading the answer to %q: %w", line, err)
		}
		if want := line; line != "" && strings.TrimSuffix(answer, "\n") != want {
			return fmt.Errorf("client: sent %q, got %q", line, answer)
		}
	}
	return nil
}
