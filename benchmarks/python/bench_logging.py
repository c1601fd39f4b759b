#!/usr/bin/env python3
"""CPython's logging on the workloads of the Go benchmarks.

Each workload makes the same call as lib=slogpy in ../slogpy_test.go, with
the same format, the same values and a stream that discards what it is
given (the counterpart of Go's discarding writer), so that the lines CPython
writes are, byte for byte, the lines slogpy writes (../testdata/gen.py
records them and TestCPythonLines compares).

The output is Go's benchmark format, one line per run:

    BenchmarkStatic/lib=cpython-2    200000    2563.0 ns/op    2560.1 cpu-ns/op

so that benchstat reads it with the Go results and puts CPython in a column
of the same table. The suffix is the number of CPUs the process may use, as
Go's is GOMAXPROCS. Like the Go benchmarks, each line also gives the CPU
time the process used per call (cpu-ns/op), which, unlike ns/op, does not
grow when other processes keep the machine busy.

    python3 bench_logging.py                   # every workload, once
    python3 bench_logging.py -count 6 -benchtime 0.5 -bench 'Static|Printf3'
    python3 bench_logging.py -sample           # one line per workload, JSON
"""

import argparse
import itertools
import json
import logging
import logging.handlers
import os
import re
import sys
import tempfile
import threading
import time

USER, IP, TRY, RATIO, PATH = "bob", "10.0.0.1", 3, 0.5, "/api/v1"
STATIC_MSG = "static message"
PRINTF_FMT = "user %s from %s try %d"
FIELDS_MSG = "request"

PY_FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
FIELDS_FORMAT = PY_FORMAT + " user=%(user)s n=%(n)s ok=%(ok)s ratio=%(ratio)s path=%(path)s"
WITH_FORMAT = (PY_FORMAT + " svc=%(svc)s region=%(region)s host=%(host)s pid=%(pid)s"
               " version=%(version)s canary=%(canary)s weight=%(weight)s shard=%(shard)s"
               " team=%(team)s build=%(build)s")
CONTEXT10 = {
    "svc": "api", "region": "eu-west-1", "host": "web-3", "pid": 4242,
    "version": "1.4.2", "canary": False, "weight": 0.25, "shard": 7,
    "team": "core", "build": 20261120,
}
LOGGER_NAME = "app"
ROTATE_BYTES = 1 << 20
ROTATE_BACKUPS = 3

# ASCTIME matches the default asctime at the start of a line; -sample and
# the Go test replace it, the only part of a line that changes.
ASCTIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}")


class Discard:
    """A stream that discards what it is written, as Go's io.Discard."""

    def write(self, s):
        return len(s)

    def flush(self):
        pass


def new_logger(handler, fmt):
    """The logger "app" of a new manager (slogpy.NewManager), at INFO, with
    handler formatting fmt."""
    manager = logging.Manager(logging.RootLogger(logging.WARNING))
    logger = manager.getLogger(LOGGER_NAME)
    logger.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(fmt))
    logger.addHandler(handler)
    return logger


def stream_calls(stream):
    """The calls of the io workloads, writing to stream."""
    log = new_logger(logging.StreamHandler(stream), PY_FORMAT)
    fields = new_logger(logging.StreamHandler(stream), FIELDS_FORMAT)
    adapter = logging.LoggerAdapter(new_logger(logging.StreamHandler(stream), WITH_FORMAT), CONTEXT10)
    return {
        "Disabled": lambda: log.debug(PRINTF_FMT, USER, IP, TRY),
        "Static": lambda: log.info(STATIC_MSG),
        "Printf3": lambda: log.info(PRINTF_FMT, USER, IP, TRY),
        "Fields5": lambda: fields.info(FIELDS_MSG, extra={
            "user": USER, "n": 42, "ok": True, "ratio": RATIO, "path": PATH}),
        "With10": lambda: adapter.info(STATIC_MSG),
    }


def rotate_call(directory):
    """Printf3 to directory/app.log, rotated at 1 MiB with 3 backups."""
    handler = logging.handlers.RotatingFileHandler(
        os.path.join(directory, "app.log"), maxBytes=ROTATE_BYTES, backupCount=ROTATE_BACKUPS)
    log = new_logger(handler, PY_FORMAT)
    return (lambda: log.info(PRINTF_FMT, USER, IP, TRY)), handler.close


def run_serial(f, n):
    """Calls f n times; returns the elapsed and the CPU nanoseconds."""
    loop = itertools.repeat(None, n)
    cpu = time.process_time_ns()
    start = time.perf_counter_ns()
    for _ in loop:
        f()
    return time.perf_counter_ns() - start, time.process_time_ns() - cpu


