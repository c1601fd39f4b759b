package handlers_test

import (
	"fmt"
	"net"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// A SysLogHandler sends CPython's "<PRI>message" datagrams; here to a UDP
// socket of the example, standing for a syslog daemon.
func ExampleNewSysLogHandler() {
	daemon, _ := net.ListenPacket("udp", "127.0.0.1:0")
	defer daemon.Close()

	h, err := handlers.NewSysLogHandler(daemon.LocalAddr().String(), &handlers.SysLogHandlerOptions{
		Facility: "local0",
		Ident:    "shop: ",
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	logger := slogpy.NewManager().GetLogger("shop")
	logger.AddHandler(h)
	logger.Error("payment for order %s declined", "A-1002")

	buf := make([]byte, 1024)
	n, _, _ := daemon.ReadFrom(buf)
	fmt.Printf("%q\n", buf[:n])
	// Output:
	// "<131>shop: payment for order A-1002 declined\x00"
}
