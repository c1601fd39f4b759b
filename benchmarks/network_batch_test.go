package benchmarks

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The network rows (issue 18 point 5 and must-hold 4): records per second
// through slogpy's SocketHandler (TCP) and SysLogHandler (UDP) on
// loopback, each to a peer that reads and discards, sent synchronously
// (each record sent before the logging call returns, as in CPython) and
// batched (a QueueHandler whose listener hands the waiting records to the
// handler, sent in one writev or sendmmsg). python/bench_network.py
// measures CPython's SocketHandler and SysLogHandler on the same workload,
// as lib=cpython rows of the same benchmarks.
//
// Each benchmark logs b.N records "request %d from %s" at INFO from one
// goroutine; a batched run's time includes the listener sending the last
// of them (QueueHandler.Stop). Besides ns/op and cpu-ns/op it reports
// records/s, b.N over the elapsed time.

// netSink starts a peer on loopback that reads and discards — a TCP
// listener (each connection read until it closes) or a UDP socket — in a
// process of its own, as CPython's benchmark forks its reader: the process
// CPU time the benchmark reports is the sender's alone. It returns the
// address and the function that stops it.
func netSink(b *testing.B, network string) (string, func()) {
	b.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "SLOGPY_BENCH_SINK="+network)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	addr, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		b.Fatalf("sink: %v", err)
	}
	return strings.TrimSpace(addr), func() {
		stdin.Close() // the sink exits at the end of its input
		cmd.Wait()
	}
}

// The sink process: the test binary run again with SLOGPY_BENCH_SINK set
// to "tcp" or "udp". It prints its address, then reads and discards until
// its standard input ends.
func init() {
	network := os.Getenv("SLOGPY_BENCH_SINK")
	if network == "" {
		return
	}
	if network == "udp" {
		pc, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
		if err != nil {
			panic(err)
		}
		pc.SetReadBuffer(4 << 20)
		go func() {
			buf := make([]byte, 65536)
			for {
				if _, err := pc.Read(buf); err != nil {
					return
				}
			}
		}()
		fmt.Println(pc.LocalAddr())
	} else {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		go func() {
			for {
				c, err := ln.Accept()
				if err != nil {
					return
				}
				go func() {
					buf := make([]byte, 1<<20)
					for {
						if _, err := c.Read(buf); err != nil {
							c.Close()
							return
						}
					}
				}()
			}
		}()
		fmt.Println(ln.Addr())
	}
	io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}

// netHandler makes the handler of a row: kind "socket" or "syslog-udp",
// batched or not.
func netHandler(b *testing.B, kind, addr string, batch bool) interface {
	slogpy.Handler
	slog.Handler
	Dropped() uint64
} {
	b.Helper()
	opts := handlers.BatchOptions{Enabled: batch}
	if kind == "socket" {
		host, port, _ := net.SplitHostPort(addr)
		p, _ := strconv.Atoi(port)
		h, err := handlers.NewSocketHandler(host, p, &handlers.SocketHandlerOptions{Batch: opts})
		if err != nil {
			b.Fatal(err)
		}
		return h
	}
	h, err := handlers.NewSysLogHandler(addr, &handlers.SysLogHandlerOptions{Network: "udp", Batch: opts})
	if err != nil {
		b.Fatal(err)
	}
	return h
}

func benchNetwork(b *testing.B, kind string, batch bool) {
	network := "tcp"
	if kind == "syslog-udp" {
		network = "udp"
	}
	addr, stop := netSink(b, network)
	defer stop()
	h := netHandler(b, kind, addr, batch)
	defer h.Close()
	l := slogpy.NewManager().GetLogger("bench")
	l.SetLevel(levels.Info)
	var qh *handlers.QueueHandler
	if batch {
		q := handlers.NewChanQueue(0)
		ql, err := handlers.NewQueueListener(q, []slog.Handler{h}, nil)
		if err != nil {
			b.Fatal(err)
		}
		qh = handlers.NewQueueHandler(q, &handlers.QueueHandlerOptions{Listener: ql})
		if err := qh.Start(); err != nil {
			b.Fatal(err)
		}
		l.AddHandler(qh)
	} else {
		l.AddHandler(h)
	}
	l.Info("request %d from %s", -1, "10.0.0.1") // connect before timing
	if qh != nil {
		qh.Stop()
		qh.Start()
	}
	b.ReportAllocs()
	start, ok := processCPU()
	b.ResetTimer()
	t0 := time.Now()
	for i := range b.N {
		l.Info("request %d from %s", i, "10.0.0.1")
	}
	if qh != nil {
		qh.Stop() // the listener has sent every record
	}
	elapsed := time.Since(t0)
	b.StopTimer()
	reportCPU(b, start, ok)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "records/s")
	if n := h.Dropped(); n > 0 {
		b.Fatalf("%d records dropped", n)
	}
	if qh != nil {
		qh.Close()
	}
}

func BenchmarkNetworkSocket(b *testing.B) {
	b.Run("lib=slogpy", func(b *testing.B) { benchNetwork(b, "socket", false) })
	b.Run("lib=slogpy-batched", func(b *testing.B) { benchNetwork(b, "socket", true) })
}

func BenchmarkNetworkSysLogUDP(b *testing.B) {
	b.Run("lib=slogpy", func(b *testing.B) { benchNetwork(b, "syslog-udp", false) })
	b.Run("lib=slogpy-batched", func(b *testing.B) { benchNetwork(b, "syslog-udp", true) })
}
