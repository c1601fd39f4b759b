package handlers

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"testing/slogtest"
	"time"
	_ "time/tzdata" // the goldens' zones, whatever the host has

	"github.com/slogpy/slogpy/slogpy"
)

type timedComputeCase struct {
	When     string
	Interval int
	UTC      bool
	AtTime   *string
	TZ       string
	T        int64
	Rollover int64
	Py311    map[string]any
}

type timedDeleteCase struct {
	When        string
	BackupCount int
	Namer       *string
	Base        string
	Files       []string
	Result      []string
	Py311       map[string]any
}

type timedRunCase struct {
	Name        string
	When        string
	Interval    int
	BackupCount int
	UTC         bool
	AtTime      *string
	TZ          string
	Delay       bool
	Namer       *string
	Rotator     *string
	Start       int64
	Pre         map[string][]any
	Ops         [][]any
	Files       map[string]string
	Gzip        []string
	RolloverAt  []int64
	Py311       map[string]any
}

type timedGolden struct {
	Python  string
	Compute []timedComputeCase
	Delete  []timedDeleteCase
	Runs    []timedRunCase
}

// timedPy311Differs lists the runs where CPython 3.11 differs from 3.13
// (and from this package): 3.11 ignores Interval for MIDNIGHT, and its
// computeRollover misses DST for weekly and AtTime rollovers.
var timedPy311Differs = map[string]bool{
	"midnight_interval_2":         true,
	"midnight_attime_0230_spring": true,
	"weekly_w6_across_dst":        true,
	"weekly_w0_attime":            true,
}

func timedLoad(t *testing.T) timedGolden {
	var g timedGolden
	fileLoadGolden(t, "timed.json", &g)
	return g
}

