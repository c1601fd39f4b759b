package slogpy_test

import (
	"errors"
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/slogpy"
)

// A slog-style call on a Python logger: the arguments the message's
// directives do not take are slog key–value pairs, printed by the attrs
// field; Go verbs format as fmt does.
func ExampleLogger_Info_slogCallForm() {
	m := slogpy.NewManager()
	f, _ := slogpy.NewFormatter("%(levelname)s %(name)s %(message)s%(attrs)s", nil)
	m.GetLogger("app").AddHandler(slogpy.NewStreamHandler(os.Stdout, &slogpy.HandlerOptions{Formatter: f}))

	logger := m.GetLogger("app.http")
	err := errors.New("connection reset")
	logger.Error("request failed", "err", err, "user", "bob", slog.Int("status", 502))
	logger.Warning("retry %d of %d", 2, 3, "backoff", "1s")
	logger.Warning("value %v, type %T", 1.5, 1.5)
	logger.Warning("no attributes")
	// Output:
	// ERROR app.http request failed err="connection reset" user=bob status=502
	// WARNING app.http retry 2 of 3 backoff=1s
	// WARNING app.http value 1.5, type float64
	// WARNING app.http no attributes
}
