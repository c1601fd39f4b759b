// Command bad holds logging calls that slogpyvet reports, each with the
// finding it expects. It runs them all, so that the test can check that
// the calls reported as Python errors are those the library reports.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var logger = slogpy.GetLogger("bad")

func types(name string, n int, f float64, b bool, d time.Duration, t time.Time, ids []int, raw []byte, p *int) {
	logger.Info("user %d logged in", name)                       // want `%d at index 5 needs a number, got string argument "name" \(TypeError: %d format: a real number is required, not str\)`
	logger.Info("%s has %x bytes", name, f)                      // want `%x at index 7 needs an integer, got float64 argument "f"`
	logger.Warning("took %.3f s", t)                             // want `%.3f at index 5 needs a number, got time.Time argument "t" \(TypeError: must be real number, not time.Time\)`
	logger.Error("code %i", ids)                                 // want `%i at index 5 needs a number, got \[\]int argument "ids"`
	logger.Debug("%c", "ab")                                     // want `%c at index 0 needs an int or a one-character string, got string argument "ab" \(TypeError: %c requires int or char\)`
	logger.Debug("%c", 0x110000)                                 // want `%c at index 0 needs a code point below 0x110000, got int argument "0x110000"`
	logger.Info("%o", raw)                                       // want `%o at index 0 needs an integer, got \[\]byte argument "raw"`
	logger.Info("%*d", 2.5, n)                                   // want `%\*d at index 0: its \* width needs an int, got float64 argument "2.5"`
	logger.Info("%e", p)                                         // want `%e at index 0 needs a number, got \*int argument "p"`
	logger.Info("%(name)s and %d", n)                            // want `%\(name\)s at index 0 needs a single map argument holding "name"`
	logger.Info("%(user)s %(id)d", map[string]any{"user": name}) // want `%\(id\)d at index 9: the map argument has no key "id" \(KeyError: 'id'\)`
	_, _ = b, d
}

func counts(name string, n int, err error) {
	logger.Error("request failed", err)              // want `error argument "err" is left over after the message's 0 directives and is not a slog key`
	logger.Info("%s logged in from %s", name)        // want `%s at index 18 has no argument: the message's 2 directives take more than the 1 argument the call passes \(TypeError: not enough arguments for format string\)`
	logger.Info("%*s", 5)                            // want `%\*s at index 0 has no argument`
	logger.Info("done", 42)                          // want `int argument "42" is left over after the message's 0 directives and is not a slog key \(a string\) or a slog.Attr: it is logged as !BADKEY=42, as slog logs it`
	logger.Info("user %s", name, n)                  // want `int argument "n" is left over after the message's 1 directive`
	logger.Info("request failed", "user", name, "n") // want `string argument "n" is a slog key without a value: it is logged as !BADKEY=n`
	logger.Info("user %s", name, "id")               // want `string argument "id" is a slog key without a value`
	logger.Info("hi", map[string]any{})              // want `map\[string\]any argument "map\[string\]any{}" is left over`
}

func syntax(n int) {
	logger.Info("ratio 5%, n=%d", n) // want `unsupported directive "%," at index 7 \(ValueError: unsupported format character ',' \(0x2c\) at index 8\); a literal % is written %%`
	logger.Info("naïve %y", n)       // want `unsupported directive "%y" at index 6 \(ValueError: unsupported format character 'y' \(0x79\) at index 7\)`
	logger.Info("naïve %d", "x")     // want `%d at index 6 needs a number, got string argument "x"`
	logger.Info("got %y", n)         // want `unsupported directive "%y" at index 4 \(ValueError: unsupported format character 'y' \(0x79\) at index 5\); a literal % is written %%`
	logger.Info("rate: %d%", n)      // want `message "rate: %d%" cannot be formatted \(ValueError: incomplete format\)`
	logger.Info("%(name", n)         // want `message "%\(name" cannot be formatted \(ValueError: incomplete format key\)`
}

