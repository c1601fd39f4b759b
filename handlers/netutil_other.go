//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package handlers

import (
	"net"
	"net/netip"
)

// socketPeerClosed cannot look at the socket without blocking on this
// system: a closed peer is found by the write that fails.
func socketPeerClosed(net.Conn) bool { return false }

// udpConnect leaves the socket unconnected on this system.
func udpConnect(*net.UDPConn, netip.AddrPort) bool { return false }
