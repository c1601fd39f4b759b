package config

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

const iniBase = `[loggers]
keys=root

[handlers]
keys=h

[formatters]
keys=f

[logger_root]
level=INFO
handlers=h

[formatter_f]
format=%(levelname)s %(message)s
`

// TestFileConfigSecurity: what CPython would evaluate as code is refused,
// with the place and the reason, and nothing runs.
func TestFileConfigSecurity(t *testing.T) {
	dir := t.TempDir()
	marker := filepath.Join(dir, "pwned")
	cases := []struct{ section, want string }{
		{"class=StreamHandler\nargs=(__import__('os').system('touch " + marker + "'),)",
			"[handler_h] args: column 2: function calls are not allowed: __import__(…) would run code"},
		{"class=FileHandler\nargs=(open('" + marker + "', 'w').name,)",
			"[handler_h] args: column 2: function calls are not allowed: open(…) would run code"},
		{"class=StreamHandler\nargs=(sys.modules['os'].system('id'),)",
			"[handler_h] args: column 2: subscripts are not allowed: sys.modules[…]"},
		{"class=StreamHandler\nargs=(sys.modules,)",
			"[handler_h] args: column 2: attribute access is not allowed: sys.modules is not one of the known names"},
		{"class=StreamHandler\nargs=(os.environ,)",
			"[handler_h] args: column 2: attribute access is not allowed: os.environ"},
		{"class=StreamHandler\nargs=(sys.stdout.buffer,)",
			"[handler_h] args: column 2: attribute access is not allowed: sys.stdout.buffer"},
		{"class=StreamHandler\nargs=(().__class__.__base__.__subclasses__(),)",
			"[handler_h] args: column 4: attribute access is not allowed here"},
		{"class=StreamHandler\nargs=()\nkwargs={'stream': __import__('sys').stdout}",
			"[handler_h] kwargs: column 12: function calls are not allowed: __import__(…)"},
		{"class=__import__('os').system('id')\nargs=()",
			`[handler_h] class: want a class name (such as StreamHandler or handlers.RotatingFileHandler), got "__import__('os').system('id')": fileConfig does not evaluate code`},
		{"class=StreamHandler\nargs=(lambda: 0,)", `[handler_h] args: column 2: "lambda" is not allowed`},
		{"class=StreamHandler\nargs=(f'{1}',)", "[handler_h] args: column 2: f-strings are not allowed: they run code"},
		{"class=StreamHandler\nargs=[x for x in ()]", "[handler_h] args: column 2: unknown name x"},
	}
	for _, c := range cases {
		src := iniBase + "\n[handler_h]\n" + c.section + "\n"
		err := fileConfigBytes([]byte(src), "evil.conf", &FileConfigOptions{Options: Options{Manager: slogpy.NewManager()}})
		if err == nil || !strings.Contains(err.Error(), "config: evil.conf: "+c.want) {
			t.Errorf("%s\nerror: %v\nwant: %s", c.section, err, c.want)
		}
	}
	// Formatter defaults (Python 3.12) are literals too.
	src := strings.Replace(iniBase, "format=%(levelname)s %(message)s", "format=%(x)s\ndefaults={'x': __import__('os').getcwd()}", 1) +
		"\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\nformatter=f\n"
	if err := fileConfigBytes([]byte(src), "evil.conf", &FileConfigOptions{Options: Options{Manager: slogpy.NewManager()}}); err == nil || !strings.Contains(err.Error(), "[formatter_f] defaults: column 7: function calls are not allowed") {
		t.Errorf("defaults: %v", err)
	}
	if _, err := os.Stat(marker); err == nil {
		t.Fatal("a configuration ran code")
	}
}

func fileConfigString(t *testing.T, src string, fo *FileConfigOptions) (string, error) {
	t.Helper()
	var out bytes.Buffer
	m := slogpy.NewManager()
	if fo == nil {
		fo = &FileConfigOptions{}
	}
	fo.Manager, fo.Stdout, fo.Stderr = m, &out, &out
	if err := fileConfigBytes([]byte(src), "t.conf", fo); err != nil {
		return "", err
	}
	m.Root().Warning("w")
	m.Shutdown()
	return out.String(), nil
}

