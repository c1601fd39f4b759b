#!/usr/bin/env python3
"""Goldens for package config: what CPython's dictConfig and fileConfig do.

For each case of cases.json, in a fresh interpreter and an empty working
directory: create the "before" loggers, apply the "first" configuration if
any, apply the case's configuration (dictConfig for .json and .yaml files,
read with json and yaml.safe_load; fileConfig for .conf files), run the
case's script of logging calls, and record

  - the error CPython raised, as "Type: message" joined with " <- " along
    __cause__ and __context__ (invalid cases),
  - the logger tree: for root and every logger, its level, propagate,
    disabled, handler names and number of filters; for every handler on a
    logger, its class, level and formatter format,
  - what was written to sys.stdout and sys.stderr (replaced by StringIO
    before the configuration, so ext://sys.stdout and args=(sys.stdout,)
    resolve to them) and to every file of the working directory, after
    logging.shutdown().

An invalid case with "go_accepts_as" is one CPython refuses and package
config loads, as documented, like the valid case it names.

For invalid cases with a "first" configuration, the outputs of the first
configuration alone are recorded too ("first_only"): package config leaves
the previous configuration in place when one fails, so its outputs must
equal those.

A call of a script is [logger, level, msg, args] or [logger, level, msg,
args, extra] with extra a list of [key, value] pairs (logger.log(...,
extra=dict(extra))).

Times and process ids differ between runs: for a case with "mask": true,
every match of the regular expressions of the manifest's "masks" (in
order) is replaced by its name, then the process id, as a whole number, by
<pid>, in stdout, stderr and the files. The Go test masks its own output
the same way and compares.

The cases upstream_* are the field corpus (upstream/README.md): real
configurations of public projects. Their fields: "loggers" adds one call
per level on each of these loggers ("" is root) after the named script,
and limits the tree to root, the loggers the configurations name and
those of "before" and "loggers" (the loggers Python's imports make are
not the configuration's); "records" makes every call a record whose
fields are fixed (RECORD: time, place, thread, process), handled by the
logger when its level is enabled, so outputs are exact; "dirs" are made in
the working directory first; "django" configures Django's settings (its
defaults) first, as a Django site has them; "imports" are modules imported
first for their side effects, as the project does; "warnings" (read by
the Go test only) are the warnings package config must give. A case with
"error" and "go_accepts_as" is one CPython refuses that package config
loads, with those warnings, as the case named (upstream_cloudify_cli:
dict/NAME_meant.json, written by as_meant, is the configuration with the
integers its strings spell). "imported" in the golden
lists the loggers of "loggers" that existed before the configuration.

Two configurations come from the projects that ship them (see
upstream/README.md), and are written to dict/ by this script before the
cases run:
  dict/d33_gunicorn.json  gunicorn.glogging.CONFIG_DEFAULTS of the
                          installed gunicorn (Debian's python3-gunicorn)
  dict/d34_sanic.json     LOGGING_CONFIG_DEFAULTS of upstream/sanic_log.py
                          (sys.stdout and sys.stderr written as ext://)

Usage: /usr/bin/python3 gen.py   (Debian's python3 with python3-gunicorn
and python3-yaml; writes golden.json next to this file)
"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

CHILD = r'''
import io, json, logging, logging.config, os, sys

# The fields of a record of a case with "records": true (see RECORD in
# cases.json's description in gen.py's docstring).
RECORD = dict(created=1765022400.125, msecs=125.0, relativeCreated=5000.0,
              pathname="/srv/app/views.py", filename="views.py", module="views",
              lineno=42, funcName="handle", thread=140245123456789,
              threadName="MainThread", process=4242, processName="MainProcess")

case, script, here, mode = json.loads(sys.argv[1])
pid = os.getpid()
for d in case.get("dirs", []):
    os.makedirs(d)
for module in case.get("imports", []):
    # A module the project imports first for its side effect:
    # concurrent_log_handler installs logging.handlers.ConcurrentRotatingFileHandler.
    __import__(module)
if case.get("django"):
    # A Django project's settings, with Django's defaults (DEBUG False,
    # no ADMINS), as they are when Django applies LOGGING.
    from django.conf import settings
    settings.configure(SECRET_KEY="slogpy-golden")
real_stdout = sys.stdout
out, err = io.StringIO(), io.StringIO()
def crashed(t, e, tb, hook=sys.excepthook):
    sys.stderr = sys.__stderr__
    hook(t, e, tb)
sys.excepthook = crashed
sys.stdout, sys.stderr = out, err

def chain(e):
    parts = []
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        parts.append("%s: %s" % (type(e).__name__, e))
        e = e.__cause__ or e.__context__
    return " <- ".join(parts)

def apply(path, opts):
    if "loggers" in case:
        named.update(names_of(path))
    full = os.path.join(here, path)
    if path.endswith((".conf", ".ini", ".cfg")):
        logging.config.fileConfig(full, defaults=opts.get("defaults"),
                                  disable_existing_loggers=not opts.get("keep_existing", False))
    elif path.endswith(".json"):
        with open(full) as f:
            logging.config.dictConfig(json.load(f))
    else:
        import yaml
        with open(full) as f:
            logging.config.dictConfig(yaml.safe_load(f))

# The loggers that the imports of third-party modules make (asyncio,
# django.template, ...) are not the configuration's. (Importing Django
# also runs colorama.init(), which strips colour codes from sys.stdout
# and sys.stderr when they are not terminals: only the cases with
# "django" import it.) For a case with
# "loggers", the tree holds only root, the loggers the configurations name
# and those of "before" and "loggers"; those of "loggers" that existed
# before the configuration are "imported", made first by the Go test too.
named = set(case.get("before", [])) | set(case.get("loggers", []))

def names_of(path):
    full = os.path.join(here, path)
    if path.endswith((".conf", ".ini", ".cfg")):
        import configparser
        cp = configparser.ConfigParser(interpolation=None)
        cp.read(full)
        keys = [k.strip() for k in cp.get("loggers", "keys", fallback="").split(",")]
        return {cp.get("logger_" + k, "qualname", fallback=k) for k in keys if k != "root"}
    with open(full) as f:
        text = f.read()
    if path.endswith(".json"):
        cfg = json.loads(text)
    else:
        import yaml
        cfg = yaml.safe_load(text)
    return set(cfg.get("loggers") or {})
for name in case.get("before", []):
    logging.getLogger(name)
error = None
existing = set()
try:
    if case.get("first"):
        apply(case["first"], {})
    if mode == "main":
        existing = {n for n, l in logging.root.manager.loggerDict.items()
                    if isinstance(l, logging.Logger)} - set(case.get("before", []))
        apply(case["file"], case)
except Exception as e:
    error = chain(e)

for name, level, msg, args, *extra in script:
    extra = dict(extra[0]) if extra else None
    logger, levelno = logging.getLogger(name), logging.getLevelName(level)
    if not case.get("records"):
        logger.log(levelno, msg, *args, extra=extra)
        continue
    # A record whose every field is fixed (time, place, thread, process),
    # as logger.log would make it: logger.handle after the level check.
    if logger.isEnabledFor(levelno):
        fields = dict(RECORD, name=logger.name, levelno=levelno, levelname=level,
                      msg=msg, args=tuple(args))
        fields.update(extra or {})
        logger.handle(logging.makeLogRecord(fields))

def dump():
    names = ["root"] + sorted(n for n, l in logging.root.manager.loggerDict.items()
                              if isinstance(l, logging.Logger) and
                              ("loggers" not in case or n in named))
    loggers, handlers = {}, {}
    for n in names:
        l = logging.root if n == "root" else logging.getLogger(n)
        loggers[n] = {"level": l.level, "effective": l.getEffectiveLevel(),
                      "propagate": bool(l.propagate),
                      "disabled": bool(l.disabled),
                      "handlers": [h.name for h in l.handlers],
                      "filters": len(l.filters)}
        for h in l.handlers:
            t = type(h)
            handlers[h.name] = {"class": t.__module__ + "." + t.__name__, "level": h.level,
                                "format": h.formatter._fmt if h.formatter else None}
    return {"loggers": loggers, "handlers": handlers}

tree = dump()
logging.shutdown()
files = {}
for top, _, names in sorted(os.walk(".")):
    for f in sorted(names):
        path = os.path.relpath(os.path.join(top, f)).replace(os.sep, "/")
        with open(path, encoding="utf-8") as fh:
            files[path] = fh.read()
kept = sorted(existing & set(case.get("loggers", []))) if mode == "main" else []
real_stdout.write(json.dumps({"imported": kept, "error": error, "tree": tree, "stdout": out.getvalue(),
                              "stderr": err.getvalue(), "files": files, "pid": pid}))
'''


def run(case, script, mode, masks):
    with tempfile.TemporaryDirectory() as tmp:
        p = subprocess.run([sys.executable, "-c", CHILD, json.dumps([case, script, HERE, mode])],
                           cwd=tmp, capture_output=True, text=True, env={**os.environ, "TZ": "UTC"})
        if p.returncode != 0:
            raise SystemExit("case %s failed:\n%s%s" % (case["name"], p.stderr, p.stdout))
        res = json.loads(p.stdout)
    pid = res.pop("pid")
    if case.get("mask"):
        def mask(s):
            for name, pattern in masks:
                s = re.sub(pattern, name, s)
            return re.sub(r"\b%d\b" % pid, "<pid>", s)
        res["stdout"], res["stderr"] = mask(res["stdout"]), mask(res["stderr"])
        res["files"] = {k: mask(v) for k, v in res["files"].items()}
    return res


def write_dict(name, cfg):
    with open(os.path.join(HERE, "dict", name), "w") as f:
        json.dump(cfg, f, indent=1)
        f.write("\n")


def upstream_configs():
    """Writes the configurations of gunicorn and sanic to dict/ and returns
    the versions they come from."""
    import gunicorn
    from gunicorn.glogging import CONFIG_DEFAULTS
    write_dict("d33_gunicorn.json", CONFIG_DEFAULTS)
    ns = {}
    with open(os.path.join(HERE, "upstream", "sanic_log.py")) as f:
        exec(f.read(), ns)

    def ext(v):
        if isinstance(v, dict):
            return {k: ext(x) for k, x in v.items()}
        if v is sys.stdout or v is sys.stderr:
            return "ext://sys." + ("stdout" if v is sys.stdout else "stderr")
        return v
    write_dict("d34_sanic.json", ext(ns["LOGGING_CONFIG_DEFAULTS"]))
    return {"gunicorn": gunicorn.__version__,
            "sanic": "upstream/sanic_log.py (sanic-org/sanic 06035c8d51e0)"}


def field_corpus():
    """Writes upstream/dict/NAME.json for each upstream/py/NAME.py (the
    dictionary its code assigns, evaluated as its module would evaluate
    it) and for the default configurations of the installed Django and
    uvicorn; returns their versions."""
    import django
    import django.utils.log
    import uvicorn
    import uvicorn.config
    out = os.path.join(HERE, "upstream", "dict")
    os.makedirs(out, exist_ok=True)

    def write(name, cfg):
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(cfg, f, indent=1)
            f.write("\n")
    src = os.path.join(HERE, "upstream", "py")
    for fn in sorted(os.listdir(src)):
        ns = {"sys": sys}
        with open(os.path.join(src, fn)) as f:
            exec(f.read(), ns)
        dicts = [v for v in ns.values() if isinstance(v, dict) and "version" in v]
        if len(dicts) != 1:
            raise SystemExit("%s: %d configuration dictionaries" % (fn, len(dicts)))
        write(fn[:-3], dicts[0])
        meant = as_meant(dicts[0])
        if meant != dicts[0]:
            write(fn[:-3] + "_meant", meant)
    write("django_default", django.utils.log.DEFAULT_LOGGING)
    write("uvicorn_default", uvicorn.config.LOGGING_CONFIG)
    return {"django": django.get_version(), "uvicorn": uvicorn.__version__}


# The integer keywords of handler classes that configurations give as
# strings ("maxBytes": "5000000"), which CPython refuses or fails on later.
INT_KEYS = {"maxBytes", "backupCount", "interval", "capacity", "port"}


def as_meant(cfg):
    """cfg with the integers given as strings in handlers made integers:
    the configuration package config loads (with a warning) where CPython
    fails, for the case of go_accepts_as."""
    out = json.loads(json.dumps(cfg))
    for h in (out.get("handlers") or {}).values():
        for k, v in h.items():
            if k in INT_KEYS and isinstance(v, str) and v.strip().lstrip("+-").isdigit():
                h[k] = int(v)
    return out


LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


def script_of(manifest, case):
    """The calls of a case: the named script, then for a case with
    "loggers" one call per level on each of those loggers ("" is root)."""
    if "loggers" not in case:
        return manifest["scripts"][case.get("calls", "default")]
    script = list(manifest["scripts"][case["calls"]]) if "calls" in case else []
    for name in case["loggers"]:
        for lv in LEVELS:
            script.append([name, lv, "%s from %s", [lv.lower(), name or "root"]])
    return script


# The classes whose constructor keywords package config must accept, as
# CPython's dictConfig passes them (fileConfig passes args= positionally in
# this order).
CLASSES = [
    "logging.StreamHandler", "logging.FileHandler", "logging.NullHandler",
    "logging.Formatter", "logging.Filter",
    "logging.handlers.WatchedFileHandler", "logging.handlers.RotatingFileHandler",
    "logging.handlers.TimedRotatingFileHandler", "logging.handlers.SocketHandler",
    "logging.handlers.DatagramHandler", "logging.handlers.SysLogHandler",
    "logging.handlers.SMTPHandler", "logging.handlers.HTTPHandler",
    "logging.handlers.BufferingHandler", "logging.handlers.MemoryHandler",
    "logging.handlers.QueueHandler", "logging.handlers.QueueListener",
    "logging.handlers.NTEventLogHandler",
]


def signatures():
    """The parameters of each class's constructor, in order."""
    import inspect
    import logging.handlers
    out = {}
    for name in CLASSES:
        mod, _, cls = name.rpartition(".")
        obj = getattr(sys.modules[mod], cls)
        params = []
        for p in inspect.signature(obj).parameters.values():
            if p.kind == p.VAR_POSITIONAL:
                params.append("*" + p.name)
            elif p.kind != p.VAR_KEYWORD:
                params.append(p.name)
        out[name] = params
    return out


