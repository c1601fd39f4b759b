package main

import (
	"log/slog"
	"time"

	"github.com/slogpy/slogpy/adapter"
)

type key string

func callForm(name string, n int, d time.Duration, k key) {
	logger.Info("done", "user", name, n)               // want `int argument "n" is left over after the message's 0 directives and is not a slog key`
	logger.Info("done", "user", name, "n")             // want `string argument "n" is a slog key without a value: it is logged as !BADKEY=n`
	logger.Info("done", name)                          // want `string argument "name" is a slog key without a value: it is logged as !BADKEY=<name>`
	logger.Info("done", k, n)                          // want `main.key argument "k" is left over`
	logger.Info("done %s", name, slog.Int("a", 1), 42) // want `int argument "42" is left over after the message's 1 directive`
	logger.Info("user %s", "user", name)               // want `string argument "name" is a slog key without a value`
	logger.Info("took %d", d, "user")                  // want `string argument "user" is a slog key without a value`
}

func goVerbs(name string, n int, f float64) {
	logger.Info("ok %t", n)    // want `%t at index 3 needs a bool, got int argument "n": fmt prints %!t\(...\)`
	logger.Info("ok %q", f)    // want `%q at index 3 needs a string or an integer, got float64 argument "f"`
	logger.Info("%v %v", name) // want `%v at index 3 has no argument`
	logger.Info("%b", n)       // want `unsupported directive "%b" at index 0`
	logger.Info("%v %y", n, n) // want `unsupported directive "%y" at index 3 \(ValueError: unsupported format character 'y' \(0x79\) at index 4\)`
}

func with(name string, n int) {
	a := adapter.New(logger, nil, nil)
	a.With("user", name, "n").Info("x")     // want `string argument "n" is a slog key without a value: it is logged as !BADKEY=n; add its value after it`
	a.With(n, "user", name).Info("x")       // want `int argument "n" is not a slog key \(a string\) or a slog.Attr: With logs it as !BADKEY="n"; add a key before it`
	a.With(slog.Int("n", n), "k").Info("x") // want `string argument "k" is a slog key without a value`
}
