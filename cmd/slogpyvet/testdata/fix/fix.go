// Package fix holds findings with suggested fixes; fix.go.golden is the
// file once they are applied.
package fix

import (
	"fmt"
	"log/slog"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var logger = slogpy.GetLogger("fix")

func fixes(name string, n int, err error, ids []int) {
	logger.Info(fmt.Sprintf("user %s has %d items", name, n), "k", 1) // want `fmt.Sprintf formats the message`
	logger.Error(fmt.Errorf("user %s: %s", name, err).Error())        // want `fmt.Errorf\(...\).Error\(\) formats the message`
	logger.Info(fmt.Sprintf("ids %s", ids))                           // want `fmt.Sprintf formats the message`
	logger.Info(fmt.Sprintf("n %5d", n))                              // want `fmt.Sprintf formats the message`
	logger.Fatal("cannot start: %s", err)                             // want `Fatal logs at CRITICAL and does not exit`
}

func levelsFromSlog(l slog.Level) {
	logger.SetLevel(levels.Level(slog.LevelWarn)) // want `levels.Level\(slog.LevelWarn\) keeps slog's number`
	logger.Log(levels.Level(l), "x")              // want `levels.Level\(l\) keeps slog's number`
}
