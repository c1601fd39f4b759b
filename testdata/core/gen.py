#!/usr/bin/env python3
"""Generate the CPython goldens replayed by slogpy's core tests.

Run from anywhere with CPython 3.11:  python3 testdata/core/gen.py
It rewrites levels.json, formatter.json, dispatch.json and encoding.json
next to itself.
Each case holds its input and what CPython produced (or the exception it
raised, as "TypeName: message"). The Go tests in slogpy/ and levels/ replay
them without python3.
"""
import io
import json
import logging
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ["TZ"] = "UTC"
time.tzset()


def err(e):
    return "%s: %s" % (type(e).__name__, e)


def dump(name, cases):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f,
                  indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("%s: %d cases" % (name, len(cases)))


# ---------------------------------------------------------------- levels

def gen_levels():
    cases = []
    for n in [0, 1, 5, 9, 10, 15, 20, 25, 30, 35, 40, 45, 50, 51, 100, -1, -10]:
        cases.append({"op": "name", "level": n, "out": logging.getLevelName(n)})
    for s in ["CRITICAL", "FATAL", "ERROR", "WARN", "WARNING", "INFO", "DEBUG",
              "NOTSET", "warning", "Info", "LOUD", "", "Level 15"]:
        c = {"op": "parse", "input": s}
        try:
            c["out"] = logging._checkLevel(s)
        except Exception as e:
            c["error"] = err(e)
        cases.append(c)
    # addLevelName then name and parse, as Python's registry.
    logging.addLevelName(25, "NOTICE")
    logging.addLevelName(5, "TRACE")
    cases.append({"op": "add", "level": 25, "name": "NOTICE",
                  "name_out": logging.getLevelName(25),
                  "parse_out": logging._checkLevel("NOTICE")})
    cases.append({"op": "add", "level": 5, "name": "TRACE",
                  "name_out": logging.getLevelName(5),
                  "parse_out": logging._checkLevel("TRACE")})
    mapping = logging.getLevelNamesMapping()
    cases.append({"op": "mapping", "out": mapping})
    dump("levels.json", cases)


# ------------------------------------------------------------- formatter

RECORD = {
    "name": "app.db", "levelno": 20, "levelname": "INFO",
    "pathname": "/srv/app/db.py", "filename": "db.py", "module": "db",
    "lineno": 42, "funcName": "connect",
    "created": 1215535785.896123, "msecs": 896.0, "relativeCreated": 1234.5678,
    "thread": 140234, "threadName": "MainThread", "process": 4242,
    "processName": "MainProcess",
    "msg": "user %s from %s", "args": ["bob", "10.0.0.1"],
}

ATTRS = ["name", "levelno", "levelname", "pathname", "filename", "module",
         "lineno", "funcName", "created", "msecs", "relativeCreated",
         "thread", "threadName", "process", "processName", "message",
         "asctime", "msg"]
NUMERIC = {"levelno", "lineno", "created", "msecs", "relativeCreated",
           "thread", "process"}


def fmt_case(fmt, style="%", datefmt=None, record=None, defaults=None,
             validate=True, extra=None):
    rec = dict(RECORD if record is None else record)
    if extra:
        rec.update(extra)
    c = {"fmt": fmt, "style": style, "datefmt": datefmt, "record": rec,
         "defaults": defaults, "validate": validate}
    pyrec = dict(rec)
    if isinstance(pyrec.get("args"), list):
        args = tuple(pyrec["args"])
        # LogRecord.__init__ unwraps a single non-empty mapping argument;
        # makeLogRecord does not, so do it here as a logging call would.
        if len(args) == 1 and isinstance(args[0], dict) and args[0]:
            args = args[0]
        pyrec["args"] = args
    try:
        f = logging.Formatter(fmt, datefmt, style, validate, defaults=defaults)
    except Exception as e:
        c["error"] = err(e)
        c["stage"] = "init"
        return c
    f.converter = time.gmtime
    try:
        c["out"] = f.format(logging.makeLogRecord(pyrec))
    except Exception as e:
        c["error"] = err(e)
        c["stage"] = "format"
    return c


