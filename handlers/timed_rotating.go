package handlers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/slogpy/slogpy/internal/handlerlist"
	"github.com/slogpy/slogpy/slogpy"
)

// TimedRotatingFileHandlerOptions are the options of
// [NewTimedRotatingFileHandler]. The zero value gives Python's defaults:
// roll over every hour, keep every rotated file, local time.
type TimedRotatingFileHandlerOptions struct {
	// FileHandlerOptions are the file's options (level, formatter,
	// encoding, delay…). Mode must be "" or "a": the file is always
	// appended to, as in Python, which has no mode parameter here.
	slogpy.FileHandlerOptions
	// When is the unit of the interval, in any case: "S" seconds, "M"
	// minutes, "H" hours (the default when empty), "D" days, "MIDNIGHT"
	// (roll over at midnight, or at AtTime), "W0"-"W6" (roll over on a
	// weekday, 0 is Monday, at midnight or at AtTime).
	When string
	// Interval is how many units pass between rollovers. 0 means 1.
	Interval int
	// BackupCount is how many rotated files are kept; older ones are
	// deleted at rollover. 0 keeps them all.
	BackupCount int
	// UTC uses UTC for the rollover times and the file name suffixes
	// instead of Location.
	UTC bool
	// AtTime is the time of day of MIDNIGHT and weekly rollovers, "HH:MM"
	// or "HH:MM:SS" (Python's atTime). Empty means midnight. Other When
	// values ignore it, as in Python.
	AtTime string
	// Location is the time zone of the rollover times and suffixes when
	// UTC is false. nil means time.Local (Python uses the process's local
	// time).
	Location *time.Location
	// Now is the clock. nil means time.Now. Tests set it to run a
	// schedule without waiting.
	Now func() time.Time
	// Namer, Rotator and ProcessLock are as in
	// [RotatingFileHandlerOptions]. With a Namer, only names the Namer
	// makes from this handler's suffixes count as backups to delete.
	Namer       func(defaultName string) string
	Rotator     func(source, dest string) error
	ProcessLock bool
}

// A TimedRotatingFileHandler writes records to a file and rolls it over at
// times: Python's logging.handlers.TimedRotatingFileHandler.
//
// The first rollover time is computed from the file's modification time
// when it exists at construction (so a restarted program rolls over a file
// left from the previous interval), else from the clock. At the first
// record at or after that time, the file is renamed with the suffix of the
// interval it covers (app.log.2024-03-10 for daily rollovers,
// app.log.2024-03-10_14 hourly…), the oldest rotated files beyond
// BackupCount are deleted (only names that this handler produces: other
// files in the directory are left alone), and the next time is computed.
// Daily and weekly rollovers stay at local midnight (or AtTime) across
// daylight saving changes.
//
// It mirrors CPython 3.13 (gh-88352 fixed 3.11's schedule: MIDNIGHT and
// weekly rollovers now honour Interval and DST). Differences: an invalid
// When, Interval, BackupCount or AtTime is a constructor error; a file
// created by the constructor takes its start time from Now rather than from
// its new modification time (the same instant, but Now is injectable); when
// the rotated name already exists (another process rotated first, or a
// restart landed in a rotated interval) nothing is overwritten: the handler
// reopens the file if it was rotated away and schedules the next rollover,
// where 3.13 keeps retrying on every record and 3.11 deletes the existing
// file. Its methods are safe for concurrent use.
type TimedRotatingFileHandler struct {
	BaseRotatingHandler
	sched       *timedSchedule
	backupCount int
	now         func() time.Time
	rolloverAt  int64 // Unix seconds
}

var _ slogpy.Handler = (*TimedRotatingFileHandler)(nil)

