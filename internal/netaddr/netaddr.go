// Package netaddr holds the address rules the network handlers and their
// configuration share.
package netaddr

import "strings"

// IsUnixPath reports whether a handler address is the path of a Unix
// socket rather than host:port: it starts with "/" or "." (a path), or
// "@" (a Linux abstract socket).
func IsUnixPath(address string) bool {
	return strings.HasPrefix(address, "/") || strings.HasPrefix(address, ".") || strings.HasPrefix(address, "@")
}
