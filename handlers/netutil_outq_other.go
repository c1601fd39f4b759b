//go:build !linux

package handlers

import "net"

// socketOutq cannot count the unacknowledged bytes of a connection on this
// system: records a dead peer never got are not counted (best effort).
func socketOutq(net.Conn) (int, bool) { return 0, false }
