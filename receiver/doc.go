// Package receiver receives log records sent over the network in
// CPython's format, by Python's logging.handlers.SocketHandler and
// DatagramHandler or by this module's handlers of the same names, and
// hands them to the local logger tree: the network logging receiver of
// Python's logging cookbook, as a library. The command slogpy-receiver
// (cmd/slogpy-receiver) runs it.
//
//	srv, err := receiver.NewServer(nil) // records go to slogpy's default manager
//	ln, err := net.Listen("tcp", "localhost:9020")
//	go srv.Serve(ln)
//	…
//	srv.Close()
//
// # Safety
//
// CPython's receiver calls pickle.loads, which runs whatever code a pickle
// names: anyone who can connect can run code in the receiver. This package
// does not. [Decode] first checks the pickle opcode by opcode ([Scan]) and
// refuses everything but plain data (dicts, lists, tuples, strings, bytes,
// numbers, booleans, None): class lookups (GLOBAL, STACK_GLOBAL, INST, the
// EXT opcodes), object construction (OBJ, NEWOBJ, BUILD), persistent
// references, sets and out-of-band buffers are errors naming the opcode
// and its offset. The only GLOBALs accepted are _codecs.encode, bytes and
// bytearray, through which pickle protocols 0 to 3 encode bytes; they
// are decoded as bytes, never called. Frames longer than Options.MaxFrame
// are refused from their length prefix, before anything is allocated.
//
// The decoder is a pickle machine of this package that enforces its limits
// while it decodes, so that no frame makes it allocate more than 8 times
// the frame's size (plus 64 KiB), whatever the frame holds: values or MARKs
// nested deeper than 64 levels, memo indexes beyond the frame's size, and
// anything that would take more memory than that (a million empty lists,
// one list referred to thousands of times, a megabyte of MEMOIZE) are
// refused at the opcode that goes past the limit, with an error naming it
// and its offset. A truncated or malformed pickle is an error too. A
// stream connection that sends any of these is closed; the server and its
// other connections go on. Frames of many tiny values (a list of half a
// million small ints) take more than 8 times their size as Go values, and
// are refused.
//
// Protocol-0 text strings with Python's escapes are refused rather than
// decoded wrong ([Scan]); CPython's handlers pickle with protocol 1.
//
// # Records
//
// A decoded dictionary becomes a record by [RecordFromDict] (Python's
// makeLogRecord): the LogRecord attributes set the record's fields and the
// other keys become attributes that formats can print (%(user)s). Each
// record is handed to the logger it names (or Options.LoggerName) with
// Logger.HandleRecord, so the handlers attached there, and above it,
// decide what is written where.
//
// # The module
//
// This package is the receiving end of package
// [github.com/slogpy/slogpy/handlers]' SocketHandler and DatagramHandler
// (and of CPython's): records it decodes are handed to the loggers of
// package [github.com/slogpy/slogpy/slogpy], where handlers and formats
// configured by hand or by package [github.com/slogpy/slogpy/config] write
// them. The command cmd/slogpy-receiver runs a Server from flags.
package receiver
