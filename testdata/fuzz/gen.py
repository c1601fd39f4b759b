#!/usr/bin/env python3
"""Writes formatter_outcomes.json: for each (format, style), whether
CPython's logging.Formatter accepts it (validate=True), whether it formats
the fuzz record of slogpy/fuzz_formatter_test.go, and the output.

Run from the repository root: python3 testdata/fuzz/gen.py
"""
import json, logging, os, sys, time

FIELDS = {
    "name": "app.db", "msg": "user %s", "args": ("bob",), "levelname": "INFO",
    "pathname": "/src/app/main.go", "filename": "main.go", "module": "main",
    "funcName": "main.run", "threadName": "MainThread", "processName": "MainProcess",
    "user": "bob", "levelno": 20, "lineno": 42, "thread": 7, "process": 4242, "n": -7,
    "created": 1700000000.25, "msecs": 250.0, "relativeCreated": 12.5, "ratio": 0.5,
    "exc_info": None, "exc_text": None, "stack_info": None,
}

CASES = [
    ("%(levelname)-8s %(name)s: %(message)s", "%"),
    ("%(levelno)05d %(created)+.3f %(lineno)x %(msecs)e %(n)o %(process)X %(ratio)G", "%"),
    ("%(message)r %(exc_text)s %(stack_info)a %%", "%"),
    ("%(nope)s", "%"), ("%(name)d", "%"), ("%(levelno)*d", "%"), ("%(name)", "%"),
    ("%(name)S", "%"), ("%(levelno)i|%(levelno)u|%(lineno)#o|%(lineno)#x|%(ratio).1f%%", "%"),
    ("%(name)10.3s|%(name)-10r|%(levelno) d|%(n)+d|%(created)g|%(msecs)E", "%"),
    ("%(exc_text)d", "%"), ("%(levelno)c", "%"), ("%(name)5%", "%"),
    ("{levelname:<8} {name!r:>20}: {message}", "{"),
    ("{levelno:+05d} {lineno:#x} {created:,.2f} {msecs:e} {n:_b} {ratio:%} {process:=^10}", "{"),
    ("{name:d}", "{"), ("{levelno:s}", "{"), ("{exc_text:>5}", "{"),
    ("{{literal}} {name}", "{"), ("{name", "{"), ("name}", "{"), ("{name:{n}}", "{"),
    ("{lineno:,x}", "{"), ("{name:0>10.2}", "{"), ("{0}", "{"), ("{nope}", "{"),
    ("{levelno:_x}|{levelno:,}|{ratio:.1%}|{name:^9}|{name!s:*<7.2}|{lineno:=+6}", "{"),
    ("{created:g}|{msecs:.0f}|{n:x}|{n:#b}|{levelno:o}|{exc_text!r}", "{"),
    ("{name:=10}", "{"), ("{name:+}", "{"), ("{ratio:d}", "{"), ("{levelno:.2}", "{"),
    ("$levelname ${name} $name: $message $$", "$"), ("$nope", "$"), ("$", "$"),
    ("${name", "$"), ("$1 $name", "$"), ("${name}x $$ $levelno", "$"),
]


def main():
    record = logging.makeLogRecord(FIELDS)
    out = []
    for fmt, style in CASES:
        case = {"format": fmt, "style": style, "valid": True, "formats": False, "output": "", "error": ""}
        try:
            f = logging.Formatter(fmt, style=style, validate=True)
        except Exception as e:  # noqa: BLE001
            case["valid"], case["error"] = False, f"{type(e).__name__}: {e}"
            out.append(case)
            continue
        f.converter = time.gmtime
        try:
            case["output"], case["formats"] = f.format(record), True
        except Exception as e:  # noqa: BLE001
            case["error"] = f"{type(e).__name__}: {e}"
        out.append(case)
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "formatter_outcomes.json")
    with open(path, "w") as fh:
        json.dump({"python": sys.version.split()[0], "cases": out}, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
