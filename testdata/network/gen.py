"""Generates the goldens of the network handlers and the receiver from
CPython 3.11 (run from this directory: python3 gen.py).

  pickles.json  frames CPython's SocketHandler.makePickle makes, the same
                record dict pickled with protocols 0-5, and unsafe or
                malformed pickles (made, never loaded) with the error class
                the Go decoder must give.
  syslog.json   the bytes CPython's SysLogHandler sends over UDP for records
                under several facilities, idents, formats and levels, and
                its encodePriority/mapPriority tables.
  http.json     the request line, headers and body CPython's HTTPHandler
                sends (GET and POST) for fixed records.
  smtp.json     the message CPython's SMTPHandler sends (smtplib against a
                minimal SMTP server on loopback), with the Date fixed.

Values JSON cannot hold are tagged: {"$bytes": hex}, {"$int": "digits"},
{"$tuple": [...]}. Pickles and byte strings are hex.
"""
import copyreg
import datetime
import email.utils
import http.server
import io
import json
import logging
import logging.handlers
import os
import pickle
import socket
import socketserver
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, obj):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, indent=1, ensure_ascii=False, sort_keys=False)
        f.write("\n")


def tag(v):
    if isinstance(v, bytes):
        return {"$bytes": v.hex()}
    if isinstance(v, bool) or v is None or isinstance(v, (str, float)):
        return v
    if isinstance(v, int):
        if -(2**63) <= v < 2**63:
            return v
        return {"$int": str(v)}
    if isinstance(v, tuple):
        return {"$tuple": [tag(x) for x in v]}
    if isinstance(v, list):
        return [tag(x) for x in v]
    if isinstance(v, dict):
        return {str(k): tag(x) for k, x in v.items()}
    raise TypeError(type(v))


# Fixed fields for records made with makeLogRecord, so Go can build the
# same record.
BASE = {
    "name": "app.net", "levelname": "INFO", "levelno": 20,
    "pathname": "/srv/app/main.py", "filename": "main.py", "module": "main",
    "lineno": 42, "funcName": "handle", "created": 1700000000.123456,
    "msecs": 123.0, "relativeCreated": 1234.5, "thread": 140234567890,
    "threadName": "MainThread", "processName": "MainProcess", "process": 4321,
}


def record(**kw):
    d = dict(BASE)
    d.update(kw)
    r = logging.makeLogRecord({"msg": "", "args": ()})
    # makeLogRecord sets the defaults of a fresh LogRecord first; set the
    # fixed fields over them in LogRecord's order.
    for k, v in d.items():
        setattr(r, k, v)
    r.exc_info = None
    r.exc_text = d.get("exc_text")
    r.stack_info = d.get("stack_info")
    return r


# --- pickles ---------------------------------------------------------------

class Evil:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


class Point:
    def __init__(self):
        self.x = 1


class PersistentPickler(pickle.Pickler):
    def persistent_id(self, obj):
        if obj == "ref-me":
            return "oid-1"
        return None


SHARED = [1, [2, 3], "x"]


