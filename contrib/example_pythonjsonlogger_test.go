package contrib_test

import (
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleNewJSONFormatter() {
	f, err := contrib.NewJSONFormatter(&contrib.JSONFormatterOptions{
		Format:       "%(levelname)s %(name)s %(message)s",
		RenameFields: map[string]string{"levelname": "level"},
		StaticFields: []slog.Attr{slog.String("service", "api")},
	})
	if err != nil {
		panic(err)
	}
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	h.SetFormatter(f)
	m := slogpy.NewManager()
	log := m.GetLogger("app")
	log.AddHandler(h)

	log.Warning("disk %d%% full", 91, slog.String("mount", "/var"), slog.Group("host", slog.String("name", "web1")))
	// a slog.Logger on the same tree: its attributes are extra fields too
	slog.New(log.Handler()).Error("café closed", "tries", 3)
	// Output:
	// {"level": "WARNING", "name": "app", "message": "disk 91% full", "service": "api", "mount": "/var", "host": {"name": "web1"}}
	// {"level": "ERROR", "name": "app", "message": "caf\u00e9 closed", "service": "api", "tries": 3}
}