// NewTimedRotatingFileHandler returns a handler writing to filename (made
// absolute) and rolling it over as opts says; nil opts means Python's
// defaults (hourly). Unless opts.Delay is set the file is opened now, and
// an error opening it is returned, naming the path.
func NewTimedRotatingFileHandler(filename string, opts *TimedRotatingFileHandlerOptions) (*TimedRotatingFileHandler, error) {
	const kind = "timed rotating file handler"
	var o TimedRotatingFileHandlerOptions
	if opts != nil {
		o = *opts
	}
	if o.Mode != "" && o.Mode != "a" {
		return nil, fmt.Errorf("handlers: %s %q: Mode %q: the file is always appended to (want \"\" or \"a\")", kind, filename, o.Mode)
	}
	if o.BackupCount < 0 {
		return nil, fmt.Errorf("handlers: %s %q: BackupCount %d is negative", kind, filename, o.BackupCount)
	}
	loc := o.Location
	if loc == nil {
		loc = time.Local
	}
	sched, err := timedNewSchedule(o.When, o.Interval, o.UTC, o.AtTime, loc)
	if err != nil {
		return nil, fmt.Errorf("handlers: %s %q: %w", kind, filename, err)
	}
	now := o.Now
	if now == nil {
		now = time.Now
	}
	start := now().Unix()
	if filename != "" {
		if st, err := os.Stat(filename); err == nil {
			start = st.ModTime().Unix()
		}
	}
	h := &TimedRotatingFileHandler{sched: sched, backupCount: o.BackupCount, now: now}
	o.Mode = "a"
	if err := h.initRotating(h, kind, filename, o.FileHandlerOptions, o.Namer, o.Rotator, o.ProcessLock); err != nil {
		return nil, err
	}
	h.rolloverAt = sched.compute(start)
	if o.BufferSize > 0 {
		handlerlist.Add(h) // Shutdown flushes it wherever it is
	}
	return h, nil
}

// When returns the unit of the interval, upper-cased as Python's when:
// "S", "M", "H", "D", "MIDNIGHT" or "W0"…"W6".
func (h *TimedRotatingFileHandler) When() string { return h.sched.when }

// Interval returns the time between rollovers: Python's interval (in
// seconds there), the Interval option times the unit of When (a day for
// MIDNIGHT, a week for "W0"…"W6").
func (h *TimedRotatingFileHandler) Interval() time.Duration {
	return time.Duration(h.sched.interval) * time.Second
}

// BackupCount returns how many rotated files are kept (0: all): Python's
// backupCount.
func (h *TimedRotatingFileHandler) BackupCount() int { return h.backupCount }

// UTC reports whether rollover times and suffixes are in UTC: Python's utc.
func (h *TimedRotatingFileHandler) UTC() bool { return h.sched.utc }

// AtTime returns the time of day of MIDNIGHT and weekly rollovers as
// "HH:MM:SS" (Python's str(atTime)), or "" when none was given (None).
func (h *TimedRotatingFileHandler) AtTime() string {
	a := h.sched.atTime
	if a < 0 {
		return ""
	}
	return fmt.Sprintf("%02d:%02d:%02d", a/3600, a/60%60, a%60)
}

// Suffix returns the strftime format of the rotated files' suffix:
// Python's suffix ("%Y-%m-%d_%H" for hourly rollovers).
func (h *TimedRotatingFileHandler) Suffix() string {
	return strings.NewReplacer("2006", "%Y", "01", "%m", "02", "%d", "15", "%H", "04", "%M", "05", "%S").Replace(h.sched.layout)
}

// RolloverAt returns the time of the next rollover: Python's rolloverAt.
func (h *TimedRotatingFileHandler) RolloverAt() time.Time {
	h.sink.Lock()
	defer h.sink.Unlock()
	return time.Unix(h.rolloverAt, 0)
}

// rotatingShouldRollover is Python's shouldRollover: the lock is held.
func (h *TimedRotatingFileHandler) rotatingShouldRollover(int) (bool, error) {
	t := h.now().Unix()
	if t < h.rolloverAt {
		return false, nil
	}
	if st, err := os.Stat(h.BaseFilename()); err == nil && !st.Mode().IsRegular() {
		// Never roll over a FIFO or a device (#89564), but do not check
		// again before the next time.
		h.rolloverAt = h.sched.compute(t)
		return false, nil
	}
	return true, nil
}

// rotatingDoRollover is Python's doRollover: the lock is held.
func (h *TimedRotatingFileHandler) rotatingDoRollover() error {
	current := h.now().Unix()
	base := h.BaseFilename()
	dfn := h.RotationFilename(base + "." + h.sched.suffix(h.rolloverAt-h.sched.interval, current))
	if rotatingExists(dfn) {
		// Already rolled over, by another process or a previous run:
		// follow the file if it was rotated away, overwrite nothing.
		h.rolloverAt = h.sched.compute(current)
		return h.rotatingFollow()
	}
	closeErr := h.sink.CloseFile()
	if err := h.Rotate(base, dfn); err != nil {
		return errors.Join(closeErr, err)
	}
	if h.backupCount > 0 {
		old, err := h.filesToDelete()
		if err != nil {
			return errors.Join(closeErr, err)
		}
		for _, s := range old {
			if err := os.Remove(s); err != nil {
				return errors.Join(closeErr, err)
			}
		}
	}
	var openErr error
	if !h.delay {
		openErr = h.sink.Open()
	}
	h.rolloverAt = h.sched.compute(current)
	return errors.Join(closeErr, openErr)
}

