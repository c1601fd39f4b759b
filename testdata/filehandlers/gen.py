#!/usr/bin/env python3
"""Generate the CPython goldens replayed by the file handler tests in handlers/.

Run from anywhere:  python3 testdata/filehandlers/gen.py
It rewrites rotating.json and timed.json next to itself. The Go tests replay
them without python3.

Which CPython. The rotation logic follows CPython 3.13, not 3.11: 3.12/3.13
fixed bugs of 3.11 that lose data or break the schedule (gh-116263: an empty
file is never rolled over, so an oversize first record no longer pushes out
the oldest backup; gh-88352: computeRollover honours the interval for
MIDNIGHT and weekly rollovers and handles DST itself; getFilesToDelete only
takes names this handler could have produced). So the goldens are made by
python3.13 (this script re-executes itself under it), and the script also
runs every case under python3.11 and stores the 3.11 result as "py311" where
it differs, so that each difference is recorded, not guessed.

Every case holds its input and what CPython produced:

rotating.json  RotatingFileHandler scenarios: options, files present before,
               a list of operations (log a record, close, restart = close
               and construct again, doRollover), and every file of the
               directory afterwards with its content (".gz" files are stored
               decompressed and listed under "gzip").
timed.json     "compute": computeRollover(t) for (when, interval, utc,
               atTime, zone, t); "delete": getFilesToDelete() for a list of
               names in the directory; "runs": TimedRotatingFileHandler runs
               under a simulated clock (time.time patched), with the file
               names and contents afterwards and rolloverAt after each step.

Contents are stored as latin-1 strings: each character is one byte.
"""
import datetime
import gzip
import json
import logging
import logging.handlers
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zoneinfo

HERE = os.path.dirname(os.path.abspath(__file__))
EMIT = "FILEHANDLERS_GEN_EMIT"

# ------------------------------------------------------------------ hooks
# Namers and rotators are named so that the Go tests can use the same ones.


def namer_gz(name):
    return name + ".gz"


def namer_prefix(name):
    d, b = os.path.split(name)
    return os.path.join(d, "old-" + b)


def namer_ext_before(name):
    # app.log.2024-01-01 -> app.2024-01-01.log (the cookbook's other layout)
    head, _, suffix = name.rpartition(".")
    root, ext = os.path.splitext(head)
    return root + "." + suffix + ext


def rotator_gzip(source, dest):
    # The logging cookbook's rotator.
    with open(source, "rb") as f_in:
        with gzip.open(dest, "wb") as f_out:
            shutil.copyfileobj(f_in, f_out)
    os.remove(source)


NAMERS = {"gz": namer_gz, "prefix": namer_prefix, "ext_before": namer_ext_before}
ROTATORS = {"gzip": rotator_gzip}


def record(msg):
    return logging.makeLogRecord({"name": "app", "levelno": 20,
                                  "levelname": "INFO", "msg": msg})


def snapshot(d):
    files, gz = {}, []
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            data = f.read()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
            gz.append(name)
        files[name] = data.decode("latin-1")
    return files, gz


def errors_of(h):
    # handleError must not be reached in these scenarios.
    def handle_error(record):
        raise RuntimeError("handleError called: %r" % (sys.exc_info()[1],))
    h.handleError = handle_error

# --------------------------------------------------------------- rotating


def rot(name, ops, **kw):
    c = {"name": name, "maxBytes": 0, "backupCount": 0, "mode": "a",
         "delay": False, "encoding": None, "errors": None, "namer": None,
         "rotator": None, "format": "%(message)s", "terminator": "\n",
         "pre": {}, "ops": ops}
    for k, v in kw.items():
        if k not in c:
            raise KeyError(k)
        c[k] = v
    return c


def logs(n, width=0, prefix="record "):
    return [["log", "%s%03d%s" % (prefix, i, "." * width)] for i in range(n)]


