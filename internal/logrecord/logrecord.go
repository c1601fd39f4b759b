// Package logrecord is the one list of CPython 3.11's LogRecord attribute
// names, shared by the formatters, the record builder, the network
// handlers and the receiver.
package logrecord

// Attr is one attribute of a LogRecord, or Extra for any other key (an
// attribute from Python's extra).
type Attr uint8

// The attributes of CPython 3.11's LogRecord, in the order of its __dict__,
// then the two that formatters set.
const (
	Extra Attr = iota
	Name
	Msg
	Args
	Levelname
	Levelno
	Pathname
	Filename
	Module
	ExcInfo
	ExcText
	StackInfo
	Lineno
	FuncName
	Created
	Msecs
	RelativeCreated
	Thread
	ThreadName
	ProcessName
	Process
	Message // set by Formatter.format
	Asctime // set by Formatter.format when the format uses it
)

// NumDict is the number of attributes of a LogRecord's __dict__ as
// created: Name through Process.
const NumDict = int(Process)

var names = [...]string{
	Extra: "", Name: "name", Msg: "msg", Args: "args",
	Levelname: "levelname", Levelno: "levelno", Pathname: "pathname",
	Filename: "filename", Module: "module", ExcInfo: "exc_info",
	ExcText: "exc_text", StackInfo: "stack_info", Lineno: "lineno",
	FuncName: "funcName", Created: "created", Msecs: "msecs",
	RelativeCreated: "relativeCreated", Thread: "thread",
	ThreadName: "threadName", ProcessName: "processName", Process: "process",
	Message: "message", Asctime: "asctime",
}

var byName = func() map[string]Attr {
	m := make(map[string]Attr, len(names))
	for a, n := range names {
		if n != "" {
			m[n] = Attr(a)
		}
	}
	return m
}()

// String returns the attribute's Python name ("" for Extra).
func (a Attr) String() string {
	if int(a) < len(names) {
		return names[a]
	}
	return ""
}

// Lookup returns the attribute named key, or Extra.
func Lookup(key string) Attr { return byName[key] }

// InDict reports whether a is in a LogRecord's __dict__ as created (not
// Extra, Message or Asctime).
func (a Attr) InDict() bool { return a >= Name && a <= Process }

// Reserved reports whether key names a LogRecord attribute, or message or
// asctime: the keys Python's makeRecord refuses in extra. It runs for
// every attribute of a logging call, so most keys are rejected by their
// length and first byte (see maybeReserved) before the map is consulted.
func Reserved(key string) bool {
	if len(key) == 0 || len(key) >= len(maybeReserved) {
		return false
	}
	c := key[0]
	if maybeReserved[len(key)][c>>6]&(1<<(c&63)) == 0 {
		return false
	}
	return byName[key] != Extra
}

// maybeReserved[n] is the set of first bytes of the reserved names of n
// bytes (a 256-bit set), made from names.
var maybeReserved = func() (m [16][4]uint64) {
	for _, n := range names {
		if n != "" {
			c := n[0]
			m[len(n)][c>>6] |= 1 << (c & 63)
		}
	}
	return m
}()

// Dict returns the attributes of a LogRecord's __dict__ as created, in
// order.
func Dict() [NumDict]Attr {
	var d [NumDict]Attr
	for i := range d {
		d[i] = Attr(i + 1)
	}
	return d
}
