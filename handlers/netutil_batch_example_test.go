package handlers_test

import (
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strconv"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// A SocketHandler with batching on, behind a QueueHandler that owns its
// listener: logging calls only enqueue; the listener sends the records
// waiting in the queue with one writev per batch. Closing the queue
// handler stops the listener once every queued record is sent.
func ExampleBatchOptions() {
	// A peer on loopback that counts the frames it receives.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	frames := make(chan int)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			frames <- -1
			return
		}
		defer c.Close()
		n := 0
		var size [4]byte
		for {
			if _, err := io.ReadFull(c, size[:]); err != nil {
				frames <- n
				return
			}
			io.CopyN(io.Discard, c, int64(binary.BigEndian.Uint32(size[:])))
			n++
		}
	}()

	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	sh, err := handlers.NewSocketHandler(host, p, &handlers.SocketHandlerOptions{
		Batch: handlers.BatchOptions{Enabled: true}, // MaxRecords 256, MaxBytes 64 KiB
	})
	if err != nil {
		panic(err)
	}
	q := handlers.NewChanQueue(0)
	listener, err := handlers.NewQueueListener(q, []slog.Handler{sh}, nil)
	if err != nil {
		panic(err)
	}
	qh := handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{Listener: listener})
	if err := qh.Start(); err != nil {
		panic(err)
	}
	logger := slogpy.NewManager().GetLogger("app")
	logger.AddHandler(qh)

	for i := range 1000 {
		logger.Warning("request %d", i)
	}
	qh.Close() // every queued record sent
	sh.Close() // the peer acknowledged them (TCP on Linux)
	fmt.Println(<-frames, "records received; dropped:", sh.Dropped())
	// Output: 1000 records received; dropped: 0
}