# Python literals of fileConfig's args=, kwargs= and defaults=, evaluated
# by CPython as fileConfig does (eval in the logging module's namespace).
LITERALS = [
    r"()", r"(1,)", r"(1)", r"[]", r"[1, 2,]", r"{}", r"""{'a': 1, "b": [2, (3,)]}""",
    r"('app.log', 'a', 10*1024*1024, 5)", r"('x', 'w', 1024, 3, None, True, 'replace')",
    r"(sys.stdout,)", r"(sys.stderr,)", r"[sys.stdout, sys.stderr]",
    r"(DEBUG, INFO, WARNING, WARN, ERROR, CRITICAL, FATAL, NOTSET)",
    r"(('localhost', handlers.SYSLOG_UDP_PORT), handlers.SysLogHandler.LOG_USER)",
    r"(handlers.DEFAULT_TCP_LOGGING_PORT, handlers.DEFAULT_UDP_LOGGING_PORT)",
    r"(handlers.SysLogHandler.LOG_LOCAL7, handlers.socket.SOCK_STREAM, handlers.socket.SOCK_DGRAM)",
    r"'it''s'", r"""'a' "b" 'c'""", r"r'C:\logs\app.log'", r"u'unicode'",
    r"'\x41\u00e9\U0001F600\101\n\t\\'", r"'''triple " + "\n" + r"'quoted'''", r'"\q unknown escape"',
    r"R'\d+'", r"'line\
continued'",
    r"0x1F", r"0o17", r"0b101", r"1_000_000", r"-5", r"+5", r"--5", r"1.5", r".5", r"1.", r"1e3",
    r"2.5E-2", r"1_0.5", r"0", r"00",
    r"7 // 2", r"-7 // 2", r"7 % 3", r"-7 % 3", r"7 / 2", r"2 ** 10", r"2 ** -1", r"-2 ** 2",
    r"2 ** 3 ** 2", r"1 + 2 * 3 - 4", r"(1 + 2) * 3", r"'a' + 'b'", r"1 + 2.5", r"10 * -1",
    r"True + 1", r"7.5 // 2", r"-7.5 % 2",
    r"(True, False, None)", r"{'maxBytes': 1024, 'backupCount': 3, 'delay': True}",
    "('a.log', # a comment\n 'w')", "(\n  1,\n  2,\n)",
    r"9223372036854775807", r"-9223372036854775807 - 1",
]


