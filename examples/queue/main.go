// Command queue is "Dealing with handlers that block" of Python's logging
// cookbook: a QueueHandler in front of slow handlers.
//
//	que = queue.Queue(-1)  # no limit on size
//	queue_handler = QueueHandler(que)
//	handler = logging.StreamHandler()
//	listener = QueueListener(que, handler)
//	root = logging.getLogger()
//	root.addHandler(queue_handler)
//	formatter = logging.Formatter('%(threadName)s: %(message)s')
//	handler.setFormatter(formatter)
//	listener.start()
//	# The log output will display the thread which generated
//	# the event (the main thread) rather than the internal
//	# thread which monitors the internal queue. This is what
//	# you want to happen.
//	root.warning('Look out!')
//	listener.stop()
//
// It prints on standard error:
//
//	MainThread: Look out!
//	MainThread: Look out, slog!
//
// The logging goroutine only puts the record on the queue; the listener's
// goroutine formats it and writes it. In a real program the handler behind
// the queue is the slow one (SMTP, HTTP, a socket), and the caller no
// longer waits for it. The second line comes from plain log/slog code:
// slog.New(queueHandler) takes the same route. Stop returns once every
// record enqueued before it has been written.
package main

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	que := handlers.NewChanQueue(0) // bounded; the handler waits for room rather than lose a record
	queueHandler := handlers.NewQueueHandler(que, nil)
	handler := slogpy.NewStreamHandler(nil, nil) // standard error
	listener, err := handlers.NewQueueListener(que, []slog.Handler{handler}, nil)
	if err != nil {
		return err
	}
	root := slogpy.Root()
	root.AddHandler(queueHandler)
	formatter, err := slogpy.NewFormatter("%(threadName)s: %(message)s", nil)
	if err != nil {
		return err
	}
	handler.SetFormatter(formatter)
	if err := listener.Start(); err != nil {
		return err
	}
	// The log output will display the goroutine which generated the event
	// (the main goroutine) rather than the listener's goroutine. This is
	// what you want to happen.
	root.Warning("Look out!")
	slog.New(queueHandler).Warn("Look out, slog!")
	return listener.Stop()
}