func timedLocation(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func timedAt(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestTimedComputeRolloverCPython compares computeRollover with CPython's
// for every (when, interval, utc, atTime, zone, start) of timed.json,
// including New York and Sydney across both DST changes.
func TestTimedComputeRolloverCPython(t *testing.T) {
	g := timedLoad(t)
	if len(g.Compute) < 60 {
		t.Fatalf("%d computeRollover cases, want at least 60", len(g.Compute))
	}
	failed, py311 := 0, 0
	for _, c := range g.Compute {
		s, err := timedNewSchedule(c.When, c.Interval, c.UTC, timedAt(c.AtTime), timedLocation(t, c.TZ))
		if err != nil {
			t.Fatal(err)
		}
		if c.Py311 != nil {
			py311++
		}
		if got := s.compute(c.T); got != c.Rollover {
			failed++
			if failed <= 20 {
				t.Errorf("computeRollover(%d) when=%s interval=%d utc=%v atTime=%v %s = %d (%s), CPython %d (%s)",
					c.T, c.When, c.Interval, c.UTC, timedAt(c.AtTime), c.TZ, got, s.in(got), c.Rollover, s.in(c.Rollover))
			}
		}
	}
	t.Logf("%d cases, %d failed; CPython 3.11 differs from 3.13 in %d", len(g.Compute), failed, py311)
}

// TestTimedFilesToDeleteCPython compares getFilesToDelete with CPython's
// for lists of names, with and without a namer.
func TestTimedFilesToDeleteCPython(t *testing.T) {
	g := timedLoad(t)
	for i, c := range g.Delete {
		namer := "none"
		if c.Namer != nil {
			namer = *c.Namer
		}
		t.Run(fmt.Sprintf("%d_%s_%s_%d", i, c.When, namer, c.BackupCount), func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range c.Files {
				if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			base := c.Base
			if base == "" {
				base = "app.log"
			}
			opts := &TimedRotatingFileHandlerOptions{When: c.When, BackupCount: c.BackupCount}
			opts.Delay = true
			if c.Namer != nil {
				opts.Namer = fileNamers[*c.Namer]
			}
			h, err := NewTimedRotatingFileHandler(filepath.Join(dir, base), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			h.sink.Lock()
			paths, err := h.filesToDelete()
			h.sink.Unlock()
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, p := range paths {
				got = append(got, filepath.Base(p))
			}
			if !reflect.DeepEqual(got, c.Result) {
				t.Errorf("files to delete %q, CPython %q", got, c.Result)
			}
		})
	}
}

// TestTimedRunsCPython replays timed.json's runs under a simulated clock
// and compares the files, their contents and every rolloverAt with
// CPython's. Each runs also with ProcessLock, which must not change them.
func TestTimedRunsCPython(t *testing.T) {
	g := timedLoad(t)
	differs := map[string]bool{}
	for _, c := range g.Runs {
		if c.Py311 != nil {
			differs[c.Name] = true
		}
		for _, lock := range []bool{false, true} {
			name := c.Name
			if lock {
				name += "/ProcessLock"
			}
			t.Run(name, func(t *testing.T) {
				if lock && runtime.GOOS == "windows" {
					t.Skip("ProcessLock needs flock")
				}
				timedReplay(t, c, lock)
			})
		}
	}
	if !reflect.DeepEqual(differs, timedPy311Differs) {
		t.Errorf("runs where CPython 3.11 differs: %v, documented: %v", differs, timedPy311Differs)
	}
}

func timedNum(t *testing.T, v any) int64 {
	t.Helper()
	n, err := v.(interface{ Int64() (int64, error) }).Int64()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func timedReplay(t *testing.T, c timedRunCase, lock bool) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	for name, pre := range c.Pre {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, fileLatin1(pre[0].(string)), 0o644); err != nil {
			t.Fatal(err)
		}
		mt := time.Unix(timedNum(t, pre[1]), 0)
		if err := os.Chtimes(p, mt, mt); err != nil {
			t.Fatal(err)
		}
	}
	var clock atomic.Int64
	clock.Store(c.Start)
	loc := timedLocation(t, c.TZ)
	open := func() *TimedRotatingFileHandler {
		opts := &TimedRotatingFileHandlerOptions{
			When: c.When, Interval: c.Interval, BackupCount: c.BackupCount, UTC: c.UTC,
			AtTime: timedAt(c.AtTime), Location: loc, ProcessLock: lock,
			Now: func() time.Time { return time.Unix(clock.Load(), 0) },
		}
		opts.Formatter = fileFormatter(t, "%(message)s")
		opts.ErrorHandler = fileFailHook(t)
		opts.Delay = c.Delay
		if c.Namer != nil {
			opts.Namer = fileNamers[*c.Namer]
		}
		if c.Rotator != nil {
			opts.Rotator = fileRotators[*c.Rotator]
		}
		h, err := NewTimedRotatingFileHandler(base, opts)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	h := open()
	steps := []int64{h.rolloverAt}
	for _, op := range c.Ops {
		switch op[0] {
		case "log":
			clock.Store(timedNum(t, op[1]))
			slogpy.Handle(h, fileRecord(t, op[2].(string)))
		case "touch":
			mt := time.Unix(timedNum(t, op[1]), 0)
			if err := os.Chtimes(base, mt, mt); err != nil {
				t.Fatal(err)
			}
		case "clock":
			clock.Store(timedNum(t, op[1]))
		case "restart":
			if err := h.Close(); err != nil {
				t.Fatal(err)
			}
			h = open()
		default:
			t.Fatalf("unknown op %v", op)
		}
		steps = append(steps, h.rolloverAt)
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	files, gz := fileSnapshot(t, dir, "app.log.lock")
	if !reflect.DeepEqual(files, c.Files) {
		t.Errorf("files differ from CPython's\n got: %q\nwant: %q", files, c.Files)
	}
	if !reflect.DeepEqual(gz, c.Gzip) {
		t.Errorf("gzip files %q, want %q", gz, c.Gzip)
	}
	if !reflect.DeepEqual(steps, c.RolloverAt) {
		for i := range steps {
			if i < len(c.RolloverAt) && steps[i] != c.RolloverAt[i] {
				t.Errorf("step %d: rolloverAt %d (%s), CPython %d (%s)", i, steps[i], time.Unix(steps[i], 0).In(loc), c.RolloverAt[i], time.Unix(c.RolloverAt[i], 0).In(loc))
				break
			}
		}
		t.Errorf("rolloverAt sequence differs from CPython's (%d vs %d steps)", len(steps), len(c.RolloverAt))
	}
}

func TestTimedConstructorErrors(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "app.log")
	tests := []struct {
		name string
		opts TimedRotatingFileHandlerOptions
		want string
	}{
		{"unknown when", TimedRotatingFileHandlerOptions{When: "X"}, `invalid When "X": invalid rollover interval specified (want S, M, H, D, MIDNIGHT or W0-W6)`},
		{"weekday missing", TimedRotatingFileHandlerOptions{When: "w"}, `invalid When "w": you must specify a day for weekly rollover from 0 to 6 (0 is Monday)`},
		{"weekday too long", TimedRotatingFileHandlerOptions{When: "W12"}, `invalid When "W12": you must specify a day`},
		{"weekday 7", TimedRotatingFileHandlerOptions{When: "W7"}, `invalid When "W7": invalid day specified for weekly rollover (want W0-W6, 0 is Monday)`},
		{"negative interval", TimedRotatingFileHandlerOptions{Interval: -1}, `invalid Interval -1: must be positive`},
		{"huge interval", TimedRotatingFileHandlerOptions{When: "W0", Interval: 1 << 62}, `too large`},
		{"negative backups", TimedRotatingFileHandlerOptions{BackupCount: -1}, `BackupCount -1 is negative`},
		{"at time hour", TimedRotatingFileHandlerOptions{When: "midnight", AtTime: "24:00"}, `invalid AtTime "24:00"`},
		{"at time shape", TimedRotatingFileHandlerOptions{When: "midnight", AtTime: "1:2:3:4"}, `invalid AtTime "1:2:3:4": want HH:MM or HH:MM:SS`},
		{"at time text", TimedRotatingFileHandlerOptions{When: "midnight", AtTime: "noon"}, `invalid AtTime "noon"`},
		{"mode", TimedRotatingFileHandlerOptions{FileHandlerOptions: slogpy.FileHandlerOptions{Mode: "w"}}, `Mode "w": the file is always appended to`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := NewTimedRotatingFileHandler(path, &tt.opts)
			if err == nil {
				h.Close()
				t.Fatal("no error")
			}
			prefix := `handlers: timed rotating file handler "` + path + `": `
			if !strings.HasPrefix(err.Error(), prefix) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want %q + …%q…", err, prefix, tt.want)
			}
		})
	}
	t.Run("unwritable directory", func(t *testing.T) {
		p := filepath.Join(fileUnwritableDir(t), "app.log")
		_, err := NewTimedRotatingFileHandler(p, nil)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("error %v, want permission denied naming %s", err, p)
		}
	})
	t.Run("valid spellings", func(t *testing.T) {
		for _, w := range []string{"s", "M", "h", "d", "Midnight", "w0", "W6", ""} {
			h, err := NewTimedRotatingFileHandler(path, &TimedRotatingFileHandlerOptions{When: w, AtTime: "23:59:59"})
			if err != nil {
				t.Errorf("When %q: %v", w, err)
				continue
			}
			h.Close()
		}
	})
}

