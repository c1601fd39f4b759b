package receiver

import (
	"encoding/binary"
	"net"

	"golang.org/x/sys/unix"
)

// datagramReader reads datagrams from pc and, where the system can say,
// the number of datagrams it dropped since the last read: on Linux, the
// socket's SO_RXQ_OVFL counter, delivered with each datagram.
func datagramReader(pc net.PacketConn) func(buf []byte) (n int, addr net.Addr, drops uint64, err error) {
	uc, ok := pc.(*net.UDPConn)
	if !ok {
		return plainReader(pc)
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return plainReader(pc)
	}
	var serr error
	if err := raw.Control(func(fd uintptr) { serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RXQ_OVFL, 1) }); err != nil || serr != nil {
		return plainReader(pc)
	}
	oob := make([]byte, unix.CmsgSpace(4))
	var last uint32
	return func(buf []byte) (int, net.Addr, uint64, error) {
		n, oobn, _, addr, err := uc.ReadMsgUDP(buf, oob)
		if err != nil {
			return n, nil, 0, err
		}
		var drops uint64
		msgs, _ := unix.ParseSocketControlMessage(oob[:oobn])
		for _, m := range msgs {
			if m.Header.Level == unix.SOL_SOCKET && m.Header.Type == unix.SO_RXQ_OVFL && len(m.Data) >= 4 {
				total := binary.NativeEndian.Uint32(m.Data)
				drops = uint64(total - last) // the counter wraps at 2^32
				last = total
			}
		}
		return n, addr, drops, nil
	}
}
