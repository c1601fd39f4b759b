package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/slogpy/slogpy/slogpy"
)

// boms are the byte-order marks Python writes at the start of a file in
// these encodings, which a truncated file starts with again.
var boms = map[string][]byte{
	"utf-16": {0xff, 0xfe}, "utf16": {0xff, 0xfe},
	"utf-8-sig": {0xef, 0xbb, 0xbf},
}

// file checks the file a handler is to open, as far as it can be checked
// without opening it: its directory exists, it is not a directory, and
// mode "x" finds no file. It returns the options to open it with: mode
// "w" becomes "a", the truncation being left to commit's last step that
// can fail. With Delay set nothing is checked or opened, as in Python.
func (a *Args) file(filename string, o slogpy.FileHandlerOptions) slogpy.FileHandlerOptions {
	if filename == "" || o.Delay {
		return o
	}
	path, err := filepath.Abs(filename)
	if err != nil {
		a.fail("filename", err)
		return o
	}
	if st, err := os.Stat(filepath.Dir(path)); err != nil {
		a.fail("filename", fmt.Errorf("cannot open %s: the directory %s %s", filename, filepath.Dir(path), statReason(err)))
		return o
	} else if !st.IsDir() {
		a.fail("filename", fmt.Errorf("cannot open %s: %s is not a directory", filename, filepath.Dir(path)))
		return o
	}
	st, err := os.Stat(path)
	switch {
	case err == nil && st.IsDir():
		a.fail("filename", fmt.Errorf("cannot open %s: it is a directory", filename))
		return o
	case err == nil && strings.Contains(o.Mode, "x"):
		a.fail("filename", fmt.Errorf("cannot open %s with mode %q: the file exists", filename, o.Mode))
		return o
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		a.fail("filename", fmt.Errorf("cannot open %s: %w", filename, err))
		return o
	}
	f := &fileEffect{path: path}
	if strings.Contains(o.Mode, "w") {
		o.Mode = strings.Replace(o.Mode, "w", "a", 1)
		f.trunc = true
		f.bom = boms[strings.ReplaceAll(strings.ToLower(strings.TrimSpace(o.Encoding)), "_", "-")]
	}
	a.files = append(a.files, f)
	return o
}

func statReason(err error) string {
	if errors.Is(err, fs.ErrNotExist) {
		return "does not exist"
	}
	return "cannot be read: " + err.Error()
}

// fileParams are the parameters of Python's FileHandler and
// WatchedFileHandler.
var fileParams = []string{"filename", "mode", "encoding", "delay", "errors"}

// fileArgs reads the filename and the keywords every file handler
// shares, and checks the file (see Args.file).
func fileArgs(a *Args) (string, slogpy.FileHandlerOptions) {
	a.Require("filename")
	filename := a.String("filename", "")
	o := slogpy.FileHandlerOptions{
		Mode:     a.String("mode", ""),
		Encoding: a.String("encoding", ""),
		Errors:   a.String("errors", ""),
		Delay:    a.Bool("delay", false),
	}
	if len(a.errs) > 0 {
		return filename, o
	}
	return filename, a.file(filename, o)
}

// bufferArgs passes the buffered-writing keys of a file handler's entry
// (buffer_attrs.go) to its options.
func bufferArgs(a *Args, o *slogpy.FileHandlerOptions) {
	if a.buffer == nil {
		return
	}
	a.buffer.used = true
	o.BufferSize, o.FlushInterval, o.FlushLevel = a.buffer.size, a.buffer.interval, a.buffer.level
}
