// Command ratios turns benchstat's CSV summary of the comparison benchmarks
// into the README's tables: per workload, each library's median time as a
// ratio to the base library (log/slog's TextHandler), the same for the CPU
// time per call, the allocations per call, the parallel scaling, and the
// issue's targets, each marked met or
// missed with the figures it rests on.
//
// Usage:
//
//	benchstat -format csv -col '/lib@(slog-text slogpy …)' raw.txt | go run ./cmd/ratios
//
// run.sh does this. Flags:
//
//	-base lib   the library of ratio 1 (default slog-text)
//	-in file    read the CSV from file instead of standard input
//	-unit u     judge the targets on ns/op (wall time, the default) or on
//	            cpu-ns/op (the CPU time of the process per call, which other
//	            processes on a busy machine do not inflate)
//
// Input that is not benchstat's CSV, or that lacks the base library's sec/op
// table, is an error naming the line.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	base := flag.String("base", "slog-text", "the library whose median is ratio 1")
	in := flag.String("in", "", "benchstat CSV file (default: standard input)")
	unit := flag.String("unit", "ns/op", "the unit the targets are judged on: ns/op (wall time) or cpu-ns/op")
	flag.Parse()
	if err := run(*base, *unit, *in, os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "ratios:", err)
		os.Exit(1)
	}
}

func run(base, unit, in string, stdin io.Reader, out io.Writer) error {
	if unit != "ns/op" && unit != "cpu-ns/op" {
		return fmt.Errorf("-unit %q: want ns/op or cpu-ns/op", unit)
	}
	r := stdin
	if in != "" {
		f, err := os.Open(in)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	res, err := parse(r)
	if err != nil {
		return err
	}
	return render(out, res, base, unit)
}
