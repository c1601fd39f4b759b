package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// cookbookFormat is the format of the cookbook's receiver.
const cookbookFormat = "%(relativeCreated)5d %(name)-15s %(levelname)-8s %(message)s"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "slogpy-receiver:", err)
		os.Exit(1)
	}
}

// run receives until ctx is done. ready, if not nil, gets the addresses
// listened on once they are open.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- []string) error {
	fs := flag.NewFlagSet("slogpy-receiver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tcpAddr := fs.String("tcp", "localhost:9020", "TCP `address` to listen on (empty: none)")
	udpAddr := fs.String("udp", "", "UDP `address` to listen on (empty: none)")
	unixPath := fs.String("unix", "", "Unix stream socket `path` to listen on (empty: none)")
	format := fs.String("format", cookbookFormat, "%-style `format` of the output")
	datefmt := fs.String("datefmt", "", "strftime `format` of %(asctime)s")
	var level levels.Level
	fs.TextVar(&level, "level", levels.NotSet, "lowest `level` written")
	loggerName := fs.String("logger", "", "hand every record to this `logger`")
	maxFrame := fs.Int("max-frame", receiver.DefaultMaxFrame, "largest frame accepted, in `bytes`")
	maxMessage := fs.Int("max-message", slogpy.DefaultMaxMessage, "longest merged message, in `bytes` (negative: no limit)")
	maxConns := fs.Int("max-conns", receiver.DefaultMaxConns, "most stream `connections` open at once")
	idle := fs.Duration("idle-timeout", receiver.DefaultIdleTimeout, "close a stream connection idle this `long` between frames (negative: never)")
	minRate := fs.Int("min-rate", receiver.DefaultMinRate, "slowest a started frame may arrive, in `bytes/s`")
	readBuffer := fs.Int("read-buffer", receiver.DefaultReadBuffer, "UDP receive buffer to ask for, in `bytes` (negative: the system's default)")
	maxLoggers := fs.Int("max-loggers", receiver.DefaultMaxLoggers, "most distinct `loggers` created from record names")
	maxName := fs.Int("max-logger-name", receiver.DefaultMaxLoggerName, "longest logger name used, in `bytes`")
	output := fs.String("output", "", "append the output to this `file` (empty: standard error)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *tcpAddr == "" && *udpAddr == "" && *unixPath == "" {
		return errors.New("nothing to listen on: give -tcp, -udp or -unix")
	}
	f, err := slogpy.NewFormatter(*format, &slogpy.FormatterOptions{Datefmt: *datefmt})
	if err != nil {
		return err
	}
	m := slogpy.NewManager()
	var out slog.Handler
	if *output != "" {
		fh, err := slogpy.NewFileHandler(*output, &slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f, Level: level}})
		if err != nil {
			return err
		}
		defer fh.Close()
		out = fh
	} else {
		out = slogpy.NewStreamHandler(stderr, &slogpy.HandlerOptions{Formatter: f, Level: level})
	}
	m.Root().AddHandler(out)
	srv, err := receiver.NewServer(&receiver.Options{
		Manager: m, LoggerName: *loggerName, MaxFrame: *maxFrame, MaxMessage: *maxMessage,
		MaxConns: *maxConns, IdleTimeout: *idle, MinRate: *minRate, ReadBuffer: *readBuffer,
		MaxLoggers: *maxLoggers, MaxLoggerName: *maxName,
		ErrorHandler: func(err error) { fmt.Fprintln(stderr, "slogpy-receiver:", err) },
	})
	if err != nil {
		return err
	}
	var addrs []string
	errc := make(chan error, 3)
	n := 0
	listen := func(network, addr string) error {
		if addr == "" {
			return nil
		}
		if network == "udp" {
			pc, err := net.ListenPacket(network, addr)
			if err != nil {
				return err
			}
			addrs = append(addrs, "udp "+pc.LocalAddr().String())
			n++
			go func() { errc <- srv.ServePacket(pc) }()
			return nil
		}
		ln, err := net.Listen(network, addr)
		if err != nil {
			return err
		}
		addrs = append(addrs, network+" "+ln.Addr().String())
		n++
		go func() { errc <- srv.Serve(ln) }()
		return nil
	}
	for _, l := range [][2]string{{"tcp", *tcpAddr}, {"udp", *udpAddr}, {"unix", *unixPath}} {
		if err := listen(l[0], l[1]); err != nil {
			srv.Close()
			for range n {
				<-errc
			}
			return err
		}
	}
	fmt.Fprintf(stderr, "slogpy-receiver: listening on %s\n", strings.Join(addrs, ", "))
	if ready != nil {
		ready <- addrs
	}
	var first error
	select {
	case <-ctx.Done():
	case first = <-errc:
		n--
	}
	srv.Close()
	for range n {
		<-errc
	}
	if errors.Is(first, receiver.ErrServerClosed) {
		first = nil
	}
	return first
}