// TestINIFormat covers ConfigParser's syntax as fileConfig reads it.
func TestINIFormat(t *testing.T) {
	handler := "\n[handler_h]\nclass=StreamHandler\nformatter=f\nargs=(sys.stdout,)\n"
	for name, c := range map[string]struct {
		src  string
		opts *FileConfigOptions
		want string
	}{
		"comments and colons": {src: "# comment\n; another\n" + strings.ReplaceAll(iniBase, "keys=", "keys : ") + handler, want: "WARNING w\n"},
		"keys case":           {src: strings.ReplaceAll(iniBase, "keys=", "KEYS=") + handler, want: "WARNING w\n"},
		"spaces in lists":     {src: strings.Replace(iniBase, "handlers=h", "handlers=  h  ", 1) + handler, want: "WARNING w\n"},
		"percent in format":   {src: strings.Replace(iniBase, "format=%(levelname)s %(message)s", "format=100%% %(message)s", 1) + handler, want: "100% w\n"},
		"interpolation": {src: "[DEFAULT]\nlvl=WARN%(ing)s\ning=ING\n" + strings.Replace(iniBase, "level=INFO", "level=%(lvl)s", 1) + handler,
			want: "WARNING w\n"},
		"defaults option": {src: strings.Replace(iniBase, "level=INFO", "level=%(lvl)s", 1) + handler,
			opts: &FileConfigOptions{Defaults: map[string]string{"LVL": "ERROR"}}, want: ""},
		"file default wins": {src: "[DEFAULT]\nlvl=INFO\n" + strings.Replace(iniBase, "level=INFO", "level=%(lvl)s", 1) + handler,
			opts: &FileConfigOptions{Defaults: map[string]string{"lvl": "ERROR"}}, want: "WARNING w\n"},
		"multi-line format": {src: strings.Replace(iniBase, "format=%(levelname)s %(message)s", "format=%(levelname)s\n    %(message)s", 1) + handler, want: "WARNING\nw\n"},
		"utf-8 bom":         {src: "\ufeff" + iniBase + handler, want: "WARNING w\n"},
	} {
		got, err := fileConfigString(t, c.src, c.opts)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got != c.want {
			t.Errorf("%s: output %q, want %q", name, got, c.want)
		}
	}
	handlerOK := "\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\n"
	for src, want := range map[string]string{
		"top=1\n" + iniBase + handlerOK:                                                                                                    "line 1: file contains no section headers",
		iniBase + handlerOK + "\n[handler_h]\nclass=StreamHandler\n":                                                                       `[handler_h]: the section is given twice`,
		strings.Replace(iniBase, "level=INFO", "level=INFO\nlevel=DEBUG", 1) + handlerOK:                                                   `[logger_root] level: the key is given 2 times`,
		strings.Replace(iniBase, "level=INFO", "level=%(a)s\na=%(b)s\nb=%(a)s", 1) + handlerOK:                                             `[logger_root] level: %(…)s references nest more than 10 deep`,
		strings.Replace(iniBase, "level=INFO", "level=50%", 1) + handlerOK:                                                                 `[logger_root] level: '%' must be followed by '%' or '(', found: "%"`,
		strings.Replace(iniBase, "level=INFO", "level=%(x", 1) + handlerOK:                                                                 `[logger_root] level: bad interpolation variable reference "%(x"`,
		strings.Replace(iniBase, "[formatters]\nkeys=f", "[formatters]\nkeys=f,g", 1) + handlerOK:                                          `[formatter_g]: section is missing (named in [formatters] keys)`,
		iniBase + handlerOK + "level=loud\n":                                                                                               `[handler_h] level: unknown level "loud"`,
		iniBase + handlerOK + "colour=red\n":                                                                                               `[handler_h] colour: unknown key`,
		iniBase + "\n[handler_h]\nclass=StreamHandler\nargs=('a.log')\n":                                                                   `[handler_h] args: want a tuple of arguments, got "a.log" (a tuple of one needs a trailing comma: ('a.log',))`,
		iniBase + "\n[handler_h]\nclass=StreamHandler\nargs=()\nkwargs=(1,)\n":                                                             `[handler_h] kwargs: want a dict of keyword arguments, got a list of 1`,
		iniBase + "\n[handler_h]\nclass=StreamHandler\nargs=(sys.stdout,)\nkwargs={'stream': sys.stderr}\n":                                `[handler_h]: logging.StreamHandler got multiple values for argument "stream"`,
		iniBase + "\n[handler_h]\nclass=StreamHandler\nargs=('x',)\n":                                                                      `[handler_h] args[0] (stream): want a stream`,
		iniBase + "\n[handler_h]\nclass=handlers.MemoryHandler\nargs=(1,)\ntarget=nosuch\n":                                                `[handler_h] target: unknown handler "nosuch" (known: h)`,
		"[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n":                                                                   `[logger_root]: section is missing`,
		"[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=\n[logger_root]\nlevel=INFO\n":                                        `[logger_root] handlers: missing`,
		"[loggers]\n[handlers]\nkeys=\n[formatters]\nkeys=\n":                                                                              `[loggers] keys: missing`,
		"[loggers]\nkeys=root\n[formatters]\nkeys=\n[logger_root]\nhandlers=\n":                                                            `[handlers]: section is missing`,
		"[loggers]\nkeys=root\n[handlers]\nkeys=h\n[formatters]\nkeys=\n[logger_root]\nhandlers=h\n[handler_h]\nargs=()\n":                 `[handler_h] class: missing`,
		"[loggers]\nkeys=root\n[handlers]\nkeys=\n[formatters]\nkeys=f\n[formatter_f]\nclass=nosuch.Formatter\n[logger_root]\nhandlers=\n": `[formatter_f] class: unknown class "nosuch.Formatter"`,
	} {
		_, err := fileConfigString(t, src, &FileConfigOptions{Options: Options{Strict: true}})
		if err == nil || !strings.Contains(err.Error(), "config: t.conf: "+want) {
			t.Errorf("error %v\nwant %s", err, want)
		}
	}
}

