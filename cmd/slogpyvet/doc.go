// Command slogpyvet is a vet analyzer for programs that log with slogpy. It
// finds at compile time the logging calls that would print a
// "--- Logging error ---" block instead of their message, or lose data
// without one.
//
// # Install and run
//
// slogpyvet is a module of its own (cmd/slogpyvet/go.mod), so that the
// library's go.mod does not depend on golang.org/x/tools. From a clone of
// the repository:
//
//	go install -C cmd/slogpyvet .
//
// (go install ./cmd/slogpyvet does not work from the clone's root: the
// directory is another module. Its go.mod replaces the library with the
// clone, ../.., so the analyzer always agrees with the library beside it;
// for the same reason go install ...@version is not possible until the
// replace gives way to a published version.) Then, in the module to check:
//
//	slogpyvet ./...
//	go vet -vettool=$(command -v slogpyvet) ./...
//
// It exits with status 3 (alone) or 1 (under go vet) when it reports
// anything. Run alone, -fix applies the suggested fixes and -diff shows
// them; -help lists the flags.
//
// # What it reports
//
// Every call of a logging method of slogpy.Logger, adapter.LoggerAdapter
// or adapter.Target (Debug, Info, Warning, Warn, Error, Exception,
// Critical, Fatal, Log, their Context forms), and of the module-level
// functions (slogpy.Info, slogpy.Log, ...), whose message is a constant is
// checked as the library merges the message with its arguments (Python's
// msg % args):
//
//   - a directive without an argument ("not enough arguments for format
//     string"), or given one Python cannot format with it: %d, %i, %u, %e,
//     %f, %g given a string or another non-number, %x and %o given a float,
//     %c given a longer string, a "*" width that is not an int;
//   - %(key)s directives without a single map argument, and keys missing
//     from a map literal;
//   - unsupported directives and malformed messages, when the call has
//     arguments (without arguments the message is printed as it is, as in
//     Python);
//   - arguments left over after the directives took theirs that are not
//     slog key-value pairs ("key", value) or slog.Attr values, and a key
//     without its value: slogpy logs them as slog does, as !BADKEY (where
//     Python raises "not all arguments converted during string
//     formatting");
//   - the Go verbs %t and %q given a type fmt prints as %!t(...) or %!q(...);
//   - arguments of an adapter's With (read as slog.Logger.With reads them)
//     that are neither keys nor slog.Attr values, or a key without its
//     value: slog logs them as !BADKEY;
//   - a message built by fmt.Sprintf, fmt.Sprint, fmt.Sprintln,
//     fmt.Errorf(...).Error() or errors.New(fmt.Sprintf(...)).Error()
//     (pylint's logging-format-interpolation): it is formatted even when
//     the level is disabled; the suggested fix passes the format and its
//     arguments to the logging call;
//   - calls of Fatal, which logs at CRITICAL and does not exit, unlike
//     log.Fatal (unless the next statement is os.Exit, panic or
//     log.Fatal); the suggested fix calls Critical;
//   - constant formats given to slogpy.NewFormatter or in BasicConfig's
//     options that the library would reject, with the library's own error.
//
// A finding names the directive and the argument, with the error the
// library would report:
//
//	main.go:12:29: %d at index 5 needs a number, got string argument "name" (TypeError: %d format: a real number is required, not str)
//
// Arguments whose type is an interface are not type-checked; when one may
// hold a slog.Attr or a slogpy.CallOption, which the library takes out of
// the %-arguments, the arguments after it are not checked either. Calls
// passing their arguments as a slice (args...) are not checked.
package main
