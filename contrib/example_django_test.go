package contrib_test

import (
	"log/slog"
	"os"
	"sync/atomic"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleNewDjangoServerFormatter() {
	noColors := false
	f, err := contrib.NewDjangoServerFormatter(&contrib.DjangoServerFormatterOptions{
		Format: "{levelname} {message}", Style: "{", UseColors: &noColors,
	})
	if err != nil {
		panic(err)
	}
	var debug atomic.Bool // Django's settings.DEBUG
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	h.SetFormatter(f)
	h.AddFilter(contrib.NewRequireDebugTrue(debug.Load))
	log := slogpy.NewManager().GetLogger("django.server")
	log.SetLevel(levels.Info)
	log.AddHandler(h)

	log.Info(`"%s" %s %s`, "GET / HTTP/1.1", 200, 512, slog.Int("status_code", 200))
	debug.Store(true)
	log.Info(`"%s" %s %s`, "GET /x HTTP/1.1", 404, 0, slog.Int("status_code", 404))
	// Output:
	// INFO "GET /x HTTP/1.1" 404 0
}
