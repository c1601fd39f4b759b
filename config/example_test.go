package config_test

import (
	"encoding/binary"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/slogpy/slogpy/config"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleDictConfig() {
	m := slogpy.NewManager() // slogpy.DefaultManager() when Options.Manager is nil
	err := config.DictConfig(map[string]any{
		"version": 1,
		"formatters": map[string]any{
			"brief": map[string]any{"format": "%(levelname)-8s %(name)s: %(message)s"},
		},
		"handlers": map[string]any{
			"console": map[string]any{"class": "logging.StreamHandler", "formatter": "brief", "stream": "ext://sys.stdout"},
		},
		"loggers": map[string]any{
			"app.db": map[string]any{"level": "DEBUG"},
		},
		"root": map[string]any{"level": "INFO", "handlers": []any{"console"}},
	}, &config.Options{Manager: m})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.GetLogger("app.db").Debug("connected to %s", "db1")
	m.GetLogger("app.web").Debug("not shown: app.web inherits INFO from root")
	m.GetLogger("app.web").Warning("slow request: %d ms", 1200)
	// Output:
	// DEBUG    app.db: connected to db1
	// WARNING  app.web: slow request: 1200 ms
}

func ExampleDictConfig_errors() {
	err := config.DictConfig(map[string]any{
		"version": 1,
		"handlers": map[string]any{
			"console": map[string]any{"class": "logging.StreamHandler"},
			"file":    map[string]any{"class": "logging.handlers.RotatingFileHandler", "filename": "app.log", "maxBytes": "ten"},
		},
		"loggers": map[string]any{"app": map[string]any{"handlers": []any{"console", "consol"}}},
	}, &config.Options{Manager: slogpy.NewManager()})
	fmt.Println(err)
	// Output:
	// config: handlers.file.maxBytes: want an integer, got "ten"
	// config: loggers.app.handlers[1]: unknown handler "consol" (known: console, file)
}

func ExampleDecodeDict() {
	cfg, err := config.DecodeDict([]byte(`
version: 1
formatters:
  simple:
    format: '%(name)s - %(levelname)s - %(message)s'
handlers:
  console:
    class: logging.StreamHandler
    formatter: simple
    stream: ext://sys.stdout
loggers:
  simpleExample:
    level: DEBUG
    handlers: [console]
    propagate: no
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	m := slogpy.NewManager()
	if err := config.DictConfig(cfg, &config.Options{Manager: m}); err != nil {
		fmt.Println(err)
		return
	}
	m.GetLogger("simpleExample").Debug("debug message")
	// Output:
	// simpleExample - DEBUG - debug message
}

func ExampleFileConfig() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "logging.conf")
	os.WriteFile(path, []byte(`[loggers]
keys=root

[handlers]
keys=console

[formatters]
keys=plain

[logger_root]
level=INFO
handlers=console

[handler_console]
class=StreamHandler
formatter=plain
args=(sys.stdout,)

[formatter_plain]
format=%(levelname)s:%(name)s:%(message)s
`), 0o644)
	m := slogpy.NewManager()
	if err := config.FileConfig(path, &config.FileConfigOptions{Options: config.Options{Manager: m}}); err != nil {
		fmt.Println(err)
		return
	}
	m.GetLogger("app").Info("started")

	// What CPython would run as code is refused.
	os.WriteFile(path, []byte(strings.Replace(mustRead(path), "args=(sys.stdout,)", "args=(__import__('os').system('id'),)", 1)), 0o644)
	err := config.FileConfig(path, &config.FileConfigOptions{Options: config.Options{Manager: m}})
	fmt.Println(strings.Replace(err.Error(), path, "logging.conf", 1))
	// Output:
	// INFO:app:started
	// config: logging.conf: [handler_console] args: column 2: function calls are not allowed: __import__(…) would run code (in "(__import__('os').system('id'),)")
}

func mustRead(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func ExampleRegistry_Register() {
	reg := config.NewRegistry()
	// A handler class of the application: it prefixes each line.
	reg.Register("myapp.PrefixHandler", []string{"prefix", "stream"}, func(a *config.Args) (func() (any, error), error) {
		// Reading the arguments is the check: nothing is made yet.
		prefix := a.String("prefix", "> ")
		w := a.Writer("stream")
		f, err := slogpy.NewFormatter(prefix+"%(message)s", nil)
		if err != nil {
			return nil, err
		}
		// The build function makes the handler, once the whole
		// configuration has passed its checks.
		return func() (any, error) {
			return slogpy.NewStreamHandler(w, &slogpy.HandlerOptions{Formatter: f}), nil
		}, a.Err()
	})
	m := slogpy.NewManager()
	err := config.DictConfig(map[string]any{
		"version":  1,
		"handlers": map[string]any{"p": map[string]any{"class": "myapp.PrefixHandler", "prefix": "[app] ", "stream": "ext://sys.stdout"}},
		"root":     map[string]any{"handlers": []any{"p"}},
	}, &config.Options{Manager: m, Registry: reg})
	if err != nil {
		fmt.Println(err)
		return
	}
	m.Root().Warning("disk %d%% full", 91)
	// Output:
	// [app] disk 91% full
}

func ExampleListen() {
	m := slogpy.NewManager()
	applied := make(chan error, 1)
	l, err := config.Listen("127.0.0.1:0", nil, &config.ListenOptions{
		Options: config.Options{Manager: m},
		Done:    func(err error) { applied <- err },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer l.Close()

	// What Python's logging.config.listen clients send: a 4-byte length
	// and the configuration.
	payload := []byte(`{"version": 1,
		"handlers": {"out": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout"}},
		"root": {"level": "INFO", "handlers": ["out"]}}`)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		fmt.Println(err)
		return
	}
	binary.Write(c, binary.BigEndian, uint32(len(payload)))
	c.Write(payload)
	c.Close()

	fmt.Println("applied:", <-applied)
	m.Root().Info("reconfigured over the network")
	// Output:
	// applied: <nil>
	// reconfigured over the network
}
