//go:build !linux

package receiver

import "net"

// datagramReader reads datagrams from pc; outside Linux the system's drop
// count is not read (drops is always 0).
func datagramReader(pc net.PacketConn) func(buf []byte) (n int, addr net.Addr, drops uint64, err error) {
	return plainReader(pc)
}
