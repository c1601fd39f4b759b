#!/usr/bin/env python3
"""Generate details.json with CPython 3.11:  python3 testdata/core/gen_details.py

The smaller behaviours of issue 17 item 9, replayed by levels/details_test.go
and slogpy/details_test.go without python3:

- "parse": logging._checkLevel of a name with spaces ("error" when it raises);
- "levelname": str(logging.getLevelName(name)) of a name, and whether the
  result is a level number;
- "usestime": Formatter(fmt, style=style).usesTime();
- "formattime": Formatter.format of a record at a fixed time, in UTC, with
  default_time_format / default_msec_format set on the formatter (null is
  None), or the exception it raises ("TypeName: message");
- "relative": relativeCreated of a LogRecord made at "created" with
  logging._startTime set to "start" (both given in nanoseconds, multiples
  of 256 so that Go's float64(ns)/1e9 is Python's ns/10**9);
- "loggerdict": manager.loggerDict after getLogger of each name in order:
  [name, "Logger" | "PlaceHolder"] sorted by name;
- "extra": logger.info("hello", extra={key: "v"}): the exception a
  reserved key raises ("TypeName: str(e)"), or the line a handler printed.
"""
import io
import json
import logging
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
UNSET = object()


def err(e):
    return "%s: %s" % (type(e).__name__, e)


def parse_cases():
    out = []
    for s in [" INFO", "INFO ", "\tDEBUG", "WARNING\n", " 20", "INFO"]:
        c = {"op": "parse", "input": s}
        try:
            c["out"] = logging._checkLevel(s)
        except Exception as e:  # noqa: BLE001 - every exception is a result
            c["error"] = err(e)
        out.append(c)
    return out


def levelname_cases():
    out = []
    for s in ["INFO", "WARN", "FATAL", "NOTSET", "VERBOSE", "info", "Level 5", "", " INFO"]:
        v = logging.getLevelName(s)
        out.append({"op": "levelname", "input": s, "out": str(v), "number": isinstance(v, int)})
    return out


def usestime_cases():
    out = []
    for style, fmts in [
        ("%", ["%(asctime)s %(message)s", "%%(asctime)s", "%(asctime)-20s", "%(message)s",
               "{asctime}", "$asctime %(message)s", "%(asctimex)s"]),
        ("{", ["{asctime} {message}", "{{asctime}}", "{asctime:>30}", "{message}",
               "%(asctime)s {message}", "{asctime!r}"]),
        ("$", ["$asctime $message", "${asctime} $message", "$$asctime $message",
               "$message", "$asctimex $message", "%(asctime)s $message"]),
    ]:
        for f in fmts:
            out.append({"op": "usestime", "fmt": f, "style": style,
                        "out": logging.Formatter(f, style=style, validate=False).usesTime()})
    return out


CREATED = 1215535785.896123


def formattime(fmt, datefmt=None, style="%", time_fmt=UNSET, msec_fmt=UNSET):
    c = {"op": "formattime", "fmt": fmt, "style": style, "datefmt": datefmt}
    rec = logging.makeLogRecord({"msg": "hello", "created": CREATED, "msecs": 896.0})
    f = logging.Formatter(fmt, datefmt=datefmt, style=style, validate=False)
    f.converter = time.gmtime
    if time_fmt is not UNSET:
        f.default_time_format = time_fmt
        c["time_fmt"] = time_fmt
    if msec_fmt is not UNSET:
        f.default_msec_format = msec_fmt
        c["msec_fmt"] = msec_fmt
    try:
        c["out"] = f.format(rec)
    except Exception as e:  # noqa: BLE001
        c["error"] = err(e)
    return c


def formattime_cases():
    return [
        formattime("%(asctime)s %(message)s"),
        formattime("%(asctime)s %(message)s", msec_fmt=None),
        formattime("%(asctime)s %(message)s", msec_fmt=""),
        formattime("%(asctime)s %(message)s", msec_fmt="%s.%03d"),
        formattime("%(asctime)s %(message)s", time_fmt="%H:%M:%S", msec_fmt=None),
        formattime("%(asctime)s %(message)s", datefmt="%d/%m/%Y", msec_fmt=None),
        formattime("{asctime} {message}", style="{", msec_fmt=None),
        formattime("%(asctime)s %(message)s", time_fmt=None),
        formattime("%(asctime)s %(message)s", time_fmt=None, msec_fmt=None),
        formattime("%(asctime)s %(message)s", datefmt="%H:%M", time_fmt=None),
        formattime("%(message)s", time_fmt=None),
        formattime("%%(asctime)s %(message)s", time_fmt=None),
        formattime("$$asctime $message", style="$", time_fmt=None),
        formattime("{{asctime}} {message}", style="{", time_fmt=None),
    ]


def relative_cases():
    out = []
    real_time = time.time
    for start_ns, created_ns in [
        (1215535700500000000, 1215535785896123136),
        (1215535785896123136, 1215535785896123136),
        (1215535800000000000, 1215535785896123136),
        (0, 1215535785896123136),
    ]:
        assert start_ns % 256 == 0 and created_ns % 256 == 0
        logging._startTime = start_ns / 10**9
        time.time = lambda: created_ns / 10**9
        try:
            rec = logging.LogRecord("x", 20, "p.py", 1, "m", None, None)
        finally:
            time.time = real_time
        f = logging.Formatter("%(relativeCreated)d %(relativeCreated)r")
        out.append({"op": "relative", "start_ns": start_ns, "created_ns": created_ns,
                    "created": repr(rec.created), "out": f.format(rec)})
    return out


def loggerdict_cases():
    out = []
    for names in [["a.b.c"], ["a", "a.b.c"], ["a.b.c", "a.b"], ["a.b.c", "a.x.y", "a"],
                  ["x..y"], [".a"], ["p.q.r.s", "p.q"]]:
        m = logging.Manager(logging.RootLogger(logging.WARNING))
        for n in names:
            m.getLogger(n)
        d = sorted([k, type(v).__name__] for k, v in m.loggerDict.items())
        out.append({"op": "loggerdict", "names": names, "out": d})
    return out


def extra_cases():
    out = []
    for key in ["message", "asctime", "name", "msg", "args", "levelname", "levelno", "exc_info",
                "exc_text", "stack_info", "thread", "threadName", "processName", "relativeCreated",
                "user", "taskName", "attrs"]:
        m = logging.Manager(logging.RootLogger(logging.WARNING))
        lg = m.getLogger("app")
        lg.propagate = False
        stream = io.StringIO()
        h = logging.StreamHandler(stream)
        h.setFormatter(logging.Formatter("%(name)s %(message)s"))
        lg.addHandler(h)
        c = {"op": "extra", "key": key}
        try:
            lg.warning("hello", extra={key: "v"})
            c["out"] = stream.getvalue()
        except Exception as e:  # noqa: BLE001
            c["error"] = err(e)
            c["out"] = stream.getvalue()
        out.append(c)
    return out


def main():
    cases = (parse_cases() + levelname_cases() + usestime_cases() + formattime_cases()
             + relative_cases() + loggerdict_cases() + extra_cases())
    with open(os.path.join(HERE, "details.json"), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f,
                  indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("details.json: %d cases" % len(cases))


if __name__ == "__main__":
    main()
