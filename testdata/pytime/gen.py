#!/usr/bin/env python3
"""Generate strftime.json, the CPython golden file for internal/pytime.

Run from anywhere with CPython 3.11 on Linux (glibc):

    python3 testdata/pytime/gen.py

The output is deterministic for a given CPython, glibc and tzdata. Floats are
written as repr() strings so that Go parses exactly the same float64.

For every instant x timezone (set with os.environ['TZ'] and time.tzset()) it
records time.strftime(fmt, time.localtime(created)) for each format, and the
asctime of logging.Formatter().formatTime with the default format. Fewer cases
use time.gmtime: glibc sets tm_zone to "GMT" for those, which Go mirrors with
time.FixedZone("GMT", 0).
"""

import calendar
import json
import logging
import os
import platform
import re
import sys
import time

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "strftime.json")

ZONES = ["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"]


def at(y, mo, d, h=0, mi=0, s=0, frac=0.0):
    return calendar.timegm((y, mo, d, h, mi, s)) + frac


INSTANTS = [
    0.0,
    1.001,
    1234567890.123,
    1057682985.896,  # 2003-07-08 16:49:45.896 UTC, the logging docs example
    -1.5,  # before the epoch: msecs is negative in CPython
    -0.25,
    at(2024, 2, 29, 12, 34, 56, 0.5),  # leap day
    at(2020, 12, 31, 23, 59, 59, 0.999),  # ISO 2020-W53-4
    at(2021, 1, 1, 12),  # ISO 2020-W53-5
    at(2021, 1, 3, 12),  # ISO 2020-W53-7, %U 01, %W 00
    at(2021, 1, 4, 12),  # ISO 2021-W01-1
    at(2018, 12, 31, 8),  # ISO 2019-W01-1
    at(2016, 1, 1, 8),  # ISO 2015-W53-5
    at(2010, 1, 2, 15),  # ISO 2009-W53-6
    at(2024, 3, 10, 6, 59, 59, 0.999),  # New York: last EST second
    at(2024, 3, 10, 7, 0, 0, 0.0005),  # New York: first EDT second
    at(2024, 11, 3, 5, 30, 0, 0.25),  # New York: 01:30 EDT
    at(2024, 11, 3, 6, 30, 0, 0.75),  # New York: 01:30 EST
    at(2024, 3, 31, 0, 59, 59, 0.001),  # Berlin: last CET second
    at(2024, 3, 31, 1, 0, 0, 0.0005),  # Berlin: first CEST second
    at(2024, 10, 27, 0, 30),  # Berlin: 02:30 CEST
    at(2024, 10, 27, 1, 30),  # Berlin: 02:30 CET
    at(2023, 6, 15, 0, 0, 0, 0.0005),  # midnight, AM
    at(2023, 6, 15, 12, 0, 0, 0.999),  # noon, PM
    1700000000.001,
    1700000000.9999999,
    at(1874, 12, 25, 18, 7, 1, 0.5),  # local mean time before 1883
    at(2100, 3, 1, 1, 2, 3),
]

CODES = "aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%"

SINGLE = ["%" + c for c in CODES] + [
    # Unknown to glibc 2.36: copied through.
    "%f", "%Q", "%q", "%v", "%+", "%:z", "%i", "%", "%E", "%O", "%5", "abc%",
    # glibc flags, widths and modifiers, which CPython passes through.
    "%-d", "%_d", "%0e", "%-e", "%-m", "%-H", "%-I", "%-l", "%-j", "%-M",
    "%^a", "%^A", "%^b", "%^B", "%#a", "%#b", "%#Z", "%^Z", "%#p", "%^P",
    "%10Y", "%_5d", "%-5d", "%05e", "%3y", "%_3C", "%10z", "%-z", "%_z",
    "%Ey", "%EY", "%EC", "%Od", "%OH", "%Ec", "%Ex", "%EX", "%Oe", "%Ed",
    "%^c", "%12F", "%012F", "%^10r", "%5Z", "%05Z", "%5n", "%05t", "%5%",
    "%5Q", "%05Q", "%^5q", "%20s", "%020s", "%#Eb", "%#Eh", "%#EB", "%^Ea",
]

COMBINED = [
    "",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%b/%Y:%H:%M:%S %z",
    "%a %b %e %H:%M:%S %Z %Y",
    "%H:%M:%S",
    "%Y-%m-%d",
    "%Y%m%d%H%M%S",
    "%m/%d/%Y %I:%M:%S %p",
    "%b %d %H:%M:%S",
    "[%d/%b/%Y %H:%M:%S]",
    "%A, %d %B %Y %H:%M:%S %Z",
    "%G-W%V-%u %g",
    "%Y %U %W %j %w",
    "100%% at %Y",
    "\u00e9t\u00e9 %Y \u2014 %H\u00b0",
    "%-d.%-m.%Y %-H:%M",
]

# Flag/width/modifier grid, applied to every letter and to a few other bytes.
GRID_CONVS = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
GRID_CONVS += [chr(c) for c in range(ord("a"), ord("z") + 1)]
GRID_CONVS += ["%", "+", ":", "\u00e9"]
GRID_FLAGS = [
    "", "-", "_", "0", "^", "#", "^#", "E", "O", "4", "-4", "_4", "04",
    "^9", "#9", "010", "_O", "-E", "0_", "_-7", "-05",
]
GRID_INSTANTS = [1000000000.0, at(1999, 12, 31, 23, 5, 9)]
GRID_ZONES = ["Asia/Kolkata", "America/New_York"]

