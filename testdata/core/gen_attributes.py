#!/usr/bin/env python3
"""Generate attributes.json with CPython 3.11:  python3 testdata/core/gen_attributes.py

What a Python program reads as attributes of a formatter or handler (issue
17 item 10), replayed by slogpy/attributes_test.go and
handlers/attributes_test.go against the Go getters without python3. Each
case names the class, the constructor arguments as Go receives them, and
"attrs": attribute -> repr() of CPython's value (ints of enums as ints).
A SysLogHandler on a stream socket or a Unix socket connects at
construction in CPython: the generator listens on loopback and on a Unix
socket of a temporary directory, and records the port or path it used.
"""
import json
import logging
import logging.handlers as lh
import os
import socket
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def reprs(obj, names):
    out = {}
    for n in names:
        v = getattr(obj, n)
        if isinstance(v, socket.SocketKind):
            v = int(v)
        out[n] = repr(v)
    return out


def formatter_cases():
    out = []
    for fmt, datefmt, style in [(None, None, "%"), ("%(levelname)s %(message)s", "%H:%M", "%"),
                                ("{asctime} {message}", "%d/%m", "{"), ("$message", None, "$")]:
        f = logging.Formatter(fmt, datefmt, style)
        a = reprs(f, ["_fmt", "datefmt"])
        a["_style"] = type(f._style).__name__
        out.append({"class": "Formatter", "fmt": fmt or "", "datefmt": datefmt or "", "style": style, "attrs": a})
    return out


def memory_cases():
    out = []
    for cap, flush, target in [(100, None, False), (10, logging.WARNING, True), (0, 5, False)]:
        kw = {}
        if flush is not None:
            kw["flushLevel"] = flush
        t = logging.StreamHandler() if target else None
        h = lh.MemoryHandler(cap, target=t, **kw)
        a = reprs(h, ["capacity", "flushLevel"])
        a["target"] = "None" if h.target is None else type(h.target).__name__
        out.append({"class": "MemoryHandler", "capacity": cap, "flush_level": flush or 0,
                    "target": target, "attrs": a})
    return out


def syslog_cases(tmp):
    out = []
    names = ["address", "facility", "socktype"]

    def add(go, **kw):
        h = lh.SysLogHandler(**kw)
        a = reprs(h, names)
        # The number the facility stands for, whether given as a number or a name.
        a["facility_number"] = repr(h.encodePriority(h.facility, 0) >> 3)
        h.close()
        out.append(dict(go, **{"class": "SysLogHandler", "attrs": a}))

    add({"address": "", "facility": ""})
    add({"address": "10.1.2.3:1514", "facility": "local3"},
        address=("10.1.2.3", 1514), facility=lh.SysLogHandler.LOG_LOCAL3)
    add({"address": "", "facility": "local0"}, facility="local0")
    add({"address": "", "facility": "19"}, facility=19)
    add({"address": "[::1]:514", "facility": "daemon"}, address=("::1", 514), facility="daemon")
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:  # a fixed port keeps the golden stable; any free one will do
        srv.bind(("127.0.0.1", 51514))
    except OSError:
        srv.bind(("127.0.0.1", 0))
    srv.listen(1)
    port = srv.getsockname()[1]
    add({"address": "127.0.0.1:%d" % port, "network": "tcp", "facility": "auth"},
        address=("127.0.0.1", port), facility="auth", socktype=socket.SOCK_STREAM)
    srv.close()
    path = os.path.join(tmp, "dgram.sock")
    u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    u.bind(path)
    add({"address": path, "facility": ""}, address=path)
    u.close()
    for c in out:  # the temporary directory differs between runs
        if c["address"] == path:
            c["address"] = "/run/syslog-test.sock"
            c["attrs"]["address"] = repr("/run/syslog-test.sock")
    return out


def smtp_cases():
    out = []
    names = ["mailhost", "mailport", "fromaddr", "toaddrs", "subject"]
    for go, args in [
        ({"mailhost": "smtp.example.com", "from": "app@example.com",
          "to": ["ops@example.com", "dev@example.com"], "subject": "Alert"},
         ("smtp.example.com", "app@example.com", ["ops@example.com", "dev@example.com"], "Alert")),
        ({"mailhost": "smtp.example.com:587", "from": "App <app@example.com>",
          "to": ["ops@example.com"], "subject": "Fehler – ä"},
         (("smtp.example.com", 587), "App <app@example.com>", "ops@example.com", "Fehler – ä")),
    ]:
        h = lh.SMTPHandler(*args)
        out.append(dict(go, **{"class": "SMTPHandler", "attrs": reprs(h, names)}))
    return out


def http_cases():
    out = []
    for host, url, method in [("localhost:8080", "/log", None), ("example.com", "/log?app=shop", "post"),
                              ("[::1]:8080", "/", "GET")]:
        kw = {} if method is None else {"method": method}
        h = lh.HTTPHandler(host, url, **kw)
        out.append({"class": "HTTPHandler", "host": host, "url": url, "method": method or "",
                    "attrs": reprs(h, ["host", "url", "method"])})
    return out


def socket_cases():
    out = []
    for cls in (lh.SocketHandler, lh.DatagramHandler):
        for host, port in [("localhost", 9020), ("::1", 9021), ("/run/app.sock", None)]:
            h = cls(host, port)
            out.append({"class": cls.__name__, "host": host, "port": port or 0,
                        "attrs": reprs(h, ["host", "port", "address"])})
    return out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        cases = (formatter_cases() + memory_cases() + syslog_cases(tmp) + smtp_cases()
                 + http_cases() + socket_cases())
    with open(os.path.join(HERE, "attributes.json"), "w") as f:
        json.dump({"python": sys.version.split()[0], "cases": cases}, f,
                  indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("attributes.json: %d cases" % len(cases))


if __name__ == "__main__":
    main()
