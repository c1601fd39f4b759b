"""Folds header values as CPython's default e-mail policy does, for the
differential fuzz tests of the Go port (FuzzFoldSubject and
FuzzFoldAddresses, package internal/mime). Reads JSON lines {"name",
"value"}, writes JSON lines {"folded": "Name: ...\\r\\n"} or {"error": "..."}.
"""
import email.policy
import json
import sys
from email.message import EmailMessage

for line in sys.stdin:
    req = json.loads(line)
    try:
        m = EmailMessage()
        m[req["name"]] = req["value"]
        out = m.as_bytes(policy=email.policy.SMTP).decode("ascii")
        resp = {"folded": out[:-2]}  # without the blank line ending the headers
    except Exception as e:  # CPython's own failures: not compared
        resp = {"error": repr(e)}
    sys.stdout.write(json.dumps(resp) + "\n")
    sys.stdout.flush()