// TestTimedDailyStaysAtMidnight: a clock stepping through whole weeks
// around both DST changes of New York and Sydney; every rollover time the
// handler schedules must be a local midnight, one calendar day after the
// previous one.
func TestTimedDailyStaysAtMidnight(t *testing.T) {
	for _, tc := range []struct {
		zone        string
		from, until string
	}{
		{"America/New_York", "2024-03-05", "2024-03-16"},
		{"America/New_York", "2024-10-29", "2024-11-08"},
		{"Australia/Sydney", "2024-04-02", "2024-04-12"},
		{"Australia/Sydney", "2024-10-01", "2024-10-11"},
	} {
		t.Run(tc.zone+"/"+tc.from, func(t *testing.T) {
			loc := timedLocation(t, tc.zone)
			from, _ := time.ParseInLocation("2006-01-02 15:04", tc.from+" 09:17", loc)
			until, _ := time.ParseInLocation("2006-01-02", tc.until, loc)
			var clock atomic.Int64
			clock.Store(from.Unix())
			dir := t.TempDir()
			opts := &TimedRotatingFileHandlerOptions{When: "midnight", Location: loc,
				Now: func() time.Time { return time.Unix(clock.Load(), 0) }}
			opts.ErrorHandler = fileFailHook(t)
			h, err := NewTimedRotatingFileHandler(filepath.Join(dir, "app.log"), opts)
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			var rollovers []time.Time
			last := h.rolloverAt
			rollovers = append(rollovers, time.Unix(last, 0).In(loc))
			for now := from.Unix(); now < until.Unix(); now += 1234 {
				clock.Store(now)
				slogpy.Handle(h, fileRecord(t, time.Unix(now, 0).In(loc).String()))
				if h.rolloverAt != last {
					last = h.rolloverAt
					rollovers = append(rollovers, time.Unix(last, 0).In(loc))
				}
			}
			for i, r := range rollovers {
				if hh, mm, ss := r.Clock(); hh != 0 || mm != 0 || ss != 0 {
					t.Errorf("rollover %d at %s, not midnight", i, r)
				}
				if i > 0 {
					if want := rollovers[i-1].AddDate(0, 0, 1); !r.Equal(want) {
						t.Errorf("rollover %d at %s, want %s", i, r, want)
					}
				}
			}
			names := rotatingNames(t, dir)
			if len(names) != len(rollovers) { // app.log + one per day passed
				t.Errorf("%d files for %d rollovers: %v", len(names), len(rollovers)-1, names)
			}
		})
	}
}

