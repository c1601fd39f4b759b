#!/usr/bin/env python3
"""Generate the golden files of internal/pyfmt with CPython.

    python3 testdata/pyfmt/gen.py

writes percent.json, brace.json, dollar.json, repr.json and floats.json
next to this script. Each of the first four is a JSON list of cases:

    {"format": ..., "args": ..., "out": ...}   or
    {"format": ..., "args": ..., "error": "TypeError: ..."}

where error is the exception type name, ": " and str(exception).

- percent.json: format % args. args is a list, the tuple operand of %,
  except that a single dict is the operand itself (format % mapping).
- brace.json: format.format(**args); args is an object of keyword arguments.
- dollar.json: string.Template(format).substitute(**args).
- repr.json: format is "str", "repr" or "ascii"; args holds one value.
- floats.json: {"hex": float.hex(v), "repr": repr(v)} for 4000 floats.

Values are tagged so that Go rebuilds their exact type:
{"t": "none"}, {"t": "bool", "v": true}, {"t": "int", "v": "123"} (decimal
string, any size), {"t": "float", "v": "0.1"} (repr), {"t": "str", "v": ...},
{"t": "bytes", "v": "<hex>"}, {"t": "list", "v": [...]} and
{"t": "dict", "v": [[key, value], ...]}. Go maps have no order, so Go sorts
dict keys by str(); the generator builds every dict in that order.

The output only depends on this script and the CPython version (3.11).
"""

import json
import os
import string
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

INF = float("inf")
NAN = float("nan")


def sort_key(k):
    return (str(k), repr(k))


def normalize(v):
    """Rebuild dicts, recursively, with keys in the order Go prints them."""
    if isinstance(v, dict):
        return {k: normalize(v[k]) for k in sorted(v, key=sort_key)}
    if isinstance(v, list):
        return [normalize(x) for x in v]
    return v


def enc(v):
    if v is None:
        return {"t": "none"}
    if isinstance(v, bool):
        return {"t": "bool", "v": v}
    if isinstance(v, int):
        return {"t": "int", "v": str(v)}
    if isinstance(v, float):
        return {"t": "float", "v": repr(v)}
    if isinstance(v, str):
        return {"t": "str", "v": v}
    if isinstance(v, bytes):
        return {"t": "bytes", "v": v.hex()}
    if isinstance(v, list):
        return {"t": "list", "v": [enc(x) for x in v]}
    if isinstance(v, dict):
        return {"t": "dict", "v": [[enc(k), enc(x)] for k, x in v.items()]}
    raise TypeError("cannot encode %r" % (v,))


def run(fn):
    try:
        out = fn()
    except Exception as e:  # noqa: BLE001 - every exception is a result
        return {"error": type(e).__name__ + ": " + str(e)}
    out.encode("utf-8")  # Go strings cannot hold lone surrogates
    return {"out": out}


def percent_case(fmt, args):
    args = [normalize(a) for a in args]
    operand = args[0] if len(args) == 1 and isinstance(args[0], dict) else tuple(args)
    case = {"format": fmt, "args": [enc(a) for a in args]}
    case.update(run(lambda: fmt % operand))
    return case


def brace_case(fmt, kwargs):
    kwargs = normalize(kwargs)
    case = {"format": fmt, "args": {k: enc(v) for k, v in kwargs.items()}}
    case.update(run(lambda: fmt.format(**kwargs)))
    return case


def dollar_case(fmt, kwargs):
    kwargs = normalize(kwargs)
    case = {"format": fmt, "args": {k: enc(v) for k, v in kwargs.items()}}
    case.update(run(lambda: string.Template(fmt).substitute(**kwargs)))
    return case


def repr_case(func, value):
    value = normalize(value)
    case = {"format": func, "args": [enc(value)]}
    case.update(run(lambda: {"str": str, "repr": repr, "ascii": ascii}[func](value)))
    return case


# Values of every Python type the Go side maps to.
STRINGS = [
    "abc", "", "it's", 'say "hi"', "both ' and \"", "tab\there\nnew\rret",
    "back\\slash", "ünïcödé", "日本語", "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad",
    "\u200b\u2028\ufeff", "\U0001f600 emoji", "\U000e0001", "\ud7ff\ue000\uffff",
]
INTS = [0, 1, -1, 7, -42, 255, 2**31, -2**31 - 1, 2**63 - 1, -2**63, 2**64 - 1, 2**64, -2**70, 10**30]
FLOATS = [
    0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3, 2 / 3, 0.1 + 0.2, 1e15, 1e16, 123456789012345678.0,
    9007199254740993.0, 1e22, 1e-4, 1e-5, 1.5e-5, 1e-7, 2.5e-300, 5e-324,
    1.7976931348623157e308, 1e300, 100.0, 123.456, INF, -INF, NAN,
]
OTHERS = [
    None, True, False, b"", b"bytes", b"it's", b"both ' \"", b"\x00\t\n\r\x7f\x80\xff\\",
    [], [1, "a", None, 2.5, True], [[1, [2, []]], {"k": "v"}], {}, {"a": 1, "b": [1, 2]},
    {1: "one", 2: "two", 10: "ten"}, {"x": {"y": {"z": None}}, "q": "it's"}, ["é", "\n"],
]


