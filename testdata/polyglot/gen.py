"""Writes python.json: what examples/polyglot/service.py writes under
CPython with the fixed clock, for each configuration (logging.yaml,
logging.conf): its standard output, its log files after rotation, and the
record dictionaries its SocketHandler sent (unpickled). The Go test
TestSameOutputAsGolden (examples/polyglot) replays it without Python;
TestSameOutput runs service.py live.

    python3 testdata/polyglot/gen.py
"""

import json
import os
import pickle
import socket
import struct
import subprocess
import sys
import tempfile
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.normpath(os.path.join(HERE, "..", "..", "examples", "polyglot"))
START = 1772366280  # main_test.go's start


def receive(srv, out):
    conn, _ = srv.accept()
    with conn:
        data = b""
        while True:
            chunk = conn.recv(65536)
            if not chunk:
                break
            data += chunk
    while data:
        (n,) = struct.unpack(">L", data[:4])
        out.append(pickle.loads(data[4 : 4 + n]))  # our own service's frames
        data = data[4 + n :]


def run(cfg):
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen()
    received = []
    t = threading.Thread(target=receive, args=(srv, received))
    t.start()
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, TZ="UTC", PYTHONDONTWRITEBYTECODE="1")
        p = subprocess.run(
            [sys.executable, os.path.join(EXAMPLE, "service.py"),
             "-config", os.path.join(EXAMPLE, cfg),
             "-port", str(srv.getsockname()[1]), "-clock", str(START)],
            cwd=d, env=env, capture_output=True, text=True, check=True)
        t.join()
        srv.close()
        files = {}
        for name in sorted(os.listdir(d)):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                files[name] = f.read()
    return {"console": p.stdout, "stderr": p.stderr, "files": files, "received": received}


out = {"python": "%d.%d.%d" % sys.version_info[:3],
       "configs": {cfg: run(cfg) for cfg in ("logging.yaml", "logging.conf")}}
path = os.path.join(HERE, "python.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print(path, {k: len(v["received"]) for k, v in out["configs"].items()}, "records")