// TestTimedAlreadyRolledOver: when the rotated name exists (a restart in
// a rotated interval), nothing is overwritten, the records stay in the
// current file, and the next rollover is scheduled. Checked by hand:
// CPython 3.11 deletes the existing file; 3.13 keeps retrying forever.
func TestTimedAlreadyRolledOver(t *testing.T) {
	loc := time.UTC
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	t0 := time.Date(2024, 1, 15, 10, 0, 0, 0, loc).Unix()
	if err := os.WriteFile(base+".2024-01-15_10", []byte("rotated before\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var clock atomic.Int64
	clock.Store(t0)
	opts := &TimedRotatingFileHandlerOptions{When: "H", Location: loc, Now: func() time.Time { return time.Unix(clock.Load(), 0) }}
	opts.ErrorHandler = fileFailHook(t)
	h, err := NewTimedRotatingFileHandler(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "a"))
	clock.Store(t0 + 3600) // the rollover would name the file .2024-01-15_10: taken
	slogpy.Handle(h, fileRecord(t, "b"))
	if want := time.Date(2024, 1, 15, 12, 0, 0, 0, loc).Unix(); h.rolloverAt != want {
		t.Errorf("rolloverAt %s, want %s", time.Unix(h.rolloverAt, 0).UTC(), time.Unix(want, 0).UTC())
	}
	clock.Store(t0 + 7200) // now .2024-01-15_11 is free
	slogpy.Handle(h, fileRecord(t, "c"))
	h.Close()
	files, _ := fileSnapshot(t, dir)
	want := map[string]string{
		"app.log.2024-01-15_10": "rotated before\n",
		"app.log.2024-01-15_11": "a\nb\n",
		"app.log":               "c\n",
	}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
}

// TestTimedTwoHandlersOneFile: two handlers (two processes, or two
// configurations in one) write one file and reach the rollover time: the
// file is rotated once, the second handler follows it to the new file, and
// every record is kept. With and without ProcessLock.
func TestTimedTwoHandlersOneFile(t *testing.T) {
	for _, lock := range []bool{false, true} {
		t.Run(fmt.Sprintf("ProcessLock=%v", lock), func(t *testing.T) {
			if lock && runtime.GOOS == "windows" {
				t.Skip("ProcessLock needs flock")
			}
			dir := t.TempDir()
			base := filepath.Join(dir, "app.log")
			t0 := time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC).Unix()
			var clock atomic.Int64
			clock.Store(t0)
			open := func() *TimedRotatingFileHandler {
				opts := &TimedRotatingFileHandlerOptions{When: "M", UTC: true, BackupCount: 10, ProcessLock: lock,
					Now: func() time.Time { return time.Unix(clock.Load(), 0) }}
				opts.ErrorHandler = fileFailHook(t)
				h, err := NewTimedRotatingFileHandler(base, opts)
				if err != nil {
					t.Fatal(err)
				}
				return h
			}
			h1 := open()
			// The file h1 created has the real clock's mtime; make it the
			// simulated one, as if h1 had created it then.
			if err := os.Chtimes(base, time.Unix(t0, 0), time.Unix(t0, 0)); err != nil {
				t.Fatal(err)
			}
			h2 := open()
			if h1.rolloverAt != h2.rolloverAt {
				t.Fatalf("rollover times differ: %d, %d", h1.rolloverAt, h2.rolloverAt)
			}
			for minute := range 3 {
				clock.Store(t0 + int64(minute)*60 + 5)
				slogpy.Handle(h1, fileRecord(t, fmt.Sprintf("h1 m%d", minute)))
				slogpy.Handle(h2, fileRecord(t, fmt.Sprintf("h2 m%d", minute)))
			}
			h1.Close()
			h2.Close()
			files, _ := fileSnapshot(t, dir, "app.log.lock")
			want := map[string]string{
				"app.log.2024-01-15_10-30": "h1 m0\nh2 m0\n",
				"app.log.2024-01-15_10-31": "h1 m1\nh2 m1\n",
				"app.log":                  "h1 m2\nh2 m2\n",
			}
			if !reflect.DeepEqual(files, want) {
				t.Errorf("files %q, want %q", files, want)
			}
		})
	}
}