def percent_cases():
    cases = []
    add = lambda fmt, *args: cases.append(percent_case(fmt, list(args)))

    # %s, %r, %a of every kind of value, with width and precision.
    for verb in "sra":
        for spec in ["", "10", "-10", ".2", "8.3", "05", "+"]:
            fmt = "[%" + spec + verb + "]"
            for v in ["abc", "", "it's", "both ' and \"", "tab\there\n", "ünï", "日本",
                      "\x00\x7f\x85\xa0", "\u200b\U0001f600", 1, -2, 1.5, None, True,
                      [1, "a", None], {"k": [1, 2.5]}, b"by\x00tes'"]:
                add(fmt, v)
    for v in STRINGS + INTS + FLOATS + OTHERS:
        add("%s|%r|%a", v, v, v)

    # Integer conversions. Values of the wrong type are tried without flags.
    int_values = [0, 7, -42, 255, 2**64 + 5, -2**70, 3.7, -0.5, True]
    for verb in "diuoxX":
        specs = ["", "5", "-6", "05", "+", " ", "#", ".3", "+08.4", "#010", "-#8"]
        if verb in "iu":
            specs = ["", "+05", ".3"]
        for spec in specs:
            for v in int_values:
                add("%" + spec + verb, v)
        for v in [1e20, False, INF, NAN, "str", None, [1], b"b"]:
            add("%" + verb, v)

    # Float conversions.
    float_values = [0.0, -0.0, 1.0, 0.1, 1 / 3, -2.5, 1e16, 1.5e-5, 123456.789, 1e300, 5e-324,
                    INF, NAN, 7, 2**70]
    for verb in "eEfFgG":
        specs = ["", "5", "-12", "012", "+", " ", "#", ".0", ".3", "+015.4", ".17", "-#12.1"]
        if verb in "EFG":
            specs = ["", "+012.3", "#.0"]
        for spec in specs:
            for v in float_values:
                add("%" + spec + verb, v)
        for v in [-INF, True, "1.5", None, 10**400]:
            add("%" + verb, v)
    for v in [0.5, 1.5, 2.5, 0.125, 0.375, 1e-10, 123456789.0, 1e100]:
        for p in range(0, 5):
            add("%%.%de %%.%df %%.%dg %%#.%dg" % (p, p, p, p), v, v, v, v)
    for v in [0.0001, 0.00001, 123456.0, 1234567.0, 1e15, 1e16, 100.0, 9.9999999]:
        add("%g %G %#g %.10g %.1g %.0g", v, v, v, v, v, v)

    # %c.
    for spec in ["", "3", "-3", "03", ".1"]:
        for v in [65, 0x1F600, 0xE9, 0, "x", "é", "\U0001f600", "ab", "", 0x110000, -1, 2**64,
                  1.5, None, True, b"a"]:
            add("%" + spec + "c", v)

    # * width and precision.
    add("%*d", 5, 42)
    add("%-*d|", 5, 42)
    add("%*d|", -5, 42)
    add("%.*f", 2, 3.14159)
    add("%.*f", -2, 3.14159)
    add("%*.*f|", 10, 3, 3.14159)
    add("%*.*s|", -8, 2, "abcdef")
    add("%*s", True, "x")
    add("%*s", 1.5, "x")
    add("%*s", "3", "x")
    add("%.*s", None, "x")
    add("%*d", 5)
    add("%*d")
    add("%*.*d", 1, 2)
    add("%*s", 2**63, "x")
    add("%.*s", 2**31, "x")
    add("%.*s", -2**31 - 1, "x")
    add("%*", 5)
    add("%.*", 5)
    add("%*5d", 5, 1)

    # Length modifiers, flags in odd orders, %%.
    for fmt in ["%hd", "%ld", "%Lf", "%lld", "%h", "%l", "%-+ #0d", "%0-5d|", "%+ d",
                "% +d", "%#5o", "%#-8x|", "%-#8X|", "%#08x", "%#.5x", "%+#x", "% #o"]:
        add(fmt, 31)
        add(fmt, -31)
    add("100%% sure")
    add("%%%s%%", "x")
    add("%s%%", 5)
    add("%5%", 1)
    add("%5%")
    add("%-%", 1)

    # Argument counting.
    add("")
    add("abc")
    add("abc", 1)
    add("%s")
    add("%s %s", 1)
    add("%s", 1, 2)
    add("%s %s %s", 1, 2, 3)
    add("%d items cost %.2f (%s)", 3, 9.5, "ok")
    add("user %s from %s try %d", "bob", "10.0.0.1", 3)
    add("%s", [1, 2])
    add("%s %s", [1, 2])
    add("%s", [])

    # Syntax errors, and how they interleave with the arguments.
    for fmt in ["%", "abc %", "%5", "%.", "%5.", "%-", "%0", "%#", "%(", "%(a", "%(a(b)",
                "%y", "%ya", "x %é", "%\U0001f600", "é%q", "%\x00", "%\x7f", "%5y", "%.3y",
                "%s %y", "%-10.3Z", "%(a)y", "%(a)"]:
        add(fmt)
        add(fmt, 1)
        add(fmt, 1, 2)
        add(fmt, {"a": 1})

    # Mappings.
    m = {"a": 1, "b": "two", "user": "bob", "x(y)": 3.5, "": "empty", "n": None, "l": [1]}
    for fmt in ["%(a)s", "%(a)d %(b)s", "%(user)-10s|", "%(x(y))s", "%(x(y))5.1f", "%()s",
                "%(n)s %(l)r", "%(a)s %(a)s", "%(missing)s", "%(user)s %s", "%s %(user)s",
                "%s", "%s %s", "abc", "%(a)*d", "%(b)*d", "%(a).*d", "%(a)%", "%(a)s %%",
                "%(a)c", "%(b)d", "%(a)#x", "%(a)08.3f", "%(b)r", "%(b)a", "%(a)s %(user"]:
        add(fmt, m)
    add("%(a)s", 1)
    add("%(a)s", "a")
    add("%(a)s", [1])
    add("%(a)s", {"a": 1}, 2)
    add("%(a)s")
    add("%s", {})
    add("abc", {})
    add("%(a)s", {})
    add("%(a)s", {1: 2})
    add("%s %s", {"a": 1}, {"b": 2})
    add("%(a)s %(b)s", {"a": {"b": 1}, "b": [{"c": 2}]})
    return cases


