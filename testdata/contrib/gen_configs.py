#!/usr/bin/python3
"""Goldens for the third-party classes as configurations name them: each
configuration of configs/ applied with logging.config.dictConfig by the
real libraries, a script of logging calls run, and what they wrote on
sys.stdout and sys.stderr recorded (both replaced by io.StringIO before
the configuration, so ext://sys.stdout and ext://sys.stderr resolve to
them, and neither is a terminal).

The configurations are written by this script from the installed
libraries' own dictionaries where they have one:
  configs/uvicorn.json  uvicorn.config.LOGGING_CONFIG
  configs/django.json   django.utils.log.DEFAULT_LOGGING (run with DEBUG
                        false and true; ADMINS empty, so mail_admins sends
                        nothing)
  configs/json.json     a python-json-logger configuration with
                        rename_fields and static_fields (an ext:// and a
                        cfg:// value in static_fields stay strings: only
                        dictConfig's converting accessors resolve them;
                        keys in sorted order, as package config reads a
                        file's mappings without their order)
  configs/colorlog.json a colorlog configuration
python-json-logger 2.0.1 has no static_fields: the configuration is
applied with pythonjsonlogger.jsonlogger.JsonFormatter replaced by the
subclass of gen_pythonjsonlogger.py that places them as 3.x does.

Each call of a script is [logger, level, msg, args, extra]; extra is a
list of [key, value] pairs. Times differ between runs: the Go test masks
them (see the "mask" of each case).

Usage: /usr/bin/python3 testdata/contrib/gen_configs.py
"""

import io
import json
import logging
import logging.config
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import common  # noqa: E402

ACCESS = '%s - "%s %s HTTP/%s" %d'
SCRIPTS = {
    "uvicorn": [
        ["uvicorn.error", "INFO", "Started server process [%d]", [4242], [["color_message", "Started server process [\u001b[36m%d\u001b[0m]"]]],
        ["uvicorn.error", "INFO", "Waiting for application startup.", [], []],
        ["uvicorn.error", "DEBUG", "not shown", [], []],
        ["uvicorn.access", "INFO", ACCESS, ["127.0.0.1:51234", "GET", "/", "1.1", 200], []],
        ["uvicorn.access", "INFO", ACCESS, ["127.0.0.1:51234", "POST", "/items?id=7", "1.1", 422], []],
        ["uvicorn", "WARNING", "Invalid HTTP request received.", [], []],
        ["uvicorn.error", "ERROR", "Exception in ASGI application", [], []],
        ["app", "WARNING", "an application logger: the last resort", [], []],
    ],
    "django": [
        ["django", "INFO", "console only when DEBUG", [], []],
        ["django.request", "WARNING", "Not Found: %s", ["/missing"], [["status_code", 404]]],
        ["django.request", "ERROR", "Internal Server Error: %s", ["/boom"], [["status_code", 500]]],
        ["django.server", "INFO", '"%s" %s %s', ["GET / HTTP/1.1", "200", "512"], [["status_code", 200]]],
        ["django.server", "WARNING", '"%s" %s %s', ["GET /x HTTP/1.1", "404", "0"], [["status_code", 404]]],
        ["django.db.backends", "DEBUG", "(0.001) SELECT 1", [], []],
        ["django.security.csrf", "WARNING", "Forbidden (%s): %s", ["CSRF cookie not set.", "/form"], []],
    ],
    "json": [
        ["app", "INFO", "user %s logged in", ["alice"], [["user_id", 7], ["tags", ["a", "b"]]]],
        ["app.db", "WARNING", "slow query: %.2f s", [1.5], [["query", "SELECT \u00e9"]]],
        ["app", "DEBUG", "not shown", [], []],
    ],
    "colorlog": [
        ["app", "DEBUG", "debug %s", ["x"], []],
        ["app", "INFO", "info", [], []],
        ["app", "WARNING", "warning", [], []],
        ["app", "ERROR", "error", [], []],
        ["app", "CRITICAL", "critical", [], []],
    ],
}

