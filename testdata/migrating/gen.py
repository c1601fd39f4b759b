"""Writes names.json: every public name of CPython's logging,
logging.handlers and logging.config modules (dir() less names starting with
an underscore), which docs/migrating_test.go checks against
docs/MIGRATING.md.

    python3 testdata/migrating/gen.py
"""

import json
import logging
import logging.config
import logging.handlers
import os
import sys

out = {
    "python": "%d.%d.%d" % sys.version_info[:3],
    "modules": {
        m.__name__: sorted(n for n in dir(m) if not n.startswith("_"))
        for m in (logging, logging.handlers, logging.config)
    },
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "names.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print(path, sum(len(v) for v in out["modules"].values()), "names")