def gen_formatter():
    cases = []
    # every attribute, plain and with width/alignment, in all three styles
    for a in ATTRS:
        cases.append(fmt_case("%%(%s)s" % a))
        cases.append(fmt_case("[%%(%s)-30s]" % a))
        cases.append(fmt_case("[%%(%s)30s]" % a))
        cases.append(fmt_case("%%(%s)r" % a))
        cases.append(fmt_case("{%s}" % a, "{"))
        cases.append(fmt_case("[{%s:<30}]" % a, "{"))
        cases.append(fmt_case("[{%s:>30}]" % a, "{"))
        cases.append(fmt_case("[{%s:^31}]" % a, "{"))
        cases.append(fmt_case("{%s!r}" % a, "{"))
        cases.append(fmt_case("$%s" % a, "$"))
        cases.append(fmt_case("${%s}!" % a, "$"))
        if a in NUMERIC:
            for spec in ["d", "05d", "-8d|", "x", "f", ".2f", "10.3f", "e", "g", "+d"]:
                cases.append(fmt_case("%%(%s)%s" % (a, spec)))
            for spec in ["d", "05.0f", ".2f", ">10.3f", "e", ",.1f", "_.1f", "g", "+.1f"]:
                cases.append(fmt_case("{%s:%s}" % (a, spec), "{"))
    # the usual formats
    usual = [
        "%(asctime)s - %(name)s - %(levelname)s - %(message)s",
        "%(levelname)s:%(name)s:%(message)s",
        "%(asctime)s %(levelname)-8s %(name)-15s %(message)s",
        "%(asctime)s.%(msecs)03d %(levelname)s %(module)s - %(funcName)s: %(message)s",
        "%(relativeCreated)6d %(threadName)s %(message)s",
        "%(name)-12s: %(levelname)-8s %(message)s",
        "%(process)d:%(thread)d %(pathname)s:%(lineno)d %(message)s",
        "100%% %(message)s",
        "%(message)s %%(not a field)s",
    ]
    for u in usual:
        cases.append(fmt_case(u))
    cases.append(fmt_case("{asctime} - {name} - {levelname} - {message}", "{"))
    cases.append(fmt_case("{{literal}} {message} {{}}", "{"))
    cases.append(fmt_case("$asctime - $name - $levelname - $message", "$"))
    cases.append(fmt_case("$$ cost ${message}$$", "$"))
    # datefmt codes (UTC)
    for d in ["%Y-%m-%d %H:%M:%S", "%d/%b/%Y:%H:%M:%S %z", "%a %b %d %H:%M:%S %Y",
              "%A %B %j %p %I %y", "%H:%M", "%Z", "%%", "%c", "%x", "%X", "%U %W %w",
              "%m/%d/%y", "%Y%m%dT%H%M%S", "[%Y]"]:
        cases.append(fmt_case("%(asctime)s %(message)s", datefmt=d))
        cases.append(fmt_case("{asctime} {message}", "{", datefmt=d))
    # asctime edge: msecs truncation and small msecs
    for created in [1215535785.0, 1215535785.0005, 1215535785.999, 1.001, 0.0]:
        rec = dict(RECORD)
        rec["created"] = created
        rec["msecs"] = int((created - int(created)) * 1000) + 0.0
        cases.append(fmt_case("%(asctime)s|%(msecs)d|%(created)f", record=rec))
    # extras, defaults, missing fields
    cases.append(fmt_case("%(message)s user=%(user)s", extra={"user": "alice"}))
    cases.append(fmt_case("%(message)s n=%(n)05d", extra={"n": 7}))
    cases.append(fmt_case("{message} ratio={ratio:.2%}", "{", extra={"ratio": 0.25}))
    cases.append(fmt_case("$message ip=$ip", "$", extra={"ip": "10.1.1.1"}))
    cases.append(fmt_case("%(message)s user=%(user)s"))
    cases.append(fmt_case("{message} {user}", "{"))
    cases.append(fmt_case("$message $user", "$"))
    cases.append(fmt_case("%(message)s user=%(user)s", defaults={"user": "-"}))
    cases.append(fmt_case("{message} {user}", "{", defaults={"user": "-"}))
    cases.append(fmt_case("$message $user", "$", defaults={"user": "-"}))
    cases.append(fmt_case("%(message)s user=%(user)s", defaults={"user": "-"},
                          extra={"user": "carol"}))
    cases.append(fmt_case("%(name)s", defaults={"name": "shadowed"}))
    # messages and arguments
    for msg, args in [("plain", []), ("100%", []), ("100%%", []), ("%d%%", [5]),
                      ("%s and %r", ["a", "b"]), ("%(a)s-%(b)s", [{"a": 1, "b": 2}]),
                      ("%5.1f|%-4d|%x", [3.14159, 7, 255]), ("%s", [[1, "two", None]]),
                      ("%s", [True]), ("%d items", ["x"]), ("%s %s", ["one"]),
                      ("%s", ["a", "b"]), ("hi", [{}]), ("%r", [{}]), ("%(a)s", [{}]),
                      ("%d", [{}]), ("%s %s", [{}]), ("%(a)s", [{"a": 1}])]:
        rec = dict(RECORD)
        rec["msg"], rec["args"] = msg, args
        cases.append(fmt_case("%(levelname)s %(message)s", record=rec))
    # exception and stack text
    rec = dict(RECORD, exc_text="Traceback (most recent call last):\nValueError: boom")
    cases.append(fmt_case("%(message)s", record=rec))
    cases.append(fmt_case("%(message)s\n", record=rec))
    rec = dict(RECORD, stack_info="Stack (most recent call last):\n  File \"x.py\", line 1, in <module>")
    cases.append(fmt_case("%(levelname)s %(message)s", record=rec))
    rec = dict(RECORD, exc_text="E: x", stack_info="Stack: y")
    cases.append(fmt_case("%(message)s", record=rec))
    # validation and syntax errors
    for f, s, v in [("hello", "%", True), ("hello", "%", False), ("%(message)", "%", True),
                    ("%(message)y", "%", True), ("%(asctime)s %(message)y", "%", True),
                    ("{message", "{", True), ("message}", "{", True), ("no fields", "{", True),
                    ("{message!x}", "{", True), ("$", "$", True), ("no fields", "$", True),
                    ("${message", "$", True), ("%(message)s", "#", True), ("", "%", True),
                    ("", "{", True), ("", "$", True), ("{}", "{", True), ("{0}", "{", True),
                    ("%(message)s %(levelno)q", "%", False)]:
        cases.append(fmt_case(f, s, validate=v))
    # replacement fields in a format spec
    for f, v in [("{name:{levelno}}|", True), ("{message:>{width}}|", True),
                 ("{msecs:{width}.{prec}f}|", True), ("{levelname:{fill}^{width}}|", False),
                 ("{levelname:{fill}^{width}}|", True), ("{name:{missing}}", True),
                 ("{name:{levelno:{prec}}}", True), ("{name:{levelno:{prec}}}", False),
                 ("{name:{levelno}}", False),
                 ("{message:{width}s} {name:>{levelno}}", True)]:
        cases.append(fmt_case(f, "{", validate=v, extra={"width": 12, "prec": 2, "fill": "*"}))
    dump("formatter.json", cases)


