#!/usr/bin/python3
"""Goldens for contrib.RichHandler: rich's rich.logging.RichHandler on a
console that is not a terminal.

Each case gives the console's width, RichHandler's keyword arguments
("kwargs"), the format of its logging.Formatter ("fmt", or none for
logging's default) and records (see common.py: each entry of "records"
updates the base record), handled in order by one handler. "output" is
everything the console wrote: Console(file=io.StringIO(), width=…,
force_terminal=False, color_system=None).

Usage: /usr/bin/python3 testdata/contrib/gen_rich.py
"""

import io
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.logging import RichHandler  # noqa: E402

LONG = "a long message that will certainly need to wrap across more than one line of the column"
WORD = "averyveryveryveryveryveryveryverylongwordthatcannotfitinthecolumnatall ok"
RECORDS = [
    {"msg": "hello world", "args": []},
    {"msg": "same second", "args": [], "levelname": "WARNING", "levelno": 30},
    {"msg": LONG, "args": [], "levelname": "ERROR", "levelno": 40, "created": 1700000001.0},
    {"msg": "line1\nline2\n", "args": [], "levelname": "CRITICAL", "levelno": 50, "created": 1700000002.0},
    {"msg": WORD, "args": [], "levelname": "DEBUG", "levelno": 10, "created": 1700000003.0},
    {"msg": "tab\there and  two  spaces,   and \u00e9t\u00e9 \u65e5\u672c\u8a9e wide", "args": [], "created": 1700000004.0},
    {"msg": "custom level", "args": [], "levelname": "VERYLONGLEVEL", "levelno": 25, "created": 1700000004.0},
    {"msg": "", "args": [], "created": 1700000005.0},
    {"msg": "   leading spaces and a bell\a and a CR\r", "args": [], "created": 1700000005.0},
    {"msg": "trailing spaces beyond the width                                                            x", "args": [], "created": 1700000006.0},
    {"msg": "no line", "args": [], "lineno": 0, "created": 1700000006.0},
    {"msg": "user %s", "args": ["alice"], "exc_text": "Traceback (most recent call last):\nValueError: boom", "created": 1700000007.0},
]

CASES = [
    {"name": "width_80", "width": 80, "records": RECORDS},
    {"name": "width_60", "width": 60, "records": RECORDS},
    {"name": "width_120_fmt", "width": 120, "fmt": "%(name)s: %(message)s", "records": RECORDS[:3]},
    {"name": "no_time", "width": 60, "kwargs": {"show_time": False}, "records": RECORDS[:3]},
    {"name": "no_level_no_path", "width": 60, "kwargs": {"show_level": False, "show_path": False}, "records": RECORDS[:3]},
    {"name": "keep_times", "width": 60, "kwargs": {"omit_repeated_times": False}, "records": RECORDS[:2]},
    {"name": "log_time_format", "width": 60, "kwargs": {"log_time_format": "%H:%M:%S"}, "records": RECORDS[:2]},
    {"name": "no_path_name", "width": 60, "records": [{"msg": "no path", "args": [], "pathname": ""}]},
]


def run(case):
    buf = io.StringIO()
    console = Console(file=buf, width=case["width"], force_terminal=False, color_system=None)
    h = RichHandler(console=console, **case.get("kwargs", {}))
    if "fmt" in case:
        h.setFormatter(logging.Formatter(case["fmt"]))
    for rec in case["records"]:
        h.handle(common.make_record({"record": rec}))
    return buf.getvalue()


def main():
    for case in CASES:
        case["output"] = run(case)
    common.write("rich.json", {"rich": common.version("rich")}, CASES)


if __name__ == "__main__":
    main()
