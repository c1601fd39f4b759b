#!/usr/bin/python3
"""Goldens for contrib.DjangoServerFormatter: Django's
django.utils.log.ServerFormatter.

Each case gives ServerFormatter's arguments ("kwargs"), what
sys.stdout.isatty() answers while it is built ("stdout": "tty" or "pipe";
Django's color_style() reads it then), the DJANGO_COLORS variable ("env")
and records (see common.py). "outputs" are what format returned. Each
record is formatted fresh: ServerFormatter stores the coloured format on
the record it formats.

Usage: /usr/bin/python3 testdata/contrib/gen_django.py
"""

import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from django.conf import settings  # noqa: E402

settings.configure()
from django.utils.log import ServerFormatter  # noqa: E402

REQ = '"%s" %s %s'


def req(code, path="/"):
    return {"name": "django.server", "msg": REQ, "args": ["GET %s HTTP/1.1" % path, code, 1234],
            "extra": [["status_code", code]]}


RECORDS = [req(200), req(101), req(304), req(302), req(404), req(403), req(500), req(0),
           {"name": "django.server", "msg": "Quit the server with %s.", "args": ["CONTROL-C"]}]
DEFAULT = {"fmt": "[{server_time}] {message}", "style": "{"}

CASES = [
    {"name": "default_logging_pipe", "stdout": "pipe", "kwargs": DEFAULT, "records": RECORDS},
    {"name": "default_logging_tty", "stdout": "tty", "kwargs": DEFAULT, "records": RECORDS},
    {"name": "light_palette", "stdout": "tty", "env": {"DJANGO_COLORS": "light"}, "kwargs": DEFAULT, "records": RECORDS},
    {"name": "nocolor_palette", "stdout": "tty", "env": {"DJANGO_COLORS": "nocolor"}, "kwargs": DEFAULT, "records": RECORDS[:2]},
    {"name": "datefmt", "stdout": "pipe", "kwargs": dict(DEFAULT, datefmt="%H:%M:%S"), "records": RECORDS[:1]},
    {"name": "server_time_given", "stdout": "pipe", "kwargs": DEFAULT,
     "records": [dict(req(200), extra=[["status_code", 200], ["server_time", "yesterday"]])]},
    {"name": "percent_style", "stdout": "tty", "kwargs": {"fmt": "%(levelname)s %(message)s"}, "records": RECORDS[:1]},
]


class Stream(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


def run(case):
    saved_env = dict(os.environ)
    os.environ.pop("DJANGO_COLORS", None)
    os.environ.update(case.get("env", {}))
    saved = sys.stdout
    sys.stdout = Stream(case.get("stdout") == "tty")
    try:
        f = ServerFormatter(**case["kwargs"])
    finally:
        sys.stdout = saved
        os.environ.clear()
        os.environ.update(saved_env)
    outs = []
    for rec in case["records"]:
        rec = dict(rec)
        extra = rec.pop("extra", [])
        outs.append(f.format(common.make_record({"record": rec, "extra": extra})))
    return outs


def main():
    for case in CASES:
        case["outputs"] = run(case)
    common.write("django.json", {"django": common.version("django")}, CASES)


if __name__ == "__main__":
    main()
