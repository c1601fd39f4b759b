package handlers_test

import (
	"fmt"
	"log/slog"
	"net"
	"strconv"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// exampleReceived is a handler printing the records a receiver hands it.
type exampleReceived struct {
	slogpy.HandlerBase
	f    *slogpy.Formatter
	done chan struct{}
}

func (e *exampleReceived) Emit(r *slogpy.Record) error {
	s, err := e.f.Format(r)
	fmt.Println(s)
	e.done <- struct{}{}
	return err
}

// A SocketHandler sends records to a receiver: here package receiver on a
// loopback port, as Python's cookbook receiver would get them.
func ExampleNewSocketHandler() {
	// The receiving side: records go to the loggers of m.
	m := slogpy.NewManager()
	f, _ := slogpy.NewFormatter("received: %(name)s %(levelname)s %(message)s user=%(user)s", nil)
	out := &exampleReceived{f: f, done: make(chan struct{}, 10)}
	out.Configure(nil)
	m.Root().AddHandler(slogpy.AsSlog(out))
	srv, _ := receiver.NewServer(&receiver.Options{Manager: m})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(ln)
	defer srv.Close()

	// The sending side.
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	p, _ := strconv.Atoi(port)
	h, err := handlers.NewSocketHandler(host, p, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	logger := slogpy.NewManager().GetLogger("shop.cart")
	logger.AddHandler(h)
	logger.Warning("cart %d emptied", 42, slog.String("user", "bob"))
	<-out.done
	// Output:
	// received: shop.cart WARNING cart 42 emptied user=bob
}
