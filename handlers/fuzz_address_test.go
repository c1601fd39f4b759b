package handlers

import (
	"net"
	"strconv"
	"strings"
	"testing"
)

// FuzzSocketAddress checks the address checks of SocketHandler and
// DatagramHandler: no constructor panics or dials; (host, port) is
// accepted exactly when host is not empty and port is in 1-65535, and then
// the address dialled splits back into that host and port; a refused
// address gives an error that names the handler and the host.
func FuzzSocketAddress(f *testing.F) {
	for _, host := range []string{"localhost", "127.0.0.1", "::1", "[::1]", "", "a b", "h:1", "\x00", "é.example"} {
		f.Add(host, 9020)
	}
	f.Add("localhost", 0)
	f.Add("localhost", -1)
	f.Add("localhost", 65536)
	f.Fuzz(func(t *testing.T, host string, port int) {
		ok := host != "" && port >= 1 && port <= 65535 && !strings.ContainsAny(host, "[]")
		addr, err := socketHostPort("SocketHandler", host, port)
		if (err == nil) != ok {
			t.Fatalf("socketHostPort(%q, %d) = %q, %v; want accepted = %v", host, port, addr, err, ok)
		}
		if err != nil {
			if !strings.HasPrefix(err.Error(), "handlers: SocketHandler") || (host != "" && !strings.Contains(err.Error(), strconv.Quote(host))) {
				t.Fatalf("socketHostPort(%q, %d) error %q does not name the handler and host", host, port, err)
			}
		} else {
			h, p, err := net.SplitHostPort(addr)
			if err != nil || h != host || p != strconv.Itoa(port) {
				t.Fatalf("socketHostPort(%q, %d) = %q, which splits into %q, %q, %v", host, port, addr, h, p, err)
			}
		}
		sh, err := NewSocketHandler(host, port, nil)
		if (err == nil) != ok {
			t.Fatalf("NewSocketHandler(%q, %d): %v; want accepted = %v", host, port, err, ok)
		}
		if err == nil {
			if sh.conn.conn != nil {
				t.Fatal("NewSocketHandler connected at construction")
			}
			if err := sh.Close(); err != nil {
				t.Fatalf("Close of an unconnected SocketHandler: %v", err)
			}
		}
		dh, err := NewDatagramHandler(host, port, nil)
		if (err == nil) != ok {
			t.Fatalf("NewDatagramHandler(%q, %d): %v; want accepted = %v", host, port, err, ok)
		}
		if err == nil {
			if err := dh.Close(); err != nil {
				t.Fatalf("Close of an unconnected DatagramHandler: %v", err)
			}
		} else if !strings.HasPrefix(err.Error(), "handlers: DatagramHandler") {
			t.Fatalf("NewDatagramHandler(%q, %d) error %q does not name the handler", host, port, err)
		}
	})
}

// FuzzSysLogAddress checks NewSysLogHandler's reading of the address,
// network, facility and RFC 5424 header fields, and EncodePriority: no
// panic and no I/O at construction; a host:port address on an IP network
// is accepted exactly when net.SplitHostPort accepts it; an error names
// the address; a PRI is never negative; RFC 5424 header fields are
// printable ASCII without spaces.
func FuzzSysLogAddress(f *testing.F) {
	for _, s := range [][4]string{
		{"localhost:514", "", "user", "host"}, {"", "", "", ""}, {"/dev/log", "", "local7", "app"},
		{"./sock", "unix", "daemon", ""}, {"@abstract", "unixgram", "8", " a b "}, {"[::1]:514", "tcp6", "auth", "\x00é"},
		{"localhost", "udp", "user", ""}, {"a:b:c", "tcp", "", ""}, {"h:514", "sctp", "", ""},
		{"h:514", "", "nope", ""}, {"h:514", "", "-1", ""}, {"h:514", "", "1152921504606846976", ""},
	} {
		f.Add(s[0], s[1], s[2], s[3], "info")
	}
	f.Fuzz(func(t *testing.T, address, network, facility, field, priority string) {
		if pri, err := EncodePriority(facility, priority); err != nil {
			if !strings.HasPrefix(err.Error(), "handlers: unknown syslog ") {
				t.Fatalf("EncodePriority(%q, %q) error %q", facility, priority, err)
			}
		} else if pri < 0 {
			t.Fatalf("EncodePriority(%q, %q) = %d, a negative PRI", facility, priority, pri)
		}
		h, err := NewSysLogHandler(address, &SysLogHandlerOptions{
			Network: network, Facility: facility, RFC5424: true, Hostname: field, AppName: field, MsgID: field,
		})
		if err != nil {
			if h != nil {
				t.Fatal("NewSysLogHandler returned a handler and an error")
			}
			if !strings.HasPrefix(err.Error(), "handlers: SysLogHandler ") || !strings.Contains(err.Error(), address) {
				t.Fatalf("NewSysLogHandler(%q, network %q) error %q does not name the address", address, network, err)
			}
		}
		addr := address
		if addr == "" {
			addr = "localhost:514"
		}
		path := strings.HasPrefix(addr, "/") || strings.HasPrefix(addr, ".") || strings.HasPrefix(addr, "@")
		_, facErr := EncodePriority(facility, "info")
		if facility == "" {
			facErr = nil
		}
		switch {
		case facErr != nil:
			if err == nil {
				t.Fatalf("NewSysLogHandler accepted facility %q", facility)
			}
		case network == "unix" || network == "unixgram" || network == "" && path:
			if err != nil {
				t.Fatalf("NewSysLogHandler(%q, network %q): %v", address, network, err)
			}
		case network == "" || strings.HasPrefix(network, "udp") || strings.HasPrefix(network, "tcp"):
			switch network {
			case "", "udp", "udp4", "udp6", "tcp", "tcp4", "tcp6":
				_, _, splitErr := net.SplitHostPort(addr)
				if (err == nil) != (splitErr == nil) {
					t.Fatalf("NewSysLogHandler(%q, network %q): %v; SplitHostPort: %v", address, network, err, splitErr)
				}
			default:
				if err == nil {
					t.Fatalf("NewSysLogHandler accepted network %q", network)
				}
			}
		default:
			if err == nil {
				t.Fatalf("NewSysLogHandler accepted network %q", network)
			}
		}
		if err != nil {
			return
		}
		if h.conn.conn != nil {
			t.Fatal("NewSysLogHandler connected at construction")
		}
		fields := strings.Fields(h.header)
		if len(fields) != 5 {
			t.Fatalf("RFC 5424 header %q has %d fields, want 5", h.header, len(fields))
		}
		for _, c := range []byte(h.header) {
			if c < ' ' || c >= 0x7f {
				t.Fatalf("RFC 5424 header %q has byte %#x", h.header, c)
			}
		}
		if err := h.Close(); err != nil {
			t.Fatalf("Close of an unconnected SysLogHandler: %v", err)
		}
	})
}
