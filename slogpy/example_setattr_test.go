package slogpy_test

import (
	"log/slog"
	"os"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// A filter redacts a secret as a Python filter sets record.password: the
// old value is printed nowhere.
func ExampleRecord_SetAttr() {
	m := slogpy.NewManager()
	l := m.GetLogger("auth")
	l.SetLevel(levels.Info)
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	f, _ := slogpy.NewFormatter("%(levelname)s %(message)s%(attrs)s", nil)
	h.SetFormatter(f)
	l.AddHandler(h)
	l.AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool {
		if _, ok := r.Attr("password"); ok {
			r.SetAttr(slog.String("password", "***"))
		}
		return true
	}))
	l.Info("login", "user", "bob", "password", "hunter2")
	// Output:
	// INFO login user=bob password=***
}
