package slogpy_test

import (
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/slogpy"
)

func ExampleTuple() {
	m := slogpy.NewManager()
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	f, _ := slogpy.NewFormatter("%(message)s | args=%(args)s | pair=%(pair)s", nil)
	h.SetFormatter(f)
	log := m.GetLogger("app")
	log.AddHandler(h)

	log.Warning("tuple %s, list %s", slogpy.Tuple{1, "a"}, []any{1, "a"}, slog.Any("pair", slogpy.Tuple{2}))
	log.Warning(slogpy.Tuple{}.String(), slog.Any("pair", slogpy.Tuple{"x", nil}))
	// Output:
	// tuple (1, 'a'), list [1, 'a'] | args=((1, 'a'), [1, 'a']) | pair=(2,)
	// () | args=() | pair=('x', None)
}

func ExampleDict() {
	m := slogpy.NewManager()
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	m.GetLogger("app").AddHandler(h)

	ordered := slogpy.Dict{{Key: "user", Value: "ann"}, {Key: "db", Value: "db01"}}
	m.GetLogger("app").Warning("%(user)s on %(db)s", ordered)
	m.GetLogger("app").Warning("%s vs %s", ordered, map[string]any{"user": "ann", "db": "db01"})
	// Output:
	// ann on db01
	// {'user': 'ann', 'db': 'db01'} vs {'db': 'db01', 'user': 'ann'}
}
