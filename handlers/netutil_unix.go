//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package handlers

import (
	"net"
	"syscall"
)

// socketPeerClosed reports whether the peer of a stream connection has
// closed it (end of stream or a reset waiting to be read), without
// blocking and without consuming data. A handler checks before each write,
// so that a record is not written into a connection whose peer is gone,
// where it would be lost without an error.
func socketPeerClosed(c net.Conn) bool {
	sc, ok := c.(syscall.Conn)
	if !ok {
		return false
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	closed := false
	err = rc.Read(func(fd uintptr) bool {
		var b [1]byte
		n, _, err := syscall.Recvfrom(int(fd), b[:], syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		switch {
		case err == nil:
			closed = n == 0
		case err == syscall.EAGAIN || err == syscall.EWOULDBLOCK || err == syscall.EINTR:
		default:
			closed = true
		}
		return true
	})
	return closed || err != nil
}