def rotating_cases():
    cs = []
    cs.append(rot("basic", logs(30), maxBytes=100, backupCount=3))
    cs.append(rot("backup_1", logs(20), maxBytes=60, backupCount=1))
    cs.append(rot("backup_5_overflow", logs(60, 5), maxBytes=90, backupCount=5))
    cs.append(rot("backup_0_never_rolls", logs(20), maxBytes=40, backupCount=0))
    cs.append(rot("maxbytes_0_never_rolls", logs(20), maxBytes=0, backupCount=5))
    cs.append(rot("oversize_first_record", [["log", "x" * 50], ["log", "y"], ["log", "z" * 30]],
                  maxBytes=10, backupCount=2))
    # CPython 3.11 rolls the empty file over, pushing out the backup.
    cs.append(rot("oversize_first_record_keeps_backup", [["log", "x" * 50]],
                  maxBytes=10, backupCount=1, pre={"app.log": "", "app.log.1": "backup\n"}))
    cs.append(rot("oversize_after_data", [["log", "a"], ["log", "x" * 50], ["log", "b"], ["log", "c"]],
                  maxBytes=10, backupCount=3))
    # "abcd\n" is 5 bytes: 5 + 5 == 10 rolls (>=), 4 + 5 == 9 would not.
    cs.append(rot("boundary_equal", [["log", "abcd"], ["log", "efgh"], ["log", "ijkl"]],
                  maxBytes=10, backupCount=2))
    cs.append(rot("boundary_below", [["log", "abc"], ["log", "efgh"], ["log", "ij"], ["log", "k"]],
                  maxBytes=10, backupCount=2))
    cs.append(rot("delay", logs(12), maxBytes=50, backupCount=2, delay=True))
    cs.append(rot("delay_no_records", [["close"]], maxBytes=50, backupCount=2, delay=True))
    cs.append(rot("namer_prefix", logs(25), maxBytes=60, backupCount=3, namer="prefix"))
    cs.append(rot("namer_gzip_rotator", logs(25), maxBytes=60, backupCount=3,
                  namer="gz", rotator="gzip"))
    cs.append(rot("namer_ext_before", logs(25), maxBytes=60, backupCount=2, namer="ext_before"))
    cs.append(rot("existing_files", logs(5), maxBytes=100, backupCount=3,
                  pre={"app.log": "old line\n" * 10, "app.log.1": "older\n",
                       "app.log.2": "oldest\n"}))
    cs.append(rot("restart", logs(8) + [["restart"]] + logs(8, prefix="again "),
                  maxBytes=70, backupCount=4))
    cs.append(rot("close_then_log", logs(4) + [["close"]] + logs(4, prefix="after "),
                  maxBytes=50, backupCount=2))
    cs.append(rot("mode_w_maxbytes_0_truncates", logs(3), mode="w",
                  pre={"app.log": "previous run\n"}))
    cs.append(rot("mode_w_forced_append", logs(3), mode="w", maxBytes=1000, backupCount=1,
                  pre={"app.log": "previous run\n"}))
    cs.append(rot("rollover_on_startup", [["rollover"]] + logs(3), maxBytes=1000, backupCount=3,
                  pre={"app.log": "previous run\n", "app.log.1": "run before\n"}))
    cs.append(rot("rollover_delay_no_file", [["rollover"]] + logs(2), maxBytes=1000, backupCount=3,
                  delay=True))
    cs.append(rot("rollover_backup_0", logs(2) + [["rollover"]] + logs(2), maxBytes=1000,
                  backupCount=0))
    cs.append(rot("non_ascii_counts_characters",
                  [["log", "h\u00e9llo w\u00f6rld \u65e5\u672c"] for _ in range(12)],
                  maxBytes=60, backupCount=3))
    cs.append(rot("latin1_encoding",
                  [["log", "caf\u00e9 %d" % i] for i in range(12)],
                  maxBytes=40, backupCount=2, encoding="latin-1"))
    cs.append(rot("multiline_records",
                  [["log", "line one\nline two %d" % i] for i in range(8)],
                  maxBytes=60, backupCount=3))
    cs.append(rot("gap_in_backups", logs(6), maxBytes=40, backupCount=4,
                  pre={"app.log": "current\n", "app.log.2": "two\n", "app.log.3": "three\n"}))
    cs.append(rot("more_backups_than_count", logs(6), maxBytes=40, backupCount=2,
                  pre={"app.log.1": "1\n", "app.log.2": "2\n", "app.log.3": "3\n",
                       "app.log.4": "4\n"}))
    cs.append(rot("terminator_crlf", logs(10), maxBytes=50, backupCount=2, terminator="\r\n"))
    cs.append(rot("empty_messages", [["log", ""] for _ in range(12)], maxBytes=5, backupCount=2))
    cs.append(rot("format_with_fields", logs(20), maxBytes=120, backupCount=2,
                  format="%(levelname)s:%(name)s:%(message)s"))
    cs.append(rot("seed_2000_x5", logs(200, 10, prefix="This is a log line "),
                  maxBytes=2000, backupCount=5))
    cs.append(rot("chinese_seed_1k_x3", [["log", "Start print log"], ["log", "1111111"],
                                          ["log", "Something maybe fail."], ["log", "Finish"]] * 30,
                  maxBytes=1024, backupCount=3,
                  format="%(levelname)s - %(name)s - %(message)s"))
    return cs


