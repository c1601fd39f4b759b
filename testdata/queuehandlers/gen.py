#!/usr/bin/env python3
"""Generate the CPython goldens replayed by the tests of handlers/ for
BufferingHandler, MemoryHandler, QueueHandler and QueueListener.

Run from anywhere with CPython 3.11:  python3 testdata/queuehandlers/gen.py
It rewrites memory.json and queue.json next to itself.

memory.json: scenarios of records logged through a logger to a
MemoryHandler (capacity, flushLevel, flushOnClose, the handler's own level,
a target or none), mixed with setTarget, flush, close and BufferingHandler's
own flush. After each step the case holds what the target received during
that step (formatted "%(levelno)s:%(name)s:%(message)s") and the number of
records left in the buffer: what is flushed, and when.

queue.json: records logged through a QueueHandler (with or without a
formatter and a level) and handled by a QueueListener (respect_handler_level
True or False) with handlers at different levels, formats and filters. The
case holds the lines each handler produced and, as seen by a probe handler
first in the listener's list, the prepared records' msg, args, exc_text,
stack_info and getMessage().

The Go tests read both files; they pass without python3.
"""
import json
import logging
import logging.handlers
import os
import queue
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_FMT = "%(levelno)s:%(name)s:%(message)s"


def dump(name, cases):
    with open(os.path.join(HERE, name), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f,
                  indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("%s: %d cases" % (name, len(cases)))


class Recorder(logging.Handler):
    """A target that keeps what it formats."""

    def __init__(self, level=logging.NOTSET, fmt=TARGET_FMT):
        super().__init__(level)
        self.setFormatter(logging.Formatter(fmt))
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


_seq = [0]


def fresh_logger(base):
    """A logger of its own for one case: no handlers, no propagation to
    the root, level 1 so that every record reaches the handlers."""
    _seq[0] += 1
    name = "%s%d" % (base, _seq[0])
    lg = logging.getLogger(name)
    lg.setLevel(1)
    lg.propagate = False
    return name, lg


# ---------------------------------------------------------------- memory

def run_memory(case):
    name, lg = fresh_logger("mem")
    tgt = Recorder(level=case.get("target_level", 0))
    if case.get("target_filter"):
        tgt.addFilter(logging.Filter(name + "." + case["target_filter"]))
    kw = {}
    if case.get("flush_level") is not None:
        kw["flushLevel"] = case["flush_level"]
    if "flush_on_close" in case:
        kw["flushOnClose"] = case["flush_on_close"]
    mh = logging.handlers.MemoryHandler(
        case["capacity"], target=tgt if case["target"] else None, **kw)
    mh.setLevel(case.get("handler_level", 0))
    lg.addHandler(mh)
    expect = []
    for st in case["steps"]:
        before = len(tgt.lines)
        op = st["op"]
        if op == "log":
            l = lg if not st.get("child") else logging.getLogger(name + "." + st["child"])
            l.log(st["level"], st["msg"], *st.get("args", []))
        elif op == "set_target":
            mh.setTarget(tgt)
        elif op == "clear_target":
            mh.setTarget(None)
        elif op == "flush":
            mh.flush()
        elif op == "buffering_flush":
            logging.handlers.BufferingHandler.flush(mh)
        elif op == "close":
            mh.close()
        else:
            raise ValueError(op)
        # The target's lines carry the case's logger name; the Go test
        # uses its own, so it is written as "L".
        got = [s.replace(name, "L", 1) for s in tgt.lines[before:]]
        expect.append({"delivered": got, "buffered": len(mh.buffer)})
    lg.removeHandler(mh)
    case["expect"] = expect
    return case


def log(level, msg, *args, child=None):
    st = {"op": "log", "level": level, "msg": msg}
    if args:
        st["args"] = list(args)
    if child:
        st["child"] = child
    return st


def op(name):
    return {"op": name}


D, I, W, E, C = 10, 20, 30, 40, 50


def gen_memory():
    cases = [
        {"name": "full buffer flushes", "capacity": 3, "target": True,
         "steps": [log(D, "a"), log(D, "b"), log(D, "c"), log(D, "d"), log(I, "e"),
                   log(I, "f"), log(D, "g")]},
        {"name": "error flushes context", "capacity": 10, "target": True,
         "steps": [log(D, "connect %s", "db"), log(I, "query %d rows", 3),
                   log(E, "failed: %s", "timeout"), log(D, "after"), op("close")]},
        {"name": "critical flushes", "capacity": 10, "target": True,
         "steps": [log(D, "x"), log(C, "boom")]},
        {"name": "flush level warning", "capacity": 100, "flush_level": W, "target": True,
         "steps": [log(D, "d"), log(I, "i"), log(W, "w"), log(I, "i2"), log(25, "notice"),
                   log(31, "above")]},
        {"name": "flush level custom 15", "capacity": 100, "flush_level": 15, "target": True,
         "steps": [log(10, "ten"), log(14, "fourteen"), log(15, "fifteen"), log(5, "five"),
                   log(16, "sixteen")]},
        {"name": "capacity zero flushes every record", "capacity": 0, "target": True,
         "steps": [log(D, "a"), log(D, "b"), log(I, "c")]},
        {"name": "capacity one", "capacity": 1, "target": True,
         "steps": [log(D, "a"), log(D, "b")]},
        {"name": "no target keeps filling past capacity", "capacity": 2, "target": False,
         "steps": [log(D, "a"), log(D, "b"), log(D, "c"), log(E, "e"), log(D, "d"),
                   op("set_target"), log(D, "f"), log(D, "g")]},
        {"name": "no target then explicit flush", "capacity": 5, "target": False,
         "steps": [log(D, "a"), log(E, "err"), op("flush"), op("set_target"), op("flush"),
                   op("flush")]},
        {"name": "close flushes", "capacity": 10, "target": True,
         "steps": [log(D, "a"), log(I, "b"), op("close"), log(D, "after close"),
                   log(E, "error after close"), op("set_target"), op("flush")]},
        {"name": "close without flush", "capacity": 10, "target": True, "flush_on_close": False,
         "steps": [log(D, "a"), log(I, "b"), op("close"), op("set_target"), op("flush")]},
        {"name": "clear target", "capacity": 2, "target": True,
         "steps": [log(D, "a"), op("clear_target"), log(D, "b"), log(D, "c"), op("set_target"),
                   log(D, "d")]},
        {"name": "buffering flush discards", "capacity": 10, "target": True,
         "steps": [log(D, "a"), log(I, "b"), op("buffering_flush"), log(E, "e")]},
        {"name": "handler level filters before buffering", "capacity": 2, "target": True,
         "handler_level": I,
         "steps": [log(D, "d1"), log(I, "i1"), log(D, "d2"), log(W, "w1"), log(D, "d3"),
                   log(E, "e1")]},
        {"name": "target level not consulted", "capacity": 3, "target": True,
         "target_level": E,
         "steps": [log(D, "d"), log(I, "i"), log(W, "w")]},
        {"name": "target filters apply", "capacity": 4, "target": True, "target_filter": "a",
         "steps": [log(D, "a1", child="a"), log(D, "b1", child="b"), log(D, "a2", child="a"),
                   log(E, "b err", child="b")]},
        {"name": "args merged at flush", "capacity": 10, "target": True,
         "steps": [log(D, "%s=%d", "x", 1), log(D, "%(k)s", {"k": "v"}), log(D, "100%%", ),
                   log(E, "%r", "q")]},
        {"name": "explicit flush and empty flush", "capacity": 10, "target": True,
         "steps": [op("flush"), log(D, "a"), op("flush"), op("flush"), log(D, "b"), op("close"),
                   op("close")]},
    ]
    rng = random.Random(20240611)
    levels = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    for i in range(40):
        steps = []
        for j in range(rng.randint(5, 30)):
            k = rng.random()
            if k < 0.8:
                steps.append(log(rng.choice(levels), "r%d" % j))
            elif k < 0.85:
                steps.append(op("flush"))
            elif k < 0.9:
                steps.append(op("set_target"))
            elif k < 0.93:
                steps.append(op("clear_target"))
            elif k < 0.96:
                steps.append(op("buffering_flush"))
            else:
                steps.append(op("close"))
        case = {"name": "random %d" % i, "capacity": rng.randint(0, 6),
                "target": rng.random() < 0.7, "steps": steps,
                "handler_level": rng.choice([0, 0, 0, 15, 20]),
                "flush_on_close": rng.random() < 0.7}
        if rng.random() < 0.7:
            case["flush_level"] = rng.choice(levels)
        cases.append(case)
    dump("memory.json", [run_memory(c) for c in cases])


# ---------------------------------------------------------------- queue

class Probe(logging.Handler):
    """Records what the listener hands over."""

    def __init__(self):
        super().__init__()
        self.seen = []

    def emit(self, record):
        self.seen.append({
            "msg": record.msg,
            "args": record.args,
            "exc_info": record.exc_info,
            "exc_text": record.exc_text,
            "stack_info": record.stack_info,
            "message": record.getMessage(),
            "levelno": record.levelno,
        })


def run_queue(case):
    name, lg = fresh_logger("q")
    q = queue.Queue(-1)
    qh = logging.handlers.QueueHandler(q)
    if case.get("qh_format"):
        qh.setFormatter(logging.Formatter(case["qh_format"]))
    qh.setLevel(case.get("qh_level", 0))
    lg.addHandler(qh)
    probe = Probe()
    hs = []
    for spec in case["handlers"]:
        h = Recorder(level=spec.get("level", 0), fmt=spec.get("format", TARGET_FMT))
        if spec.get("filter"):
            h.addFilter(logging.Filter(name + "." + spec["filter"]))
        hs.append(h)
    listener = logging.handlers.QueueListener(
        q, probe, *hs, respect_handler_level=case["respect"])
    listener.start()
    for rec in case["records"]:
        if "make" in rec:
            d = dict(rec["make"])
            d["name"] = name + ("." + d["name"] if d.get("name") else "")
            if "args" in d:
                d["args"] = tuple(d["args"])  # a LogRecord's args are a tuple
            lg.handle(logging.makeLogRecord(d))
        else:
            l = lg if not rec.get("child") else logging.getLogger(name + "." + rec["child"])
            l.log(rec["level"], rec["msg"], *rec.get("args", []))
    listener.stop()
    lg.removeHandler(qh)
    fix = lambda s: s.replace(name, "L") if isinstance(s, str) else s
    case["expect"] = {
        "handlers": [[fix(s) for s in h.lines] for h in hs],
        "prepared": [{k: fix(v) for k, v in p.items()} for p in probe.seen],
    }
    return case


def rec(level, msg, *args, child=None):
    r = {"level": level, "msg": msg}
    if args:
        r["args"] = list(args)
    if child:
        r["child"] = child
    return r


def gen_queue():
    levels_recs = [rec(D, "debug %d", 1), rec(I, "info %s", "x"), rec(W, "warn"),
                   rec(E, "error %s %s", "a", "b"), rec(C, "critical"), rec(15, "fifteen"),
                   rec(45, "forty-five")]
    three = [{"level": 0}, {"level": I}, {"level": E}]
    cases = [
        {"name": "levels ignored", "respect": False, "handlers": three, "records": levels_recs},
        {"name": "levels respected", "respect": True, "handlers": three, "records": levels_recs},
        {"name": "queue handler level", "respect": True, "qh_level": W,
         "handlers": [{"level": 0}, {"level": C}], "records": levels_recs},
        {"name": "queue handler formatter", "respect": False,
         "qh_format": "%(levelname)s:%(name)s:%(message)s",
         "handlers": [{"format": "[%(message)s]"}, {"format": "%(msg)s|%(args)s"}],
         "records": [rec(I, "hello %s", "world"), rec(E, "n=%d", 3)]},
        {"name": "prepared fields", "respect": False,
         "handlers": [{"format": "%(msg)s|%(args)s|%(exc_text)s|%(stack_info)s|%(message)s"}],
         "records": [rec(I, "plain"), rec(I, "merged %s %d", "a", 2),
                     rec(I, "%(user)s did %(what)s", {"user": "bob", "what": "x"}),
                     rec(I, "100%% sure"), rec(I, "no args 100%")]},
        {"name": "exception and stack text", "respect": False,
         "handlers": [{"format": "%(levelname)s %(message)s"}],
         "records": [
             {"make": {"msg": "failed %s", "args": ["job"], "levelno": E, "levelname": "ERROR",
                       "exc_text": "Traceback (most recent call last):\nValueError: bad"}},
             {"make": {"msg": "where", "levelno": W, "levelname": "WARNING",
                       "stack_info": "Stack (most recent call last):\n  File \"x.py\", line 1"}},
             {"make": {"msg": "both\n", "levelno": E, "levelname": "ERROR",
                       "exc_text": "Err", "stack_info": "Stack"}}]},
        {"name": "filters on listener handlers", "respect": True,
         "handlers": [{"filter": "a"}, {"filter": "b", "level": W}, {}],
         "records": [rec(I, "a info", child="a"), rec(W, "b warn", child="b"),
                     rec(I, "b info", child="b"), rec(E, "root err"),
                     rec(E, "a.x err", child="a.x")]},
        {"name": "no handlers but probe", "respect": True, "handlers": [],
         "records": [rec(I, "x"), rec(D, "y")]},
    ]
    rng = random.Random(7)
    lv = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]
    for i in range(20):
        hs = [{"level": rng.choice([0] + lv)} for _ in range(rng.randint(1, 4))]
        recs = [rec(rng.choice(lv), "m%d %s", j, "v") for j in range(rng.randint(1, 25))]
        cases.append({"name": "random %d" % i, "respect": rng.random() < 0.5,
                      "qh_level": rng.choice([0, 0, 15, 30]), "handlers": hs, "records": recs})
    dump("queue.json", [run_queue(c) for c in cases])


if __name__ == "__main__":
    gen_memory()
    gen_queue()
