package handlers

import (
	"net"

	"golang.org/x/sys/unix"
)

// socketOutq returns the number of bytes written on a TCP connection that
// the peer's system has not acknowledged (SIOCOUTQ: Linux counts them from
// the last acknowledged byte to the last written), and false for other
// connections or when the system does not answer.
func socketOutq(c net.Conn) (int, bool) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return 0, false
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return 0, false
	}
	n, qerr := 0, error(nil)
	if err := rc.Control(func(fd uintptr) { n, qerr = unix.IoctlGetInt(int(fd), unix.SIOCOUTQ) }); err != nil || qerr != nil || n < 0 {
		return 0, false
	}
	return n, true
}
