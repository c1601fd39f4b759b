//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package handlers

import (
	"net"
	"net/netip"
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

// udpConnect connects the UDP socket uc to its peer to, so that it sends
// without naming the peer in each datagram, and reports whether it did.
// The net package is not told: uc still sends with WriteTo, which a
// connected socket accepts for its own peer. A zoned IPv6 address is left
// unconnected.
func udpConnect(uc *net.UDPConn, to netip.AddrPort) bool {
	var sa syscall.Sockaddr
	switch a := to.Addr(); {
	case a.Is4():
		sa = &syscall.SockaddrInet4{Port: int(to.Port()), Addr: a.As4()}
	case a.Zone() == "":
		sa = &syscall.SockaddrInet6{Port: int(to.Port()), Addr: a.As16()}
	default:
		return false
	}
	rc, err := uc.SyscallConn()
	if err != nil {
		return false
	}
	var cerr error
	if err := rc.Control(func(fd uintptr) { cerr = syscall.Connect(int(fd), sa) }); err != nil {
		return false
	}
	return cerr == nil
}
