package main

import (
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

// TestOutput runs the example against a Unix datagram socket of the test,
// standing for /dev/log, and checks the datagrams (CPython's bytes).
func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	path := filepath.Join(t.TempDir(), "log")
	pc, err := net.ListenPacket("unixgram", path)
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	stderr := exampletest.Stderr(t, func() {
		if err := run([]string{"-address", path}); err != nil {
			t.Error(err)
		}
	})
	if stderr != "" {
		t.Errorf("stderr %q", stderr)
	}
	buf := make([]byte, 1000)
	for _, want := range []string{
		"<134>syslog-example: shop[INFO] order A-1001 accepted\x00",
		"<132>syslog-example: shop[WARNING] stock for SKU-7 is low\x00",
		"<131>syslog-example: shop[ERROR] payment for order A-1002 declined\x00",
	} {
		n, _, err := pc.ReadFrom(buf)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(buf[:n]); got != want {
			t.Errorf("datagram %q, want %q", got, want)
		}
	}
}

func TestNoDaemon(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	path := filepath.Join(t.TempDir(), "none")
	var err error
	stderr := exampletest.Stderr(t, func() { err = run([]string{"-address", path}) })
	if err == nil || err.Error() != "syslog: 3 of 3 messages dropped: no syslog daemon at "+path {
		t.Errorf("run: %v", err)
	}
	if strings.Count(stderr, "--- Logging error ---") != 1 {
		t.Errorf("stderr:\n%s", stderr)
	}
}
