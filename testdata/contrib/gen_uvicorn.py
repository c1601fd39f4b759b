#!/usr/bin/python3
"""Goldens for contrib's uvicorn formatters: uvicorn.logging's
DefaultFormatter and AccessFormatter.

Each case gives the formatter ("class": "default" or "access"), its keyword
arguments ("kwargs"), what sys.stdout.isatty() answers while it is built
("stdout": "tty" or "pipe"; use_colors=None reads it) and records (see
common.py: each entry of "records" updates the base record). "outputs" are
what format returned, or "error: " and the exception it raised.
"phrases" is http.HTTPStatus's phrase for each code, which the access
formatter prints after the status code.

Usage: /usr/bin/python3 testdata/contrib/gen_uvicorn.py
"""

import http
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from uvicorn import logging as ulogging  # noqa: E402

LEVELS = [
    {"levelname": "TRACE", "levelno": 5},
    {"levelname": "DEBUG", "levelno": 10},
    {"levelname": "INFO", "levelno": 20},
    {"levelname": "WARNING", "levelno": 30},
    {"levelname": "ERROR", "levelno": 40},
    {"levelname": "CRITICAL", "levelno": 50},
    {"levelname": "NOTICE", "levelno": 25},
    {"levelname": "VERYLONGLEVEL", "levelno": 45},
]
DEFAULT_FMT = "%(levelprefix)s %(message)s"
ACCESS_FMT = '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s'
ACCESS_MSG = '%s - "%s %s HTTP/%s" %d'


def access(*args, **rec):
    d = {"name": "uvicorn.access", "msg": ACCESS_MSG, "args": list(args)}
    d.update(rec)
    return d


ACCESS = [
    access("127.0.0.1:51234", "GET", "/", "1.1", 200),
    access("10.0.0.2:443", "POST", "/api/items?x=1", "2", 201),
    access("[::1]:8000", "GET", "/moved", "1.1", 301),
    access("1.2.3.4:5", "GET", "/nope", "1.1", 404),
    access("1.2.3.4:5", "GET", "/tea", "1.1", 418),
    access("1.2.3.4:5", "GET", "/long", "1.1", 414),
    access("1.2.3.4:5", "GET", "/boom", "1.0", 500),
    access("1.2.3.4:5", "GET", "/switch", "1.1", 101),
    access("1.2.3.4:5", "GET", "/odd", "1.1", 299),
    access("1.2.3.4:5", "GET", "/odder", "1.1", 799),
    access("1.2.3.4:5", "GET", "/str", "1.1", "204", msg="%s %s %s %s %s"),
    access("1.2.3.4:5", "GET", "/warn", "1.1", 503, levelname="WARNING", levelno=30),
    access("1.2.3.4:5", "GET", "/short", "1.1", msg="%s %s %s %s"),
    access("1.2.3.4:5", "GET", "/bad", "1.1", "abc", msg="%s %s %s %s %s"),
]

CASES = [
    {"name": "default_plain", "class": "default", "kwargs": {"fmt": DEFAULT_FMT, "use_colors": False}, "records": LEVELS},
    {"name": "default_colors", "class": "default", "kwargs": {"fmt": DEFAULT_FMT, "use_colors": True}, "records": LEVELS},
    {"name": "default_none_pipe", "class": "default", "stdout": "pipe", "kwargs": {"fmt": DEFAULT_FMT, "use_colors": None}, "records": LEVELS[2:3]},
    {"name": "default_none_tty", "class": "default", "stdout": "tty", "kwargs": {"fmt": DEFAULT_FMT}, "records": LEVELS[2:3]},
    {"name": "default_no_fmt", "class": "default", "kwargs": {"use_colors": False}, "records": LEVELS[2:3]},
    {"name": "color_message", "class": "default", "kwargs": {"fmt": DEFAULT_FMT, "use_colors": True},
     "records": [{"msg": "Started server process [%d]", "args": [4242],
                  "extra": [["color_message", "Started server process [\u001b[36m%d\u001b[0m]"]]}]},
    {"name": "color_message_plain", "class": "default", "kwargs": {"fmt": DEFAULT_FMT, "use_colors": False},
     "records": [{"msg": "Started server process [%d]", "args": [4242],
                  "extra": [["color_message", "Started server process [\u001b[36m%d\u001b[0m]"]]}]},
    {"name": "default_asctime", "class": "default", "kwargs": {"fmt": "%(asctime)s %(levelprefix)s %(name)s %(message)s", "datefmt": "%Y-%m-%d %H:%M:%S", "use_colors": False}, "records": LEVELS[2:3]},
    {"name": "default_brace", "class": "default", "kwargs": {"fmt": "{levelprefix} {message}", "style": "{", "use_colors": True}, "records": LEVELS[2:4]},
    {"name": "access_plain", "class": "access", "kwargs": {"fmt": ACCESS_FMT, "use_colors": False}, "records": ACCESS},
    {"name": "access_colors", "class": "access", "kwargs": {"fmt": ACCESS_FMT, "use_colors": True}, "records": ACCESS},
    {"name": "access_message", "class": "access", "kwargs": {"fmt": "%(levelprefix)s %(message)s | %(status_code)s", "use_colors": False}, "records": ACCESS[:1]},
]


class Stream(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


def run(case):
    cls = ulogging.AccessFormatter if case["class"] == "access" else ulogging.DefaultFormatter
    saved = sys.stdout
    sys.stdout = Stream(case.get("stdout") == "tty")
    try:
        f = cls(**case.get("kwargs", {}))
    finally:
        sys.stdout = saved
    outs = []
    for rec in case["records"]:
        rec = dict(rec)
        extra = rec.pop("extra", [])
        r = common.make_record({"record": rec, "extra": extra})
        try:
            outs.append(f.format(r))
        except Exception as e:
            outs.append("error: %s: %s" % (type(e).__name__, e))
    return outs


def main():
    for case in CASES:
        case["outputs"] = run(case)
    common.write("uvicorn.json", {"uvicorn": common.version("uvicorn"), "click": common.version("click")}, CASES,
                 note="phrases: " + " ".join("%d=%s" % (s.value, s.phrase.replace(" ", "_")) for s in http.HTTPStatus))


if __name__ == "__main__":
    main()
