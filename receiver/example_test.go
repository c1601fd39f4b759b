package receiver_test

import (
	"fmt"
	"net"
	"strconv"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

type printer struct {
	slogpy.HandlerBase
	done chan struct{}
}

func (p *printer) Emit(r *slogpy.Record) error {
	b, err := p.Format(nil, r)
	fmt.Println(string(b))
	p.done <- struct{}{}
	return err
}

// A Server hands the records it receives to the loggers of a manager,
// whose handlers write them.
func ExampleServer() {
	m := slogpy.NewManager()
	f, _ := slogpy.NewFormatter("%(name)s %(levelname)s %(message)s", nil)
	p := &printer{done: make(chan struct{}, 1)}
	p.Configure(&slogpy.HandlerOptions{Formatter: f})
	m.Root().AddHandler(slogpy.AsSlog(p))

	srv, err := receiver.NewServer(&receiver.Options{Manager: m})
	if err != nil {
		fmt.Println(err)
		return
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(ln)
	defer srv.Close()

	// A sender: CPython's SocketHandler, or this one.
	host, port, _ := net.SplitHostPort(ln.Addr().String())
	n, _ := strconv.Atoi(port)
	h, _ := handlers.NewSocketHandler(host, n, nil)
	defer h.Close()
	l := slogpy.NewManager().GetLogger("remote.app")
	l.AddHandler(h)
	l.Error("disk %s is full", "/var")
	<-p.done
	// Output:
	// remote.app ERROR disk /var is full
}

// Decode refuses a pickle that would run code in Python's pickle.loads.
func ExampleDecode() {
	// pickle.dumps of an object whose __reduce__ returns (os.system, ('id',)).
	evil := []byte("cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.")
	_, err := receiver.Decode(evil)
	fmt.Println(err)

	d, err := receiver.Decode([]byte("}q\x00(X\x03\x00\x00\x00msgq\x01X\x02\x00\x00\x00hiq\x02X\x07\x00\x00\x00levelnoq\x03K\x14u."))
	fmt.Println(d, err)
	// Output:
	// receiver: pickle opcode GLOBAL (0x63) at offset 0 is not allowed (class lookup of posix.system): only dicts, lists, tuples, strings, bytes, numbers, booleans and None are accepted
	// map[levelno:20 msg:hi] <nil>
}