func interpolation(ctx context.Context, name string, err error) {
	logger.Info(fmt.Sprintf("user %s", name))                      // want `fmt.Sprintf formats the message before the logging call, even when its level is disabled \(pylint: logging-format-interpolation\); pass the format and its arguments to Info instead`
	logger.ErrorContext(ctx, fmt.Sprint("failed: ", err))          // want `fmt.Sprint formats the message`
	logger.Warning(fmt.Errorf("user %s: %w", name, err).Error())   // want `fmt.Errorf\(...\).Error\(\) formats the message`
	logger.Error(errors.New(fmt.Sprintf("user %s", name)).Error()) // want `errors.New\(fmt...\).Error\(\) formats the message`
}

func fatal(err error) {
	logger.Fatal("cannot start: %s", err) // want `Fatal logs at CRITICAL and does not exit \(it is Python's logger.fatal, not log.Fatal\): call slogpy.Shutdown\(\) and os.Exit\(1\) after it, or call Critical to say what it does`
	a := adapter.New(logger, []slog.Attr{slog.String("conn", "1")}, nil)
	a.Fatal("cannot start: %s", err) // want `Fatal logs at CRITICAL`
	if err != nil {
		logger.Fatal("stop") // want `Fatal logs at CRITICAL`
		return
	}
}

func everywhere(ctx context.Context, err error, name string) {
	slogpy.Info("user %d", name)                            // want `%d at index 5 needs a number`
	slogpy.Log(levels.Warning, "user %d", name)             // want `%d at index 5 needs a number`
	slogpy.LogContext(ctx, levels.Warning, "user %d", name) // want `%d at index 5 needs a number`
	slogpy.Exception(err, "user %d", name)                  // want `%d at index 5 needs a number`
	logger.Exception(err, "user %d", name)                  // want `%d at index 5 needs a number`
	logger.LogContext(ctx, levels.Info, "user %d", name)    // want `%d at index 5 needs a number`
	logger.CriticalContext(ctx, "%s %s", name)              // want `%s at index 3 has no argument`
	a := adapter.New(logger, nil, nil)
	a.Info("user %d", name)                       // want `%d at index 5 needs a number`
	a.ExceptionContext(ctx, err, "user %d", name) // want `%d at index 5 needs a number`
	var t adapter.Target = a
	t.LogContext(ctx, levels.Info, "user %d", name) // want `%d at index 5 needs a number`
	const msg = "user " + "%d"
	logger.Info(msg, name)                                               // want `%d at index 5 needs a number`
	logger.Info("user %d", slog.Int("n", 1), name, slogpy.StackLevel(1)) // want `%d at index 5 needs a number, got string argument "name"`
}

func formatters() {
	_, _ = slogpy.NewFormatter("%(asctime) - %(message)s", nil)                                      // want `slogpy: formatter "%\(asctime\) - %\(message\)s"`
	_, _ = slogpy.NewFormatter("{asctime} {message}", nil)                                           // want `slogpy: formatter "{asctime} {message}" \(style '%'\)`
	_, _ = slogpy.NewFormatter("%(message)s", &slogpy.FormatterOptions{Style: "%%"})                 // want `formatter style "%%"`
	_, _ = slogpy.NewFormatter("%(message)s", &slogpy.FormatterOptions{Datefmt: "%Y\x00"})           // want `slogpy: formatter datefmt "%Y\\x00": pytime: embedded null character in format`
	_ = slogpy.BasicConfig(&slogpy.BasicConfigOptions{Format: "%(levelname)s %(message)"})           // want `BasicConfig would fail and configure nothing: formatter "%\(levelname\)s %\(message\)"`
	_ = slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Format: "{message}", Style: "$"}) // want `BasicConfig would fail`
}

func pythonValues(t slogpy.Tuple, d slogpy.Dict) {
	logger.Info("%d", t)                // want `%d at index 0 needs a number, got slogpy.Tuple argument "t" \(TypeError: %d format: a real number is required, not tuple\)`
	logger.Info("%(a)s %s", d, 1)       // want `%\(a\)s at index 0 needs a single map argument holding "a", the call passes 2 arguments`
	logger.Info("%(a)s", slogpy.Dict{}) // want `%\(a\)s at index 0 needs a single map argument holding "a", the call passes 1 argument`
}
