"""Shared by the generators of testdata/contrib: records and values.

Run every generator with Debian's /usr/bin/python3, which has the
third-party logging libraries installed (python3-pythonjsonlogger,
python3-colorlog, python3-uvicorn, python3-django, python3-rich,
python3-concurrent-log-handler, python3-gunicorn):

    /usr/bin/python3 testdata/contrib/gen_pythonjsonlogger.py

Each writes NAME.json next to itself with the versions of Python and of
the library that produced it. Time zone: UTC.

A case's record is given as the dict of logging.makeLogRecord (the
LogRecord attributes) plus "extra", a list of [key, value] pairs set on the
record in order, as logger.info(..., extra=...) does. Values that JSON
cannot carry are tagged: {"$float": "nan"|"inf"|"-inf"},
{"$datetime": "ISO 8601 with offset"}; the Go tests decode the same tags.
"""

import datetime
import importlib.metadata
import json
import logging
import os
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

HERE = os.path.dirname(os.path.abspath(__file__))

BASE_RECORD = {
    "name": "app.web",
    "msg": "user %s logged in",
    "args": ["alice"],
    "levelname": "INFO",
    "levelno": 20,
    "pathname": "/srv/app/web.py",
    "filename": "web.py",
    "module": "web",
    "lineno": 42,
    "funcName": "login",
    "created": 1700000000.123456,
    "msecs": 123.0,
    "relativeCreated": 5.5,
    "thread": 140000,
    "threadName": "MainThread",
    "processName": "MainProcess",
    "process": 4242,
}


def untag(v):
    if isinstance(v, dict):
        if "$float" in v:
            return float(v["$float"])
        if "$datetime" in v:
            return datetime.datetime.fromisoformat(v["$datetime"])
        return {k: untag(x) for k, x in v.items()}
    if isinstance(v, list):
        return [untag(x) for x in v]
    return v


def make_record(spec):
    """The record of a case: BASE_RECORD updated by spec["record"], then the
    extras of spec["extra"] in order."""
    d = dict(BASE_RECORD)
    d.update(spec.get("record", {}))
    d["args"] = tuple(untag(d["args"])) if isinstance(d["args"], list) else untag(d["args"])
    r = logging.makeLogRecord(d)
    for k, v in spec.get("extra", []):
        setattr(r, k, untag(v))
    return r


def version(dist):
    return importlib.metadata.version(dist)


def write(name, library, cases, note=""):
    out = {
        "python": sys.version.split()[0],
        "library": library,
        "note": note,
        "cases": cases,
    }
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, sort_keys=False)
        f.write("\n")
