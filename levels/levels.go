package levels

import (
	"fmt"
	"log/slog"
	"maps"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// A Level is a Python logging level number.
type Level int

// Python's standard levels.
const (
	NotSet   Level = 0
	Debug    Level = 10
	Info     Level = 20
	Warning  Level = 30
	Warn           = Warning // Python's deprecated alias WARN
	Error    Level = 40
	Critical Level = 50
	Fatal          = Critical // Python's alias FATAL
)

// registry is the name registry, as CPython's _levelToName and
// _nameToLevel. It is never changed once published: AddLevelName publishes
// a copy, so that GetLevelName, on every record's path, takes no lock (a
// read lock's shared counter would bounce between CPUs).
type registry struct {
	levelToName map[Level]string
	nameToLevel map[string]Level
	// std holds the names of levels 0, 10 … 50 (NOTSET … CRITICAL), the
	// levels of nearly every record, so that GetLevelName finds them
	// without a map lookup; "" where there is none.
	std [6]string
}

// publish makes r the registry, after filling r.std.
func (r *registry) publish() {
	for i := range r.std {
		r.std[i] = r.levelToName[Level(10*i)]
	}
	current.Store(r)
}

var (
	mu      sync.Mutex // serializes AddLevelName
	current atomic.Pointer[registry]
)

func init() {
	(&registry{
		levelToName: map[Level]string{
			Critical: "CRITICAL",
			Error:    "ERROR",
			Warning:  "WARNING",
			Info:     "INFO",
			Debug:    "DEBUG",
			NotSet:   "NOTSET",
		},
		nameToLevel: map[string]Level{
			"CRITICAL": Critical,
			"FATAL":    Fatal,
			"ERROR":    Error,
			"WARN":     Warning,
			"WARNING":  Warning,
			"INFO":     Info,
			"DEBUG":    Debug,
			"NOTSET":   NotSet,
		},
	}).publish()
}

// AddLevelName associates name with level, as Python's logging.addLevelName:
// GetLevelName(level) returns name and Parse(name) returns level from now on.
// It is safe for concurrent use.
func AddLevelName(level Level, name string) {
	mu.Lock()
	defer mu.Unlock()
	old := current.Load()
	next := &registry{levelToName: maps.Clone(old.levelToName), nameToLevel: maps.Clone(old.nameToLevel)}
	next.levelToName[level] = name
	next.nameToLevel[name] = level
	next.publish()
}

// GetLevelName returns the name registered for level, or "Level N" when there
// is none, as Python's logging.getLevelName does for a number.
func GetLevelName(level Level) string {
	reg := current.Load()
	if 0 <= level && level <= Critical && level%10 == 0 {
		if name := reg.std[level/10]; name != "" {
			return name
		}
	}
	if name, ok := reg.levelToName[level]; ok {
		return name
	}
	return "Level " + strconv.Itoa(int(level))
}

// LookupName is Python's logging.getLevelName given a name: the level
// registered under exactly name (case matters, no spaces trimmed) and ok;
// or, when there is none, ok false. text is what CPython's call returns,
// as str() prints it: the level's number ("20" for "INFO"), or "Level " +
// name ("Level TRACE") for a name that is not registered.
func LookupName(name string) (level Level, text string, ok bool) {
	if l, ok := current.Load().nameToLevel[name]; ok {
		return l, strconv.Itoa(int(l)), true
	}
	return 0, "Level " + name, false
}

// GetLevelNamesMapping returns a copy of the name-to-level registry, as
// Python's logging.getLevelNamesMapping.
func GetLevelNamesMapping() map[string]Level {
	return maps.Clone(current.Load().nameToLevel)
}

// Parse returns the level that s names. It accepts a registered name in any
// case ("WARNING", "warning", "Warn"), a number ("30", "-5") and the form
// "Level N" that GetLevelName produces for unnamed levels. An exact match of a
// registered name wins over a case-insensitive one, so names that differ only
// by case (which Python allows) stay distinct. Surrounding spaces are not
// trimmed: Python's _checkLevel refuses " INFO" too. For anything else the
// error names the input and the known names.
func Parse(s string) (Level, error) {
	t := s
	if n, err := strconv.Atoi(t); err == nil {
		return Level(n), nil
	}
	if rest, ok := strings.CutPrefix(t, "Level "); ok {
		if n, err := strconv.Atoi(rest); err == nil {
			return Level(n), nil
		}
	}
	nameToLevel := current.Load().nameToLevel
	if l, ok := nameToLevel[t]; ok {
		return l, nil
	}
	if l, ok := nameToLevel[strings.ToUpper(t)]; ok {
		return l, nil
	}
	for name, l := range nameToLevel {
		if strings.EqualFold(name, t) {
			return l, nil
		}
	}
	names := make([]string, 0, len(nameToLevel))
	for name := range nameToLevel {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		li, lj := nameToLevel[names[i]], nameToLevel[names[j]]
		if li != lj {
			return li < lj
		}
		return names[i] < names[j]
	})
	hint := ""
	if trimmed := strings.TrimSpace(s); trimmed != s {
		if _, err := Parse(trimmed); err == nil {
			hint = fmt.Sprintf("; remove the spaces: %q", trimmed)
		}
	}
	return 0, fmt.Errorf("levels: unknown level %q (known: %s)%s", s, strings.Join(names, ", "), hint)
}

// String returns the level's registered name, or "Level N".
func (l Level) String() string { return GetLevelName(l) }

// MarshalText implements [encoding.TextMarshaler] with the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] with [Parse].
func (l *Level) UnmarshalText(b []byte) error {
	v, err := Parse(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Level implements [slog.Leveler], so a Level can stand wherever slog takes
// a minimum level.
func (l Level) Level() slog.Level { return ToSlog(l) }

// ToSlog returns the slog level for a Python level: exact on the standard
// levels and on multiples of 5, monotone in between (rounding down). From
// DEBUG up a slog step is 2.5 Python steps; below DEBUG it is 1.25, so
// that slog's conventional LevelTrace (-8) is Python's conventional TRACE
// (5, uvicorn's), and NOTSET is -12.
func ToSlog(l Level) slog.Level {
	if l < Debug {
		return slog.LevelDebug + slog.Level(floorDiv(4*(int(l)-int(Debug)), 5))
	}
	return slog.Level(floorDiv(2*(int(l)-int(Info)), 5))
}

// FromSlog returns the Python level for a slog level: exact on slog's four
// standard levels, on every even level from DEBUG up and on every multiple
// of 4 below it (LevelTrace, -8, is 5), rounding up in between, so that
// ToSlog(FromSlog(s)) == s for every s.
func FromSlog(s slog.Level) Level {
	if s < slog.LevelDebug {
		return Debug - Level(floorDiv(-5*int(s-slog.LevelDebug), 4))
	}
	return Level(int(Info) - floorDiv(-5*int(s), 2))
}

// floorDiv is a/b rounded towards negative infinity, for b > 0.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}
