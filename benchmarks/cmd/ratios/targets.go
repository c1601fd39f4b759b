package main

import (
	"fmt"
	"strconv"
	"strings"
)

// A target is one point of the "What must hold", judged from the
// medians.
type target struct {
	n       int
	what    string
	met     bool
	figures string
}

// targets judges the five points for lib=slogpy against base (log/slog's
// TextHandler; in the Rotate workload, slog over lumberjack) and cpython,
// on the medians of unit. Parallel scaling is always judged on wall time.
func targets(res *results, base, unit string) []target {
	return []target{
		ratioTarget(res, base, unit, 1, "Disabled call: 0 allocs, no slower than "+base, []string{"Disabled"}, 1.0, 0),
		ratioTarget(res, base, unit, 2, "Static and Printf3 to a discarding writer, default Python format: ≤ 1.2× "+base+", ≤ 1 alloc",
			[]string{"Static", "Printf3"}, 1.2, 1),
		fieldsTarget(res, base, unit),
		cpythonTarget(res, unit),
		ratioTarget(res, base, unit, 5, "Rotate (1 MiB files): within 1.3× of lumberjack under slog", []string{"Rotate"}, 1.3, -1),
	}
}

// ratioTarget checks that slogpy's median is at most limit times base's on
// each workload, and, unless maxAllocs < 0, that it allocates at most
// maxAllocs per call.
func ratioTarget(res *results, base, unit string, n int, what string, workloads []string, limit float64, maxAllocs float64) target {
	t := target{n: n, what: what, met: true}
	var figs []string
	for _, wl := range workloads {
		v, ok1 := res.value(unit, wl, slogpyLib)
		b, ok2 := res.value(unit, wl, base)
		if !ok1 || !ok2 || b == 0 {
			t.met = false
			figs = append(figs, wl+" not measured")
			continue
		}
		r := v / b
		fig := fmt.Sprintf("%s %s vs %s: %s", wl, fmtNs(v), fmtNs(b), fmtRatio(r))
		if r > limit {
			t.met = false
		}
		if maxAllocs >= 0 {
			a, ok := res.value("allocs/op", wl, slogpyLib)
			switch {
			case !ok:
				t.met = false
				fig += ", allocs not measured"
			default:
				fig += ", " + strconv.FormatFloat(a, 'f', -1, 64) + " allocs"
				if a > maxAllocs {
					t.met = false
				}
			}
		}
		figs = append(figs, fig)
	}
	t.figures = strings.Join(figs, "; ")
	return t
}

// scalingTolerance is how much worse than base's slogpy's parallel scaling
// may be and still count as no worse: the run-to-run spread of these
// medians on a shared machine.
const scalingTolerance = 0.05

// fieldsTarget is point 3: Fields5 within 1.3× of base, and slogpy's
// parallel scaling no worse than base's (within scalingTolerance) on every
// parallel workload: in wall time, serial over parallel time; in CPU time,
// the parallel overhead.
func fieldsTarget(res *results, base, unit string) target {
	t := ratioTarget(res, base, unit, 3, "Fields5: ≤ 1.3× "+base+"; parallel scaling no worse than "+base+"'s (within 5%)", []string{"Fields5"}, 1.3, -1)
	measure, what, better := scaling, "scaling", func(s, b float64) bool { return s >= b*(1-scalingTolerance) }
	if unit == "cpu-ns/op" {
		measure, what, better = cpuOverhead, "parallel overhead", func(s, b float64) bool { return s <= b*(1+scalingTolerance) }
	}
	var figs []string
	for _, wl := range res.workloads {
		inner, ok := strings.CutPrefix(wl, "Parallel")
		if !ok {
			continue
		}
		s, ok1 := measure(res, inner, slogpyLib)
		b, ok2 := measure(res, inner, base)
		if !ok1 || !ok2 {
			continue
		}
		fig := fmt.Sprintf("%s %s vs %s", inner, fmtRatio(s), fmtRatio(b))
		if !better(s, b) {
			t.met = false
			fig = "**" + fig + "**"
		}
		figs = append(figs, fig)
	}
	if len(figs) == 0 {
		t.met = false
		figs = append(figs, "no parallel workload measured")
	}
	t.figures += "; " + what + " " + strings.Join(figs, ", ")
	return t
}

// cpythonTarget is point 4: CPython's median at least 30 times slogpy's on
// every workload both ran.
func cpythonTarget(res *results, unit string) target {
	t := target{n: 4, what: "at least 30× faster than CPython's logging on every workload", met: true}
	var figs []string
	for _, wl := range res.workloads {
		v, ok1 := res.value(unit, wl, slogpyLib)
		c, ok2 := res.value(unit, wl, cpythonLib)
		if !ok1 || !ok2 || v == 0 {
			continue
		}
		f := c / v
		fig := fmt.Sprintf("%s %s", wl, fmtRatio(f))
		if f < 30 {
			t.met = false
			fig = "**" + fig + "**"
		}
		figs = append(figs, fig)
	}
	if len(figs) == 0 {
		t.met = false
		figs = append(figs, "no workload measured for both")
	}
	t.figures = "CPython ÷ slogpy: " + strings.Join(figs, ", ")
	return t
}
