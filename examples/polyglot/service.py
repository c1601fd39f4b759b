"""The Python side of the polyglot example: a small service that logs
through a few loggers in a hierarchy, a LoggerAdapter with a request id, an
exception and a library logger with a NullHandler, configured by
logging.yaml (dictConfig) or logging.conf (fileConfig).

main.go is the same service in Go; main_test.go runs both and compares
what they write.

    python3 service.py -config logging.yaml [-port 9020] [-clock 1772366280]

-clock fixes the clock (seconds since the epoch) for tests: time.time and
time.time_ns return it, and the service moves it on by a fixed step before
each unit of work, so two runs write the same times.
"""

import argparse
import logging
import logging.config
import logging.handlers
import time

import yaml  # PyYAML, only for logging.yaml

# A library does this at import time: its logger has a NullHandler and no
# level, and its records propagate to whatever the application configures.
lib = logging.getLogger("lib")
lib.addHandler(logging.NullHandler())

STEP = 397.25  # seconds between units of work under -clock


class Clock:
    """A settable clock that replaces time.time and time.time_ns. It counts
    integer nanoseconds and time.time divides them by 1e9, as CPython's
    time.time does (and slogpy's record times)."""

    def __init__(self, start):
        self.ns = round(start * 1e9)

    def advance(self, seconds):
        self.ns += round(seconds * 1e9)

    def install(self):
        time.time = lambda: self.ns / 1e9
        time.time_ns = lambda: self.ns


class RequestAdapter(logging.LoggerAdapter):
    """The cookbook's adapter: prefixes the message with the request id,
    and keeps the id as an attribute (extra) of each record."""

    def process(self, msg, kwargs):
        kwargs["extra"] = self.extra
        return "[%s] %s" % (self.extra["request_id"], msg), kwargs


def configure(path, port):
    if path.endswith(".conf"):
        logging.config.fileConfig(
            path, defaults={"port": str(port)}, disable_existing_loggers=False
        )
        return
    with open(path, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    cfg["handlers"]["socket"]["port"] = port
    logging.config.dictConfig(cfg)


def work(clock):
    app = logging.getLogger("app")
    db = logging.getLogger("app.db")
    http = RequestAdapter(logging.getLogger("app.http"), {"request_id": "r-42"})
    for i in range(12):
        if clock is not None:
            clock.advance(STEP)
        db.debug("query %d: SELECT * FROM items WHERE id = %d", i, i * 7)
        if i % 3 == 0:
            app.info("tick %d of %d", i, 12, extra={"user": "ann"})
        if i % 4 == 1:
            http.info("GET /items/%d -> %d in %.1f ms", i, 200, i * 1.5)
        if i == 5:
            lib.warning("library %s is deprecated", "old-lib")
            lib.info("not shown: lib is at the root's WARNING")
            app.debug("not shown: app is at INFO")
        if i == 7:
            try:
                raise ValueError("bad row %d" % i)
            except ValueError:
                http.exception("request %r failed", "/items/7")
        if i % 5 == 4:
            db.warning("slow query: %5.2f%% of the budget", 87.5)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-config", required=True, help="logging.yaml or logging.conf")
    p.add_argument("-port", type=int, default=logging.handlers.DEFAULT_TCP_LOGGING_PORT)
    p.add_argument("-clock", type=float, default=None, help="fixed clock (epoch seconds)")
    args = p.parse_args()
    clock = None
    if args.clock is not None:
        clock = Clock(args.clock)
        clock.install()
    configure(args.config, args.port)
    work(clock)
    logging.shutdown()


if __name__ == "__main__":
    main()
