// Command slogpy-receiver is the network logging receiver of Python's
// logging cookbook: it receives the records that Python's
// logging.handlers.SocketHandler and DatagramHandler (or slogpy's handlers
// of the same names) send, and writes them through a local handler.
//
//	slogpy-receiver                        # TCP localhost:9020, to standard error
//	slogpy-receiver -tcp :9020 -udp :9021 -format '%(asctime)s %(name)s %(levelname)s %(message)s'
//
// A Python program sends to it with
//
//	import logging, logging.handlers
//	logging.getLogger().addHandler(logging.handlers.SocketHandler('localhost', 9020))
//
// Every record is written, whatever its level (as in the cookbook: filter
// at the sending end), unless -level says otherwise. Pickles are decoded
// safely (package receiver): a peer that sends anything but plain data, a
// truncated frame or a frame longer than -max-frame is reported on standard
// error and disconnected. The command stops on SIGINT or SIGTERM.
//
// Flags:
//
//	-tcp addr        TCP address to listen on ("" for none; default localhost:9020,
//	                 Python's DEFAULT_TCP_LOGGING_PORT)
//	-udp addr        UDP address to listen on (default none; Python's default port is 9021)
//	-unix path       Unix stream socket to listen on (default none)
//	-format fmt      %-style format of the output (the cookbook's by default)
//	-datefmt fmt     strftime format of %(asctime)s
//	-level level     lowest level written (default NOTSET: everything)
//	-logger name     hand every record to this logger instead of the one it names
//	-max-frame n     largest frame accepted, in bytes (default 1 MiB)
//	-max-message n   longest merged message, in bytes (default 1 MiB; negative: none)
//	-max-conns n     most stream connections open at once (default 1024); beyond it
//	                 the least recently active one is closed
//	-idle-timeout d  close a stream connection idle this long between frames
//	                 (default 60s; negative: never)
//	-min-rate n      slowest a started frame may arrive, in bytes/s (default 16384)
//	-read-buffer n   UDP receive buffer to ask for, in bytes (default 4 MiB)
//	-max-loggers n   most distinct loggers created from record names (default 10000)
//	-max-logger-name n  longest logger name used, in bytes (default 1024)
//	-output file     append the output to file instead of standard error
//
// Configuration by a dictConfig file will replace the output flags once
// package config reads one.
package main