def brace_cases():
    cases = []
    add = lambda fmt, **kw: cases.append(brace_case(fmt, kw))

    int_specs = ["", "d", "5", "<5", "^7", "=+8", "*^9", "05", "+", " ", "-", ",", "_", "010,",
                 "#x", "#X", "#b", "#o", "_x", "_b", ",d", "n", "c", "e", ".2f", "%", ".1%",
                 "g", "G", "E", ".3", "z", "s", "q", ".2", "08_", "#012_x", "=10", "é>6",
                 "0=6", ",x", ",c", "+c", "#c", "ab", "06,", "09,", "011_", "^", "x<+#010_x"]
    for spec in int_specs:
        for v in [0, 42, -1234567, 2**70, True, 0x1F600]:
            add("{v:" + spec + "}", v=v)
    float_specs = ["", ".3", "10", "<10", "^12.2f", "+.1e", " g", ".0f", "#.0f", "z.1f", ",.2f",
                   "_.3f", "012,.1f", "%", ".2%", "n", "E", "G", ".10g", "#g", "#.3g", "F", "d",
                   "x", "s", "=+10.2f", "010", "z", ".20", "-", "e", ".0e", ",", "_", "z.0f",
                   "08", "^+9.1", ".3e", "#", "c"]
    for spec in float_specs:
        for v in [0.0, -0.0, 1.0, 0.1, 1 / 3, -1234.5678, 1e16, 1e-5, 100.0, INF, NAN, -0.001]:
            add("{v:" + spec + "}", v=v)
    for v in [1.0, 10.0, 100.0, 123.0, 1234.5, 0.0001, 0.00001, 1e15, 1e16, 1.5]:
        add("{v:.3}|{v:.1}|{v:.4}|{v:.16}|{v:.17}", v=v)
    str_specs = ["", "s", "10", "<10", ">10", "^10", "*^11", ".2", "10.3", "05", "d", "+", " ",
                 "#", "=10", "z", ",", "_", "x", ".0", "é<6", "<06", "0>5", "^", ">.1"]
    for spec in str_specs:
        for v in ["abc", "", "ünïcode", "日本語"]:
            add("{v:" + spec + "}", v=v)
    for spec in ["", "s", ">5", "d", "^"]:
        for v in [None, [1, 2], {"a": 1}, b"ab"]:
            add("{v:" + spec + "}", v=v)

    # Conversions.
    for v in ["it's", "ünï\n", 42, 1.5, None, True, [1, "a"], {"k": "é"}, b"x"]:
        for f in ["{v!r}", "{v!s}", "{v!a}", "{v!r:>12}", "{v!a:^14}", "{v!s:.2}", "{v!r:d}",
                  "{v!s:+}", "[{v!r:*<10.4}]"]:
            add(f, v=v)

    # Markup and its errors.
    kw = {"a": 1, "b": "two", "c": 3.5}
    for fmt in ["plain", "", "{a}", "{a}{b}{c}", "a={a} b={b!r} c={c:.2f}", "{{a}}", "{{{a}}}",
                "}}{{", "{{}}", "x{{y", "abc }", "}", "{", "abc {", "{a", "{a!", "{a!r",
                "{a!rx}", "{a!x}", "{a!}", "{a!}x", "{a!é}", "{a!\x01}", "{a:", "{a:>5",
                "{a:{b}", "{a}}}", "{}", "{0}", "{12}", "{a}{}", "{!r}", "{:>3}", "{a[", "{a{",
                "{0:d}", "{99999999999999999999999}", "{missing}", "{a} }", "{ a}", "{b} {b}",
                "{a:}", "{a!s:}", "{a!r:}", "{b!r}{b!a}", "é{b}é", "{a:{{}", "{a[}"]:
        cases.append(brace_case(fmt, kw))
    add("{x y}", **{"x y": 1})
    add("{-1}", **{"-1": "neg"})

    # Replacement fields in a format spec, one level deep.
    kw = {"a": 3.14159, "s": "abc", "w": 10, "p": 2, "f": ">", "t": "e", "z": "0", "neg": -3}
    for fmt in ["{a:{w}}", "{a:{w}.{p}f}", "{a:{f}{w}.{p}{t}}", "{s:{f}{w}}", "{s:*^{w}}",
                "{a:{z}{w}.{p}}", "{s:{w!r}}", "{s:{w:>3}}", "{s:{w}{w}}", "{s:x{w}}", "{a:{p}%}",
                "{s:{neg}}", "{s:{missing}}", "{missing:{w}}", "{s:{}}", "{s:{0}}", "{a:{w:{p}}}",
                "{s:{s}}", "{s:{{w}}}", "{s!r:>{w}}", "{s:{w}}{a:.{p}f}", "{s:{w!x}}", "{s:{ w}}"]:
        cases.append(brace_case(fmt, kw))
    return cases


