package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// results are the medians of one benchstat summary.
type results struct {
	libs      []string // in column order
	workloads []string // in row order
	// med[unit][workload/lib] is the median; sec/op and cpu-sec/op are
	// stored as ns/op and cpu-ns/op.
	med map[string]map[cell]float64
}

type cell struct{ workload, lib string }

// value returns a median and whether there is one.
func (r *results) value(unit, workload, lib string) (float64, bool) {
	v, ok := r.med[unit][cell{workload, lib}]
	return v, ok
}

// procsSuffix is the -GOMAXPROCS suffix of benchmark names.
var procsSuffix = regexp.MustCompile(`-\d+$`)

// parse reads benchstat's CSV output: for each unit, a row of library names
// (the columns of -col /lib), a row of units, the benchmark rows, and a
// geomean row; lines of text (goos: linux) and blank lines come between.
func parse(r io.Reader) (*results, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	res := &results{med: map[string]map[cell]float64{}}
	seenLib, seenWorkload := map[string]bool{}, map[string]bool{}
	var libs []string // the library of each column of the current table, or ""
	var units []string
	var pending []string // a row of library names, waiting for its unit row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("benchstat CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		switch {
		case len(rec) == 1 && strings.HasPrefix(rec[0], "Benchmark"):
			return nil, fmt.Errorf("line %d is a benchmark result, not benchstat's CSV: run benchstat -format csv -col /lib on it first", line)
		case len(rec) == 1:
			// Text between tables ("goos: linux").
			libs, units, pending = nil, nil, nil
		case rec[0] == "" && pending == nil:
			// A new table (csv skips the blank line before it).
			pending, libs, units = rec, nil, nil
		case rec[0] == "" && pending != nil:
			if len(rec) != len(pending) {
				return nil, fmt.Errorf("benchstat CSV line %d: %d unit columns under %d library columns", line, len(rec), len(pending))
			}
			libs, units = make([]string, len(rec)), rec
			lib := ""
			for i := 1; i < len(rec); i++ {
				if pending[i] != "" {
					lib = pending[i]
					if !seenLib[lib] {
						seenLib[lib] = true
						res.libs = append(res.libs, lib)
					}
				}
				if rec[i] == "sec/op" || rec[i] == "B/op" || rec[i] == "allocs/op" || isOtherUnit(rec[i]) {
					libs[i] = lib
				}
			}
			pending = nil
		case rec[0] == "geomean":
		case libs != nil:
			workload := procsSuffix.ReplaceAllString(rec[0], "")
			if !seenWorkload[workload] {
				seenWorkload[workload] = true
				res.workloads = append(res.workloads, workload)
			}
			for i := 1; i < len(rec) && i < len(libs); i++ {
				if libs[i] == "" || rec[i] == "" {
					continue
				}
				v, err := strconv.ParseFloat(rec[i], 64)
				if err != nil {
					return nil, fmt.Errorf("benchstat CSV line %d, column %d (%s %s): %q is not a number", line, i+1, libs[i], units[i], rec[i])
				}
				unit := units[i]
				switch unit {
				case "sec/op":
					unit, v = "ns/op", v*1e9
				case "cpu-sec/op":
					unit, v = "cpu-ns/op", v*1e9
				}
				if res.med[unit] == nil {
					res.med[unit] = map[cell]float64{}
				}
				res.med[unit][cell{workload, libs[i]}] = v
			}
		default:
			return nil, fmt.Errorf("benchstat CSV line %d: a benchmark row %q before any header", line, rec[0])
		}
	}
	if len(res.med["ns/op"]) == 0 {
		return nil, errors.New("benchstat CSV: no sec/op table")
	}
	return res, nil
}

// isOtherUnit reports whether a header cell is a unit of its own (a
// custom b.ReportMetric unit), not one of benchstat's derived columns.
func isOtherUnit(s string) bool {
	switch s {
	case "", "CI", "vs base", "P":
		return false
	}
	return strings.Contains(s, "/")
}