func TestFileConfigFile(t *testing.T) {
	dir := t.TempDir()
	if err := FileConfig(filepath.Join(dir, "none.conf"), nil); err == nil || err.Error() != "config: "+filepath.Join(dir, "none.conf")+": file doesn't exist" {
		t.Errorf("error %v", err)
	}
	empty := filepath.Join(dir, "empty.conf")
	os.WriteFile(empty, nil, 0o644)
	if err := FileConfig(empty, nil); err == nil || !strings.HasSuffix(err.Error(), "the file is empty") {
		t.Errorf("error %v", err)
	}
	latin := filepath.Join(dir, "latin.conf")
	src := strings.Replace(iniBase, "%(levelname)s %(message)s", "caf\xe9 %(message)s", 1) + "\n[handler_h]\nclass=StreamHandler\nformatter=f\nargs=(sys.stdout,)\n"
	os.WriteFile(latin, []byte(src), 0o644)
	var out bytes.Buffer
	m := slogpy.NewManager()
	if err := FileConfig(latin, &FileConfigOptions{Options: Options{Manager: m, Stdout: &out}, Encoding: "latin-1"}); err != nil {
		t.Fatal(err)
	}
	m.Root().Warning("x")
	if out.String() != "café x\n" {
		t.Errorf("latin-1: %q", out.String())
	}
	if err := FileConfig(latin, &FileConfigOptions{Options: Options{Manager: m, Stdout: io.Discard}, Encoding: "klingon"}); err == nil || !strings.Contains(err.Error(), `unknown encoding "klingon"`) {
		t.Errorf("error %v", err)
	}
}
