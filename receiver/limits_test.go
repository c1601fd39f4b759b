package receiver_test

import (
	"bytes"
	"errors"
	"net"
	"runtime"
	"strconv"
	"strings"
	"testing"

	ogórek "github.com/kisielk/og-rek"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// pickled returns the pickle of d, as a sender would send it.
func pickled(t testing.TB, d map[any]any) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := ogórek.NewEncoderWithConfig(&b, &ogórek.EncoderConfig{Protocol: 2}).Encode(d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestAmplificationFrame: the 11 KB frame of issue 16 whose message would
// merge into 1 GB comes out as a line cut at 1 MiB, and receiving and
// formatting it allocates less than 64 MiB.
func TestAmplificationFrame(t *testing.T) {
	leakCheck(t)
	p := pickled(t, map[any]any{"name": "evil", "levelno": int64(40),
		"msg": strings.Repeat("%(a)999999s", 1000), "args": map[any]any{"a": "x"}})
	m := slogpy.NewManager()
	var out bytes.Buffer
	m.Root().AddHandler(slogpy.NewStreamHandler(&out, &slogpy.HandlerOptions{ErrorHandler: func(*slogpy.Record, error) {}}))
	m.Root().SetLevel(levels.NotSet)
	srv, err := receiver.NewServer(&receiver.Options{Manager: m})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client, server := net.Pipe()
	done := make(chan error)
	go func() { done <- srv.ServeConn(server) }()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	client.Write(frame(p))
	client.Close()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew >= 64<<20 {
		t.Errorf("receiving the frame allocated %d MiB", grew>>20)
	}
	want := " [truncated at 1048576 bytes]\n"
	if s := out.String(); !strings.HasSuffix(s, want) || len(s) != 1<<20+len(want) {
		t.Errorf("line of %d bytes", len(s))
	}
}

// TestLoggerLimits: a sender naming more loggers than MaxLoggers, or a
// name longer than MaxLoggerName, has those records handed to the
// fallback logger (the root here) with their names kept, and one report.
func TestLoggerLimits(t *testing.T) {
	leakCheck(t)
	m := slogpy.NewManager()
	c := newCollector()
	m.Root().AddHandler(slogpy.AsSlog(c))
	m.Root().SetLevel(levels.NotSet)
	m.GetLogger("local.existing")
	errs := newErrorSink()
	srv, err := receiver.NewServer(&receiver.Options{Manager: m, MaxLoggers: 10, MaxLoggerName: 100, ErrorHandler: errs.handle})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	client, server := net.Pipe()
	done := make(chan error)
	go func() { done <- srv.ServeConn(server) }()
	var names []string
	for i := range 30 {
		names = append(names, "app.n"+strconv.Itoa(i))
	}
	names = append(names, "local.existing", strings.Repeat("x.", 60), "app.n3")
	for _, n := range names {
		client.Write(frame(pickled(t, map[any]any{"name": n, "msg": "m", "levelno": int64(20)})))
		if r := <-c.ch; r.Name != n {
			t.Errorf("record name %q, want %q", r.Name, n)
		}
	}
	client.Close()
	<-done
	if got := len(m.LoggerNames()); got != 1+10 {
		t.Errorf("loggers: %v, want local.existing and 10 more", m.LoggerNames())
	}
	for _, n := range names[10:30] {
		if _, ok := m.LookupLogger(n); ok {
			t.Errorf("logger %q created beyond MaxLoggers", n)
		}
	}
	if _, ok := m.LookupLogger(names[31]); ok {
		t.Error("logger with a long name created")
	}
	if srv.Fallbacks() != 21 {
		t.Errorf("Fallbacks() = %d, want 21", srv.Fallbacks())
	}
	if len(errs.errs) != 1 || !errors.Is(errs.errs[0], receiver.ErrLoggerLimit) {
		t.Errorf("reports %v", errs.errs)
	}
}