def run_rotating(c):
    d = tempfile.mkdtemp()
    try:
        for name, content in c["pre"].items():
            with open(os.path.join(d, name), "wb") as f:
                f.write(content.encode("latin-1"))
        base = os.path.join(d, "app.log")

        def make():
            h = logging.handlers.RotatingFileHandler(
                base, mode=c["mode"], maxBytes=c["maxBytes"], backupCount=c["backupCount"],
                encoding=c["encoding"] or "utf-8", delay=c["delay"], errors=c["errors"])
            h.setFormatter(logging.Formatter(c["format"]))
            h.terminator = c["terminator"]
            if c["namer"]:
                h.namer = NAMERS[c["namer"]]
            if c["rotator"]:
                h.rotator = ROTATORS[c["rotator"]]
            errors_of(h)
            return h
        h = make()
        for op in c["ops"]:
            if op[0] == "log":
                h.handle(record(op[1]))
            elif op[0] == "close":
                h.close()
            elif op[0] == "restart":
                h.close()
                h = make()
            elif op[0] == "rollover":
                h.doRollover()
            else:
                raise ValueError(op)
        h.close()
        files, gz = snapshot(d)
        return {"files": files, "gzip": gz}
    finally:
        shutil.rmtree(d)

# ------------------------------------------------------------------ timed

CLOCK = [0]
time.time = lambda: CLOCK[0]


def set_zone(tz):
    os.environ["TZ"] = tz
    time.tzset()


def at_time(s):
    if s is None:
        return None
    h, m, sec = (int(x) for x in s.split(":"))
    return datetime.time(h, m, sec)


def ts(zone, *args, fold=0):
    return int(datetime.datetime(*args, tzinfo=zoneinfo.ZoneInfo(zone), fold=fold).timestamp())


NY = "America/New_York"
SYD = "Australia/Sydney"


def compute_times():
    t = []
    # New York 2024: DST starts Sun Mar 10 02:00 EST, ends Sun Nov 3 02:00 EDT.
    for args in [(2024, 3, 8, 9, 15, 0), (2024, 3, 9, 23, 59, 59), (2024, 3, 10, 0, 0, 0),
                 (2024, 3, 10, 1, 30, 0), (2024, 3, 10, 3, 0, 0), (2024, 3, 10, 12, 0, 0),
                 (2024, 3, 11, 0, 0, 0), (2024, 11, 2, 12, 0, 0), (2024, 11, 3, 0, 0, 0),
                 (2024, 11, 3, 0, 30, 0), (2024, 11, 3, 3, 0, 0), (2024, 11, 3, 23, 0, 0),
                 (2024, 6, 15, 13, 45, 10)]:
        t.append((NY, ts(NY, *args)))
    t.append((NY, ts(NY, 2024, 11, 3, 1, 30, 0, fold=0)))
    t.append((NY, ts(NY, 2024, 11, 3, 1, 30, 0, fold=1)))
    # Sydney 2024: DST ends Sun Apr 7 03:00 AEDT, starts Sun Oct 6 02:00 AEST.
    for args in [(2024, 4, 6, 22, 0, 0), (2024, 4, 7, 1, 0, 0), (2024, 10, 5, 23, 30, 0),
                 (2024, 10, 6, 1, 0, 0), (2024, 10, 6, 12, 0, 0)]:
        t.append((SYD, ts(SYD, *args)))
    return t


def compute_cases():
    cs = []
    times = compute_times()
    for zone, t in times:
        for when in ["S", "M", "H", "D", "MIDNIGHT", "midnight", "W0", "W3", "w6"]:
            intervals = [1, 3] if when.upper() in ("S", "M", "H", "D") else [1, 2]
            ats = [None] if when.upper() in ("S", "M", "H", "D") else [None, "00:00:00", "02:30:00"]
            utcs = [False, True]
            for interval in intervals:
                for at in ats:
                    for utc in utcs:
                        cs.append({"when": when, "interval": interval, "utc": utc,
                                   "atTime": at, "tz": zone, "t": t})
    return cs