# -------------------------------------------------------------- dispatch

class Rec(logging.Handler):
    def __init__(self, out, name, level):
        super().__init__(level)
        self.out = out
        self.set_name(name)
        self.setFormatter(logging.Formatter(name + ": %(name)s %(levelname)s %(message)s"))

    def emit(self, record):
        self.out.append(self.format(record))


def run_scenario(ops):
    root = logging.RootLogger(logging.WARNING)
    mgr = logging.Manager(root)
    out = []
    handlers = {}
    saved = logging.lastResort
    saved_root, saved_mgr = logging.Logger.root, logging.Logger.manager
    logging.Logger.root, logging.Logger.manager = root, mgr
    logging.lastResort = Rec(out, "lastResort", logging.WARNING)
    logging.lastResort.setFormatter(logging.Formatter("lastResort: %(message)s"))
    try:
        def lg(name):
            return root if name in ("", "root") else mgr.getLogger(name)
        for op in ops:
            kind = op[0]
            if kind == "get":
                lg(op[1])
            elif kind == "level":
                lg(op[1]).setLevel(op[2])
            elif kind == "handler":
                h = handlers.get(op[2])
                if h is None:
                    h = handlers[op[2]] = Rec(out, op[2], op[3])
                lg(op[1]).addHandler(h)
            elif kind == "handlerLevel":
                handlers[op[1]].setLevel(op[2])
            elif kind == "remove":
                lg(op[1]).removeHandler(handlers[op[2]])
            elif kind == "propagate":
                lg(op[1]).propagate = op[2]
            elif kind == "disabled":
                lg(op[1]).disabled = op[2]
            elif kind == "disable":
                mgr.disable = op[1]
                mgr._clear_cache()
            elif kind == "filter":
                lg(op[1]).addFilter(logging.Filter(op[2]))
            elif kind == "handlerFilter":
                handlers[op[1]].addFilter(logging.Filter(op[2]))
            elif kind == "log":
                lg(op[1]).log(op[2], op[3], *op[4])
            elif kind == "parent":
                p = lg(op[1]).parent
                out.append("parent %s = %s" % (op[1], p.name if p else None))
            elif kind == "effective":
                out.append("effective %s = %d" % (op[1], lg(op[1]).getEffectiveLevel()))
            elif kind == "enabled":
                out.append("enabled %s %d = %s" % (op[1], op[2], lg(op[1]).isEnabledFor(op[2])))
            elif kind == "hasHandlers":
                out.append("hasHandlers %s = %s" % (op[1], lg(op[1]).hasHandlers()))
            elif kind == "child":
                out.append("child %s.%s = %s" % (op[1], op[2], lg(op[1]).getChild(op[2]).name))
            else:
                raise ValueError(kind)
    finally:
        logging.lastResort = saved
        logging.Logger.root, logging.Logger.manager = saved_root, saved_mgr
    return out