// filesToDelete is Python's getFilesToDelete: the rotated files of this
// handler beyond BackupCount, oldest first.
func (h *TimedRotatingFileHandler) filesToDelete() ([]string, error) {
	base := h.BaseFilename()
	dir, baseName := filepath.Dir(base), filepath.Base(base)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var result []string
	prefix := baseName + "."
	for _, e := range entries {
		name := e.Name()
		if h.namer == nil {
			if suffix, ok := strings.CutPrefix(name, prefix); ok && h.sched.fullMatch(suffix) {
				result = append(result, name)
			}
			continue
		}
		// After custom naming the suffix can be anywhere: keep the name if
		// the namer makes it from one of the suffixes found in it.
		for i := h.sched.search(name, 0); i >= 0; i = h.sched.search(name, i+1) {
			dfn := h.namer(base + "." + name[i:i+len(h.sched.pattern)])
			if filepath.Base(dfn) == name {
				result = append(result, name)
				break
			}
		}
	}
	if len(result) < h.backupCount {
		return nil, nil
	}
	sort.Strings(result)
	result = result[:len(result)-h.backupCount]
	for i, name := range result {
		result[i] = filepath.Join(dir, name)
	}
	return result, nil
}

const timedDay = 24 * 60 * 60

// timedKind is the unit of a When.
type timedKind uint8

const (
	timedSecond timedKind = iota
	timedMinute
	timedHour
	timedDayKind
	timedMidnight
	timedWeekday
)

// timedSchedule is the parsed When, Interval, UTC and AtTime: the rollover
// times and the suffixes of Python's TimedRotatingFileHandler.
type timedSchedule struct {
	when      string // upper-cased, "H" when empty
	kind      timedKind
	interval  int64 // seconds
	dayOfWeek int   // 0 is Monday
	atTime    int64 // seconds after midnight, or -1 for midnight
	utc       bool
	loc       *time.Location
	layout    string // the suffix, as a time layout
	pattern   string // the suffix's shape: '0' is a digit
}

// timedNewSchedule validates the options as Python's constructor does,
// with Python's messages.
func timedNewSchedule(when string, interval int, utc bool, atTime string, loc *time.Location) (*timedSchedule, error) {
	s := &timedSchedule{utc: utc, loc: loc, atTime: -1}
	w := strings.ToUpper(when)
	if w == "" {
		w = "H"
	}
	s.when = w
	var unit int64
	switch {
	case w == "S":
		s.kind, unit, s.layout, s.pattern = timedSecond, 1, "2006-01-02_15-04-05", "0000-00-00_00-00-00"
	case w == "M":
		s.kind, unit, s.layout, s.pattern = timedMinute, 60, "2006-01-02_15-04", "0000-00-00_00-00"
	case w == "H":
		s.kind, unit, s.layout, s.pattern = timedHour, 3600, "2006-01-02_15", "0000-00-00_00"
	case w == "D":
		s.kind, unit, s.layout, s.pattern = timedDayKind, timedDay, "2006-01-02", "0000-00-00"
	case w == "MIDNIGHT":
		s.kind, unit, s.layout, s.pattern = timedMidnight, timedDay, "2006-01-02", "0000-00-00"
	case strings.HasPrefix(w, "W"):
		if len(w) != 2 {
			return nil, fmt.Errorf("invalid When %q: you must specify a day for weekly rollover from 0 to 6 (0 is Monday)", when)
		}
		if w[1] < '0' || w[1] > '6' {
			return nil, fmt.Errorf("invalid When %q: invalid day specified for weekly rollover (want W0-W6, 0 is Monday)", when)
		}
		s.kind, unit, s.dayOfWeek = timedWeekday, 7*timedDay, int(w[1]-'0')
		s.layout, s.pattern = "2006-01-02", "0000-00-00"
	default:
		return nil, fmt.Errorf("invalid When %q: invalid rollover interval specified (want S, M, H, D, MIDNIGHT or W0-W6)", when)
	}
	switch {
	case interval < 0:
		return nil, fmt.Errorf("invalid Interval %d: must be positive", interval)
	case interval == 0:
		interval = 1
	case int64(interval) > (1<<62)/unit:
		return nil, fmt.Errorf("invalid Interval %d: too large", interval)
	}
	s.interval = unit * int64(interval)
	if atTime != "" {
		secs, err := timedParseAtTime(atTime)
		if err != nil {
			return nil, err
		}
		s.atTime = secs
	}
	return s, nil
}