JSON_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.jsonlogger.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "asctime": "time"},
            "static_fields": {"env": "prod", "ref": "cfg://formatters.json.format", "service": "api", "stream": "ext://sys.stdout"},
        },
    },
    "handlers": {"out": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    "root": {"level": "INFO", "handlers": ["out"]},
}

COLORLOG_CONFIG = {
    "version": 1,
    "formatters": {
        "color": {
            "()": "colorlog.ColoredFormatter",
            "format": "%(log_color)s%(levelname)-8s%(reset)s %(blue)s%(name)s%(reset)s %(message_log_color)s%(message)s",
            "log_colors": {"DEBUG": "cyan", "INFO": "green", "WARNING": "yellow", "ERROR": "red", "CRITICAL": "red,bg_white"},
            "secondary_log_colors": {"message": {"ERROR": "red", "CRITICAL": "red"}},
            "force_color": True,
        },
        "plain": {"()": "colorlog.ColoredFormatter", "format": "%(log_color)s%(levelname)s:%(name)s:%(message)s"},
    },
    "handlers": {
        "color": {"class": "colorlog.StreamHandler", "formatter": "color", "stream": "ext://sys.stdout"},
        "plain": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"level": "DEBUG", "handlers": ["color", "plain"]},
}

CHILD = r'''
import io, json, logging, logging.config, sys
sys.path.insert(0, HERE)
case, cfg_path, script, debug = json.loads(sys.argv[1])
out, err = io.StringIO(), io.StringIO()
sys.stdout, sys.stderr = out, err
if case == "django":
    from django.conf import settings
    settings.configure(DEBUG=debug, ADMINS=[], SECRET_KEY="generator")
if case == "json":
    import gen_pythonjsonlogger
    from pythonjsonlogger import jsonlogger
    jsonlogger.JsonFormatter = gen_pythonjsonlogger.StaticFields
try:
    with open(cfg_path) as f:
        logging.config.dictConfig(json.load(f))
    for name, level, msg, args, extra in script:
        logging.getLogger(name).log(logging.getLevelName(level), msg, *args, extra=dict(extra))
    logging.shutdown()
except BaseException:
    import traceback
    traceback.print_exc(file=sys.__stderr__)
    raise
sys.__stdout__.write(json.dumps({"stdout": out.getvalue(), "stderr": err.getvalue()}))
'''.replace("HERE", repr(HERE))


def write_config(name, cfg):
    path = os.path.join(HERE, "configs", name + ".json")
    with open(path, "w") as f:
        json.dump(cfg, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return path


def run(case, path, debug=False):
    p = subprocess.run([sys.executable, "-c", CHILD, json.dumps([case, path, SCRIPTS[case], debug])],
                       capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
    if p.returncode:
        raise SystemExit(p.stderr)
    return json.loads(p.stdout)


def main():
    from uvicorn.config import LOGGING_CONFIG
    from django.utils.log import DEFAULT_LOGGING
    paths = {
        "uvicorn": write_config("uvicorn", LOGGING_CONFIG),
        "django": write_config("django", DEFAULT_LOGGING),
        "json": write_config("json", JSON_CONFIG),
        "colorlog": write_config("colorlog", COLORLOG_CONFIG),
    }
    cases = []
    for name, debug in [("uvicorn", False), ("django", False), ("django", True), ("json", False), ("colorlog", False)]:
        res = run(name, paths[name], debug)
        cases.append({"name": "%s%s" % (name, "_debug" if debug else ""), "config": "configs/%s.json" % name,
                      "debug": debug, "script": SCRIPTS[name], "stdout": res["stdout"], "stderr": res["stderr"]})
    common.write("configs.json", {d: common.version(d) for d in
                                  ["uvicorn", "django", "python-json-logger", "colorlog"]}, cases)


if __name__ == "__main__":
    main()
