#!/usr/bin/env python3
"""Byte-exact goldens of the socket and HTTP handlers, from CPython 3.11
(run from anywhere:  python3 testdata/network/gen_fidelity.py).

Writes fidelity.json: "records", each an ordered list of [key, tagged
value] (the record's __dict__, LogRecord attributes first, then extras;
values tagged as in testdata/pyfmt/gen_values.py), and for each record
"pickle" (hex of SocketHandler.makePickle(makeLogRecord(dict))) and
"get"/"post" (the bytes CPython's HTTPHandler sends for it, over
http.client to a server on loopback, with "HOST" standing for the
server's "127.0.0.1:port"; POST with credentials on odd records).

Modes used by the Go tests (handlers/fidelity_test.go) when python3 is
there:
  gen_fidelity.py http     print the same "get"/"post" requests as JSON,
                           made now by this CPython
  gen_fidelity.py serve    listen on TCP 127.0.0.1 (prints "LISTENING
                           port"); for each frame received, print
                           {"same": frame == makePickle(makeLogRecord(
                           pickle.loads(body))), "want": hex}
"""
import json
import logging
import logging.handlers
import os
import pickle
import socket
import struct
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "pyfmt"))
from gen_values import enc  # noqa: E402


def base(i, msg="request %s from %s", args=("db01", 3), **over):
    d = {
        "name": "app.net" if i % 3 else "é.svc", "msg": msg, "args": args, "levelname": "INFO",
        "levelno": 20, "pathname": "/srv/app/main.py", "filename": "main.py", "module": "main",
        "exc_info": None, "exc_text": None, "stack_info": None, "lineno": 40 + i, "funcName": "handle",
        "created": 1700000000.123456 + i, "msecs": 123.0, "relativeCreated": 1234.5 + i,
        "thread": 140234567890 + i, "threadName": "MainThread", "processName": "MainProcess",
        "process": 4321,
    }
    for k, v in over.items():
        d[k] = v
    return d


def records():
    rs = []
    add = lambda i, extra=None, **kw: rs.append(dict(base(i, **kw), **(extra or {})))
    add(0)
    add(1, msg="plain", args=())
    add(2, msg="%(user)s did %(n)d", args={"user": "ann", "n": 2})
    add(3, {"user": "bob", "n": 7, "neg": -5, "small": 255, "mid": 65535, "i32": 2**31 - 1, "m32": -2**31})
    add(4, {"big": 2**70, "over": 2**31, "under": -2**31 - 1, "u64": 2**64 - 1})
    add(5, {"ratio": 0.25, "tiny": 5e-324, "huge": 1e300, "negzero": -0.0, "whole": 3.0})
    add(6, {"ok": True, "no": False, "none": None})
    add(7, {"text": "é ✓ 日本 \U0001f600", "empty": "", "a": "a", "b": "a", "e1": "é", "e2": "é", "euro": "€"})
    add(8, {"items": [1, "two", 3.0, None], "one": [1], "nil": [], "nested": [[1, [2]], {"k": ()}]})
    add(9, {"ctx": {"k": "v", "n": [1, 2]}, "order": {"z": 1, "a": 2}, "ints": {1: "one", 2: "two"}, "e": {}})
    add(10, {"pair": ("a", 1), "single": (1,), "unit": (), "deep": (("x",), [()])})
    add(11, {"raw": b"a\x00\xff", "nul": b"", "same": bytes([0x61, 0, 0xff]), "bl": [b"x", b"", b"yz", bytes([0x78])]})
    add(12, msg="grüße %s", args=("✓",), levelname="WARNING", levelno=30)
    add(13, msg="failed", args=(), levelname="ERROR", levelno=40,
        exc_text="Traceback (most recent call last):\n  File \"x\", line 1, in <module>\nValueError: bad")
    add(14, msg="where", args=(), stack_info="Stack (most recent call last):\n  File \"x\", line 1, in <module>")
    add(15, msg="no thread", args=(), thread=None, process=None)
    add(16, msg="notice", args=(), levelname="Level 25", levelno=25)
    add(17, {"long": "x" * 300, "list1001": list(range(1001))})
    add(18, {"k%d" % j: j for j in range(300)})
    add(19, msg="100%% sure %s", args=(None,), funcName="<module>")
    add(20, {"q": "a&b=c d+e/f?g#h%", "nl": "line1\nline2\r\t", "quote": "it's \"q\""})
    add(21, msg="%s %r %a", args=("é", "é", "é"), name="")
    add(22, {"mix": [1, (2, {"x": [b"y", None, True]}), {"t": (1.5,)}]})
    return rs


def make_record(d):
    return logging.makeLogRecord(d)


def pickle_of(d):
    return logging.handlers.SocketHandler("localhost", 0).makePickle(make_record(d))


class Capture:
    """A loopback HTTP server that records each raw request and answers 200."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.host = "127.0.0.1:%d" % self.sock.getsockname()[1]
        self.requests = []
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        while True:
            c, _ = self.sock.accept()
            threading.Thread(target=self.conn, args=(c,), daemon=True).start()

    def conn(self, c):
        buf = b""
        while True:
            while b"\r\n\r\n" not in buf:
                more = c.recv(65536)
                if not more:
                    return
                buf += more
            head, _, rest = buf.partition(b"\r\n\r\n")
            n = 0
            for line in head.split(b"\r\n")[1:]:
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    n = int(v)
            while len(rest) < n:
                rest += c.recv(65536)
            self.requests.append(head + b"\r\n\r\n" + rest[:n])
            buf = rest[n:]
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")


def http_requests(recs):
    cap = Capture()
    out = []
    for i, d in enumerate(recs):
        pair = {}
        for method in ("GET", "POST"):
            creds = ("user", "pä:ss") if method == "POST" and i % 2 else None
            h = logging.handlers.HTTPHandler(cap.host, "/log?app=x" if i % 4 == 0 else "/log", method, credentials=creds)
            h.handleError = lambda record: (_ for _ in ()).throw(RuntimeError("HTTPHandler failed"))
            n = len(cap.requests)
            h.emit(make_record(d))
            while len(cap.requests) == n:
                pass
            pair[method.lower()] = cap.requests[n].replace(cap.host.encode(), b"HOST").hex()
        out.append(pair)
    return out


def serve():
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(4)
    print("LISTENING %d" % srv.getsockname()[1], flush=True)
    c, _ = srv.accept()
    f = c.makefile("rb")
    while True:
        head = f.read(4)
        if len(head) < 4:
            return
        body = f.read(struct.unpack(">L", head)[0])
        want = pickle_of(pickle.loads(body))
        print(json.dumps({"same": want == head + body, "want": want.hex()}), flush=True)


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen_fidelity.py: the goldens come from CPython 3.11, not %s" % sys.version.split()[0])
    mode = sys.argv[1] if len(sys.argv) > 1 else "gen"
    recs = records()
    if mode == "serve":
        return serve()
    if mode == "http":
        print(json.dumps(http_requests(recs)))
        return
    reqs = http_requests(recs)
    out = []
    for d, r in zip(recs, reqs):
        out.append({"record": [[k, enc(v)] for k, v in d.items()], "pickle": pickle_of(d).hex(),
                    "get": r["get"], "post": r["post"]})
    with open(os.path.join(HERE, "fidelity.json"), "w", encoding="utf-8") as f:
        json.dump({"python": sys.version.split()[0], "records": out}, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("fidelity.json: %d records" % len(out))


if __name__ == "__main__":
    main()