# Years glibc prints without padding or with a sign; UTC via time.gmtime.
YEARS = [5, 99, 999, 1850, 0, -1, -50, -101, 10000, 12345]
YEAR_FORMATS = SINGLE + COMBINED + [
    "%" + f + c for f in ["-", "_", "0", "6", "_6", "-6", "06"] for c in "YCyGgsz"
]

GMTIME_FORMATS = SINGLE + COMBINED

# CPython returns "" once the result reaches 256 characters per format
# character, rounded up to 1024 times a power of two (time_strftime).
LIMIT_FORMATS = ["%2047d", "%2048d", "\u00e9%2046d", "\u00e9%2047d", "%99999999999d"]


def uses_s(fmt):
    """Reports whether fmt has a %s directive (with any flags or width)."""
    return re.search(r"%[-_0^#]*[0-9]*[EO]?s", fmt.replace("%%", "")) is not None


def setzone(tz):
    os.environ["TZ"] = tz
    time.tzset()


def msecs311(created):
    # CPython 3.11 LogRecord.__init__ (logging/__init__.py:337).
    return int((created - int(created)) * 1000) + 0.0


def asctime(created):
    # makeLogRecord builds a LogRecord for time.time() and then overwrites
    # its __dict__, so msecs must be given along with created.
    rec = logging.makeLogRecord({"created": created, "msecs": msecs311(created)})
    return logging.Formatter().formatTime(rec)


def strftimes(formats, created, converter):
    return [[f, time.strftime(f, converter(created))] for f in formats]


def year_start(y):
    # Proleptic Gregorian, like glibc and Go; calendar.timegm rejects y < 1.
    days = 0
    if y >= 1970:
        for yy in range(1970, y):
            days += 366 if calendar.isleap(yy) else 365
    else:
        for yy in range(y, 1970):
            days -= 366 if calendar.isleap(yy) else 365
    return days * 86400 + 3 * 86400 + 4 * 3600 + 5 * 60 + 6.0


def dump(doc):
    """Formats doc as JSON with one golden case per line, for readable diffs."""
    def enc(v):
        return json.dumps(v, ensure_ascii=False, sort_keys=True)

    out = ["{"]
    for key in ["generator", "python", "libc"]:
        out.append("%s: %s," % (enc(key), enc(doc[key])))
    out.append('"created": [')
    out.append(",\n".join(enc(c) for c in doc["created"]))
    out.append("],")
    out.append('"groups": [')
    gs = []
    for g in doc["groups"]:
        head = {k: v for k, v in g.items() if k != "strftime"}
        body = ",\n".join(enc(p) for p in g["strftime"])
        gs.append("%s,\n\"strftime\": [\n%s\n]}" % (enc(head)[:-1], body))
    out.append(",\n".join(gs))
    out.append("]")
    out.append("}")
    return "\n".join(out) + "\n"


def main():
    assert sys.version_info[:2] == (3, 11), sys.version
    formats = SINGLE + COMBINED
    groups = []
    for tz in ZONES:
        setzone(tz)
        for c in INSTANTS:
            groups.append({
                "tz": tz, "converter": "localtime", "created": repr(c),
                "msecs": repr(msecs311(c)), "asctime": asctime(c),
                "strftime": strftimes(formats, c, time.localtime),
            })
    # time.gmtime ignores TZ except for %s, which glibc computes with mktime
    # in the local zone (CPython issue 82426): only record it under UTC.
    setzone("Europe/Berlin")
    for c in INSTANTS[:8]:
        fmts = [f for f in GMTIME_FORMATS if not uses_s(f)]
        groups.append({
            "tz": "Europe/Berlin", "converter": "gmtime", "created": repr(c),
            "strftime": strftimes(fmts, c, time.gmtime),
        })
    setzone("UTC")
    for y in YEARS:
        c = year_start(y)
        assert time.gmtime(c).tm_year == y, (y, time.gmtime(c))
        groups.append({
            "tz": "UTC", "converter": "gmtime", "created": repr(c),
            "strftime": strftimes(YEAR_FORMATS, c, time.gmtime),
        })
    groups.append({
        "tz": "UTC", "converter": "gmtime", "created": repr(1e9),
        "strftime": strftimes(LIMIT_FORMATS, 1e9, time.gmtime),
    })
    grid = ["%" + f + c for c in GRID_CONVS for f in GRID_FLAGS]
    for tz in GRID_ZONES:
        setzone(tz)
        for c in GRID_INSTANTS:
            groups.append({
                "tz": tz, "converter": "localtime", "created": repr(c),
                "strftime": strftimes(grid, c, time.localtime),
            })
    # Created(t): time.time() divides integer nanoseconds by 1e9
    # (_PyTime_AsSecondsDouble in Python/pytime.c).
    created = []
    for ns in [0, 1, 999999999, 1000000000, 1001000000, 1234567890123456789,
               1700000000000500000, 1700000000999000000, 1700000000001000000,
               -1, -1500000000, 9223372036854775807, -9223372036854775808]:
        d = float(ns // 10**9) if ns % 10**9 == 0 else float(ns) / 1e9
        created.append([str(ns), repr(d), repr(msecs311(d))])
    doc = {
        "generator": "testdata/pytime/gen.py",
        "python": platform.python_version(),
        "libc": " ".join(platform.libc_ver()),
        "groups": groups,
        "created": created,
    }
    with open(OUT, "w", encoding="utf-8") as fp:
        fp.write(dump(doc))
    n = sum(len(g["strftime"]) + ("asctime" in g) for g in groups) + len(created)
    print("wrote %s: %d cases" % (OUT, n))


if __name__ == "__main__":
    main()
