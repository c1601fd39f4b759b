#!/usr/bin/env python3
"""CPython's SocketHandler (TCP) and SysLogHandler (UDP) on loopback: the
lib=cpython rows of BenchmarkNetworkSocket and BenchmarkNetworkSysLogUDP
(../network_batch_test.go).

Each run logs N records "request %d from %s" at INFO from one thread to a
handler whose peer, a forked process, reads and discards (the Go
benchmarks' reader goroutine). CPython sends each record before the call
returns; it has no batched mode.

The output is Go's benchmark format, one line per run, with the CPU time
the process used per record (cpu-ns/op; the forked reader's is not
counted) and records/s (N over the elapsed time):

    BenchmarkNetworkSocket/lib=cpython-2   200000   11363 ns/op   9712 cpu-ns/op   88006 records/s

    python3 bench_network.py                       # both, once, 200000 records
    python3 bench_network.py -count 6 -n 100000
"""

import argparse
import logging
import logging.handlers
import os
import socket
import time


def sink_tcp():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    pid = os.fork()
    if pid == 0:
        c, _ = srv.accept()
        while c.recv(1 << 20):
            pass
        os._exit(0)
    port = srv.getsockname()[1]
    srv.close()
    return pid, port


def sink_udp():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    u.bind(("127.0.0.1", 0))
    pid = os.fork()
    if pid == 0:
        u.settimeout(2)
        try:
            while True:
                u.recv(65536)
        except OSError:
            pass
        os._exit(0)
    port = u.getsockname()[1]
    u.close()
    return pid, port


def run(name, handler, n):
    lg = logging.getLogger("bench")
    for h in list(lg.handlers):
        lg.removeHandler(h)
    lg.propagate = False
    lg.setLevel(logging.INFO)
    lg.addHandler(handler)
    lg.info("request %d from %s", -1, "10.0.0.1")  # connect before timing
    cpu, t = time.process_time(), time.perf_counter()
    for i in range(n):
        lg.info("request %d from %s", i, "10.0.0.1")
    dt, dcpu = time.perf_counter() - t, time.process_time() - cpu
    handler.close()
    lg.removeHandler(handler)
    print("%s/lib=cpython-%d\t%8d\t%10.1f ns/op\t%10.1f cpu-ns/op\t%10.0f records/s"
          % (name, len(os.sched_getaffinity(0)), n, dt / n * 1e9, dcpu / n * 1e9, n / dt), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=200000, help="records per run")
    ap.add_argument("-count", type=int, default=1, help="runs of each")
    a = ap.parse_args()
    for _ in range(a.count):
        pid, port = sink_tcp()
        run("BenchmarkNetworkSocket", logging.handlers.SocketHandler("127.0.0.1", port), a.n)
        os.waitpid(pid, 0)
        pid, port = sink_udp()
        run("BenchmarkNetworkSysLogUDP", logging.handlers.SysLogHandler(("127.0.0.1", port)), a.n)
        os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