// TestTimedNeverRollsNonRegular: a device is never rolled over; the next
// check is scheduled.
func TestTimedNeverRollsNonRegular(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/null")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	if err := os.Symlink(os.DevNull, base); err != nil {
		t.Fatal(err)
	}
	var clock atomic.Int64
	t0 := time.Now().Add(time.Hour).Unix() // after the device's mtime
	clock.Store(t0)
	opts := &TimedRotatingFileHandlerOptions{When: "S", UTC: true, Now: func() time.Time { return time.Unix(clock.Load(), 0) }}
	opts.ErrorHandler = fileFailHook(t)
	h, err := NewTimedRotatingFileHandler(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		clock.Store(t0 + int64(i)*10)
		slogpy.Handle(h, fileRecord(t, "x"))
		if want := t0 + int64(i)*10 + 1; h.rolloverAt != want {
			t.Errorf("step %d: rolloverAt %d, want %d", i, h.rolloverAt, want)
		}
	}
	h.Close()
	if names := rotatingNames(t, dir); !reflect.DeepEqual(names, []string{"app.log"}) {
		t.Errorf("files %v, want only app.log", names)
	}
}

func TestTimedSlogtest(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	var clock atomic.Int64
	clock.Store(time.Date(2024, 1, 15, 10, 30, 0, 0, time.UTC).Unix())
	opts := &TimedRotatingFileHandlerOptions{When: "S", UTC: true, Now: func() time.Time { return time.Unix(clock.Add(1), 0) }}
	opts.Formatter = fileJSONFormatter{}
	h, err := NewTimedRotatingFileHandler(base, opts)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	results := func() []map[string]any {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var paths []string
		for _, e := range entries {
			if e.Name() != "app.log" {
				paths = append(paths, filepath.Join(dir, e.Name()))
			}
		}
		sort.Strings(paths) // the suffixes sort by time
		return fileReadJSONLines(t, append(paths, base)...)
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Error(err)
	}
	if n := len(rotatingNames(t, dir)); n < 3 {
		t.Errorf("%d files: the clock should have rolled the file over on every record", n)
	}
}