def pickles():
    h = logging.handlers.SocketHandler("localhost", 9)
    out = {"frames": [], "protocols": [], "refused": []}
    extras = {
        "user": "bob", "n": 7, "big": 2**70, "neg": -5, "ratio": 0.25,
        "ok": True, "none": None, "items": [1, "two", 3.0, None],
        "pair": ("a", 1), "ctx": {"k": "v", "n": [1, 2]}, "raw": b"a\x00\xff",
        "text": "é ✓ 日本",
    }
    cases = [
        ("plain", dict(msg="hello", args=()), {}),
        ("args", dict(msg="user %s from %s tried %d times", args=("bob", "10.0.0.1", 3)), {}),
        ("extras", dict(msg="with extras"), extras),
        ("unicode", dict(msg="grüße %s", args=("✓",), levelname="WARNING", levelno=30), {}),
        ("exc_text", dict(msg="failed", levelname="ERROR", levelno=40,
                          exc_text="Traceback (most recent call last):\n  File \"x\", line 1\nValueError: bad"), {}),
        ("stack", dict(msg="where", stack_info="Stack (most recent call last):\n  File \"x\", line 1, in <module>"), {}),
        ("custom level", dict(msg="notice", levelname="Level 25", levelno=25), {}),
        ("shared list", dict(msg="one list, two keys"), {"a": SHARED, "b": SHARED, "c": {"d": SHARED}}),
    ]
    for name, kw, extra in cases:
        r = record(**kw)
        for k, v in extra.items():
            setattr(r, k, v)
        frame = h.makePickle(r)
        d = pickle.loads(frame[4:])
        out["frames"].append({"name": name, "frame": frame.hex(), "dict": tag(d),
                              "message": r.getMessage()})
    r = record(msg="proto %d", args=(5,))
    r.extra_bytes = b"\x01\x02"
    r.extra_tuple = (1, (2, 3))
    d = dict(r.__dict__)
    d["msg"], d["args"] = r.getMessage(), None
    for proto in range(0, 6):
        out["protocols"].append({"protocol": proto, "pickle": pickle.dumps(d, proto).hex(), "dict": tag(d)})

    def refuse(name, data, error):
        out["refused"].append({"name": name, "pickle": data.hex(), "error": error})

    refuse("reduce os.system", pickle.dumps({"x": Evil()}, 1), "unsafe")
    refuse("reduce os.system protocol 0", pickle.dumps(Evil(), 0), "unsafe")
    refuse("stack global protocol 4", pickle.dumps({"x": Evil()}, 4), "unsafe")
    refuse("object protocol 2", pickle.dumps({"p": Point()}, 2), "unsafe")
    refuse("class lookup only", pickle.dumps({"cls": Point}, 1), "unsafe")
    refuse("set", pickle.dumps({"s": {1, 2}}, 4), "unsafe")
    refuse("frozenset", pickle.dumps({"s": frozenset([1])}, 4), "unsafe")
    b = io.BytesIO()
    PersistentPickler(b, 1).dump({"r": "ref-me"})
    refuse("persistent id", b.getvalue(), "unsafe")
    copyreg.add_extension(Point.__module__, "Point", 240)
    try:
        refuse("extension code", pickle.dumps({"p": Point()}, 2), "unsafe")
    finally:
        copyreg.remove_extension(Point.__module__, "Point", 240)
    refuse("not a dict", pickle.dumps(["a", 1], 1), "bad")
    refuse("int key", pickle.dumps({1: "a"}, 1), "bad")
    good = pickle.dumps({"msg": "x"}, 1)
    refuse("truncated", good[:-3], "bad")
    refuse("no stop", good[:-1], "bad")
    refuse("trailing bytes", good + b"N.", "bad")
    deep = []
    for _ in range(100):
        deep = [deep]
    refuse("deep nesting", pickle.dumps({"d": deep}, 1), "bad")
    selfref = {"msg": "x"}
    selfref["me"] = selfref
    refuse("self reference", pickle.dumps(selfref, 1), "bad")
    big = [0] * 200
    refuse("expansion", pickle.dumps({"l": [big] * 4000}, 2), "bad")
    refuse("huge int text", b"(V" + b"n\n" + b"I" + b"9" * 5000 + b"\nd.", "bad")
    refuse("unknown opcode", b"(\xffd.", "unsafe")
    write("pickles.json", out)


# --- syslog ----------------------------------------------------------------

def syslog():
    out = {"cases": [], "priorities": {}, "facilities": {}, "map": {}}
    H = logging.handlers.SysLogHandler
    out["priorities"] = dict(H.priority_names)
    out["facilities"] = dict(H.facility_names)
    for name in ["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", "NOTICE", "Level 22", ""]:
        out["map"][name] = H.mapPriority(H, name)
    logging.addLevelName(25, "NOTICE")
    logging.addLevelName(5, "TRACE")
    records = [
        {"name": "app", "level": 10, "msg": "debug %d", "args": [1]},
        {"name": "app.db", "level": 20, "msg": "info é ✓"},
        {"name": "app", "level": 30, "msg": "warn %s", "args": ["x"]},
        {"name": "app", "level": 40, "msg": "error"},
        {"name": "app", "level": 50, "msg": "critical"},
        {"name": "app", "level": 25, "msg": "notice"},
        {"name": "app", "level": 5, "msg": "trace"},
        {"name": "app", "level": 22, "msg": "level 22"},
        {"name": "app", "level": 20, "msg": "multi\nline"},
    ]
    configs = [
        {"facility": "user"},
        {"facility": "local0", "ident": "myapp: "},
        {"facility": 3, "append_nul": False},
        {"facility": "auth", "format": "%(name)s[%(levelname)s]: %(message)s"},
        {"facility": "local7", "ident": "ïdent ", "append_nul": False, "format": "%(levelno)d %(message)s"},
    ]
    rsock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    rsock.bind(("127.0.0.1", 0))
    for cfg in configs:
        h = H(("127.0.0.1", rsock.getsockname()[1]), cfg["facility"])
        if "ident" in cfg:
            h.ident = cfg["ident"]
        if "append_nul" in cfg:
            h.append_nul = cfg["append_nul"]
        if "format" in cfg:
            h.setFormatter(logging.Formatter(cfg["format"]))
        sent = []
        for rec in records:
            lg = logging.getLogger(rec["name"])
            lg.propagate = False
            lg.setLevel(1)
            lg.handlers = [h]
            lg.log(rec["level"], rec["msg"], *rec.get("args", []))
            sent.append(rsock.recv(65536).hex())
        h.close()
        out["cases"].append({"config": cfg, "records": records, "datagrams": sent})
    rsock.close()
    write("syslog.json", out)


