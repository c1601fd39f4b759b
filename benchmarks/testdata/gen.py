#!/usr/bin/env python3
"""Writes cpython_lines.json: the line CPython's logging writes for each
workload of python/bench_logging.py, the time replaced by ASCTIME.
TestCPythonLines checks that slogpy writes the same lines.

    python3 testdata/gen.py        (from benchmarks/ or anywhere)
"""

import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    spec = importlib.util.spec_from_file_location(
        "bench_logging", os.path.join(HERE, "..", "python", "bench_logging.py"))
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lines = bench.sample()
    lines["_cpython"] = sys.version.split()[0]
    with open(os.path.join(HERE, "cpython_lines.json"), "w", encoding="utf-8") as f:
        json.dump(lines, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
