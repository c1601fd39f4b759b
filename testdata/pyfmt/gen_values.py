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

    # Attribute and index access in field names, and their errors.
    kw = dict(args=("db01", 3), name="app.db", ctx={"user": "ann", "n": (1, 2), 7: "seven"},
              tags=["a", "b"], b=b"xy", n=5, none=None, text="h\xe9\u65e5", nested={"a": {"b": [(1, {"c": "deep"})]}})
    for fmt in ["{args[0]}", "{args[1]:>4}|", "{args[0]!r:>8}|", "{args[0][1]}", "{name[0]}", "{name[3]}",
                "{ctx[user]}", "{ctx[n][1]:03d}", "{ctx[7]}", "{tags[1]}", "{b[0]}", "{text[1]}{text[2]}",
                "{nested[a][b][0][1][c]}", "{ctx[user]:{args[1]}}|", "{args[0]:{ctx[n][0]}.{args[1]}}|",
                "{args[5]}", "{tags[2]}", "{name[9]}", "{b[9]}", "{args[x]}", "{tags[x]}", "{name[x]}",
                "{b[x]}", "{n[0]}", "{none[0]}", "{n[x]}", "{ctx[nope]}", "{ctx[0]}", "{ctx[ user]}",
                "{ctx.user}", "{args.count}" if False else "{n.real}" if False else "{ctx.x}", "{tags.x}",
                "{n.x}", "{none.x}", "{args[]}", "{args.}", "{args..x}", "{args[0]x}", "{args[0]x[}",
                "{n[0]x}", "{args[99999999999999999999]}", "{missing[0]}", "{args[0]} {missing[0]}",
                "{args[1]!s:>{ctx[n][1]}}|", "{ctx[user]!a}", "{args[-1]}", "{args[0]][1]}", "{ctx[us.er]}",
                "{ctx[a[b]}"]:
        brace(fmt, **kw)
    return out


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen_values.py: the golden files come from CPython 3.11, not %s" % sys.version.split()[0])
    write("values.json", cases())


if __name__ == "__main__":
    main()
