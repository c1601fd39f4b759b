#!/usr/bin/env python3
"""Generate testdata/callform/calls.json with CPython (3.11).

    python3 testdata/callform/gen.py

Each case is a logging call logger.info(msg, *args) as a Go program might
write it, and what CPython's LogRecord.getMessage() does with it:

    {"msg": ..., "args": [...], "out": "..."}       CPython formats it, or
    {"msg": ..., "args": [...], "error": "TypeError: ...",
     "taken": k, "prefix": "...", "slog": true|false}

For a call CPython fails on, taken is the largest k < len(args) for which
CPython formats msg with the first k arguments (0: the message as is), and
prefix is that text; slog says (checked by hand) whether slogpy reads the
arguments after the first k as slog.Logger.Info reads its arguments
(key-value pairs, slog.Attr, a value where a key is expected as !BADKEY),
as attributes after the message prefix. When every argument is part of a
complete pair and the directives cannot take them (a literal % in the
message), or a directive with the space flag would take some of them and
leave the others ("100% sure" reads "% s"), k is 0 and the prefix is the
message as written.

Arguments are tagged as in testdata/pyfmt/gen.py: {"t": "str", "v": ...},
{"t": "int", "v": "3"}, {"t": "float", "v": "1.5"}, {"t": "bool", "v": true},
{"t": "none"}, {"t": "dict", "v": [[key, value], ...]}, {"t": "list", "v": [...]}
(enc of testdata/pyfmt/gen.py).

slogpy must print every "out" byte for byte. Where CPython raises "not all
arguments converted", slogpy reads the surplus arguments as slog does, and
Go verbs (%v...) as fmt: the Go test derives that expectation from log/slog
and fmt, not from this file.
"""

import importlib.util
import json
import logging
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def _pyfmt_gen():
    """testdata/pyfmt/gen.py, whose enc tags values for Go."""
    path = os.path.join(HERE, "..", "pyfmt", "gen.py")
    spec = importlib.util.spec_from_file_location("pyfmt_gen", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


enc = _pyfmt_gen().enc


CASES = [
    # No directives: CPython formats only without arguments or with one
    # non-empty mapping; any other argument is surplus.
    ("request failed", [], False),
    ("request failed", ["err", "boom"], True),
    ("request failed", ["err", "boom", "user", "bob"], True),
    ("request failed", ["user"], True),
    ("request failed", [{"user": "bob"}], False),
    ("request failed", [{}], True),
    ("request failed", [3], True),
    ("request failed", ["user", "bob", 3], True),
    ("100%% done", [], False),
    ("100%% done", ["k", 1], True),
    ("100%% done", [{"k": 1}], False),
    # Directives take theirs first.
    ("user %s", ["bob"], False),
    ("user %s", ["bob", "try", 3], True),
    ("user %s", ["bob", "try"], True),
    ("user %s", ["bob", 3, 4], True),
    ("user %s from %s try %d", ["bob", "10.0.0.1", 3], False),
    ("user %s from %s try %d", ["bob", "10.0.0.1", 3, "ms", 1.5], True),
    ("%*d|", [5, 42], False),
    ("%*d|", [5, 42, "k", "v"], True),
    ("%.*f|", [2, 3.14159, "k", True], True),
    ("%s %%", ["a", "k", None], True),
    ("user %s", [{"a": 1}], False),
    ("user %s", [{"a": 1}, "k", 2], True),
    ("list %s", [[1, "a"], "k", [2]], True),
    # Errors the surplus does not explain stay Python's.
    ("user %d", ["bob", "k", 1], False),
    ("user %s %s", ["bob"], False),
    ("user %(name)s", ["name", "bob"], True),
    ("user %(name)s", [{"name": "bob"}], False),
    ("user %(name)s", [{"name": "bob"}, "k", 1], False),
    ("100% sure", ["k", "v"], True),
    # A literal % among complete slog pairs: the directives cannot take
    # them, so the message stands as written and every pair is an
    # attribute (taken 0).
    ("50% of", ["k", 1], True),
    ("trailing %", ["k", 1], True),
    ("odd %y", ["k", 1], True),
    ("disk 90% full", ["disk", "sda"], True),
    ("progress 50%", ["job", 7], True),
    ("progress 50%", ["job", 7, "step"], False),
    ("done 50% of %d", [10, "job", 7], False),
    # Go verbs: unknown to Python.
    ("value %v", [3], False),
    ("value %v", [3, "k", "v"], False),
    ("value %+v %#v %T", [1, "s", 2.5], False),
    ("ok %t", [True], False),
    ("quoted %q", ["a\"b"], False),
    ("wrapped %w", ["boom"], False),
    ("width %5v|%-4v|", [1, 2], False),
    ("mixed %s %v %d", ["a", "b", 3], False),
    ("mixed %s %v %d", ["a", "b", 3, "k", 1], False),
    ("keyed %(a)v", [{"a": 1}], False),
    ("keyed %(a)s", [{"a": 1}], False),
]


def all_pairs(args):
    """Whether args are complete slog pairs: a string at every even place."""
    return len(args) >= 2 and len(args) % 2 == 0 and all(isinstance(a, str) for a in args[::2])


def has_space_flag(msg):
    """Whether a directive of msg has the space flag ("100% sure": "% s")."""
    i = 0
    while True:
        i = msg.find("%", i)
        if i < 0:
            return False
        if msg[i + 1:i + 2] == "%":
            i += 2
            continue
        j = i + 1
        if msg[j:j + 1] == "(":
            k = msg.find(")", j)
            if k < 0:
                return False
            j = k + 1
        while j < len(msg) and msg[j] in "-#0+ ":
            if msg[j] == " ":
                return True
            j += 1
        i = j


def main():
    out = []
    for msg, args, slog in CASES:
        rec = logging.LogRecord("app", logging.INFO, "f.py", 1, msg, tuple(args), None)
        case = {"msg": msg, "args": [enc(a) for a in args]}
        try:
            case["out"] = rec.getMessage()
        except Exception as e:  # noqa: BLE001 - the exception is the golden
            case["error"] = type(e).__name__ + ": " + str(e)
            case["slog"] = slog
            for k in range(len(args) - 1, -1, -1):
                try:
                    rec = logging.LogRecord("app", logging.INFO, "f.py", 1, msg, tuple(args[:k]), None)
                    case["prefix"], case["taken"] = rec.getMessage(), k
                    break
                except Exception:  # noqa: BLE001
                    continue
            if slog and all_pairs(args) and has_space_flag(msg) and case.get("taken", 0) < len(args):
                # slogpy's literal %: a space-flag directive that would
                # take some of the pairs ("100% sure" reads "% s").
                case["prefix"], case["taken"] = msg, 0
        out.append(case)
    with open(os.path.join(HERE, "calls.json"), "w") as f:
        json.dump(out, f, indent=1, ensure_ascii=False, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
