#!/usr/bin/env python3
"""Generate the CPython goldens replayed by slogpy's adapter tests.

Run from anywhere with CPython 3.11:  python3 testdata/adapter/gen.py
It rewrites calls.json and delegation.json next to itself. The Go tests in
adapter/ replay them without python3.

calls.json: each case builds a chain of LoggerAdapters over the logger
"app" (layers[0] wraps the logger, each next layer wraps the previous
one), makes one logging call on the outermost from call_site() (itself
called from outer_site()), and records what reached a handler: the
record's level, msg, args, merged message, extra attributes in order,
caller, exception and stack text, and the record formatted with the case's
format (or the error the formatting raised).

merge_extra arrived in Python 3.13. Cases with "merge" in a layer run
Adapter313 below, whose process() is CPython 3.13's LoggerAdapter.process
(Lib/logging/__init__.py, gh-76913), except that a missing extra (None) on
the adapter or on the call counts as an empty dict, where 3.13.0 raises
TypeError (gh-138162, fixed in later releases). They are marked
"source": "3.13" and were checked by hand against the 3.13 documentation.
Every other case is CPython 3.11's own LoggerAdapter.
"""
import json
import logging
import os
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))


def dump(name, cases):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f,
                  indent=1, ensure_ascii=False)
        f.write("\n")
    print("%s: %d cases" % (name, len(cases)))


class Adapter313(logging.LoggerAdapter):
    """LoggerAdapter with CPython 3.13's merge_extra."""

    def __init__(self, logger, extra=None, merge_extra=False):
        super().__init__(logger, extra)
        self.merge_extra = merge_extra

    def process(self, msg, kwargs):
        # CPython 3.13's process(), a None extra counting as {} (gh-138162).
        if self.merge_extra and kwargs.get("extra") is not None:
            kwargs["extra"] = {**(self.extra or {}), **kwargs["extra"]}
        else:
            kwargs["extra"] = self.extra
        return msg, kwargs


class PrefixMixin:
    """The cookbook's CustomAdapter: the connid prefixes the message and
    the adapter's extra is not passed on."""

    def process(self, msg, kwargs):
        return "[%s] %s" % (self.extra["connid"], msg), kwargs


class PrefixSuperMixin:
    """A prefix on top of the default processing (super().process)."""

    def process(self, msg, kwargs):
        msg, kwargs = super().process(msg, kwargs)
        return "[%s] %s" % (self.extra["connid"], msg), kwargs


MIXINS = {"prefix": PrefixMixin, "prefix_super": PrefixSuperMixin}


def make_adapter(target, layer):
    """CPython 3.11's LoggerAdapter, or Adapter313 for a layer that sets
    merge, with the layer's process() override if any."""
    extra = from_pairs(layer.get("extra"))
    base = Adapter313 if "merge" in layer else logging.LoggerAdapter
    cls = base
    if layer.get("process"):
        cls = type(layer["process"], (MIXINS[layer["process"]], base), {})
    if base is Adapter313:
        return cls(target, extra, merge_extra=layer["merge"])
    return cls(target, extra)


