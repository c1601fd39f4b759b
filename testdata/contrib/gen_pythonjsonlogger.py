#!/usr/bin/python3
"""Goldens for contrib.JSONFormatter: python-json-logger's JsonFormatter.

Each case gives JsonFormatter's keyword arguments ("kwargs") and a record
(see common.py); the golden is what JsonFormatter.format returned.

Debian ships python-json-logger 2.0.1, which has no static_fields (3.x
adds them after the fields of fmt, before exc_info and stack_info). Cases
with static_fields run a subclass that passes them to add_fields ahead of
the message dict, which puts them where 3.x does; they are marked
"emulated". Version 2.0.1 finds the fields of fmt with \((.+?)\) whatever
the style; 3.x uses %\((.+?)\), \{(.+?)\} or, for "$",
\$(?:\$|\{(.+?)\}|([_a-z][_a-z0-9]*)) (ignoring case). Cases marked
"parse3" run a subclass whose parse uses 3.x's patterns, and record 2.0.1's
own output as "output_2_0_1". Cases with "format_exception" override formatException to
return that text, since a Python traceback cannot match a Go one.

Usage: /usr/bin/python3 testdata/contrib/gen_pythonjsonlogger.py
"""

import logging
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
from pythonjsonlogger import jsonlogger  # noqa: E402

FMT = "%(asctime)s %(name)s %(levelname)s %(message)s"

CASES = [
    {"name": "default"},
    {"name": "fmt_fields", "kwargs": {"fmt": FMT}},
    {"name": "fmt_datefmt", "kwargs": {"fmt": FMT, "datefmt": "%Y-%m-%dT%H:%M:%S"}},
    {"name": "fmt_all_standard", "kwargs": {"fmt": "%(name)s %(levelno)d %(levelname)s %(pathname)s %(filename)s %(module)s %(lineno)d %(funcName)s %(created)f %(msecs)d %(relativeCreated)d %(thread)d %(threadName)s %(process)d %(processName)s %(message)s %(msg)s"}},
    {"name": "fmt_unknown_field", "kwargs": {"fmt": "%(message)s %(nosuch)s %(user)s"},
     "extra": [["user", "bob"]]},
    {"name": "extras", "extra": [
        ["user", "bob"], ["n", 3], ["neg", -17], ["f", 0.1], ["whole", 2.0],
        ["big", 1e16], ["small", 1e-7], ["yes", True], ["no", False], ["none", None],
        ["list", [1, "a", [2.5, None]]], ["dict", {"k": "v", "n": {"m": 1}}],
        ["empty_list", []], ["empty_dict", {}],
        ["nan", {"$float": "nan"}], ["inf", {"$float": "inf"}], ["ninf", {"$float": "-inf"}],
        ["_private", "hidden"],
    ]},
    {"name": "extra_datetime", "extra": [
        ["at", {"$datetime": "2024-02-03T04:05:06.789000+00:00"}],
        ["whole_second", {"$datetime": "2024-02-03T04:05:06+00:00"}],
    ]},
    {"name": "escapes_ascii", "record": {"msg": "caf\u00e9 \u20ac \U0001F600 \"q\" \\ \n\t\r\b\f\x01\x1f\x7f", "args": []},
     "extra": [["ключ", "значение"]]},
    {"name": "escapes_no_ascii", "kwargs": {"json_ensure_ascii": False},
     "record": {"msg": "caf\u00e9 \u20ac \U0001F600 \"q\" \\ \n\t\x01\x7f", "args": []},
     "extra": [["ключ", "значение"]]},
    {"name": "indent_2", "kwargs": {"json_indent": 2},
     "extra": [["list", [1, [2, {}], []]], ["dict", {"a": {"b": [1]}}]]},
    {"name": "indent_0", "kwargs": {"json_indent": 0}, "extra": [["list", [1, 2]]]},
    {"name": "indent_tab", "kwargs": {"json_indent": "\t"}, "extra": [["d", {"a": 1}]]},
    {"name": "prefix", "kwargs": {"prefix": "@cee: "}},
    {"name": "rename_fields", "kwargs": {"fmt": FMT, "rename_fields": {"levelname": "level", "asctime": "time"}},
     "extra": [["user", "bob"]]},
    {"name": "timestamp_true", "kwargs": {"timestamp": True}},
    {"name": "timestamp_key", "kwargs": {"timestamp": "@timestamp"}, "record": {"created": 1700000000.0}},
    {"name": "timestamp_rounding", "kwargs": {"timestamp": True}, "record": {"created": 1700000000.9999996}},
    {"name": "reserved_custom", "kwargs": {"reserved_attrs": ["msg", "args", "pathname", "created", "msecs", "relativeCreated", "thread", "process", "exc_info", "exc_text", "stack_info"]},
     "extra": [["user", "bob"]]},
    {"name": "reserved_none", "kwargs": {"reserved_attrs": []}, "extra": [["user", "bob"]]},
    {"name": "args_mapping", "record": {"msg": "%(a)s and %(b)s", "args": {"a": 1, "b": "two"}},
     "kwargs": {"reserved_attrs": ["pathname", "created", "msecs", "relativeCreated", "thread", "process"]}},
    {"name": "exc_text", "record": {"exc_text": "Traceback (most recent call last):\nValueError: boom"}},
    {"name": "exc_info", "record": {"exc_info": True}, "format_exception": "Traceback (most recent call last):\n  File \"x\", line 1\nValueError: boom"},
    {"name": "stack_info", "record": {"stack_info": "Stack (most recent call last):\n  File \"x\", line 1, in <module>"}},
    {"name": "brace_style", "parse3": True, "kwargs": {"fmt": "{asctime} {levelname} {message}", "style": "{"}},
    {"name": "dollar_style", "parse3": True, "kwargs": {"fmt": "${asctime} $levelname $$ ${message}", "style": "$"}},
    {"name": "percent_paren", "parse3": True, "kwargs": {"fmt": "%(asctime)s (%(levelname)s) %(message)s"}},
    {"name": "static_fields", "emulated": True,
     "kwargs": {"fmt": FMT, "static_fields": {"service": "api", "version": 2}, "rename_fields": {"levelname": "level"}},
     "record": {"stack_info": "Stack (most recent call last):"}, "extra": [["user", "bob"]]},
]


