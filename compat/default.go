package compat

import (
	"log"
	"log/slog"

	"github.com/slogpy/slogpy/slogpy"
)

// InstallDefault makes slog.Default() feed the root logger of the default
// manager, so that a program or library written against log/slog alone
// (slog.Info, slog.With, slog.Default()) logs through the hierarchy: its
// handlers, levels, filters and Python formats, with slog.With attributes
// and groups printed as %(key)s and %(group.key)s. It is the one line an
// existing slog program adds:
//
//	defer compat.InstallDefault()()
//
// It returns a function that puts back the previous slog.Default().
//
// Configure the root logger first: the hierarchy starts as Python's logging
// does, not as slog does. With no handler on the root (no
// [slogpy.BasicConfig], no configuration file), the root's level is WARNING,
// so slog.Info prints nothing, and WARNING and above reach the last-resort
// handler, which prints the bare message without the level or the
// attributes. A format ending in %(attrs)s prints the attributes as
// slog.TextHandler does:
//
//	err := slogpy.BasicConfig(&slogpy.BasicConfigOptions{
//		Format: "%(asctime)s %(levelname)s %(name)s %(message)s%(attrs)s",
//		Level:  levels.Info,
//	})
//	if err != nil {
//		return err
//	}
//	defer compat.InstallDefault()()
//	slog.Info("server started", "port", 8080)
//	// 2026-12-05 23:46:05,433 INFO root server started port=8080
//
// Unlike slog.SetDefault, InstallDefault leaves the log package's output
// where it was: [CaptureStdlog] routes that into the hierarchy. Loggers
// made from slog.Default() before the call keep the handler they were made
// with. InstallDefault and the function it returns are safe to call while
// other goroutines log (a log package call made during the switch may
// reach the root logger), not with other calls that change slog.Default or
// the log package's output.
func InstallDefault() (restore func()) {
	prev := slog.Default()
	setDefault(slog.New(slogpy.Root().Handler()))
	return func() { setDefault(prev) }
}

// setDefault is slog.SetDefault without its redirection of the log
// package, whose writer and flags are put back as they were.
func setDefault(l *slog.Logger) {
	capture.mu.Lock()
	defer capture.mu.Unlock()
	w, flags := log.Writer(), log.Flags()
	slog.SetDefault(l)
	log.SetOutput(w)
	log.SetFlags(flags)
}
