#!/usr/bin/env python3
"""Goldens of what CPython 3.11's network receiver prints for received
records (run from anywhere: python3 testdata/network/gen_receiver.py).

For each record, the frame CPython's SocketHandler.makePickle sends
(protocol 1) and the line the cookbook receiver prints with a format:
pickle.loads, logging.makeLogRecord, Formatter(fmt).format. Writes
receiver_repr.json: [{"name", "frame" (hex), "format", "line"}].
"""
import json
import logging
import logging.handlers
import os
import pickle

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    ("tuple extra", {"x": (1, 2)}, "%(x)r"),
    ("empty tuple", {"x": ()}, "%(x)r"),
    ("one-tuple", {"x": ("a",)}, "%(x)r|%(x)s"),
    ("int keys", {"x": {1: 2, 3: (4,)}}, "%(x)r"),
    ("mixed keys in order", {"x": {"b": 1, "a": 2, 3: None, 1.5: True}}, "%(x)r"),
    ("tuple keys", {"x": {(1, 2): "p", (): "e"}}, "%(x)r"),
    ("nested", {"x": [(1, [2, (3,)]), {"k": ((),)}]}, "%(x)r"),
    ("bool and None keys", {"x": {True: 1, None: 2}}, "%(x)r"),
    ("bytes key", {"x": {b"k": b"v"}}, "%(x)r"),
    ("args tuple", {"msg": "%s and %r", "args": ((1, 2), (3,))}, "%(message)s|%(args)r"),
    ("args dict", {"msg": "%(a)s %(b)r", "args": ({"a": (1,), "b": {2: 3}},)}, "%(message)s|%(args)r"),
]


def main():
    out = []
    h = logging.handlers.SocketHandler("localhost", 0)
    for name, extra, fmt in CASES:
        d = {"name": "net", "levelno": 20, "levelname": "INFO", "msg": "m", "args": None}
        d.update(extra)
        rec = logging.makeLogRecord(d)
        if isinstance(d.get("args"), tuple) and len(d["args"]) == 1 and isinstance(d["args"][0], dict):
            rec.args = d["args"][0]  # as LogRecord.__init__ unwraps a single mapping
        frame = h.makePickle(rec)
        got = logging.makeLogRecord(pickle.loads(frame[4:]))
        line = logging.Formatter(fmt).format(got)
        out.append({"name": name, "frame": frame.hex(), "format": fmt, "line": line})
    with open(os.path.join(HERE, "receiver_repr.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