SCENARIOS = {
    "root default level": [["log", "x", 10, "d", []], ["log", "x", 20, "i", []],
                           ["log", "x", 30, "w %s", ["!"]], ["log", "x", 40, "e", []]],
    "last resort only without handlers": [["handler", "a", "h", 50], ["log", "a.b", 30, "w", []],
                                          ["log", "z", 30, "other", []]],
    "handler level rejects but counts as found": [["handler", "", "h", 40],
                                                  ["log", "a", 30, "warn", []], ["log", "a", 40, "err", []]],
    "propagation to ancestors": [["handler", "a", "ha", 0], ["handler", "", "hr", 0],
                                 ["level", "", 10], ["log", "a.b.c", 10, "deep", []],
                                 ["log", "a", 20, "mid", []], ["log", "b", 20, "other", []]],
    "propagate false stops the walk": [["handler", "a", "ha", 0], ["handler", "", "hr", 0],
                                       ["propagate", "a", False], ["log", "a.b", 30, "stops at a", []],
                                       ["propagate", "a.b", False], ["log", "a.b", 30, "nothing found", []]],
    "placeholders fixed up": [["get", "a.b.c"], ["parent", "a.b.c"], ["get", "a"],
                              ["parent", "a.b.c"], ["get", "a.b"], ["parent", "a.b.c"],
                              ["parent", "a.b"], ["parent", "a"]],
    "child created before parent keeps hierarchy": [["get", "p.q.r"], ["get", "p.q.s"],
                                                    ["handler", "p", "hp", 0], ["get", "p.q"],
                                                    ["parent", "p.q.r"], ["parent", "p.q.s"],
                                                    ["level", "p.q", 10],
                                                    ["log", "p.q.r", 10, "via p.q", []]],
    "quirky names": [["get", "a..b"], ["parent", "a..b"], ["get", "a."], ["parent", "a..b"],
                     ["get", ".x"], ["parent", ".x"], ["get", "ro.x"], ["get", "ro"],
                     ["parent", "ro.x"], ["get", "x."], ["parent", "x."]],
    "effective level inheritance": [["level", "a", 40], ["effective", "a.b.c"],
                                    ["level", "a.b", 10], ["effective", "a.b.c"],
                                    ["level", "a.b", 0], ["effective", "a.b.c"],
                                    ["level", "", 0], ["level", "a", 0], ["effective", "a.b.c"],
                                    ["enabled", "a.b.c", 1], ["enabled", "a.b.c", 0]],
    "level zero record never emitted": [["level", "", 0], ["handler", "", "h", 0],
                                        ["log", "a", 0, "zero", []], ["log", "a", 1, "one", []],
                                        ["enabled", "a", 0]],
    "disable": [["handler", "", "h", 0], ["level", "", 0], ["disable", 20],
                ["log", "a", 20, "info hidden", []], ["log", "a", 21, "21 shown", []],
                ["enabled", "a", 20], ["disable", 0], ["log", "a", 20, "info back", []],
                ["disable", 50], ["log", "a", 50, "critical hidden", []]],
    "disabled logger": [["handler", "", "h", 0], ["disabled", "a", True],
                        ["log", "a", 40, "hidden", []], ["log", "a.b", 40, "child passes through a", []],
                        ["enabled", "a", 40], ["disabled", "a", False], ["log", "a", 40, "back", []]],
    "logger filter applies only to own records": [["handler", "a", "ha", 0],
                                                  ["filter", "a", "zzz"],
                                                  ["log", "a", 30, "dropped", []],
                                                  ["log", "a.b", 30, "propagated kept", []]],
    "logger name filter": [["handler", "", "h", 0], ["filter", "a.b", "a.b"],
                           ["log", "a.b", 30, "kept", []], ["filter", "c", "c.d"],
                           ["log", "c", 30, "dropped", []]],
    "handler filter": [["handler", "", "h", 0], ["handler", "", "h2", 0],
                       ["handlerFilter", "h", "a.b"], ["log", "a.b.c", 30, "both", []],
                       ["log", "a.bc", 30, "only h2", []], ["log", "a", 30, "only h2 again", []]],
    "handler added twice": [["handler", "", "h", 0], ["handler", "", "h", 0],
                            ["log", "a", 30, "once", []]],
    "remove handler": [["handler", "", "h", 0], ["handler", "a", "ha", 0],
                       ["log", "a", 30, "two", []], ["remove", "a", "ha"],
                       ["log", "a", 30, "one", []], ["remove", "", "h"],
                       ["log", "a", 30, "last resort", []], ["hasHandlers", "a"]],
    "handler level changes live": [["handler", "", "h", 0], ["log", "a", 30, "w1", []],
                                   ["handlerLevel", "h", 40], ["log", "a", 30, "w2 hidden", []],
                                   ["log", "a", 40, "e", []]],
    "same handler on two levels of the tree": [["handler", "", "h", 0], ["handler", "a", "h", 0],
                                               ["log", "a.b", 30, "twice", []]],
    "hasHandlers": [["hasHandlers", "a"], ["handler", "", "h", 0], ["hasHandlers", "a.b"],
                    ["propagate", "a", False], ["hasHandlers", "a.b"], ["hasHandlers", "a"]],
    "getChild": [["child", "", "x"], ["child", "a", "b.c"], ["parent", "a.b.c"]],
    "message merge": [["handler", "", "h", 0], ["log", "a", 30, "%d%%", [50]],
                      ["log", "a", 30, "%(k)s", [{"k": "v"}]], ["log", "a", 30, "100%", []],
                      ["log", "a", 30, "%s-%s", [1, 2.5]]],
    "last resort level": [["log", "a", 20, "info not shown", []], ["level", "", 10],
                          ["log", "a", 20, "info still not shown", []],
                          ["log", "a", 30, "warning shown", []]],
    "levels between": [["handler", "", "h", 25], ["level", "", 0], ["log", "a", 24, "24", []],
                       ["log", "a", 25, "25", []], ["log", "a", 26, "26", []]],
}


