#!/usr/bin/env python3
"""Generate attrs.json: the attributes CPython's file handlers expose after
construction (baseFilename's name, mode, encoding, errors, delay, maxBytes,
backupCount, when, interval, utc, atTime, suffix), replayed by
handlers/file_attrs_test.go through the Go getters.

Run:  python3 testdata/filehandlers/gen_attrs.py   (made with CPython 3.11)

Each case holds the constructor's keyword arguments and the attributes
read back. encoding and errors are recorded only when given: CPython 3.11
defaults them to "locale" and None, where slogpy writes UTF-8 ("utf-8",
"strict"; documented on the getters).
"""
import datetime
import json
import logging
import logging.handlers
import os
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def attrs(h, kw, names):
    out = {}
    for n in names:
        v = getattr(h, n)
        if n == "atTime":
            v = None if v is None else str(v)
        if n == "baseFilename":
            v = os.path.basename(v)
        if n in ("encoding", "errors") and n not in kw:
            continue
        out[n] = v
    return out


def main():
    d = tempfile.mkdtemp()
    cases = []
    file_names = ["baseFilename", "mode", "encoding", "errors", "delay"]
    n = 0

    def name():
        nonlocal n
        n += 1
        return os.path.join(d, "f%d.log" % n)

    file_kws = [
        {},
        {"mode": "w"},
        {"mode": "ab"},
        {"mode": "x"},
        {"mode": "a+", "encoding": "latin-1", "errors": "replace"},
        {"encoding": "utf-16", "delay": True},
        {"errors": "backslashreplace", "delay": True},
    ]
    for cls in ("FileHandler", "WatchedFileHandler"):
        for kw in file_kws:
            if cls == "WatchedFileHandler" and "b" in kw.get("mode", ""):
                continue
            c = getattr(logging, cls, None) or getattr(logging.handlers, cls)
            h = c(name(), **kw)
            cases.append({"class": cls, "kwargs": kw, "attrs": attrs(h, kw, file_names)})
            h.close()
    rot_kws = [
        {},
        {"maxBytes": 10, "backupCount": 3},
        {"mode": "w", "maxBytes": 10},
        {"mode": "w", "maxBytes": 0, "backupCount": 2},
        {"maxBytes": 1 << 20, "encoding": "cp1252", "errors": "xmlcharrefreplace", "delay": True},
    ]
    for kw in rot_kws:
        h = logging.handlers.RotatingFileHandler(name(), **kw)
        cases.append({"class": "RotatingFileHandler", "kwargs": kw,
                      "attrs": attrs(h, kw, file_names + ["maxBytes", "backupCount"])})
        h.close()
    timed_kws = []
    for when in ["s", "M", "h", "D", "midnight", "Midnight", "w0", "W6"]:
        for interval in [1, 3]:
            timed_kws.append({"when": when, "interval": interval})
    timed_kws += [
        {},
        {"when": "midnight", "atTime": "02:30:00", "utc": True, "backupCount": 7},
        {"when": "W2", "atTime": "23:59:59", "backupCount": 1, "delay": True},
        {"when": "H", "atTime": "02:30:00"},
    ]
    for kw in timed_kws:
        pkw = dict(kw)
        if "atTime" in pkw:
            pkw["atTime"] = datetime.time.fromisoformat(pkw["atTime"])
        h = logging.handlers.TimedRotatingFileHandler(name(), **pkw)
        cases.append({"class": "TimedRotatingFileHandler", "kwargs": kw,
                      "attrs": attrs(h, kw, file_names + ["when", "interval", "backupCount", "utc", "atTime", "suffix"])})
        h.close()
    out = {"python": sys.version.split()[0], "cases": cases}
    with open(os.path.join(HERE, "attrs.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
