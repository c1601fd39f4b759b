// Package pytime formats times the way CPython 3.11's logging does: it mirrors
// logging.Formatter.formatTime, which renders record.created with
// time.strftime(datefmt, converter(created)), and the record's msecs
// attribute.
//
// A [Layout] is a strftime format compiled once by [Compile] and appended many
// times by [Layout.Append]. [AppendDefault] is the formatTime default,
// "2003-07-08 16:49:45,896". [Created] and [Msecs] reproduce the float
// arithmetic of time.time() and LogRecord.__init__.
//
// # What strftime means here
//
// CPython on Linux passes the format to glibc's wcsftime unchanged, with
// LC_TIME in the "C" locale. Layout reproduces glibc 2.36 for every format,
// including GNU extensions (%s, %k, %l, %P, %C, %G, %g) and glibc's flags,
// field widths and modifiers: %-d, %_H, %05e, %^a, %#Z, %10Y, %Ey, %Od.
// Conversions glibc does not know, such as %f, %Q, %v, %+ or %:z, are copied to
// the output as written, as is a lone "%" at the end. Compile only fails for a
// format that contains a NUL byte, which CPython rejects with ValueError.
//
// The formatting is done by [github.com/itchyny/timefmt-go] where it agrees
// with glibc; see timefmt.go for the conversions and flags patched here.
//
// # Time zones
//
// A [time.Time] carries its location and stands for a struct_time made by
// time.localtime with TZ set to that location: %Z prints the location's
// abbreviation ("UTC", "EST", "CEST", "IST", "LMT") and %z its offset
// ("+0000", "-0500", "+0530"). glibc's time.gmtime sets tm_zone to "GMT"; to
// mirror a Formatter whose converter is time.gmtime, format
// t.In(time.FixedZone("GMT", 0)). %s prints [time.Time.Unix]. glibc computes %s
// with mktime in the process's zone, so CPython prints a shifted value for
// time.gmtime struct_times when TZ is not UTC; Layout does not copy that bug.
//
// # Performance considerations
//
// Layout and the functions here do not allocate when dst has room. Common
// conversions without flags (%Y %m %d %H %M %S %b %a %z %Z …) are written by
// hand, and the runs "%Y-%m-%d" and "%H:%M:%S" are written in one step, so the
// default layout and ISO 8601 or Apache-style layouts cost a few tens of
// nanoseconds. A Layout is immutable and safe for concurrent use.
package pytime
