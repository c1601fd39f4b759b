package config

import (
	"io"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

var benchYAML = []byte(`version: 1
disable_existing_loggers: false
formatters:
  simple: {format: '%(levelname)s %(name)s %(message)s'}
filters:
  app: {name: app}
handlers:
  console: {class: logging.StreamHandler, formatter: simple, stream: 'ext://sys.stdout', level: INFO}
  errors: {class: logging.StreamHandler, formatter: simple, stream: 'ext://sys.stderr', level: ERROR, filters: [app]}
loggers:
  app: {level: DEBUG, handlers: [console]}
  app.db: {level: WARNING, propagate: yes}
root: {level: WARNING, handlers: [errors]}
`)

// BenchmarkDictConfig applies a configuration of two handlers and three
// loggers, each goroutine on its own manager.
func BenchmarkDictConfig(b *testing.B) {
	cfg, err := DecodeDict(benchYAML)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		o := &Options{Manager: slogpy.NewManager(), Stdout: io.Discard, Stderr: io.Discard}
		for pb.Next() {
			if err := DictConfig(cfg, o); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkDecodeDictYAML(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := DecodeDict(benchYAML); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkFileConfig(b *testing.B) {
	src := []byte(iniBase + "\n[handler_h]\nclass=handlers.RotatingFileHandler\nformatter=f\nargs=('" + b.TempDir() + "/bench.log', 'a', 10*1024*1024, 3)\n")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		fo := &FileConfigOptions{Options: Options{Manager: slogpy.NewManager()}}
		for pb.Next() {
			if err := fileConfigBytes(src, "bench.conf", fo); err != nil {
				b.Fatal(err)
			}
		}
		fo.Manager.Shutdown()
	})
}

// BenchmarkLogConfigured logs through a configuration's handlers: the
// cost is that of the handlers, configuration adds nothing per record.
func BenchmarkLogConfigured(b *testing.B) {
	cfg, err := DecodeDict(benchYAML)
	if err != nil {
		b.Fatal(err)
	}
	m := slogpy.NewManager()
	if err := DictConfig(cfg, &Options{Manager: m, Stdout: io.Discard, Stderr: io.Discard}); err != nil {
		b.Fatal(err)
	}
	l := m.GetLogger("app.web")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			l.Info("request %s took %d ms", "/", 12)
		}
	})
}
