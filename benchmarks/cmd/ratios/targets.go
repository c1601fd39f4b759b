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

// targets judges the points of issue 18's "What must hold" that the
// benchmarks of this module measure, for lib=slogpy against base (log/slog's
// TextHandler) and cpython, on the medians of unit: 1, parallel overhead
// (on cpu-ns/op; on ns/op, parallel scaling); 2, serial speed; 3, buffered
// rotation; 5, allocations. Point 4, batched network delivery, is measured
// by its own benchmarks.
func targets(res *results, base, unit string) []target {
	return []target{
		parallelTarget(res, base, unit),
		serialTarget(res, base, unit),
		bufferedTarget(res, base, unit),
		allocsTarget(res),
	}
}

// The workloads of must-hold 1 and the limits of must-hold 2.
var (
	parallelWorkloads = []string{"Static", "Printf3", "Fields5", "With10"}
	serialLimits      = []struct {
		workload string
		limit    float64
	}{{"With10", 0.5}, {"Static", 0.27}, {"Printf3", 0.36}}
)

// parallelTarget is must-hold 1: slogpy's parallel overhead (CPU per call
// under RunParallel over serial) at most base's on each workload; judged
// on ns/op, slogpy's scaling (serial over parallel time) at least base's.
func parallelTarget(res *results, base, unit string) target {
	t := target{n: 1, what: "Parallel overhead of slogpy ≤ " + base + "'s on Static, Printf3, Fields5 and With10", met: true}
	measure, what, ok := cpuOverhead, "parallel overhead", func(s, b float64) bool { return s <= b }
	if unit == "ns/op" {
		t.what = "Parallel scaling of slogpy ≥ " + base + "'s on Static, Printf3, Fields5 and With10 (must-hold 1 in wall time)"
		measure, what, ok = scaling, "scaling", func(s, b float64) bool { return s >= b }
	}
	var figs []string
	for _, wl := range parallelWorkloads {
		s, ok1 := measure(res, wl, slogpyLib)
		b, ok2 := measure(res, wl, base)
		if !ok1 || !ok2 {
			t.met = false
			figs = append(figs, wl+" not measured")
			continue
		}
		fig := fmt.Sprintf("%s %s vs %s", wl, fmtRatio(s), fmtRatio(b))
		if !ok(s, b) {
			t.met = false
			fig = "**" + fig + "**"
		}
		figs = append(figs, fig)
	}
	t.figures = what + " " + strings.Join(figs, ", ")
	return t
}

// serialTarget is must-hold 2: With10, Static and Printf3 within their
// limits of base, and Fields5Attrs no slower, as a ratio to base, than
// zap's.
func serialTarget(res *results, base, unit string) target {
	t := target{n: 2, what: "With10 ≤ 0.5× " + base + ", Static ≤ 0.27×, Printf3 ≤ 0.36×; Fields5Attrs ≤ zap's ratio", met: true}
	var figs []string
	for _, l := range serialLimits {
		r, fig, ok := ratioOf(res, base, unit, l.workload, slogpyLib)
		if ok && r > l.limit {
			fig = "**" + fig + "**"
		}
		t.met = t.met && ok && r <= l.limit
		figs = append(figs, fig)
	}
	s, sfig, ok1 := ratioOf(res, base, unit, "Fields5Attrs", slogpyLib)
	z, _, ok2 := ratioOf(res, base, unit, "Fields5Attrs", zapLib)
	switch {
	case !ok1 || !ok2:
		t.met = false
		figs = append(figs, "Fields5Attrs of slogpy or zap not measured")
	default:
		fig := fmt.Sprintf("%s against zap's %s", sfig, fmtRatio(z))
		if s > z {
			t.met = false
			fig = "**" + fig + "**"
		}
		figs = append(figs, fig)
	}
	t.figures = strings.Join(figs, "; ")
	return t
}

// ratioOf is lib's median of unit on workload over base's, and the figure
// that shows it.
func ratioOf(res *results, base, unit, workload, lib string) (float64, string, bool) {
	v, ok1 := res.value(unit, workload, lib)
	b, ok2 := res.value(unit, workload, base)
	if !ok1 || !ok2 || b == 0 {
		return 0, workload + " not measured", false
	}
	return v / b, fmt.Sprintf("%s %s vs %s: %s", workload, fmtNs(v), fmtNs(b), fmtRatio(v/b)), true
}

// bufferedTarget is must-hold 3: CPython's RotatingFileHandler at least 30
// times slogpy's buffered one on the same workload (the RotateBuffered
// row; CPython has no buffer, its line there is Rotate's workload). The
// unbuffered Rotate is shown as a ratio to base: "no slower than today"
// compares it with an earlier run, which one run cannot judge.
func bufferedTarget(res *results, base, unit string) target {
	t := target{n: 3, what: "Buffered rotating file ≥ 30× CPython's RotatingFileHandler (RotateBuffered, CPython ÷ slogpy)"}
	v, ok1 := res.value(unit, "RotateBuffered", slogpyLib)
	c, ok2 := res.value(unit, "RotateBuffered", cpythonLib)
	if !ok2 {
		c, ok2 = res.value(unit, "Rotate", cpythonLib)
	}
	if !ok1 || !ok2 || v == 0 {
		t.figures = "RotateBuffered of slogpy or CPython not measured"
		return t
	}
	t.met = c/v >= 30
	t.figures = fmt.Sprintf("RotateBuffered %s vs CPython %s: %s", fmtNs(v), fmtNs(c), fmtRatio(c/v))
	if !t.met {
		t.figures = "**" + t.figures + "**"
	}
	if _, fig, ok := ratioOf(res, base, unit, "Rotate", slogpyLib); ok {
		t.figures += "; unbuffered " + fig + " (compare with an earlier run)"
	}
	return t
}

// allocsTarget is must-hold 5, as far as allocation counts show it: the
// disabled call allocates nothing, nor does any workload but Fields5, whose
// five are the boxing of its slog.Attr arguments into the call's ...any
// (every library pays them: see README.md).
func allocsTarget(res *results) target {
	t := target{n: 5, what: "No allocation: 0 allocs on every workload of slogpy but Fields5 (≤ 5, the call's boxing), the disabled call included", met: true}
	var figs []string
	for _, wl := range res.workloads {
		a, ok := res.value("allocs/op", wl, slogpyLib)
		if !ok || strings.HasPrefix(wl, "Network") {
			continue // the network rows (issue 18 point 5) encode records: not these workloads
		}
		limit := 0.0
		if strings.TrimPrefix(wl, "Parallel") == "Fields5" {
			limit = 5
		}
		fig := wl + " " + strconv.FormatFloat(a, 'f', -1, 64)
		if a > limit {
			t.met = false
			fig = "**" + fig + "**"
		}
		figs = append(figs, fig)
	}
	if _, ok := res.value("allocs/op", "Disabled", slogpyLib); !ok {
		t.met = false
		figs = append(figs, "Disabled not measured")
	}
	t.figures = "allocs/op: " + strings.Join(figs, ", ")
	return t
}
