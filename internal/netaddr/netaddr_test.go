package netaddr

import "testing"

func TestIsUnixPath(t *testing.T) {
	for addr, want := range map[string]bool{
		"/dev/log": true, "./log.sock": true, "../x": true, "@abstract": true,
		"localhost:514": false, "log.sock": false, "": false, "[::1]:514": false,
	} {
		if got := IsUnixPath(addr); got != want {
			t.Errorf("IsUnixPath(%q) = %v, want %v", addr, got, want)
		}
	}
}
