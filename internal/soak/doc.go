// Package soak holds the module's soak test: many goroutines logging
// through a tree of rotating, timed rotating, queue, memory and socket
// handlers while the configuration changes and faults are injected, then
// checking that every record is delivered exactly once or reported as
// dropped, and that goroutines and memory return to their starting level.
//
// TestSoakHostile runs the receiver under a mix of valid and hostile
// senders (idle and slow connections past MaxConns, the amplification
// frame, decoder bombs, garbage and unsafe pickles, a flood of logger
// names, a UDP flood): valid records keep arriving, and a second round
// leaves no more goroutines or live heap than the first.
//
// The test is behind the build tag soak and stops by itself (it is bounded
// by a record count, with a 50 s safety deadline):
//
//	go test -race -count=1 -tags soak -run Soak -v ./internal/soak/
//
// SOAK_RECORDS sets the records per goroutine (default 2500).
package soak