def gen_dispatch():
    cases = []
    for name in sorted(SCENARIOS):
        ops = SCENARIOS[name]
        cases.append({"name": name, "ops": ops, "out": run_scenario(ops)})
    dump("dispatch.json", cases)


# ---------------------------------------------------------------- encoding

ENCODING_MESSAGES = ["café", "héé x", "a\u20ac", "a\u0141\u0141 b \u0141",
                     "smile \U0001f600", "plain"]
ENCODINGS = ["ascii", "latin-1", "cp1252", "iso8859-15", "koi8-r", "shift_jis"]
ERRORS = ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace"]


def gen_encoding():
    """A FileHandler with an encoding and an errors mode: the bytes the file
    holds after one record, or the error handleError reports."""
    import tempfile
    cases = []
    for enc in ENCODINGS:
        for errors in ERRORS:
            for msg in ENCODING_MESSAGES:
                with tempfile.TemporaryDirectory() as d:
                    path = os.path.join(d, "log")
                    h = logging.FileHandler(path, encoding=enc, errors=errors)
                    h.setFormatter(logging.Formatter("%(message)s"))
                    reported = []
                    h.handleError = lambda record: reported.append(
                        err(sys.exc_info()[1]))
                    h.handle(logging.makeLogRecord({"msg": msg}))
                    h.close()
                    with open(path, "rb") as f:
                        data = f.read()
                case = {"encoding": enc, "errors": errors, "msg": msg,
                        "file": list(data)}
                if reported:
                    case["error"] = reported[0]
                cases.append(case)
    dump("encoding.json", cases)


if __name__ == "__main__":
    gen_levels()
    gen_formatter()
    gen_dispatch()
    gen_encoding()
