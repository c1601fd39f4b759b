#!/usr/bin/env python3
"""Generate error_reports.json with CPython 3.11: what Handler.handleError
writes to standard error for logging errors, raw and normalised.

    python3 testdata/core/gen_errors.py

Normalised: every run of lines that start with two spaces (the lines of
frame blocks: "  File ..." and the source and caret lines under it) is one
line "  <frames>", since Go frames cannot be Python's. Cases: a bad %
argument, a missing format key, a failing __str__ (Go: a panicking
String), a chained error (an exception raised while handling another),
and a failing filter (which CPython does not report as a logging error:
the exception reaches the caller; its traceback is recorded as is).
"""
import io
import json
import logging
import os
import sys
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))


def normalise(text):
    out = []
    for line in text.split("\n"):
        if line.startswith("  "):
            if out and out[-1] == "  <frames>":
                continue
            line = "  <frames>"
        out.append(line)
    return "\n".join(out)


class Boom:
    def __str__(self):
        raise ValueError("boom")


class ChainedHandler(logging.Handler):
    def emit(self, record):
        try:
            try:
                raise OSError("disk full")
            except OSError:
                raise RuntimeError("write failed")
        except Exception:
            self.handleError(record)


def bad_filter(record):
    raise ValueError("bad filter")


def run(name, setup, call):
    err = io.StringIO()
    sys.stderr = err
    lg = logging.getLogger(name)
    lg.propagate = False
    h = setup()
    lg.addHandler(h)
    try:
        call(lg)
    except Exception:  # a failing filter: the caller gets the exception
        traceback.print_exc()
    finally:
        sys.stderr = sys.__stderr__
    text = err.getvalue()
    return {"name": name, "raw": text, "normalised": normalise(text)}


def stream(fmt="%(message)s"):
    h = logging.StreamHandler(io.StringIO())
    h.setFormatter(logging.Formatter(fmt))
    return h


def filtered():
    h = stream()
    h.addFilter(bad_filter)
    return h


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen_errors.py: the goldens come from CPython 3.11, not %s" % sys.version.split()[0])
    cases = [
        run("bad argument", stream, lambda lg: lg.warning("%d items", "x")),
        run("missing key", lambda: stream("%(user)s %(message)s"), lambda lg: lg.warning("hi")),
        run("failing str", stream, lambda lg: lg.warning("value %s", Boom())),
        run("chained", ChainedHandler, lambda lg: lg.warning("to %s", "disk")),
        run("failing filter", filtered, lambda lg: lg.warning("filtered")),
    ]
    with open(os.path.join(HERE, "error_reports.json"), "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("error_reports.json: %d cases" % len(cases))


if __name__ == "__main__":
    main()
