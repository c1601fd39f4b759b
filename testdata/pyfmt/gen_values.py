#!/usr/bin/env python3
"""Generate values.json for internal/pyfmt with CPython 3.11: tuples and
insertion-ordered dicts, the Python values Go has no type for.

    python3 testdata/pyfmt/gen_values.py

The cases have the layout of gen.py's (format, args, out or error), with
format one of "str", "repr", "ascii" (args holds one value), "%:<format>"
(format % tuple(args), or format % args[0] when args is one dict) or
"{:<format>" (format.format(**args[0]), args[0] a dict of keyword
arguments). Values are tagged as in gen.py, plus {"t": "tuple", "v": [...]}
for a tuple (pyfmt.Tuple) and {"t": "odict", "v": [[k, v], ...]} for a
dict in its own order (pyfmt.Dict): dicts here are never re-sorted.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen import run, write  # noqa: E402


def enc(v):
    if isinstance(v, tuple):
        return {"t": "tuple", "v": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "odict", "v": [[enc(k), enc(x)] for k, x in v.items()]}
    if isinstance(v, list):
        return {"t": "list", "v": [enc(x) for x in v]}
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": repr(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, bytes):
        return {"t": "bytes", "v": v.hex()}
    raise TypeError("cannot encode %r" % (v,))


VALUES = [
    (), (1,), (1, 2), ("db01", 3), ("it's", None, 1.5, True, b"b"), ((),), ((1,),),
    ([1, (2,)], {"k": (3, 4)}), ("é", "\n", "日本"), (2**70, -0.0, float("inf")),
    {"b": 1, "a": 2}, {"z": (1,), 10: "ten", 2: None}, {}, {"x": {"y": 1, "a": 0}},
    [(1, 2), ()], {"é": "\u200b"},
]


def cases():
    out = []
    for func in ("str", "repr", "ascii"):
        for v in VALUES:
            c = {"format": func, "args": [enc(v)]}
            c.update(run(lambda: {"str": str, "repr": repr, "ascii": ascii}[func](v)))
            out.append(c)

    def pct(fmt, *args):
        operand = args[0] if len(args) == 1 and isinstance(args[0], dict) else tuple(args)
        c = {"format": "%:" + fmt, "args": [enc(a) for a in args]}
        c.update(run(lambda: fmt % operand))
        out.append(c)

    for v in VALUES:
        pct("%s|%r|%a", v, v, v)
    pct("%10s|%-8r|", (1, 2), (1,))
    pct("%.3s", (1, 2))
    pct("%d", (1, 2))
    pct("%x", ())
    pct("%f", (1,))
    pct("%c", (1,))
    pct("%(a)s", (1,))
    pct("%(b)s %(a)r", {"b": (1,), "a": "x"})
    pct("%(a)s", {"b": 1})
    pct("%s", {"b": 1, "a": 2})
    pct("%(1)s", {1: "int key", "1": "str key"})

    def brace(fmt, **kw):
        c = {"format": "{:" + fmt, "args": [enc(kw)]}
        c.update(run(lambda: fmt.format(**kw)))
        out.append(c)

    brace("{t}|{t!r}|{t!s}|{t!a}", t=("é", 1))
    brace("{t:}", t=(1,))
    brace("{t:>10}", t=(1, 2))
    brace("{d}", d={"b": 1, "a": (2,)})
    brace("{d:10}", d={"b": 1})
    return out


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen_values.py: the golden files come from CPython 3.11, not %s" % sys.version.split()[0])
    write("values.json", cases())


if __name__ == "__main__":
    main()