def literals():
    import logging
    import logging.handlers

    def enc(v):
        if isinstance(v, (list, tuple)):
            return [enc(x) for x in v]
        if isinstance(v, dict):
            return {k: enc(x) for k, x in v.items()}
        if v is sys.stdout or v is sys.stderr:
            return {"$stream": "stdout" if v is sys.stdout else "stderr"}
        return v
    return [{"expr": e, "value": enc(eval(e, vars(logging)))} for e in LITERALS]


def main():
    with open(os.path.join(HERE, "cases.json")) as f:
        manifest = json.load(f)
    libraries = upstream_configs()
    libraries.update(field_corpus())
    from importlib.metadata import version
    for lib in ("colorlog", "python-json-logger", "rich", "concurrent-log-handler"):
        try:
            libraries[lib] = version(lib)
        except Exception:
            pass
    golden = {"python": sys.version.split()[0], "libraries": libraries, "cases": {},
              "signatures": signatures(), "literals": literals()}
    masks = manifest["masks"]
    for case in manifest["cases"]:
        script = script_of(manifest, case)
        res = run(case, script, "main", masks)
        if "error" in case and res["error"] is None:
            raise SystemExit("case %s: CPython accepted an invalid configuration" % case["name"])
        if "error" not in case and res["error"] is not None:
            raise SystemExit("case %s: CPython refused it: %s" % (case["name"], res["error"]))
        if "error" in case and case.get("first"):
            first = run(case, script, "first", masks)
            res["first_only"] = {k: first[k] for k in ("tree", "stdout", "stderr", "files")}
        golden["cases"][case["name"]] = res
    with open(os.path.join(HERE, "golden.json"), "w") as f:
        json.dump(golden, f, indent=1, sort_keys=True)
        f.write("\n")
    print("%d cases" % len(golden["cases"]))


if __name__ == "__main__":
    main()
