// Package pyfmt implements Python's string formatting for Go values, with
// CPython 3.11's exact output and error messages.
//
// It mirrors three pieces of CPython:
//
//   - the % operator, format % args (PyUnicode_Format in
//     Objects/unicodeobject.c): [Append], [Sprintf] and the compiled form
//     [Compile], used by logging.Formatter with style '%';
//   - str.format and the format-spec mini-language (Objects/stringlib/
//     unicode_format.h and Python/formatter_unicode.c): [CompileBrace] and
//     [Field.AppendValue], used with style '{';
//   - string.Template.substitute: [CompileDollar], used with style '$';
//
// together with str(), repr() and ascii() of Go values: [AppendStr],
// [AppendRepr] and [AppendASCII].
//
// # Go values as Python objects
//
// A Go value is formatted as the Python object it maps to:
//
//   - nil is None; bool is bool (True, False);
//   - every signed and unsigned integer kind and *big.Int is int;
//   - float64 is float; float32 is a float whose repr uses the shortest
//     digits that round-trip as a float32 (repr(float32(0.1)) is "0.1"),
//     while %e, %f, %g and format specs use its exact float64 value;
//   - complex64 and complex128 are complex for str() and repr();
//   - string is str; []byte is bytes (b'...');
//   - other slices and arrays are list, formatted with the repr of each
//     element; maps are dict, with keys sorted by their str() form because
//     Go maps have no order;
//   - [Tuple] is tuple ((1, 2), (1,), ()); [Dict] is a dict printed in the
//     order of its items, and a single [Dict] argument is a mapping for %;
//   - a [log/slog.Value] is formatted as the value it holds;
//   - any other value is formatted with its Error method if it is an error,
//     else its String method if it is a [fmt.Stringer], else [fmt.Sprint].
//     The same text is used for str() and repr(). A named integer, float or
//     bool type with such a method still counts as a number for %d, %f and
//     numeric format specs.
//
// Python type names in error messages are str, int, float, complex, bool,
// NoneType, list, tuple, dict and bytes; other Go values are named by their Go type,
// as printed by [reflect.Type.String] (for example "time.Time").
//
// Strings are Go strings holding UTF-8. Widths and precisions count code
// points, as in Python. A byte that is not valid UTF-8 counts as one code
// point and is shown by repr() as the lone surrogate Python's
// "surrogateescape" decoder would produce ('\udcff' for 0xff).
//
// # Errors
//
// Nothing in the package panics on any input. Formatting errors are returned
// as *[Error], whose message is what Python prints for the exception, such
// as "TypeError: not enough arguments for format string". A String or Error
// method that panics is reported as a *[PanicError].
//
// # Differences from CPython
//
//   - str.isprintable, which decides what repr() escapes, is approximated
//     with [unicode.IsPrint]; the two agree except for code points assigned
//     in Unicode versions newer than CPython 3.11's Unicode 14.
//   - Widths and precisions above 1,000,000 are rejected ("width too big",
//     "precision too big", "Too many decimal digits in format string")
//     instead of building strings of gigabytes.
//   - %c of a surrogate code point writes U+FFFD, since Go strings hold UTF-8.
//   - The compiled forms ([Compile], [CompileBrace], [CompileDollar]) report
//     syntax errors before any value is formatted, whereas CPython formats
//     fields left to right and may first fail on an earlier field, for
//     example with a KeyError. [Append] keeps CPython's order.
//   - str.format: replacement fields nested two levels deep in format specs
//     ({a:{w:{p}}}) are rejected at compile time. Only ASCII digits make a
//     field name positional or an index an integer.
//   - str.format attribute access ({e.Op}) reads exported fields of Go
//     structs; Go values have no other attributes, so {name.upper}, which
//     CPython prints as a bound method, is an AttributeError. Methods are
//     never called: format strings may come from configuration files.
//   - format(v, spec) of a complex number, or of a Go value that is not one of
//     the Python types above, formats str(v) with spec.
//
// # Performance considerations
//
// All formatting appends to a caller-supplied []byte. Formatting a string or
// an integer with %s or %d, or a field without a format spec, does not
// allocate beyond growing dst. Lists, dicts, reflection on named types and
// very long numbers do allocate.
package pyfmt
