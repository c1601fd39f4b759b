package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/raw.txt holds six identical samples per benchmark, so every
// median is the sample; testdata/benchstat.csv is benchstat's summary of
// it (benchstat -format csv -col '/lib@(slog-text slogpy zap cpython)'),
// and testdata/want.md and want-cpu.md the output, judged on ns/op and on
// cpu-ns/op, checked by hand (Printf3: 1000/800 = 1.25×; CPython ÷ slogpy
// on RotateBuffered: 30000/400 = 75×, in CPU time 30000/350 = 86×;
// parallel overhead of Printf3 in CPU time: 840/700 = 1.20× against
// 880/800 = 1.10×).

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParse(t *testing.T) {
	res, err := parse(bytes.NewReader(readFile(t, "benchstat.csv")))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(res.libs, " "), "slog-text slogpy zap cpython"; got != want {
		t.Errorf("libs %q, want %q", got, want)
	}
	if got, want := strings.Join(res.workloads, " "), "Disabled Static Printf3 Fields5 Fields5Attrs With10 ParallelStatic ParallelPrintf3 ParallelFields5 ParallelWith10 Rotate RotateBuffered"; got != want {
		t.Errorf("workloads %q, want %q", got, want)
	}
	for _, c := range []struct {
		unit, workload, lib string
		want                float64
		ok                  bool
	}{
		{"ns/op", "Static", "slogpy", 250, true},
		{"cpu-ns/op", "Static", "slogpy", 200, true},
		{"cpu-ns/op", "Rotate", "cpython", 30000, true},
		{"ns/op", "Disabled", "slog-text", 10, true},
		{"ns/op", "Rotate", "cpython", 30000, true},
		{"ns/op", "Printf3", "zap", 0, false},
		{"allocs/op", "Printf3", "slogpy", 2, true},
		{"allocs/op", "Static", "cpython", 0, false},
		{"B/op", "Fields5", "slog-text", 64, true},
	} {
		got, ok := res.value(c.unit, c.workload, c.lib)
		if ok != c.ok || (ok && (got < c.want*0.999999 || got > c.want*1.000001)) {
			t.Errorf("%s %s %s = %v, %v; want %v, %v", c.unit, c.workload, c.lib, got, ok, c.want, c.ok)
		}
	}
}

func TestRender(t *testing.T) {
	for unit, want := range map[string]string{"ns/op": "want.md", "cpu-ns/op": "want-cpu.md"} {
		t.Run(want, func(t *testing.T) {
			var out bytes.Buffer
			if err := run("slog-text", unit, filepath.Join("testdata", "benchstat.csv"), nil, &out); err != nil {
				t.Fatal(err)
			}
			if want := string(readFile(t, want)); out.String() != want {
				t.Errorf("got\n%s\nwant\n%s", out.String(), want)
			}
		})
	}
}

func TestTargets(t *testing.T) {
	res, err := parse(bytes.NewReader(readFile(t, "benchstat.csv")))
	if err != nil {
		t.Fatal(err)
	}
	// 1: Fields5 scales 1.5× against 2× (in CPU time, Printf3's and
	// Fields5's overheads are over slog's). 2: Static 0.50×. 3: 75× (86×
	// in CPU time). 5: Printf3 allocates 2. Flipping the RotateBuffered and
	// Printf3 figures flips 3 and 5; a missing row misses, as below.
	for _, unit := range []string{"ns/op", "cpu-ns/op"} {
		want := map[int]bool{1: false, 2: false, 3: true, 5: false}
		got := targets(res, "slog-text", unit)
		if len(got) != len(want) {
			t.Fatalf("%s: %d targets, want %d", unit, len(got), len(want))
		}
		for _, tg := range got {
			if w, ok := want[tg.n]; !ok || tg.met != w {
				t.Errorf("%s target %d: met %v, want %v (%s)", unit, tg.n, tg.met, w, tg.figures)
			}
		}
	}
	// Against zap, which ran only Static and Fields5Attrs, the points
	// that compare with the base are unmeasured; 3 and 5 do not use it.
	for _, tg := range targets(res, "zap", "ns/op") {
		if (tg.n == 1 || tg.n == 2) && tg.met {
			t.Errorf("target %d met without figures: %s", tg.n, tg.figures)
		}
	}
	// Without slogpy's RotateBuffered row, 3 is missed, not met.
	delete(res.med["ns/op"], cell{"RotateBuffered", slogpyLib})
	if tg := targets(res, "slog-text", "ns/op")[2]; tg.n != 3 || tg.met {
		t.Errorf("target 3 without RotateBuffered: met %v (%s)", tg.met, tg.figures)
	}
}

func TestErrors(t *testing.T) {
	for _, c := range []struct {
		name, in, base, unit, want string
	}{
		{"raw", "goos: linux\nBenchmarkStatic/lib=slogpy-2 100 5 ns/op\n", "slog-text", "ns/op", "line 2 is a benchmark result, not benchstat's CSV"},
		{"headless", "goos: linux\nStatic-2,1e-07,0%\n", "slog-text", "ns/op", `line 2: a benchmark row "Static-2" before any header`},
		{"empty", "", "slog-text", "ns/op", "no sec/op table"},
		{"ragged header", ",slog-text,,slogpy\n,sec/op,CI\n", "slog-text", "ns/op", "line 2: 3 unit columns under 4 library columns"},
		{"bad number", ",slog-text,\n,sec/op,CI\nStatic-2,fast,0%\n", "slog-text", "ns/op", `line 3, column 2 (slog-text sec/op): "fast" is not a number`},
		{"bad unit", "", "slog-text", "ns", `-unit "ns": want ns/op or cpu-ns/op`},
		{"no cpu figures", ",slog-text,\n,sec/op,CI\nStatic-2,1e-07,0%\n", "slog-text", "cpu-ns/op", "no cpu-ns/op figures in the input"},
		{"no base", ",zap,\n,sec/op,CI\nStatic-2,1e-07,0%\n", "slog-text", "ns/op", `no column for the base library "slog-text" (columns: zap)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(c.base, c.unit, "", strings.NewReader(c.in), &out)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to contain %q", err, c.want)
			}
		})
	}
}