def run_compute(c):
    set_zone(c["tz"])
    d = tempfile.mkdtemp()
    try:
        CLOCK[0] = c["t"]
        h = logging.handlers.TimedRotatingFileHandler(
            os.path.join(d, "app.log"), when=c["when"], interval=c["interval"],
            utc=c["utc"], atTime=at_time(c["atTime"]), delay=True, encoding="utf-8")
        out = {"rollover": h.computeRollover(c["t"])}
        h.close()
        return out
    finally:
        shutil.rmtree(d)


def delete_cases():
    day = ["app.log", "app.log.2024-01-01", "app.log.2024-01-02", "app.log.2024-01-03",
           "app.log.2024-01-04.gz", "app.log.2024-1-05", "app.log.12024-01-06",
           "app.log.2024-01-07x", "app.log.2024-01-08_10", "app.2024-01-09.log",
           "other.log.2024-01-10", "app.log.bak.2024-01-11", "app.logx.2024-01-12",
           "app.log.2024-01-13.1", "app.lock", "app.log.lock"]
    sec = ["app.log", "app.log.2024-01-01_10-00-00", "app.log.2024-01-01_10-00-01",
           "app.log.2024-01-01_10-00-02", "app.log.2024-01-01_10-00", "app.log.2024-01-01_10",
           "app.log.2024-01-01", "app.log.2024-01-01_10-00-03.gz", "app.2024-01-01_10-00-04.log",
           "app.log.2024-01-01_10-00-0"]
    minute = ["app.log", "app.log.2024-01-01_10-00", "app.log.2024-01-01_10-01",
              "app.log.2024-01-01_10-02-00", "app.log.2024-01-01_10-03.gz",
              "app.2024-01-01_10-04.log", "app.log.2024-01-01_10"]
    hour = ["app.log", "app.log.2024-01-01_10", "app.log.2024-01-01_11", "app.log.2024-01-01_12",
            "app.log.2024-01-01_13-00", "app.log.2024-01-01_14.gz", "app.2024-01-01_15.log"]
    cs = []
    for when, names in [("D", day), ("MIDNIGHT", day), ("W2", day), ("S", sec), ("M", minute),
                        ("H", hour)]:
        for namer in [None, "gz", "ext_before"]:
            for backup in [0, 1, 2, 3, 10]:
                cs.append({"when": when, "backupCount": backup, "namer": namer,
                           "files": names})
    # A base name without an extension.
    cs.append({"when": "D", "backupCount": 1, "namer": None, "base": "app",
               "files": ["app", "app.2024-01-01", "app.2024-01-02", "app.x.2024-01-03"]})
    cs.append({"when": "D", "backupCount": 1, "namer": "gz", "base": "app",
               "files": ["app", "app.2024-01-01.gz", "app.2024-01-02.gz", "app.2024-01-03"]})
    return cs


def run_delete(c):
    d = tempfile.mkdtemp()
    try:
        for name in c["files"]:
            open(os.path.join(d, name), "w").close()
        h = logging.handlers.TimedRotatingFileHandler(
            os.path.join(d, c.get("base", "app.log")), when=c["when"],
            backupCount=c["backupCount"], delay=True, encoding="utf-8")
        if c["namer"]:
            h.namer = NAMERS[c["namer"]]
        out = {"result": [os.path.basename(p) for p in h.getFilesToDelete()]}
        h.close()
        return out
    finally:
        shutil.rmtree(d)


def timed(name, ops, **kw):
    c = {"name": name, "when": "H", "interval": 1, "backupCount": 0, "utc": False,
         "atTime": None, "tz": NY, "delay": False, "namer": None, "rotator": None,
         "start": 0, "pre": {}, "ops": ops}
    for k, v in kw.items():
        if k not in c:
            raise KeyError(k)
        c[k] = v
    return c


def every(start, step, n, prefix="r"):
    return [["log", start + i * step, "%s%d" % (prefix, i)] for i in range(n)]


