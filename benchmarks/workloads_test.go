package benchmarks

import (
	"io"
	"log/slog"
	"testing"
)

// The values every workload logs. They are constants, as in the benchmarks
// of log/slog and zap, so that boxing them into an interface costs no
// allocation in any library; see README.md for what variables cost.
const (
	user  = "bob"
	ip    = "10.0.0.1"
	try   = 3
	ratio = 0.5
	path  = "/api/v1"

	staticMsg = "static message"
	printfFmt = "user %s from %s try %d"
	fieldsMsg = "request"
)

// pyFormat is the Python format of the slogpy and cpython subjects: the
// logging HOWTO's format, which, like slog's TextHandler, prints the time,
// the level and the message.
const pyFormat = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"

// fieldsFormat and withFormat add the fields of Fields5 and With10, which a
// Python format has to name to print.
const (
	fieldsFormat = pyFormat + " user=%(user)s n=%(n)s ok=%(ok)s ratio=%(ratio)s path=%(path)s"
	withFormat   = pyFormat + " svc=%(svc)s region=%(region)s host=%(host)s pid=%(pid)s" +
		" version=%(version)s canary=%(canary)s weight=%(weight)s shard=%(shard)s team=%(team)s build=%(build)s"
)

// loggerName is the name of the Python-style loggers.
const loggerName = "app"

// context10 are the ten fields of With10, as slog attributes.
func context10() []slog.Attr {
	return []slog.Attr{
		slog.String("svc", "api"), slog.String("region", "eu-west-1"), slog.String("host", "web-3"),
		slog.Int("pid", 4242), slog.String("version", "1.4.2"), slog.Bool("canary", false),
		slog.Float64("weight", 0.25), slog.Int("shard", 7), slog.String("team", "core"),
		slog.Int("build", 20261120),
	}
}

// calls are one subject's workloads. Each function makes one logging call;
// Disabled is nil for a library without levels, Fields5Attrs for one
// without a typed path for fields.
type calls struct {
	Disabled func()
	Static   func()
	Printf3  func()
	Fields5  func()
	// Fields5Attrs is Fields5 through the library's typed path, which
	// does not box the fields into interfaces: slog's LogAttrs, zap's
	// fields, zerolog's chain (the last two are their Fields5).
	Fields5Attrs func()
	With10       func()
}

// A subject is one library, set up to write to w.
type subject struct {
	lib  string
	make func(tb testing.TB, w io.Writer) calls
}

// subjects are the libraries in the order of the table's columns.
var subjects = []subject{
	{"slog-text", slogTextCalls},
	{"slog-json", slogJSONCalls},
	{"slogpy", slogpyCalls},
	{"slogpy-slog", slogpySlogCalls},
	{"zap", zapCalls},
	{"zap-sugar", zapSugarCalls},
	{"zerolog", zerologCalls},
	{"logrus", logrusCalls},
	{"stdlog", stdlogCalls},
}

// A workload picks one call of a subject.
type workload struct {
	name string
	call func(c calls) func()
}

var workloads = []workload{
	{"Disabled", func(c calls) func() { return c.Disabled }},
	{"Static", func(c calls) func() { return c.Static }},
	{"Printf3", func(c calls) func() { return c.Printf3 }},
	{"Fields5", func(c calls) func() { return c.Fields5 }},
	{"Fields5Attrs", func(c calls) func() { return c.Fields5Attrs }},
	{"With10", func(c calls) func() { return c.With10 }},
}
