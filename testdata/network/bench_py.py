"""Records per second through CPython's SocketHandler (TCP) and
SysLogHandler (UDP) on loopback, for comparison with the Go benchmarks
BenchmarkSocketHandler and BenchmarkSysLogHandlerUDP (package handlers).
The receiving side is a forked process that reads and discards, as the Go
benchmarks' reader goroutine does.

    python3 bench_py.py [records]
"""
import logging
import logging.handlers
import os
import socket
import sys
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


def bench(name, handler, n):
    lg = logging.getLogger("bench." + name)
    lg.propagate = False
    lg.setLevel(logging.INFO)
    lg.addHandler(handler)
    t = time.perf_counter()
    for i in range(n):
        lg.info("request %d from %s", i, "10.0.0.1")
    dt = time.perf_counter() - t
    handler.close()
    print("%-28s %10.0f records/s" % (name, n / dt))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200000
    pid, port = sink_tcp()
    bench("SocketHandler (TCP)", logging.handlers.SocketHandler("127.0.0.1", port), n)
    os.waitpid(pid, 0)
    pid, port = sink_udp()
    bench("SysLogHandler (UDP)", logging.handlers.SysLogHandler(("127.0.0.1", port)), n)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main()