def timed_runs():
    rs = []
    t0 = ts(NY, 2024, 1, 15, 10, 0, 0)
    rs.append(timed("seconds_backup_3", every(t0, 1, 10) + every(t0 + 20, 2, 5, "s"),
                    when="S", backupCount=3, start=t0))
    rs.append(timed("minutes_seed", every(t0, 25, 20), when="m", backupCount=5, start=t0))
    rs.append(timed("hours_interval_5_chinese_seed", every(t0, 3600, 30), when="h",
                    interval=5, backupCount=4, start=t0))
    rs.append(timed("days_interval_2", every(t0, 6 * 3600, 30), when="D", interval=2,
                    backupCount=3, start=t0))
    rs.append(timed("midnight_dst_spring", every(ts(NY, 2024, 3, 7, 18, 0, 0), 5 * 3600, 30),
                    when="midnight", backupCount=3, start=ts(NY, 2024, 3, 7, 18, 0, 0)))
    rs.append(timed("midnight_dst_fall", every(ts(NY, 2024, 10, 31, 18, 0, 0), 5 * 3600, 30),
                    when="MIDNIGHT", backupCount=3, start=ts(NY, 2024, 10, 31, 18, 0, 0)))
    rs.append(timed("midnight_interval_2", every(ts(NY, 2024, 3, 7, 18, 0, 0), 7 * 3600, 30),
                    when="MIDNIGHT", interval=2, backupCount=2, start=ts(NY, 2024, 3, 7, 18, 0, 0)))
    rs.append(timed("midnight_attime_0230_spring",
                    every(ts(NY, 2024, 3, 8, 12, 0, 0), 4 * 3600, 25), when="MIDNIGHT",
                    atTime="02:30:00", backupCount=10, start=ts(NY, 2024, 3, 8, 12, 0, 0)))
    rs.append(timed("midnight_utc", every(ts(NY, 2024, 3, 8, 12, 0, 0), 5 * 3600, 20),
                    when="MIDNIGHT", utc=True, backupCount=2, start=ts(NY, 2024, 3, 8, 12, 0, 0)))
    rs.append(timed("weekly_w6_across_dst", every(ts(NY, 2024, 2, 28, 12, 0, 0), 26 * 3600, 30),
                    when="W6", backupCount=2, start=ts(NY, 2024, 2, 28, 12, 0, 0)))
    rs.append(timed("weekly_w0_attime", every(ts(NY, 2024, 10, 20, 12, 0, 0), 30 * 3600, 20),
                    when="W0", atTime="08:00:00", backupCount=5, start=ts(NY, 2024, 10, 20, 12, 0, 0)))
    rs.append(timed("sydney_midnight_both_changes",
                    every(ts(SYD, 2024, 4, 5, 12, 0, 0), 9 * 3600, 20)
                    + every(ts(SYD, 2024, 10, 4, 12, 0, 0), 9 * 3600, 20, "o"),
                    tz=SYD, when="MIDNIGHT", backupCount=3, start=ts(SYD, 2024, 4, 5, 12, 0, 0)))
    rs.append(timed("namer_gzip", every(t0, 1800, 12), when="H", backupCount=2, namer="gz",
                    rotator="gzip", start=t0))
    rs.append(timed("namer_ext_before", every(t0, 1800, 12), when="H", backupCount=2,
                    namer="ext_before", start=t0))
    rs.append(timed("delay", every(t0 + 7200, 1800, 6), when="H", delay=True, backupCount=1,
                    start=t0))
    rs.append(timed("existing_file_mtime", every(t0, 600, 10), when="H", backupCount=2,
                    start=t0, pre={"app.log": ["from yesterday\n", t0 - 86400]}))
    rs.append(timed("restart_uses_mtime",
                    every(t0, 900, 4) + [["touch", t0 + 2700], ["clock", t0 + 3000], ["restart"]]
                    + every(t0 + 3000, 900, 6, "n"),
                    when="H", backupCount=5, start=t0))
    rs.append(timed("other_files_kept", every(t0, 3600, 6), when="H", backupCount=1, start=t0,
                    pre={"app.log.2020-01-01": ["keep? no: matches\n", t0 - 99999],
                         "other.log.2020-01-01_10": ["not ours\n", t0 - 99999],
                         "app.log.notes": ["not a date\n", t0 - 99999]}))
    return rs