# --- HTTP ------------------------------------------------------------------

class Capture(http.server.BaseHTTPRequestHandler):
    requests = []

    def handle_one(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        Capture.requests.append({
            "method": self.command, "path": self.path,
            "content_type": self.headers.get("Content-type"),
            "authorization": self.headers.get("Authorization"),
            "body": body.decode("ascii"),
        })
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = handle_one

    def log_message(self, *a):
        pass


def http_goldens():
    srv = http.server.HTTPServer(("127.0.0.1", 0), Capture)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    host = "127.0.0.1:%d" % srv.server_address[1]
    records = [
        {"name": "plain", "fields": {"msg": "hello world"}, "extra": {}},
        {"name": "args", "fields": {"msg": "user %s tried %d times", "args": ["bob", 3]}, "extra": {}},
        {"name": "mapping args", "fields": {"msg": "user %(u)s", "args": {"u": "al"}}, "extra": {}},
        {"name": "empty mapping arg", "fields": {"msg": "%r", "args": [{}]}, "extra": {}},
        {"name": "unicode and specials", "fields": {"msg": "grüße & ✓ a+b=c/d?e", "args": []}, "extra": {}},
        {"name": "extras", "fields": {"msg": "x", "levelname": "ERROR", "levelno": 40,
                                      "exc_text": "Traceback: boom", "stack_info": "Stack:\n here"},
         "extra": {"user": "bob", "n": 7, "ratio": 0.5, "ok": False, "none": None,
                   "items": [1, "a", None], "ctx": {"k": "v"}}},
        {"name": "floats", "fields": {"msg": "f", "created": 1e16, "msecs": 0.0, "relativeCreated": 1.5e-05}, "extra": {}},
    ]
    out = {"url": "/log", "cases": []}
    for method, url, creds in [("GET", "/log", None), ("POST", "/log", None),
                               ("GET", "/log?src=py", None), ("POST", "/log", ("user", "pässword"))]:
        for rec in records:
            f = dict(rec["fields"])
            args = f.pop("args", [])
            r = record(**f)
            r.args = args if isinstance(args, dict) else tuple(args)
            for k, v in rec["extra"].items():
                setattr(r, k, v)
            h = logging.handlers.HTTPHandler(host, url, method, credentials=creds)
            Capture.requests.clear()
            h.emit(r)
            req = Capture.requests[0]
            out["cases"].append({"record": rec["name"], "fields": rec["fields"],
                                 "extra": [[k, v] for k, v in rec["extra"].items()],
                                 "method": method, "url": url,
                                 "credentials": list(creds) if creds else None, "request": req})
    srv.shutdown()
    srv.server_close()
    write("http.json", out)


# --- SMTP ------------------------------------------------------------------

class SMTPSink(socketserver.StreamRequestHandler):
    messages = []

    def handle(self):
        w = self.wfile.write
        w(b"220 sink ESMTP\r\n")
        env = {"from": None, "to": []}
        while True:
            line = self.rfile.readline()
            if not line:
                return
            cmd = line.decode("ascii", "replace").strip()
            up = cmd.upper()
            if up.startswith("EHLO"):
                w(b"250-sink\r\n250-8BITMIME\r\n250-SIZE 10000000\r\n250 SMTPUTF8\r\n")
            elif up.startswith("HELO"):
                w(b"250 sink\r\n")
            elif up.startswith("MAIL FROM:"):
                env["from"] = cmd[10:].split()[0]
                env["mail"] = cmd
                w(b"250 ok\r\n")
            elif up.startswith("RCPT TO:"):
                env["to"].append(cmd[8:].split()[0])
                w(b"250 ok\r\n")
            elif up == "DATA":
                w(b"354 go\r\n")
                data = b""
                while True:
                    l = self.rfile.readline()
                    if l == b".\r\n":
                        break
                    if l.startswith(b".."):
                        l = l[1:]
                    data += l
                SMTPSink.messages.append({"from": env["from"], "to": list(env["to"]), "data": data,
                                          "mail": env["mail"]})
                env = {"from": None, "to": []}
                w(b"250 queued\r\n")
            elif up == "QUIT":
                w(b"221 bye\r\n")
                return
            else:
                w(b"250 ok\r\n")


def smtp():
    srv = socketserver.TCPServer(("127.0.0.1", 0), SMTPSink)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    port = srv.server_address[1]
    fixed = datetime.datetime(2024, 3, 10, 12, 34, 56, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    email.utils.localtime = lambda *a, **k: fixed
    cases = [
        ("short ascii", "bot@example.com", ["ops@example.com"], "Alert", "disk full on db1"),
        ("display names", "Log Bot <bot@example.com>", ["ops@example.com", "Dev Team <dev@example.org>"],
         "Alert: something failed in the payment service at the worst possible moment again",
         "line one\nline two"),
        ("8bit body", "bot@example.com", ["ops@example.com"], "unicode body", "é unicode body ✓"),
        ("long line qp", "bot@example.com", ["ops@example.com"], "long", "x" * 100),
        ("long line non-ascii", "bot@example.com", ["ops@example.com"], "long ü", ("ü" * 50 + " ") * 3),
        ("base64", "bot@example.com", ["ops@example.com"], "b64", "日本語のテキスト" * 12),
        ("traceback", "bot@example.com", ["ops@example.com"], "Error in app",
         "failed to pay\nTraceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    pay()\nValueError: bad amount"),
        ("dots and spaces", "bot@example.com", ["ops@example.com"], "dots", ".leading dot\n..two\ntrailing space \n\ttab"),
        ("non-ascii subject", "bot@example.com", ["ops@example.com"],
         "Ünïcode subject ✓ with some more words to make it long enough to fold maybe", "x"),
        ("long word subject", "bot@example.com", ["ops@example.com"], "a " + "x" * 90 + " tail", "x"),
        ("empty body", "bot@example.com", ["ops@example.com"], "empty", ""),
        ("crlf in body", "bot@example.com", ["ops@example.com"], "crlf", "a\r\nb\rc"),
        ("subject just too long", "bot@example.com", ["ops@example.com"],
         "Disk usage on the database server crossed ninety percent at midnight ok", "x"),
        ("two non-ascii words", "bot@example.com", ["ops@example.com"],
         "Fehler in der Zahlungsabwicklung: Überweisung abgelehnt, bitte prüfen Sie die Konfiguration des Dienstes", "x"),
        ("long non-ascii subject", "bot@example.com", ["ops@example.com"], "日本語の件名" * 8, "x"),
        ("tabs and spaces", "bot@example.com", ["ops@example.com"], "a\t b   c \t d", "x"),
        ("many display names", "Alerts <bot@example.com>",
         ["Alice Longname <alice.longname@example.com>", "Bob Builder <bob.builder@example.org>", "carol@example.net",
          "Dave Dee <dave@example.com>"], "to many", "x"),
        ("non-ascii display name", "Lögger Bot <bot@example.com>", ["Ops Team <ops@example.com>"], "from", "x"),
        ("qp details", "bot@example.com", ["ops@example.com"], "qp",
         "a=b " * 30 + "\n" + "y" * 76 + " \n" + "z" * 77 + "\t\n" + "w" * 75 + "  \n\x0bcontrol\x01 é"),
        ("qp many lines", "bot@example.com", ["ops@example.com"], "qp many",
         "\n".join(["line %d" % i for i in range(12)]) + "\n" + "q" * 90),
        ("long subject no spaces", "bot@example.com", ["a@example.com", "b@example.com", "c@example.com",
                                                        "d@example.com", "e@example.com", "f@example.com"],
         "Subject-" + "y" * 80, "x"),
        ("control characters in subject", "bot@example.com", ["ops@example.com"],
         "0" * 40 + " \x1f" + " " * 28 + "00000000 abc\x1fdef " + "0" * 76, "x"),
    ]
    out = {"date": "Sun, 10 Mar 2024 12:34:56 +0100", "cases": []}
    for name, frm, to, subject, text in cases:
        h = logging.handlers.SMTPHandler(("127.0.0.1", port), frm, to, subject)
        r = record(msg=text)
        SMTPSink.messages.clear()
        h.emit(r)
        m = SMTPSink.messages[0]
        out["cases"].append({"name": name, "from": frm, "to": to, "subject": subject, "text": text,
                             "envelope_from": m["from"], "envelope_to": m["to"], "mail_line": m["mail"],
                             "message": m["data"].decode("utf-8")})
    srv.shutdown()
    srv.server_close()
    write("smtp.json", out)


if __name__ == "__main__":
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen.py: the goldens come from CPython 3.11, this is %s" % sys.version.split()[0])
    pickles()
    syslog()
    http_goldens()
    smtp()
