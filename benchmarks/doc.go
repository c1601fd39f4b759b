// Package benchmarks compares slogpy with the other Go loggers and with
// CPython's logging, on the same workloads, in one run on one machine.
//
// It is a module of its own (github.com/slogpy/slogpy/benchmarks) so that
// zap, zerolog, logrus and lumberjack never enter the dependencies of
// github.com/slogpy/slogpy; its go.mod replaces the main module by path, so
// it always measures the working tree.
//
// # Subjects
//
// Each benchmark has one sub-benchmark per library, named lib=<name>, so
// that benchstat can put the libraries in columns:
//
//	slog-text    log/slog TextHandler (the baseline of every ratio)
//	slog-json    log/slog JSONHandler
//	slogpy       a Python-style *slogpy.Logger with a StreamHandler and the
//	             format "%(asctime)s - %(name)s - %(levelname)s - %(message)s"
//	slogpy-slog  the same StreamHandler and format under plain slog.New
//	zap          go.uber.org/zap, production JSON encoder
//	zap-sugar    zap's SugaredLogger
//	zerolog      github.com/rs/zerolog with a timestamp
//	logrus       github.com/sirupsen/logrus, TextFormatter
//	stdlog       the standard log package, date and time with microseconds
//	cpython      CPython's logging (python/bench_logging.py prints its lines)
//
// Every writer discards what it is given, except in the file workload. It
// is not io.Discard itself, which the log package detects and then skips
// all work.
//
// # Workloads
//
//	Disabled        a call below the logger's level, with three arguments
//	Static          "static message"
//	Printf3         "user %s from %s try %d" with three arguments (libraries
//	                without printf use fmt.Sprintf)
//	Fields5         "request" with five fields: string, int, bool, float,
//	                string (a Python-style format names them, as a Python
//	                format must name the extra it prints)
//	Fields5Attrs    Fields5 through a library's typed path, where it has
//	                one: slog's and slogpy's LogAttrs, zap's fields,
//	                zerolog's chain (the last two are their Fields5)
//	With10          "static message" on a logger carrying ten fields added
//	                once (With, a LoggerAdapter, zerolog's context, a
//	                logrus Entry, a log prefix)
//	ParallelX       workload X under b.RunParallel
//	Rotate          Printf3 to a file rotated at 1 MiB with 3 backups:
//	                slogpy's RotatingFileHandler against lumberjack under
//	                slog (lib=slog-text) and zap, and CPython's
//	                RotatingFileHandler
//
// Every benchmark reports, besides ns/op and the allocations, cpu-ns/op:
// the CPU time the process used per call. Other processes on a shared
// machine inflate wall time but not that.
//
// TestOutput checks that every subject of every workload writes the line
// it is meant to write (and the disabled call nothing), so a misconfigured
// subject cannot make a fast benchmark. TestCPythonLines checks that slogpy
// writes, byte for byte, the lines CPython writes for the same calls.
//
// # Running
//
// run.sh runs the Go and CPython benchmarks in interleaved rounds,
// summarises them with benchstat and prints the table of ratios against
// slog-text (cmd/ratios); see README.md.
package benchmarks