// timedParseAtTime parses "HH:MM" or "HH:MM:SS" into seconds after midnight.
func timedParseAtTime(v string) (int64, error) {
	parts := strings.Split(v, ":")
	limits := []int{23, 59, 59}
	if len(parts) < 2 || len(parts) > 3 {
		return 0, fmt.Errorf("invalid AtTime %q: want HH:MM or HH:MM:SS", v)
	}
	var secs int64
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || len(p) == 0 || len(p) > 2 || n < 0 || n > limits[i] {
			return 0, fmt.Errorf("invalid AtTime %q: want HH:MM or HH:MM:SS (hour 0-23, minute and second 0-59)", v)
		}
		secs = secs*60 + int64(n)
	}
	if len(parts) == 2 {
		secs *= 60
	}
	return secs, nil
}

// in is Python's time.localtime (or time.gmtime with UTC) of t.
func (s *timedSchedule) in(t int64) time.Time {
	if s.utc {
		return time.Unix(t, 0).UTC()
	}
	return time.Unix(t, 0).In(s.loc)
}

// compute is Python 3.13's computeRollover: the first rollover time after
// current, in Unix seconds.
func (s *timedSchedule) compute(current int64) int64 {
	result := current + s.interval
	if s.kind != timedMidnight && s.kind != timedWeekday {
		return result
	}
	t := s.in(current)
	hour, minute, second := t.Clock()
	day := (int(t.Weekday()) + 6) % 7 // 0 is Monday
	rotateTS := int64(timedDay)
	if s.atTime >= 0 {
		rotateTS = s.atTime
	}
	r := rotateTS - int64((hour*60+minute)*60+second)
	if r <= 0 { // the rotation time of today has passed: tomorrow
		r += timedDay
		day = (day + 1) % 7
	}
	result = current + r
	if s.kind == timedWeekday {
		if day != s.dayOfWeek {
			wait := s.dayOfWeek - day
			if day > s.dayOfWeek {
				wait = 6 - day + s.dayOfWeek + 1
			}
			result += int64(wait) * timedDay
		}
		result += s.interval - 7*timedDay
	} else {
		result += s.interval - timedDay
	}
	if !s.utc {
		dstNow := t.IsDST()
		if dstNow != s.in(result).IsDST() {
			addend := int64(3600) // DST ends before the rollover
			if !dstNow {          // DST starts before the rollover
				addend = -3600
				if !s.in(result - 3600).IsDST() {
					addend = 0
				}
			}
			result += addend
		}
	}
	return result
}

// suffix is the date suffix of the interval that started at start, as
// Python's doRollover computes it at current (with its DST correction).
func (s *timedSchedule) suffix(start, current int64) string {
	t := s.in(start)
	if !s.utc {
		if dstNow := s.in(current).IsDST(); dstNow != t.IsDST() {
			addend := int64(-3600)
			if dstNow {
				addend = 3600
			}
			t = s.in(start + addend)
		}
	}
	return t.Format(s.layout)
}

// matchAt reports whether the suffix pattern matches name at i.
func (s *timedSchedule) matchAt(name string, i int) bool {
	if i+len(s.pattern) > len(name) {
		return false
	}
	for j := 0; j < len(s.pattern); j++ {
		c, p := name[i+j], s.pattern[j]
		if p == '0' {
			if c < '0' || c > '9' {
				return false
			}
		} else if c != p {
			return false
		}
	}
	return true
}

// fullMatch is Python's extMatch.fullmatch(suffix).
func (s *timedSchedule) fullMatch(suffix string) bool {
	return len(suffix) == len(s.pattern) && s.matchAt(suffix, 0)
}

// search is Python's extMatch.search(name, from): the index of the first
// suffix at or after from that is neither preceded nor followed by a digit,
// or -1.
func (s *timedSchedule) search(name string, from int) int {
	isDigit := func(c byte) bool { return c >= '0' && c <= '9' }
	for i := from; i+len(s.pattern) <= len(name); i++ {
		if i > 0 && isDigit(name[i-1]) {
			continue
		}
		if end := i + len(s.pattern); end < len(name) && isDigit(name[end]) {
			continue
		}
		if s.matchAt(name, i) {
			return i
		}
	}
	return -1
}
