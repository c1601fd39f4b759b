"""Sends records with CPython's SocketHandler, DatagramHandler or
SysLogHandler, for the Go tests (the Go receiver and SysLogHandler's byte
comparison).

    python3 py_sender.py socket HOST PORT < records.json
    python3 py_sender.py datagram HOST PORT < records.json
    python3 py_sender.py syslog udp|tcp|unix ADDRESS OPTIONS_JSON < records.json

records.json is a JSON list of {"name", "level", "msg", "args", "extra"}.
For syslog, OPTIONS_JSON holds "facility", "ident", "append_nul" and
"format". Prints one JSON line per record sent (the fields the receiver
cannot know in advance: created, msecs, thread, process, pathname, lineno,
funcName), then "SENT <n>".
"""
import json
import logging
import logging.handlers
import socket
import sys


def main():
    kind = sys.argv[1]
    if kind == "socket":
        h = logging.handlers.SocketHandler(sys.argv[2], int(sys.argv[3]))
    elif kind == "datagram":
        h = logging.handlers.DatagramHandler(sys.argv[2], int(sys.argv[3]))
    elif kind == "syslog":
        net, address, opts = sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
        if net == "unix":
            addr, socktype = address, None
        else:
            host, port = address.rsplit(":", 1)
            addr = (host, int(port))
            socktype = socket.SOCK_STREAM if net == "tcp" else socket.SOCK_DGRAM
        h = logging.handlers.SysLogHandler(addr, opts.get("facility", "user"), socktype)
        if "ident" in opts:
            h.ident = opts["ident"]
        if "append_nul" in opts:
            h.append_nul = opts["append_nul"]
        if "format" in opts:
            h.setFormatter(logging.Formatter(opts["format"]))
    else:
        sys.exit("unknown kind %r" % kind)
    for name, level in (("NOTICE", 25), ("TRACE", 5)):
        logging.addLevelName(level, name)
    sent = []

    def capture(record):
        sent.append({k: getattr(record, k) for k in (
            "name", "levelno", "levelname", "created", "msecs", "relativeCreated", "thread",
            "threadName", "process", "processName", "pathname", "filename", "module", "lineno", "funcName")})
        return True

    h.addFilter(capture)
    records = json.load(sys.stdin)
    for r in records:
        logger = logging.getLogger(r["name"])
        logger.propagate = False
        logger.setLevel(1)
        if h not in logger.handlers:
            logger.addHandler(h)
        logger.log(r["level"], r["msg"], *r.get("args", []), extra=r.get("extra"))
    h.close()
    for s in sent:
        print(json.dumps(s))
    print("SENT", len(records), flush=True)


if __name__ == "__main__":
    main()
