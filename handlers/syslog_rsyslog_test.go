//go:build linux

package handlers_test

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// rsyslog is an rsyslogd started by a test with its own configuration and
// work directory: inputs on a UDP and a TCP loopback port, a Unix datagram
// socket (imuxsock) and a Unix stream socket (imptcp), never the system's
// /dev/log. Every message goes to an output file and, through a named pipe,
// to the test, one line each: facility|severity|tag|msg.
type rsyslog struct {
	dir, out              string
	udpAddr, tcpAddr      string
	dgramPath, streamPath string
	cmd                   *exec.Cmd
	pipe                  *os.File
	lines                 chan string
	readerDone, exited    chan struct{}
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T, network string) string {
	t.Helper()
	if network == "udp" {
		pc, err := net.ListenPacket("udp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer pc.Close()
		return strconv.Itoa(pc.LocalAddr().(*net.UDPAddr).Port)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func startRsyslog(t *testing.T) *rsyslog {
	t.Helper()
	bin, err := exec.LookPath("rsyslogd")
	if err != nil {
		if _, err2 := os.Stat("/usr/sbin/rsyslogd"); err2 != nil {
			t.Skip("rsyslogd not found: apt-get install rsyslog (CI installs it)")
		}
		bin = "/usr/sbin/rsyslogd"
	}
	dir, err := os.MkdirTemp("", "rsyslog") // short: Unix socket paths are limited to 108 bytes
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	rs := &rsyslog{dir: dir, out: filepath.Join(dir, "out.log"), dgramPath: filepath.Join(dir, "dgram.sock"),
		streamPath: filepath.Join(dir, "stream.sock"), lines: make(chan string, 1000),
		readerDone: make(chan struct{}), exited: make(chan struct{})}
	udpPort, tcpPort := freePort(t, "udp"), freePort(t, "tcp")
	rs.udpAddr, rs.tcpAddr = "127.0.0.1:"+udpPort, "127.0.0.1:"+tcpPort
	pipe := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(pipe, 0o600); err != nil {
		t.Fatal(err)
	}
	conf := fmt.Sprintf(`global(workDirectory=%q maxMessageSize="64k")
module(load="imudp")
module(load="imtcp")
module(load="imptcp")
module(load="imuxsock" SysSock.Use="off")
input(type="imudp" address="127.0.0.1" port=%q)
input(type="imtcp" address="127.0.0.1" port=%q)
input(type="imuxsock" Socket=%q CreatePath="on" RateLimit.Interval="0")
input(type="imptcp" path=%q)
template(name="t" type="string" string="%%syslogfacility%%|%%syslogseverity%%|%%syslogtag%%|%%msg%%\n")
*.* action(type="omfile" file=%q template="t")
*.* action(type="ompipe" pipe=%q template="t")
`, dir, udpPort, tcpPort, rs.dgramPath, rs.streamPath, rs.out, pipe)
	confPath := filepath.Join(dir, "rsyslog.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	// O_RDWR: opening does not wait for rsyslogd to open its end, and the
	// reader ends when the test closes the pipe.
	rs.pipe, err = os.OpenFile(pipe, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(rs.readerDone)
		sc := bufio.NewScanner(rs.pipe)
		for sc.Scan() {
			rs.lines <- sc.Text()
		}
	}()
	rs.cmd = exec.Command(bin, "-n", "-f", confPath, "-i", filepath.Join(dir, "rsyslogd.pid"))
	rs.cmd.Stdout, rs.cmd.Stderr = os.Stderr, os.Stderr
	if err := rs.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { rs.cmd.Wait(); close(rs.exited) }()
	t.Cleanup(func() {
		rs.stop()
		rs.pipe.Close()
		<-rs.readerDone
	})
	rs.waitReady(t)
	return rs
}

// stop ends rsyslogd (SIGTERM, then SIGKILL if it does not exit) and waits
// for it, so that its output file is complete.
func (rs *rsyslog) stop() {
	select {
	case <-rs.exited:
		return
	default:
	}
	rs.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-rs.exited:
	case <-time.After(20 * time.Second):
		rs.cmd.Process.Kill()
		<-rs.exited
	}
}

// waitReady sends a probe through each input until rsyslogd passes it on.
// rsyslogd gives no other sign that its inputs are listening, so this is a
// bounded retry: up to 100 probes 100 ms apart per input.
func (rs *rsyslog) waitReady(t *testing.T) {
	t.Helper()
	send := map[string]func(string) error{
		"udp":    func(m string) error { return rsSend("udp", rs.udpAddr, m) },
		"tcp":    func(m string) error { return rsSend("tcp", rs.tcpAddr, m+"\n") },
		"dgram":  func(m string) error { return rsSend("unixgram", rs.dgramPath, m) },
		"stream": func(m string) error { return rsSend("unix", rs.streamPath, m+"\n") },
	}
	for name, f := range send {
		ready := false
		for i := 0; i < 100 && !ready; i++ {
			probe := fmt.Sprintf("probe-%s-%d", name, i)
			if err := f("<13>probe: " + probe); err != nil {
				select {
				case <-rs.exited:
					t.Fatalf("rsyslogd exited: %v", rs.cmd.ProcessState)
				case <-time.After(100 * time.Millisecond):
				}
				continue
			}
			deadline := time.After(100 * time.Millisecond)
		wait:
			for {
				select {
				case line := <-rs.lines:
					if strings.HasSuffix(line, probe) {
						ready = true
						break wait
					}
				case <-deadline:
					break wait
				case <-rs.exited:
					t.Fatalf("rsyslogd exited: %v", rs.cmd.ProcessState)
				}
			}
		}
		if !ready {
			t.Fatalf("rsyslogd's %s input did not pass a probe on within 100 tries", name)
		}
	}
	// Probes retried after a late answer may still come: let them through.
	for {
		select {
		case line := <-rs.lines:
			if !strings.Contains(line, "probe-") {
				t.Fatalf("unexpected line from rsyslogd: %q", line)
			}
			continue
		default:
		}
		break
	}
}

func rsSend(network, addr, msg string) error {
	c, err := net.Dial(network, addr)
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = c.Write([]byte(msg))
	return err
}

// TestSysLogHandlerRsyslog sends records through every transport to a
// real rsyslogd and finds each one, with its facility and severity, in what
// rsyslogd wrote.
func TestSysLogHandlerRsyslog(t *testing.T) {
	netLeakCheck(t)
	rs := startRsyslog(t)
	type transport struct {
		name, addr string
		opts       handlers.SysLogHandlerOptions
		facility   int
	}
	transports := []transport{
		{"udp", rs.udpAddr, handlers.SysLogHandlerOptions{Facility: "local0"}, 16},
		{"tcp octet-counting", rs.tcpAddr, handlers.SysLogHandlerOptions{Facility: "local1", Network: "tcp"}, 17},
		{"tcp non-transparent", rs.tcpAddr, handlers.SysLogHandlerOptions{Facility: "local2", Network: "tcp", Framing: handlers.FramingNonTransparent}, 18},
		{"unix datagram (imuxsock)", rs.dgramPath, handlers.SysLogHandlerOptions{Facility: "local3"}, 19},
		{"unix stream (imptcp), by CPython's fallback", rs.streamPath, handlers.SysLogHandlerOptions{Facility: "local4"}, 20},
		{"udp RFC 5424", rs.udpAddr, handlers.SysLogHandlerOptions{Facility: "local5", RFC5424: true, AppName: "slogpy"}, 21},
		{"tcp RFC 5424", rs.tcpAddr, handlers.SysLogHandlerOptions{Facility: "daemon", Network: "tcp", RFC5424: true, AppName: "slogpy"}, 3},
	}
	severities := []struct {
		level    levels.Level
		severity int
	}{{levels.Debug, 7}, {levels.Info, 6}, {levels.Warning, 4}, {levels.Error, 3}, {levels.Critical, 2}}
	var want []string
	for ti, tr := range transports {
		var errs netErrors
		tr.opts.Ident = "slogpy: "
		if tr.opts.RFC5424 {
			tr.opts.Ident = ""
		}
		tr.opts.ErrorHandler = errs.handler
		h, err := handlers.NewSysLogHandler(tr.addr, &tr.opts)
		if err != nil {
			t.Fatal(err)
		}
		l := slogpy.NewManager().GetLogger("rs")
		l.SetLevel(levels.Debug)
		l.AddHandler(h)
		for si, s := range severities {
			msg := fmt.Sprintf("t%d s%d %s é ✓", ti, si, tr.name)
			l.Log(s.level, msg)
			want = append(want, fmt.Sprintf("%d|%d|slogpy:| %s", tr.facility, s.severity, msg))
		}
		h.Close()
		if e := errs.list(); len(e) > 0 || h.Dropped() > 0 {
			t.Errorf("%s: reports %v, dropped %d", tr.name, e, h.Dropped())
		}
	}
	// RFC 5424 messages carry APP-NAME and PROCID, which rsyslog's
	// %syslogtag% shows as "slogpy[pid]", and %msg% has no leading space.
	for i, w := range want {
		if strings.Contains(w, "RFC 5424") {
			want[i] = strings.Replace(w, "|slogpy:| ", fmt.Sprintf("|slogpy[%d]|", os.Getpid()), 1)
		}
	}
	got := make(map[string]bool)
	for range want {
		select {
		case line := <-rs.lines:
			got[line] = true
		case <-rs.exited:
			t.Fatal("rsyslogd exited")
		}
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("rsyslogd passed on no line %q", w)
		}
	}
	if t.Failed() {
		for l := range got {
			t.Logf("got %q", l)
		}
	}
	rs.stop()
	b, err := os.ReadFile(rs.out)
	if err != nil {
		t.Fatal(err)
	}
	file := make(map[string]bool)
	for _, l := range strings.Split(string(b), "\n") {
		file[l] = true
	}
	for _, w := range want {
		if !file[w] {
			t.Errorf("%s has no line %q", rs.out, w)
		}
	}
}
