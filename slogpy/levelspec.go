package slogpy

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/slogpy/slogpy/levels"
)

// Levels from the command line and the environment, as Go programs set
// them (glog's -vmodule): a spec such as
//
//	app.db=DEBUG,app=INFO,WARNING
//
// sets the level of each named logger ("root" names the root logger) and,
// with a bare level, the root logger's. Levels are what [levels.Parse]
// accepts: names in any case, numbers. Spaces around entries are ignored,
// and so are empty entries.

// A LevelSpec is a parsed levels spec. Apply it with [LevelSpec.Apply].
type LevelSpec struct {
	// Loggers are the named loggers' levels, in the spec's order.
	Loggers []LoggerLevel
	// Root is the root logger's level; it is set when HasRoot is.
	Root    levels.Level
	HasRoot bool
}

// LoggerLevel is one name=LEVEL entry of a [LevelSpec].
type LoggerLevel struct {
	Name  string
	Level levels.Level
}

// ParseLevelSpec parses a levels spec. An entry whose level does not parse,
// an entry with an empty name, and a logger (or the root) given twice are
// errors naming the entry: slogpy: levels "app=LOUD": entry 1 "app=LOUD":
// ...
func ParseLevelSpec(spec string) (LevelSpec, error) {
	var s LevelSpec
	seen := map[string]int{}
	for i, entry := range strings.Split(spec, ",") {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		fail := func(format string, args ...any) (LevelSpec, error) {
			return LevelSpec{}, fmt.Errorf("slogpy: levels %q: entry %d %q: %s", spec, i+1, entry, fmt.Sprintf(format, args...))
		}
		name, text, named := strings.Cut(entry, "=")
		if !named {
			name, text = "root", entry
		}
		name, text = strings.TrimSpace(name), strings.TrimSpace(text)
		if name == "" {
			return fail("no logger name before '=' (a bare level sets the root logger: %s)", text)
		}
		level, err := levels.Parse(text)
		if err != nil {
			return fail("%v", err)
		}
		if j, dup := seen[name]; dup {
			return fail("logger %q already has a level from entry %d", name, j)
		}
		seen[name] = i + 1
		if name == "root" {
			s.Root, s.HasRoot = level, true
			continue
		}
		s.Loggers = append(s.Loggers, LoggerLevel{Name: name, Level: level})
	}
	return s, nil
}

// Apply sets the levels of s on the loggers of m (nil: the default
// manager), creating loggers that do not exist yet.
func (s LevelSpec) Apply(m *Manager) {
	if m == nil {
		m = defaultManager
	}
	if s.HasRoot {
		m.Root().SetLevel(s.Root)
	}
	for _, l := range s.Loggers {
		m.GetLogger(l.Name).SetLevel(l.Level)
	}
}

// String returns the spec in the form ParseLevelSpec reads.
func (s LevelSpec) String() string {
	var parts []string
	for _, l := range s.Loggers {
		parts = append(parts, l.Name+"="+levels.GetLevelName(l.Level))
	}
	if s.HasRoot {
		parts = append(parts, levels.GetLevelName(s.Root))
	}
	return strings.Join(parts, ",")
}

// SetLevels parses spec and applies it to the default manager's loggers;
// on error nothing is changed.
func SetLevels(spec string) error { return defaultManager.SetLevels(spec) }

// SetLevels parses spec and applies it to m's loggers; on error nothing is
// changed.
func (m *Manager) SetLevels(spec string) error {
	s, err := ParseLevelSpec(spec)
	if err != nil {
		return err
	}
	s.Apply(m)
	return nil
}

// SetLevelsFromEnv applies the levels spec in the environment variable
// name to the default manager's loggers. An unset or empty variable changes
// nothing; a bad spec is an error naming the variable and the entry.
func SetLevelsFromEnv(name string) error {
	spec, ok := os.LookupEnv(name)
	if !ok || strings.TrimSpace(spec) == "" {
		return nil
	}
	if err := SetLevels(spec); err != nil {
		return fmt.Errorf("environment variable %s: %w", name, err)
	}
	return nil
}

// LevelsFlag returns a [flag.Value] that applies a levels spec to the
// loggers of m (nil: the default manager) each time the flag is set:
//
//	flag.Var(slogpy.LevelsFlag(nil), "log-levels", "per-logger levels: app.db=DEBUG,app=INFO,WARNING")
//
// A bad spec makes flag parsing fail with an error naming the entry.
func LevelsFlag(m *Manager) flag.Value { return &levelsFlag{m: m} }

type levelsFlag struct {
	m    *Manager
	spec LevelSpec
}

func (f *levelsFlag) String() string {
	if f == nil {
		return ""
	}
	return f.spec.String()
}

func (f *levelsFlag) Set(text string) error {
	s, err := ParseLevelSpec(text)
	if err != nil {
		return err
	}
	s.Apply(f.m)
	f.spec = s
	return nil
}
