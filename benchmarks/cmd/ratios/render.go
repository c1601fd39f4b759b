package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
)

// The subjects the targets are about.
const (
	slogpyLib  = "slogpy"
	cpythonLib = "cpython"
	zapLib     = "zap"
)

// render writes the tables and the targets, judged on unit (ns/op or
// cpu-ns/op), as markdown.
func render(w io.Writer, res *results, base, unit string) error {
	if !slices.Contains(res.libs, base) {
		return fmt.Errorf("no column for the base library %q (columns: %s)", base, strings.Join(res.libs, ", "))
	}
	if len(res.med[unit]) == 0 {
		return fmt.Errorf("no %s figures in the input", unit)
	}
	p := &printer{w: w}
	p.line("Median time per call as a ratio to %s (on its column, its own median; lower is faster):", base)
	p.line("")
	p.ratioTable(res, base, "ns/op")
	if len(res.med["cpu-ns/op"]) > 0 {
		p.line("")
		p.line("Median CPU time of the process per call (cpu-ns/op: user and system time, garbage collector included,")
		p.line("other processes excluded) as a ratio to %s:", base)
		p.line("")
		p.ratioTable(res, base, "cpu-ns/op")
	}
	p.line("")
	p.line("Allocations per call (median):")
	p.line("")
	p.table(res, func(workload, lib string) string {
		if v, ok := res.value("allocs/op", workload, lib); ok {
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return "—"
	})
	p.line("")
	p.line("Parallel scaling: serial time over RunParallel time (higher is better):")
	p.line("")
	var par []string
	for _, wl := range res.workloads {
		if strings.HasPrefix(wl, "Parallel") && slices.Contains(res.workloads, strings.TrimPrefix(wl, "Parallel")) {
			par = append(par, strings.TrimPrefix(wl, "Parallel"))
		}
	}
	p.tableRows(res, par, func(workload, lib string) string {
		if s, ok := scaling(res, workload, lib); ok {
			return fmtRatio(s)
		}
		return "—"
	})
	if len(res.med["cpu-ns/op"]) > 0 {
		p.line("")
		p.line("Parallel overhead: CPU time per call under RunParallel over serial CPU time per call (1.00× is")
		p.line("perfect scaling; lower is better; unlike the line above, not skewed by other processes):")
		p.line("")
		p.tableRows(res, par, func(workload, lib string) string {
			if s, ok := cpuOverhead(res, workload, lib); ok {
				return fmtRatio(s)
			}
			return "—"
		})
	}
	p.line("")
	p.line("Targets (issue 18's must-holds), judged on the medians of %s:", unit)
	p.line("")
	for _, t := range targets(res, base, unit) {
		mark := "met"
		if !t.met {
			mark = "**missed**"
		}
		p.line("%d. %s: %s — %s", t.n, t.what, mark, t.figures)
	}
	return p.err
}

func scaling(res *results, workload, lib string) (float64, bool) {
	s, ok1 := res.value("ns/op", workload, lib)
	par, ok2 := res.value("ns/op", "Parallel"+workload, lib)
	if !ok1 || !ok2 || par == 0 {
		return 0, false
	}
	return s / par, true
}

// cpuOverhead is the CPU time per call of workload under RunParallel over
// its CPU time per call on one goroutine: what contention costs.
func cpuOverhead(res *results, workload, lib string) (float64, bool) {
	s, ok1 := res.value("cpu-ns/op", workload, lib)
	par, ok2 := res.value("cpu-ns/op", "Parallel"+workload, lib)
	if !ok1 || !ok2 || s == 0 {
		return 0, false
	}
	return par / s, true
}

type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

// ratioTable prints each library's median of unit as a ratio to base's,
// and base's own median.
func (p *printer) ratioTable(res *results, base, unit string) {
	p.table(res, func(workload, lib string) string {
		v, ok := res.value(unit, workload, lib)
		if !ok {
			return "—"
		}
		b, ok := res.value(unit, workload, base)
		if lib == base || !ok || b == 0 {
			return fmtNs(v)
		}
		return fmtRatio(v / b)
	})
}

func (p *printer) table(res *results, cellText func(workload, lib string) string) {
	p.tableRows(res, res.workloads, cellText)
}

func (p *printer) tableRows(res *results, rows []string, cellText func(workload, lib string) string) {
	p.line("| workload | %s |", strings.Join(res.libs, " | "))
	p.line("|---|%s", strings.Repeat("---:|", len(res.libs)))
	for _, wl := range rows {
		cells := make([]string, len(res.libs))
		for i, lib := range res.libs {
			cells[i] = cellText(wl, lib)
		}
		p.line("| %s | %s |", wl, strings.Join(cells, " | "))
	}
}

func fmtNs(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64) + " ns"
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64) + " ns"
	}
	return strconv.FormatFloat(v, 'f', 2, 64) + " ns"
}

func fmtRatio(r float64) string {
	if r >= 10 {
		return strconv.FormatFloat(r, 'f', 0, 64) + "×"
	}
	return strconv.FormatFloat(r, 'f', 2, 64) + "×"
}