def run_parallel(f, n, threads):
    """Calls f n times over threads threads, as b.RunParallel spreads its
    iterations over GOMAXPROCS goroutines; returns the wall and the CPU
    nanoseconds."""
    barrier = threading.Barrier(threads + 1)
    share = [n // threads + (1 if i < n % threads else 0) for i in range(threads)]

    def worker(k):
        barrier.wait()
        for _ in itertools.repeat(None, k):
            f()

    ts = [threading.Thread(target=worker, args=(k,)) for k in share]
    for t in ts:
        t.start()
    cpu = time.process_time_ns()
    start = time.perf_counter_ns()
    barrier.wait()
    for t in ts:
        t.join()
    return time.perf_counter_ns() - start, time.process_time_ns() - cpu


def measure(run, benchtime):
    """Go's b.N rule: grow n until one run takes benchtime seconds, each
    step predicting n from the last run (at most 100 times more, 20% over);
    returns n and the wall and CPU nanoseconds per call of the last run."""
    goal = benchtime * 1e9
    n, (elapsed, cpu) = 1, run(1)
    while elapsed < goal and n < 1_000_000_000:
        prev = n
        n = int(goal * 1.2 * prev / max(elapsed, 1))
        n = max(min(n, 100 * prev), prev + 1)
        elapsed, cpu = run(n)
    return n, elapsed / n, cpu / n


def procs():
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def benchmarks():
    """Yields (name, run) for every workload; run(n) returns the wall and
    CPU nanoseconds."""
    threads = procs()
    calls = stream_calls(Discard())
    for name in ("Disabled", "Static", "Printf3", "Fields5", "With10"):
        f = calls[name]
        yield name, lambda n, f=f: run_serial(f, n)
    for name in ("Static", "Printf3", "Fields5", "With10"):
        f = calls[name]
        yield "Parallel" + name, lambda n, f=f: run_parallel(f, n, threads)
    yield "Rotate", run_rotate
    # CPython has no buffered file handler: the RotateBuffered row compares
    # the Go libraries' buffered rotation with CPython's RotatingFileHandler.
    yield "RotateBuffered", run_rotate


def run_rotate(n):
    """Printf3 n times to a fresh rotated file, as each Go run gets a new
    b.TempDir (the files are removed outside the timing)."""
    with tempfile.TemporaryDirectory() as d:
        f, close = rotate_call(d)
        times = run_serial(f, n)
        close()
    return times


def sample():
    """One line of each workload, with the time replaced by ASCTIME."""
    lines = {}
    for name in ("Disabled", "Static", "Printf3", "Fields5", "With10"):
        buf = Collect()
        stream_calls(buf)[name]()
        lines[name] = ASCTIME.sub("ASCTIME", buf.text)
    with tempfile.TemporaryDirectory() as d:
        f, close = rotate_call(d)
        f()
        close()
        with open(os.path.join(d, "app.log"), encoding="utf-8") as fh:
            lines["Rotate"] = ASCTIME.sub("ASCTIME", fh.read())
    return lines


class Collect:
    """A stream that keeps what it is written."""

    def __init__(self):
        self.text = ""

    def write(self, s):
        self.text += s
        return len(s)

    def flush(self):
        pass


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("-bench", default=".", help="regexp of the workloads to run, as go test -bench: "
                   "'Static|Printf3', 'Static/lib=cpython' (default: all)")
    p.add_argument("-count", type=int, default=1, help="runs of each workload (default 1)")
    p.add_argument("-benchtime", type=float, default=1.0, help="seconds per run (default 1)")
    p.add_argument("-sample", action="store_true", help="print one line per workload as JSON and exit")
    args = p.parse_args(argv)
    if args.sample:
        json.dump(sample(), sys.stdout, indent=1, sort_keys=True)
        print()
        return 0
    if args.count < 1 or args.benchtime <= 0:
        p.error("-count must be at least 1 and -benchtime positive")
    # As go test -bench, a "/" separates the pattern of the benchmark from
    # that of the sub-benchmark (lib=cpython).
    try:
        pattern, *sub = [re.compile(x) for x in args.bench.split("/", 1)]
    except re.error as e:
        p.error(f"-bench {args.bench!r}: {e}")
    if sub and not sub[0].search("lib=cpython"):
        return 0
    print(f"# {sys.implementation.name} {sys.version.split()[0]}", file=sys.stderr)
    suffix = f"-{procs()}" if procs() > 1 else ""
    for name, run in benchmarks():
        if not pattern.search("Benchmark" + name):
            continue
        for _ in range(args.count):
            n, ns, cpu = measure(run, args.benchtime)
            print(f"Benchmark{name}/lib=cpython{suffix}\t{n:10d}\t{ns:12.1f} ns/op\t{cpu:12.1f} cpu-ns/op", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
