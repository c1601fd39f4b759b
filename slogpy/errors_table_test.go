package slogpy_test

import (
	"errors"
	"github.com/slogpy/slogpy/internal/slogtestutil"
	"io"
	"log/slog"
	"path/filepath"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// errorCase is one bad input to an exported constructor or emit path and
// the complete error text it must give ({dir} stands for the test's
// temporary directory).
type errorCase struct {
	name string
	call func(dir string) error
	want string
}

func runErrorTable(t *testing.T, cases []errorCase) {
	for _, c := range cases {
		slogtestutil.RunErrorCase(t, c.name, c.call, c.want)
	}
}

// emitError logs one record (after closing the handler when closeFirst)
// through a handler built with an error hook, and returns the first error
// the hook got.
func emitError(build func(hook func(*slogpy.Record, error)) (slogpy.Handler, error), closeFirst bool, msg string, args ...any) error {
	var got error
	h, err := build(func(_ *slogpy.Record, err error) {
		if got == nil {
			got = err
		}
	})
	if err != nil {
		return errors.New("constructor failed: " + err.Error())
	}
	if closeFirst {
		h.Close()
	} else {
		defer h.Close()
	}
	l := slogpy.NewManager().GetLogger("t")
	l.AddHandler(slogpy.AsSlog(h))
	l.Error(msg, args...)
	return got
}

// failingWriter fails every write.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestErrorTable(t *testing.T) {
	file := func(dir string) string { return filepath.Join(dir, "app.log") }
	newFile := func(name string, o *slogpy.FileHandlerOptions) error {
		h, err := slogpy.NewFileHandler(name, o)
		if err == nil {
			h.Close()
		}
		return err
	}
	newFormatter := func(format string, o *slogpy.FormatterOptions) error {
		_, err := slogpy.NewFormatter(format, o)
		return err
	}
	stream := func(w io.Writer, f *slogpy.Formatter) func(func(*slogpy.Record, error)) (slogpy.Handler, error) {
		return func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
			o := &slogpy.HandlerOptions{ErrorHandler: hook}
			if f != nil {
				o.Formatter = f
			}
			return slogpy.NewStreamHandler(w, o), nil
		}
	}
	missingField, err := slogpy.NewFormatter("%(user)s: %(message)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	cases := []errorCase{
		{"NewFormatter unknown style", func(string) error { return newFormatter("", &slogpy.FormatterOptions{Style: "#"}) }, "slogpy: formatter style \"#\": Style must be one of: %,{,$"},
		{"NewFormatter no field", func(string) error { return newFormatter("plain text", nil) }, "slogpy: formatter \"plain text\" (style '%'): ValueError: Invalid format 'plain text' for '%' style"},
		{"NewFormatter positional directive", func(string) error {
			return newFormatter("%(name)s %s", &slogpy.FormatterOptions{NoValidate: true})
		}, "slogpy: formatter \"%(name)s %s\" (style '%'): directive 2 (%s) has no (name): a Formatter's fields are named, as %(message)s"},
		{"NewFormatter truncated directive", func(string) error { return newFormatter("%(name)", nil) }, "slogpy: formatter \"%(name)\" (style '%'): ValueError: Invalid format '%(name)' for '%' style; directive %(name) has no conversion character: write %(name)s"},
		{"NewFormatter brace bad conversion", func(string) error {
			return newFormatter("{name!x}", &slogpy.FormatterOptions{Style: "{"})
		}, "slogpy: formatter \"{name!x}\" (style '{'): ValueError: invalid format: invalid conversion: 'x'"},
		{"NewFormatter brace bad spec", func(string) error {
			return newFormatter("{name:&&}", &slogpy.FormatterOptions{Style: "{"})
		}, "slogpy: formatter \"{name:&&}\" (style '{'): ValueError: invalid format: bad specifier: '&&'"},
		{"NewFormatter brace unbalanced", func(string) error { return newFormatter("{name", &slogpy.FormatterOptions{Style: "{"}) }, "slogpy: formatter \"{name\" (style '{'): ValueError: expected '}' before end of string"},
		{"NewFormatter dollar bare", func(string) error { return newFormatter("$name $", &slogpy.FormatterOptions{Style: "$"}) }, "slogpy: formatter \"$name $\" (style '$'): ValueError: invalid format: bare '$' not allowed"},
		{"NewFormatter dollar no field", func(string) error { return newFormatter("cost $$5", &slogpy.FormatterOptions{Style: "$"}) }, "slogpy: formatter \"cost $$5\" (style '$'): ValueError: invalid format: no fields"},
		{"NewFormatter bad DefaultMsecFormat", func(string) error {
			return newFormatter("%(asctime)s", &slogpy.FormatterOptions{DefaultMsecFormat: "%s,%q"})
		}, "slogpy: formatter default msec format \"%s,%q\": ValueError: unsupported format character 'q' (0x71) at index 4"},
		{"NewFileHandler empty filename", func(string) error { return newFile("", nil) }, "slogpy: file handler: empty filename"},
		{"NewFileHandler directory", func(dir string) error { return newFile(dir, nil) }, "slogpy: file handler: open {dir}: is a directory"},
		{"NewFileHandler missing directory", func(dir string) error { return newFile(filepath.Join(dir, "no", "app.log"), nil) }, "slogpy: file handler: open {dir}/no/app.log: no such file or directory"},
		{"NewFileHandler mode x on existing file", func(dir string) error {
			if err := newFile(file(dir), nil); err != nil {
				return err
			}
			return newFile(file(dir), &slogpy.FileHandlerOptions{Mode: "x"})
		}, "slogpy: file handler: open {dir}/app.log: file exists"},
		{"NewFileHandler bad Mode", func(dir string) error { return newFile(file(dir), &slogpy.FileHandlerOptions{Mode: "r"}) }, "slogpy: file handler \"{dir}/app.log\": invalid mode \"r\" (want a, w or x, with optional + and b)"},
		{"NewFileHandler bad Encoding", func(dir string) error { return newFile(file(dir), &slogpy.FileHandlerOptions{Encoding: "utf-9"}) }, "slogpy: file handler \"{dir}/app.log\": unknown encoding \"utf-9\""},
		{"NewFileHandler bad Errors", func(dir string) error { return newFile(file(dir), &slogpy.FileHandlerOptions{Errors: "shout"}) }, "slogpy: file handler \"{dir}/app.log\": unknown errors mode \"shout\" (want strict, ignore, replace, backslashreplace or xmlcharrefreplace)"},
		{"MakeRecord wrong type", func(string) error { _, err := slogpy.MakeRecord(map[string]any{"levelno": "INFO"}); return err }, "slogpy: record levelno: want an integer, got string INFO"},
		{"BasicConfig Stream and Filename", func(dir string) error {
			return slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Stream: io.Discard, Filename: file(dir)})
		}, "slogpy: BasicConfig: 'stream' and 'filename' should not be specified together"},
		{"BasicConfig Handlers and Stream", func(string) error {
			return slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Stream: io.Discard, Handlers: []slog.Handler{slogpy.NewNullHandler()}})
		}, "slogpy: BasicConfig: 'stream' or 'filename' should not be specified together with 'handlers'"},
		{"BasicConfig bad Style", func(string) error {
			return slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Style: "!"})
		}, "slogpy: BasicConfig: style \"!\": Style must be one of: %,{,$"},
		{"BasicConfig bad Format", func(string) error {
			return slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Format: "%(name)"})
		}, "slogpy: formatter \"%(name)\" (style '%'): ValueError: Invalid format '%(name)' for '%' style; directive %(name) has no conversion character: write %(name)s"},
		{"BasicConfig unwritable Filename", func(dir string) error {
			return slogpy.NewManager().BasicConfig(&slogpy.BasicConfigOptions{Filename: dir})
		}, "slogpy: file handler: open {dir}: is a directory"},
		// Emit paths.
		{"StreamHandler bad message", func(string) error { return emitError(stream(io.Discard, nil), false, "n=%d", "x") }, "TypeError: %d format: a real number is required, not str"},
		{"StreamHandler too few arguments", func(string) error { return emitError(stream(io.Discard, nil), false, "%s and %s", "x") }, "TypeError: not enough arguments for format string"},
		{"StreamHandler missing field", func(string) error { return emitError(stream(io.Discard, missingField), false, "x") }, "ValueError: Formatting field not found in record: 'user'"},
		{"StreamHandler failing writer", func(string) error { return emitError(stream(failingWriter{}, nil), false, "x") }, "slogpy: StreamHandler: cannot write, dropping records until a write succeeds: disk on fire"},
		{"FileHandler mode w emit after Close", func(dir string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return slogpy.NewFileHandler(file(dir), &slogpy.FileHandlerOptions{Mode: "w", HandlerOptions: slogpy.HandlerOptions{ErrorHandler: hook}})
			}, true, "x")
		}, "slogpy: handler is closed"},
		{"FileHandler strict encoding", func(dir string) error {
			return emitError(func(hook func(*slogpy.Record, error)) (slogpy.Handler, error) {
				return slogpy.NewFileHandler(file(dir), &slogpy.FileHandlerOptions{Encoding: "ascii", HandlerOptions: slogpy.HandlerOptions{ErrorHandler: hook}})
			}, false, "café")
		}, `UnicodeEncodeError: 'ascii' codec can't encode character '\xe9' in position 3: ordinal not in range(128)`},
	}
	runErrorTable(t, cases)
}