def dollar_cases():
    cases = []
    kw = {"a": 1, "b": "two", "A": 3.5, "_": None, "a_b1": [1, "x"], "ab": True,
          "name": "bob", "x": {"k": b"v"}}
    for fmt in ["$a", "${a}", "$$", "$a$b", "${a}b", "$ab", "$a_b1", "$A", "$_", "$$$a", "$$$",
                "x $1", "$", "abc $", "${", "${a", "${}", "${1a}", "$ a", "\n\n  $!",
                "a\r\nb $", "a\rb\n$-", "é $é", "$missing", "${missing}", "hello $name!",
                "$name's", "${name}s", "$x", "a\x0bb\x0cc\x1c\x85\u2028$?", "$a\n$b\n$A $_",
                "$$name", "price: $$5", "${a}${b}", "{a} %s $", "${a b}", "${ a}", "$é"]:
        cases.append(dollar_case(fmt, kw))
    return cases


def repr_cases():
    cases = []
    for v in STRINGS + INTS + FLOATS + OTHERS:
        for func in ["str", "repr", "ascii"]:
            cases.append(repr_case(func, v))
    return cases


def float_cases():
    """repr of floats of every magnitude (random, seeded), and of the edges
    of the fixed notation: {"hex": float.hex(), "repr": repr()}."""
    import random
    import struct
    rnd = random.Random(20261121)
    values = [1e-4, -1e-4, 9.999999999999999e-05, 1e16, 9999999999999998.0, 0.5, 2.0 ** 53, 1e15 + 0.5]
    while len(values) < 4000:
        k = rnd.random()
        if k < 0.4:
            v = rnd.uniform(-1, 1) * 10 ** rnd.randint(-6, 18)
        elif k < 0.7:
            v = round(rnd.uniform(-1e4, 1e4), rnd.randint(0, 8))
        else:
            v = struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0]
        if v == v and v not in (INF, -INF):
            values.append(v)
    return [{"hex": v.hex(), "repr": repr(v)} for v in values]


def write(name, cases):
    path = os.path.join(HERE, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        json.dump(cases, f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")
    print("%s: %d cases" % (name, len(cases)))


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit("gen.py: the golden files come from CPython 3.11, not %s" % sys.version.split()[0])
    write("percent.json", percent_cases())
    write("brace.json", brace_cases())
    write("dollar.json", dollar_cases())
    write("repr.json", repr_cases())
    write("floats.json", float_cases())


if __name__ == "__main__":
    main()
