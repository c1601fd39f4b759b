#!/usr/bin/env python3
"""Generate fidelity.json, replayed by slogpy/fidelity_test.go, with CPython
3.11:  python3 testdata/core/gen_fidelity.py

Each case formats one record made by logging.makeLogRecord with a
Formatter: {"fmt", "style", "record": [[key, value], ...] (in order),
"out"} or "error" ("TypeName: message"), plus "extra": the keys of
record.__dict__ that are not LogRecord attributes, in order.

Values are tagged as in testdata/pyfmt/gen_values.py: {"t": "tuple"},
{"t": "odict"} (a dict in its own order), {"t": "list"}, {"t": "str"},
{"t": "int", "v": "decimal"}, {"t": "float", "v": repr}, {"t": "bool"},
{"t": "none"}. args is given as a tuple or a dict, as a logging call
leaves it in the record (a single non-empty dict unwrapped).
"""
import json
import logging
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "pyfmt"))
from gen_values import enc  # noqa: E402

BASE = [
    ("name", "app.db"), ("levelno", 20), ("levelname", "INFO"),
    ("pathname", "/srv/app/db.py"), ("filename", "db.py"), ("module", "db"),
    ("lineno", 42), ("funcName", "connect"), ("created", 1215535785.896123),
    ("msecs", 896.0), ("relativeCreated", 1234.5678), ("thread", 140234),
    ("threadName", "MainThread"), ("process", 4242), ("processName", "MainProcess"),
]
STANDARD = set(logging.makeLogRecord({}).__dict__)


def case(fmt, style="%", msg="user %s from %s", args=("bob", "10.0.0.1"), validate=False, **extra):
    items = list(BASE) + [("msg", msg), ("args", args)] + list(extra.items())
    c = {"fmt": fmt, "style": style, "record": [[k, enc(v)] for k, v in items], "validate": validate}
    try:
        rec = logging.makeLogRecord(dict(items))
        c["extra"] = [k for k in rec.__dict__ if k not in STANDARD]
        f = logging.Formatter(fmt, style=style, validate=validate)
        f.converter = time.gmtime
        c["out"] = f.format(rec)
    except Exception as e:  # noqa: BLE001 - every exception is a result
        c["error"] = "%s: %s" % (type(e).__name__, e)
    return c


def cases():
    out = []
    argsets = [("db01", 3), (), ("x",), None, {"user": "ann", "n": 2}, ((1, 2),), ([1], {"k": ()})]
    for args in argsets:
        msg = "%(user)s %(n)d" if isinstance(args, dict) else "m" + " %s" * len(args or ())
        for fmt, style in [("%(args)s", "%"), ("%(args)r|%(message)s", "%"), ("{args}", "{"),
                           ("{args!r}", "{"), ("$args", "$"), ("[%(args)20s]", "%")]:
            out.append(case(fmt, style, msg=msg, args=args))
    out.append(case("%(args)d", args=(1,)))
    # thread and process None, as with logThreads/logProcesses off.
    for fmt, style in [("%(thread)s %(process)s", "%"), ("{thread!r}|{process}", "{"),
                       ("%(thread)d", "%"), ("$thread", "$")]:
        c = case(fmt, style)
        rec = [[k, enc(None) if k in ("thread", "process") else v] for k, v in c["record"]]
        items = [(k, None if k in ("thread", "process") else v) for k, v in BASE] + \
            [("msg", "m"), ("args", ())]
        c = case(fmt, style, msg="m", args=())
        c["record"] = [[k, enc(None) if k in ("thread", "process") else v] for k, v in c["record"]]
        try:
            r = logging.makeLogRecord(dict(items))
            f = logging.Formatter(fmt, style=style, validate=False)
            c.pop("error", None)
            c["out"] = f.format(r)
        except Exception as e:  # noqa: BLE001
            c.pop("out", None)
            c["error"] = "%s: %s" % (type(e).__name__, e)
        del rec
        out.append(c)
    # Tuples and ordered dicts as arguments, messages and attributes, and
    # the order of extra attributes.
    out.append(case("%(message)s", msg="pair %s and %r", args=((1, 2), ("a",))))
    out.append(case("%(message)s", msg="%(b)s %(a)s", args={"b": (), "a": {"z": 1, "y": 2}}))
    out.append(case("%(message)s", msg=(1, "two"), args=()))
    out.append(case("%(pair)s|{x}", msg="m", args=(), pair=(1,), zeta=1, alpha={"b": 1, "a": (2,)}))
    out.append(case("{pair!r} {alpha}", "{", msg="m", args=(), pair=(1, None), zeta=1,
                    alpha={"b": 1, "a": (2,)}))
    out.append(case("$pair $alpha", "$", msg="m", args=(), zeta=(), pair=("é",), alpha={}))
    # {-style attribute and index access, with validation on and off.
    for validate in (True, False):
        for fmt in ["{args[0]} {args[1]:>4}|", "{name[0]}{name[4]}", "{ctx[user]} {ctx[n][1]}", "{tags[1]!r}",
                    "{args[5]}", "{ctx[nope]}", "{tags[x]}", "{name.x}", "{args[]}", "{message[0]}",
                    "{ctx[user]:>{args[1]}}|", "{levelname[0]}:{message}"]:
            out.append(case(fmt, "{", msg="to %s: %d", args=("db01", 3), validate=validate,
                            ctx={"user": "ann", "n": (1, 2)}, tags=["a", "b"]))
    return out


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen_fidelity.py: the goldens come from CPython 3.11, not %s" % sys.version.split()[0])
    os.environ["TZ"] = "UTC"
    time.tzset()
    data = {"python": sys.version.split()[0], "cases": cases()}
    with open(os.path.join(HERE, "fidelity.json"), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("fidelity.json: %d cases" % len(data["cases"]))


if __name__ == "__main__":
    main()
