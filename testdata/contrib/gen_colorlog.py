#!/usr/bin/python3
"""Goldens for contrib.ColoredFormatter: colorlog's ColoredFormatter.

Each case gives ColoredFormatter's keyword arguments ("kwargs"), the
environment variables set while formatting ("env": NO_COLOR, FORCE_COLOR),
the stream the formatter is told about ("stream": "tty" for one whose
isatty() is True, "pipe" for one whose isatty() is False, absent for
none), and records (see common.py: each entry of "records" updates the
base record). "outputs" are what ColoredFormatter.format returned, or
"error: " and the exception it raised.

Usage: /usr/bin/python3 testdata/contrib/gen_colorlog.py
"""

import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import colorlog  # noqa: E402

LEVELS = [
    {"levelname": "DEBUG", "levelno": 10},
    {"levelname": "INFO", "levelno": 20},
    {"levelname": "WARNING", "levelno": 30},
    {"levelname": "ERROR", "levelno": 40},
    {"levelname": "CRITICAL", "levelno": 50},
    {"levelname": "TRACE", "levelno": 5},
]
ONE = [{}]
FMT = "%(log_color)s%(levelname)-8s%(reset)s %(blue)s%(name)s%(reset)s %(message)s"

CASES = [
    {"name": "default", "records": LEVELS},
    {"name": "fmt_levels", "kwargs": {"fmt": FMT}, "records": LEVELS},
    {"name": "log_colors", "kwargs": {"fmt": FMT, "log_colors": {
        "DEBUG": "thin_cyan", "INFO": "fg_208", "WARNING": "bold_yellow,bg_blue",
        "ERROR": "red,bg_white", "CRITICAL": "light_purple,bold", "TRACE": "bg_17,fg_light_green,,"}},
     "records": LEVELS},
    {"name": "all_named_codes", "kwargs": {"fmt": "%(bold)s%(thin)s%(black)s%(light_white)s%(bold_purple)s%(thin_light_red)s%(fg_bold_cyan)s%(bg_light_black)s%(bg_bold_green)s%(fg_0)s%(bg_255)s%(message)s"},
     "records": ONE},
    {"name": "secondary", "kwargs": {"fmt": "%(log_color)s%(levelname)s%(reset)s %(message_log_color)s%(message)s",
                                     "secondary_log_colors": {"message": {"ERROR": "red", "CRITICAL": "bold_red"}}},
     "records": LEVELS},
    {"name": "no_reset", "kwargs": {"fmt": FMT, "reset": False}, "records": ONE},
    {"name": "ends_with_reset", "kwargs": {"fmt": "%(log_color)s%(message)s%(reset)s"}, "records": ONE},
    {"name": "no_color", "kwargs": {"fmt": FMT, "no_color": True}, "records": ONE},
    {"name": "force_over_no_color", "kwargs": {"fmt": FMT, "no_color": True, "force_color": True}, "records": ONE},
    {"name": "env_no_color", "env": {"NO_COLOR": ""}, "kwargs": {"fmt": FMT}, "records": ONE},
    {"name": "env_force_color", "env": {"FORCE_COLOR": "1", "NO_COLOR": "1"}, "kwargs": {"fmt": FMT, "no_color": True}, "records": ONE},
    {"name": "stream_pipe", "stream": "pipe", "kwargs": {"fmt": FMT}, "records": ONE},
    {"name": "stream_tty", "stream": "tty", "kwargs": {"fmt": FMT}, "records": ONE},
    {"name": "stream_pipe_forced", "stream": "pipe", "kwargs": {"fmt": FMT, "force_color": True}, "records": ONE},
    {"name": "brace", "kwargs": {"fmt": "{log_color}{levelname:<8}{reset} {message}", "style": "{"}, "records": LEVELS[:2]},
    {"name": "dollar", "kwargs": {"fmt": "${log_color}${levelname}${reset} ${message}", "style": "$"}, "records": LEVELS[:2]},
    {"name": "brace_default", "kwargs": {"style": "{"}, "records": ONE},
    {"name": "asctime", "kwargs": {"fmt": "%(asctime)s %(log_color)s%(message)s", "datefmt": "%H:%M:%S"}, "records": ONE},
    {"name": "exc_and_stack", "kwargs": {"fmt": FMT},
     "records": [{"levelname": "ERROR", "levelno": 40, "exc_text": "Traceback (most recent call last):\nValueError: boom",
                  "stack_info": "Stack (most recent call last):"}]},
    {"name": "unknown_color", "kwargs": {"fmt": FMT, "log_colors": {"INFO": "green,nosuch"}}, "records": LEVELS[1:3]},
]


class Stream(io.StringIO):
    def __init__(self, tty):
        super().__init__()
        self.tty = tty

    def isatty(self):
        return self.tty


def run(case):
    kwargs = dict(case.get("kwargs", {}))
    if "stream" in case:
        kwargs["stream"] = Stream(case["stream"] == "tty")
    saved = dict(os.environ)
    os.environ.pop("NO_COLOR", None)
    os.environ.pop("FORCE_COLOR", None)
    os.environ.update(case.get("env", {}))
    try:
        f = colorlog.ColoredFormatter(**kwargs)
        outs = []
        for rec in case["records"]:
            r = common.make_record({"record": rec})
            try:
                outs.append(f.format(r))
            except Exception as e:
                outs.append("error: %s: %s" % (type(e).__name__, e))
        return outs
    finally:
        os.environ.clear()
        os.environ.update(saved)


def main():
    for case in CASES:
        case["outputs"] = run(case)
    common.write("colorlog.json", {"colorlog": common.version("colorlog")}, CASES)


if __name__ == "__main__":
    main()
