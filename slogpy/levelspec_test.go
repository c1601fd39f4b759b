package slogpy_test

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func TestParseLevelSpec(t *testing.T) {
	for _, tc := range []struct {
		spec, want, err string
	}{
		{"app.db=DEBUG,app=INFO,WARNING", "app.db=DEBUG,app=INFO,WARNING", ""},
		{" app = debug , , 40 ", "app=DEBUG,ERROR", ""},
		{"root=INFO", "INFO", ""},
		{"", "", ""},
		{"app=22", "app=Level 22", ""},
		{"app=LOUD", "", `slogpy: levels "app=LOUD": entry 1 "app=LOUD": `},
		{"app=INFO,=DEBUG", "", `entry 2 "=DEBUG": no logger name before '=' (a bare level sets the root logger: DEBUG)`},
		{"app=INFO,app=DEBUG", "", `entry 2 "app=DEBUG": logger "app" already has a level from entry 1`},
		{"INFO,root=DEBUG", "", `entry 2 "root=DEBUG": logger "root" already has a level from entry 1`},
		{"app=INFO,verbose", "", `entry 2 "verbose": `},
	} {
		s, err := slogpy.ParseLevelSpec(tc.spec)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseLevelSpec(%q) error %v, want one containing %q", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil || s.String() != tc.want {
			t.Errorf("ParseLevelSpec(%q) = %q, %v; want %q", tc.spec, s, err, tc.want)
		}
	}
}

func TestLevelsFlagAndEnv(t *testing.T) {
	m := slogpy.NewManager()
	fs := flag.NewFlagSet("app", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Var(slogpy.LevelsFlag(m), "log-levels", "per-logger levels")
	if err := fs.Parse([]string{"-log-levels", "app.db=DEBUG,app=INFO,ERROR"}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]levels.Level{"app.db": levels.Debug, "app": levels.Info, "app.web": levels.Info, "other": levels.Error} {
		if got := m.GetLogger(name).EffectiveLevel(); got != want {
			t.Errorf("%s: level %v, want %v", name, got, want)
		}
	}
	// A bad spec fails the flag and changes nothing.
	err := fs.Parse([]string{"-log-levels", "app=WARNING,app.db=NOISY"})
	if err == nil || !strings.Contains(err.Error(), `entry 2 "app.db=NOISY"`) {
		t.Errorf("bad flag: %v", err)
	}
	if got := m.GetLogger("app").Level(); got != levels.Info {
		t.Errorf("app's level changed to %v by a failed spec", got)
	}

	t.Setenv("TEST_LOG_LEVELS", "app=LOUD")
	if err := slogpy.SetLevelsFromEnv("TEST_LOG_LEVELS"); err == nil || !strings.Contains(err.Error(), `environment variable TEST_LOG_LEVELS: slogpy: levels "app=LOUD": entry 1 "app=LOUD"`) {
		t.Errorf("bad environment: %v", err)
	}
	if err := slogpy.SetLevelsFromEnv("TEST_LOG_LEVELS_UNSET"); err != nil {
		t.Errorf("unset variable: %v", err)
	}
}

// Per-logger levels from a command-line flag (or an environment variable,
// with SetLevelsFromEnv), glog's -vmodule style: name=LEVEL entries, and a
// bare level for the root logger.
func ExampleLevelsFlag() {
	m := slogpy.NewManager() // nil uses the default manager
	fs := flag.NewFlagSet("app", flag.ExitOnError)
	fs.Var(slogpy.LevelsFlag(m), "log-levels", "per-logger levels: app.db=DEBUG,app=INFO,WARNING")
	_ = fs.Parse([]string{"-log-levels", "app.db=DEBUG,app=INFO,ERROR"})

	for _, name := range []string{"app.db", "app.web", "worker"} {
		fmt.Println(name, levels.GetLevelName(m.GetLogger(name).EffectiveLevel()))
	}
	// Output:
	// app.db DEBUG
	// app.web INFO
	// worker ERROR
}