def run_timed(c):
    set_zone(c["tz"])
    d = tempfile.mkdtemp()
    try:
        base = os.path.join(d, "app.log")
        for name, (content, mtime) in c["pre"].items():
            p = os.path.join(d, name)
            with open(p, "wb") as f:
                f.write(content.encode("latin-1"))
            os.utime(p, (mtime, mtime))
        CLOCK[0] = c["start"]

        def make():
            existed = os.path.exists(base)
            h = logging.handlers.TimedRotatingFileHandler(
                base, when=c["when"], interval=c["interval"], backupCount=c["backupCount"],
                encoding="utf-8", delay=c["delay"], utc=c["utc"], atTime=at_time(c["atTime"]))
            if not existed and os.path.exists(base):
                # The constructor created the file: its mtime is the real
                # clock, which stands for "now"; use the simulated now.
                h.rolloverAt = h.computeRollover(int(time.time()))
            h.setFormatter(logging.Formatter("%(message)s"))
            if c["namer"]:
                h.namer = NAMERS[c["namer"]]
            if c["rotator"]:
                h.rotator = ROTATORS[c["rotator"]]
            errors_of(h)
            return h
        h = make()
        steps = [h.rolloverAt]
        for op in c["ops"]:
            if op[0] == "log":
                CLOCK[0] = op[1]
                h.handle(record(op[2]))
            elif op[0] == "touch":
                os.utime(base, (op[1], op[1]))
            elif op[0] == "clock":
                CLOCK[0] = op[1]
            elif op[0] == "restart":
                h.close()
                h = make()
            else:
                raise ValueError(op)
            steps.append(h.rolloverAt)
        h.close()
        files, gz = snapshot(d)
        return {"files": files, "gzip": gz, "rolloverAt": steps}
    finally:
        shutil.rmtree(d)

# ------------------------------------------------------------------ driver


def emit():
    out = {
        "python": sys.version.split()[0],
        "rotating": [dict(c, **run_rotating(c)) for c in rotating_cases()],
        "compute": [dict(c, **run_compute(c)) for c in compute_cases()],
        "delete": [dict(c, **run_delete(c)) for c in delete_cases()],
        "runs": [dict(c, **run_timed(c)) for c in timed_runs()],
    }
    json.dump(out, sys.stdout)


def interpreter(version):
    if sys.version_info[:2] == version:
        return sys.executable
    name = "python%d.%d" % version
    # pyenv installs first: its shims fail for versions that are not active.
    root = os.path.expanduser("~/.pyenv/versions")
    if os.path.isdir(root):
        for v in sorted(os.listdir(root), reverse=True):
            exe = os.path.join(root, v, "bin", name)
            if v.startswith("%d.%d." % version) and os.path.exists(exe):
                return exe
    exe = shutil.which(name)
    if exe and subprocess.run([exe, "-c", "pass"], stderr=subprocess.DEVNULL).returncode == 0:
        return exe
    return None


def run_under(version):
    exe = interpreter(version)
    if exe is None:
        return None
    env = dict(os.environ, **{EMIT: "1"})
    res = subprocess.run([exe, os.path.abspath(__file__)], env=env, check=True,
                         stdout=subprocess.PIPE)
    return json.loads(res.stdout)


RESULT_KEYS = ("files", "gzip", "rollover", "result", "rolloverAt")


def write(path, doc):
    # One case per line: the files stay small and diffs stay readable.
    with open(path, "w") as f:
        f.write("{\n")
        keys = sorted(doc)
        for i, k in enumerate(keys):
            f.write(" %s: " % json.dumps(k))
            v = doc[k]
            if isinstance(v, list):
                f.write("[\n")
                for j, c in enumerate(v):
                    f.write("  " + json.dumps(c, sort_keys=True, ensure_ascii=False))
                    f.write(",\n" if j < len(v) - 1 else "\n")
                f.write(" ]")
            else:
                f.write(json.dumps(v))
            f.write(",\n" if i < len(keys) - 1 else "\n")
        f.write("}\n")


def main():
    if os.environ.get(EMIT):
        emit()
        return
    new = run_under((3, 13))
    if new is None:
        sys.exit("gen.py: python3.13 not found; the goldens come from CPython 3.13")
    old = run_under((3, 11))
    for section in ("rotating", "compute", "delete", "runs"):
        for i, c in enumerate(new[section]):
            if old is None:
                continue
            o = old[section][i]
            diff = {k: o[k] for k in RESULT_KEYS if k in o and o[k] != c[k]}
            if diff:
                c["py311"] = diff
    for name, sections in [("rotating.json", ("rotating",)),
                           ("timed.json", ("compute", "delete", "runs"))]:
        doc = {"python": new["python"], "py311": old["python"] if old else None}
        for s in sections:
            doc[s] = new[s]
        write(os.path.join(HERE, name), doc)
        for s in sections:
            differ = sum(1 for c in new[s] if "py311" in c)
            print("%s %s: %d cases (%d differ under %s)" % (name, s, len(new[s]), differ,
                                                          doc["py311"]))


if __name__ == "__main__":
    main()
