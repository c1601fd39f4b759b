"""A CPython network logging receiver, as in the logging cookbook.

Listens on TCP (socketserver + pickle.loads + logging.makeLogRecord), or on
UDP or a Unix socket, and writes each record it receives to standard output
as one JSON line: the record's __dict__ after makeLogRecord, plus
"getMessage" (record.getMessage()). The first line is "LISTENING <port or
path>". Values JSON cannot hold are written as their repr.

Used by the Go tests of handlers (SocketHandler, DatagramHandler) as the
Python peer:  python3 py_receiver.py tcp 127.0.0.1 0
              python3 py_receiver.py udp 127.0.0.1 0
              python3 py_receiver.py unix /path/to/sock
"""
import json
import logging
import os
import pickle
import socket
import socketserver
import struct
import sys


def emit(record):
    d = dict(record.__dict__)
    d["getMessage"] = record.getMessage()
    sys.stdout.write(json.dumps(d, default=repr, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def decode(chunk):
    return logging.makeLogRecord(pickle.loads(chunk))


class StreamHandler(socketserver.StreamRequestHandler):
    # The cookbook's LogRecordStreamHandler.
    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack(">L", chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                more = self.connection.recv(slen - len(chunk))
                if not more:
                    return
                chunk = chunk + more
            emit(decode(chunk))


class TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


def main():
    kind = sys.argv[1]
    if kind == "tcp":
        server = TCPServer((sys.argv[2], int(sys.argv[3])), StreamHandler)
        print("LISTENING", server.server_address[1], flush=True)
        server.serve_forever()
    elif kind == "unix":
        server = UnixServer(sys.argv[2], StreamHandler)
        print("LISTENING", sys.argv[2], flush=True)
        server.serve_forever()
    elif kind == "udp":
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((sys.argv[2], int(sys.argv[3])))
        print("LISTENING", sock.getsockname()[1], flush=True)
        while True:
            data = sock.recv(65536)
            # DatagramHandler sends the same length-prefixed frame.
            emit(decode(data[4:]))
    else:
        sys.exit("unknown kind %r" % kind)


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        pass