class StaticFields(jsonlogger.JsonFormatter):
    """static_fields as python-json-logger 3.x places them (see above)."""

    def __init__(self, *args, static_fields=None, **kwargs):
        self.static_fields = static_fields or {}
        super().__init__(*args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        merged = dict(self.static_fields)
        merged.update(message_dict)
        super().add_fields(log_record, record, merged)


class Parse3(StaticFields):
    """parse as python-json-logger 3.x (see above)."""

    def parse(self):
        if isinstance(self._style, logging.StringTemplateStyle):
            return [m.group(1) or m.group(2) for m in re.finditer(
                r"\$(?:\$|\{(.+?)\}|([_a-z][_a-z0-9]*))", self._fmt, re.I) if m.group(1) or m.group(2)]
        if isinstance(self._style, logging.StrFormatStyle):
            return re.findall(r"\{(.+?)\}", self._fmt)
        return re.findall(r"%\((.+?)\)", self._fmt)


def run(case, parse3=False):
    kwargs = dict(case.get("kwargs", {}))
    cls = StaticFields if "static_fields" in kwargs else jsonlogger.JsonFormatter
    if parse3:
        cls = Parse3
    f = cls(**kwargs)
    if "format_exception" in case:
        f.formatException = lambda ei: case["format_exception"]
    spec = dict(case)
    record = common.make_record(spec)
    if spec.get("record", {}).get("exc_info"):
        try:
            raise ValueError("boom")
        except ValueError:
            record.exc_info = sys.exc_info()
    return f.format(record)


def main():
    for case in CASES:
        if case.get("parse3"):
            case["output_2_0_1"] = run(case)
        case["output"] = run(case, case.get("parse3", False))
    if CASES[0]["name"] != "default":
        raise SystemExit("default first")
    common.write("pythonjsonlogger.json", {"python-json-logger": common.version("python-json-logger")}, CASES,
                 note=__doc__.split("\n\n")[2])


if __name__ == "__main__":
    main()
