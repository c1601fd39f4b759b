package slogpy_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleGetLogger() {
	m := slogpy.NewManager() // an isolated tree; slogpy.GetLogger uses the default one
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	f, _ := slogpy.NewFormatter("%(name)s - %(levelname)s - %(message)s", nil)
	h.SetFormatter(f)
	m.GetLogger("app").AddHandler(h)

	db := m.GetLogger("app.db") // propagates to "app"
	db.Info("not shown: the root's WARNING applies")
	db.Warning("pool %d%% full", 90)
	db.SetLevel(levels.Debug)
	db.Debug("connected to %s", "db1")
	// Output:
	// app.db - WARNING - pool 90% full
	// app.db - DEBUG - connected to db1
}

func ExampleNewFormatter() {
	r, _ := slogpy.MakeRecord(map[string]any{
		"name": "app", "levelno": 20, "msg": "user %s", "args": []any{"ann"},
		"created": 1215535785.896, "lineno": 7, "user": "ann",
	})
	for _, style := range []string{"%", "{", "$"} {
		format := map[string]string{
			"%": "%(asctime)s %(levelname)-8s %(name)s:%(lineno)d %(message)s",
			"{": "{asctime} {levelname:<8} {name}:{lineno} {message}",
			"$": "${asctime} ${levelname} ${name}:${lineno} ${message}",
		}[style]
		f, err := slogpy.NewFormatter(format, &slogpy.FormatterOptions{Style: style, UTC: true, Datefmt: "%H:%M:%S"})
		if err != nil {
			fmt.Println(err)
			continue
		}
		s, _ := f.Format(r)
		fmt.Println(s)
	}
	_, err := slogpy.NewFormatter("%(message)s %(user)y", nil)
	fmt.Println(err)
	// Output:
	// 16:49:45 INFO     app:7 user ann
	// 16:49:45 INFO     app:7 user ann
	// 16:49:45 INFO app:7 user ann
	// slogpy: formatter "%(message)s %(user)y" (style '%'): ValueError: unsupported format character 'y' (0x79) at index 19; %(user)y has an unknown conversion character 'y': did you mean %(user)s?
}

func ExampleBasicConfig() {
	m := slogpy.NewManager() // slogpy.BasicConfig configures the default manager
	m.BasicConfig(&slogpy.BasicConfigOptions{
		Stream: os.Stdout,
		Format: "%(levelname)s:%(name)s:%(message)s",
		Level:  levels.Info,
	})
	m.GetLogger("app").Info("%s before you %s", "Look", "leap!")
	// Output:
	// INFO:app:Look before you leap!
}

func ExampleLogger_Handler() {
	m := slogpy.NewManager()
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	f, _ := slogpy.NewFormatter("%(levelname)s %(name)s %(message)s [%(request_id)s %(http.method)s]", nil)
	h.SetFormatter(f)
	m.GetLogger("web").AddHandler(h)

	// Existing slog code, routed through the hierarchy with one line:
	logger := slog.New(m.GetLogger("web").Handler())
	logger.With("request_id", "r-42").WithGroup("http").Warn("slow request", "method", "GET")
	// Output:
	// WARNING web slow request [r-42 GET]
}

func ExampleLogger_AddHandler() {
	m := slogpy.NewManager()
	// Any slog.Handler can hang on a logger: it gets the merged message and
	// the logger name as attribute "logger".
	m.GetLogger("api").AddHandler(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
	m.GetLogger("api").Error("status %d", 503, slog.String("peer", "10.0.0.9"))
	// Output:
	// level=ERROR msg="status 503" logger=api peer=10.0.0.9
}

// upperHandler is a handler written the Python way: embed HandlerBase,
// write Emit. Emit is called concurrently: the handler guards its
// destination with its own mutex, as a slog.Handler does.
type upperHandler struct {
	slogpy.HandlerBase
	mu sync.Mutex
}

func newUpperHandler(opts *slogpy.HandlerOptions) *upperHandler {
	h := &upperHandler{}
	h.Configure(opts)
	return h
}

func (h *upperHandler) Emit(r *slogpy.Record) error {
	b, err := h.Format(nil, r)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err = fmt.Println(strings.ToUpper(string(b)))
	return err
}

func ExampleHandlerBase() {
	m := slogpy.NewManager()
	m.GetLogger("shout").AddHandler(slogpy.AsSlog(newUpperHandler(&slogpy.HandlerOptions{Level: levels.Error})))
	m.GetLogger("shout").Warning("quiet")
	m.GetLogger("shout").Error("loud %s", "noise")
	// Output:
	// LOUD NOISE
}

// A handler written on HandlerBase becomes a slog.Handler through AsSlog:
// for slog.New, and for anything else that takes a slog.Handler. Its zero
// value works: without Configure it has Python's defaults.
func ExampleAsSlog() {
	h := &upperHandler{}
	logger := slog.New(slogpy.AsSlog(h))
	logger.Info("hello", "user", "bob")
	logger.With("user", "ann").Warn("bye")
	// Output:
	// HELLO
	// BYE
}

// Handle passes a record to a handler as a logger does: filters, Emit,
// and the error hook for a failure.
func ExampleHandle() {
	h := newUpperHandler(&slogpy.HandlerOptions{Filters: []slogpy.Filter{slogpy.NewNameFilter("app")}})
	for _, name := range []string{"app.db", "other"} {
		r := &slogpy.Record{Name: name, Levelno: levels.Info, Msg: "from %s", Args: []any{name}}
		if err := slogpy.Handle(h, r); err != nil {
			fmt.Println("error:", err)
		}
	}
	// Output:
	// FROM APP.DB
}

func ExampleNewNullHandler() {
	m := slogpy.NewManager()
	// A library attaches a NullHandler to its top-level logger, so that its
	// records do not reach the last-resort handler when the application
	// configures no logging.
	m.GetLogger("mylib").AddHandler(slogpy.NewNullHandler())
	m.GetLogger("mylib.client").Warning("nothing is printed")
	fmt.Println(m.GetLogger("mylib.client").HasHandlers())
	// Output:
	// true
}

func ExampleLogger_InfoContext() {
	type key struct{}
	m := slogpy.NewManager()
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	f, _ := slogpy.NewFormatter("%(message)s user=%(user)s", nil)
	h.SetFormatter(f)
	// A filter can move request-scoped values from the context to the record.
	h.AddFilter(slogpy.FilterFunc(func(r *slogpy.Record) bool {
		if u, ok := r.Context().Value(key{}).(string); ok {
			r.AddAttrs(slog.String("user", u))
		}
		return true
	}))
	m.GetLogger("svc").AddHandler(h)
	ctx := context.WithValue(context.Background(), key{}, "ann")
	m.GetLogger("svc").WarningContext(ctx, "quota exceeded")
	// Output:
	// quota exceeded user=ann
}