class Capture(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def pairs(d):
    return None if d is None else [[k, v] for k, v in d.items()]


def from_pairs(p):
    return None if p is None else {k: v for k, v in p}


def call_site(a, call):
    method = call["method"]
    kw = {}
    if "extra" in call:
        kw["extra"] = from_pairs(call["extra"])
    if call.get("stack_info"):
        kw["stack_info"] = True
    if "stacklevel" in call:
        kw["stacklevel"] = call["stacklevel"]
    if "exc_info" in call:
        kw["exc_info"] = ValueError(call["exc_info"])
    args = [from_pairs(x) if isinstance(x, dict) and "pairs" in x else x
            for x in call.get("args", [])]
    args = [x["dict"] if isinstance(x, dict) and "dict" in x else x for x in args]
    if method == "exception" and call.get("raise"):
        try:
            raise ValueError(call["raise"])
        except ValueError:
            a.exception(call["msg"], *args, **kw)
    elif method == "log":
        a.log(call["level"], call["msg"], *args, **kw)
    else:
        getattr(a, method)(call["msg"], *args, **kw)


def outer_site(a, call):
    call_site(a, call)


def run_case(case):
    manager = logging.Manager(logging.RootLogger(logging.WARNING))
    logger = manager.getLogger("app")
    logger.propagate = False
    h = Capture()
    logger.addHandler(h)
    logger.setLevel(case.get("level", logging.DEBUG))
    target = logger
    for layer in case["layers"]:
        target = make_adapter(target, layer)
    outer_site(target, case["call"])
    formatter = logging.Formatter(case.get("fmt", "%(levelname)s:%(name)s:%(message)s"))
    out = []
    for r in h.records:
        rec = {
            "levelno": r.levelno, "levelname": r.levelname, "name": r.name,
            "msg": r.msg,
            "args": None if not r.args else (list(r.args) if isinstance(r.args, tuple) else [r.args]),
            "message": r.getMessage(),
            "extra": [[k, v] for k, v in r.__dict__.items() if k not in STANDARD],
            "funcName": r.funcName,
        }
        if r.exc_info:
            rec["exc_last"] = formatter.formatException(r.exc_info).splitlines()[-1]
        if r.stack_info:
            lines = r.stack_info.splitlines()
            rec["stack_first"] = lines[0]
            frames = [l for l in lines if l.startswith("  File ")]
            rec["stack_func"] = frames[-1].rsplit(" in ", 1)[1]
        try:
            text = formatter.format(r)
            # Tracebacks and Python stacks are Python's own text: the
            # cases above compare their last line and last frame.
            if not (r.exc_info and r.exc_info[0] is not None) and not r.stack_info:
                rec["formatted"] = text
        except Exception as e:
            rec["format_error"] = "%s: %s" % (type(e).__name__, e)
        out.append(rec)
    case = dict(case)
    case["records"] = out
    if any("merge" in l for l in case["layers"]):
        case["source"] = "3.13"
    return case


C42 = {"extra": [["connid", "c42"]]}


def gen_calls():
    cases = []

    def add(name, layers, call, **kw):
        c = {"name": name, "layers": layers, "call": call}
        c.update(kw)
        cases.append(run_case(c))

    # process() and extra.
    add("extra reaches the format", [C42],
        {"method": "info", "msg": "hello %s", "args": ["world"]},
        fmt="%(connid)s %(levelname)s %(message)s")
    add("several extras keep their order",
        [{"extra": [["user", "ann"], ["ip", "10.0.0.1"], ["try", 3], ["ok", True], ["none", None]]}],
        {"method": "warning", "msg": "login"},
        fmt="%(user)s@%(ip)s try=%(try)d ok=%(ok)s %(none)s %(message)s")
    add("no extra", [{}], {"method": "info", "msg": "plain"})
    add("call extra is replaced by the adapter's",
        [{"extra": [["connid", "c42"], ["region", "eu"]]}],
        {"method": "info", "msg": "m", "extra": [["user", "bob"], ["connid", "other"]]},
        fmt="%(connid)s %(region)s %(message)s")
    add("call-only extra is missing from the format",
        [C42], {"method": "info", "msg": "m", "extra": [["user", "bob"]]},
        fmt="%(user)s %(message)s")
    add("adapter without extra drops the call's",
        [{}], {"method": "error", "msg": "m", "extra": [["user", "bob"]]})
    add("cookbook prefix adapter",
        [{"extra": [["connid", "c42"]], "process": "prefix"}],
        {"method": "info", "msg": "user %s logged in", "args": ["ann"]})
    add("cookbook prefix adapter passes the call's extra on",
        [{"extra": [["connid", "c42"]], "process": "prefix"}],
        {"method": "info", "msg": "m", "extra": [["user", "bob"]]},
        fmt="%(user)s %(message)s")
    add("prefix on top of the default process",
        [{"extra": [["connid", "c42"]], "process": "prefix_super"}],
        {"method": "critical", "msg": "disk %d%% full", "args": [97]},
        fmt="%(connid)s %(message)s")

    # merge_extra (CPython 3.13).
    add("merge: call extra over the adapter's",
        [{"extra": [["connid", "c42"], ["region", "eu"]], "merge": True}],
        {"method": "info", "msg": "m", "extra": [["user", "bob"], ["connid", "other"]]},
        fmt="%(connid)s %(region)s %(user)s %(message)s")
    add("merge: no call extra",
        [{"extra": [["connid", "c42"]], "merge": True}],
        {"method": "info", "msg": "m"}, fmt="%(connid)s %(message)s")
    add("merge: adapter without extra",
        [{"merge": True}],
        {"method": "info", "msg": "m", "extra": [["user", "bob"]]},
        fmt="%(user)s %(message)s")
    add("merge off with the same call",
        [{"extra": [["connid", "c42"], ["region", "eu"]], "merge": False}],
        {"method": "info", "msg": "m", "extra": [["user", "bob"], ["connid", "other"]]},
        fmt="%(connid)s %(region)s %(message)s")

    # Levels and methods.
    for method in ["debug", "info", "warning", "warn", "error", "critical"]:
        add("method " + method, [C42], {"method": method, "msg": "via %s", "args": [method]},
            level=logging.DEBUG)
    add("below the logger's level", [C42], {"method": "info", "msg": "dropped"},
        level=logging.WARNING)
    add("at the logger's level", [C42], {"method": "warning", "msg": "kept"},
        level=logging.WARNING)
    add("log at a custom level", [C42], {"method": "log", "level": 25, "msg": "custom"},
        level=logging.INFO)
    add("log below the level", [C42], {"method": "log", "level": 15, "msg": "custom"},
        level=logging.INFO)
    add("percent without args", [C42], {"method": "info", "msg": "100% sure"})
    add("mapping argument", [C42],
        {"method": "info", "msg": "%(a)s and %(b)d", "args": [{"dict": {"a": "x", "b": 2}}]})

    # Exceptions, stacks and callers.
    add("exception in an except block", [C42],
        {"method": "exception", "msg": "failed %s", "args": ["job"], "raise": "boom"})
    add("exception outside an except block", [C42],
        {"method": "exception", "msg": "no exception"})
    add("exception below the level", [C42],
        {"method": "exception", "msg": "x", "raise": "boom"}, level=logging.CRITICAL)
    add("exc_info on error", [C42],
        {"method": "error", "msg": "with exc_info", "exc_info": "bad value"})
    add("caller is the adapter's caller", [C42], {"method": "info", "msg": "where"})
    add("stacklevel 2", [C42], {"method": "info", "msg": "where", "stacklevel": 2})
    add("stack_info", [C42], {"method": "warning", "msg": "stack", "stack_info": True})
    add("stack_info with stacklevel 2", [C42],
        {"method": "warning", "msg": "stack", "stack_info": True, "stacklevel": 2})

    # Adapters wrapping adapters.
    add("nested: the inner adapter's extra wins",
        [{"extra": [["user", "ann"]]}, {"extra": [["connid", "c1"]]}],
        {"method": "info", "msg": "nested"}, fmt="%(user)s %(message)s")
    add("nested: the outer extra is lost",
        [{"extra": [["user", "ann"]]}, {"extra": [["connid", "c1"]]}],
        {"method": "info", "msg": "nested"}, fmt="%(connid)s %(message)s")
    add("nested: inner merge keeps the outer's",
        [{"extra": [["user", "ann"], ["connid", "inner"]], "merge": True},
         {"extra": [["connid", "c1"]]}],
        {"method": "info", "msg": "nested"}, fmt="%(user)s %(connid)s %(message)s")
    add("nested: merge on both with a call extra",
        [{"extra": [["user", "ann"]], "merge": True},
         {"extra": [["connid", "c1"]], "merge": True}],
        {"method": "info", "msg": "nested", "extra": [["req", "r9"], ["user", "bob"]]},
        fmt="%(user)s %(connid)s %(req)s %(message)s")
    add("nested: outer merge, inner replace",
        [{"extra": [["user", "ann"]]},
         {"extra": [["connid", "c1"]], "merge": True}],
        {"method": "info", "msg": "nested", "extra": [["req", "r9"]]})
    add("nested: inner merge, outer without extra",
        [{"extra": [["user", "ann"]], "merge": True}, {}],
        {"method": "info", "msg": "nested"}, fmt="%(user)s %(message)s")
    add("nested prefixes",
        [{"extra": [["connid", "A"]], "process": "prefix"},
         {"extra": [["connid", "B"]], "process": "prefix"}],
        {"method": "info", "msg": "two %s", "args": ["prefixes"]})
    add("nested: prefix inside keeps the outer's extra",
        [{"extra": [["connid", "A"]], "process": "prefix"},
         {"extra": [["connid", "B"], ["user", "ann"]]}],
        {"method": "info", "msg": "m"}, fmt="%(connid)s %(user)s %(message)s")
    add("nested: level check", [{"extra": [["a", 1]]}, {"extra": [["b", 2]]}],
        {"method": "debug", "msg": "dropped"}, level=logging.INFO)
    add("nested: exception", [{"extra": [["a", 1]]}, {"extra": [["b", 2]]}],
        {"method": "exception", "msg": "nested failure", "raise": "deep"})
    add("nested: stacklevel 2 and stack_info",
        [{"extra": [["a", 1]]}, {"extra": [["b", 2]]}, {"extra": [["c", 3]]}],
        {"method": "error", "msg": "deep", "stacklevel": 2, "stack_info": True})
    dump("calls.json", cases)


def gen_delegation():
    """Scenarios of the non-logging methods, each op's result as a line."""
    cases = []

    def run(name, depth, ops):
        manager = logging.Manager(logging.RootLogger(logging.WARNING))
        logger = manager.getLogger("app")
        a = logger
        for i in range(depth):
            a = logging.LoggerAdapter(a, {"k%d" % i: i})
        out = []
        for op in ops:
            if op[0] == "setLevel":
                a.setLevel(op[1])
            elif op[0] == "effective":
                out.append("effective = %d" % a.getEffectiveLevel())
            elif op[0] == "enabled":
                out.append("enabled %d = %s" % (op[1], a.isEnabledFor(op[1])))
            elif op[0] == "hasHandlers":
                out.append("hasHandlers = %s" % a.hasHandlers())
            elif op[0] == "rootHandler":
                manager.root.addHandler(logging.NullHandler())
            elif op[0] == "propagate":
                logger.propagate = op[1]
            elif op[0] == "disable":
                manager.disable = op[1]
                manager._clear_cache()
            elif op[0] == "loggerLevel":
                out.append("logger level = %d" % logger.level)
            elif op[0] == "name":
                out.append("name = %s" % a.name)
            elif op[0] == "disabled":
                logger.disabled = op[1]
            else:
                raise ValueError(op)
        cases.append({"name": name, "depth": depth, "ops": ops, "out": out})

    for depth in [1, 2, 3]:
        run("levels depth %d" % depth, depth, [
            ["name"], ["effective"], ["enabled", 20], ["enabled", 30],
            ["setLevel", 10], ["loggerLevel"], ["effective"], ["enabled", 10],
            ["enabled", 5], ["setLevel", 0], ["effective"], ["enabled", 20]])
        run("handlers depth %d" % depth, depth, [
            ["hasHandlers"], ["rootHandler"], ["hasHandlers"],
            ["propagate", False], ["hasHandlers"]])
        run("disable depth %d" % depth, depth, [
            ["setLevel", 10], ["disable", 20], ["enabled", 20], ["enabled", 21],
            ["effective"], ["disable", 0], ["enabled", 20], ["disabled", True],
            ["enabled", 50]])
    dump("delegation.json", cases)


if __name__ == "__main__":
    warnings.simplefilter("ignore", DeprecationWarning)  # adapter.warn
    gen_calls()
    gen_delegation()
