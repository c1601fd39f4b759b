package handlers

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// attrsCase is one case of attrs.json: a file handler's constructor
// arguments and the attributes CPython 3.11 exposes afterwards.
type attrsCase struct {
	Class  string         `json:"class"`
	Kwargs attrsKwargs    `json:"kwargs"`
	Attrs  map[string]any `json:"attrs"`
}

type attrsKwargs struct {
	Mode        string
	Encoding    string
	Errors      string
	Delay       bool
	MaxBytes    int64 `json:"maxBytes"`
	BackupCount int   `json:"backupCount"`
	When        string
	Interval    int
	UTC         bool `json:"utc"`
	AtTime      string
}

// fileAttrs reads through the Go getters what Python exposes as the
// attributes named in want.
func fileAttrs(h slogpy.Handler, want map[string]any) map[string]any {
	type fileGetters interface {
		BaseFilename() string
		Mode() string
		Encoding() string
		Errors() string
		Delay() bool
	}
	f := h.(fileGetters)
	got := map[string]any{}
	for name := range want {
		var v any
		switch name {
		case "baseFilename":
			v = filepath.Base(f.BaseFilename())
		case "mode":
			v = f.Mode()
		case "encoding":
			v = f.Encoding()
		case "errors":
			v = f.Errors()
		case "delay":
			v = f.Delay()
		case "maxBytes":
			v = json.Number(fmt.Sprint(h.(*RotatingFileHandler).MaxBytes()))
		case "backupCount":
			switch h := h.(type) {
			case *RotatingFileHandler:
				v = json.Number(fmt.Sprint(h.BackupCount()))
			case *TimedRotatingFileHandler:
				v = json.Number(fmt.Sprint(h.BackupCount()))
			}
		case "when":
			v = h.(*TimedRotatingFileHandler).When()
		case "interval":
			v = json.Number(fmt.Sprint(int64(h.(*TimedRotatingFileHandler).Interval() / time.Second)))
		case "utc":
			v = h.(*TimedRotatingFileHandler).UTC()
		case "atTime":
			if a := h.(*TimedRotatingFileHandler).AtTime(); a != "" {
				v = a
			}
		case "suffix":
			v = h.(*TimedRotatingFileHandler).Suffix()
		}
		got[name] = v
	}
	return got
}

// TestFileHandlerAttributes (issue 17 item 10): the getters of the file
// handlers return what CPython 3.11's attributes hold for the same
// constructor arguments (testdata/filehandlers/gen_attrs.py): mode forced
// to "a" by maxBytes, when upper-cased, interval in seconds times the
// unit, atTime as str(time), the suffix's strftime format.
func TestFileHandlerAttributes(t *testing.T) {
	var golden struct {
		Python string      `json:"python"`
		Cases  []attrsCase `json:"cases"`
	}
	fileLoadGolden(t, "attrs.json", &golden)
	if len(golden.Cases) < 30 {
		t.Fatalf("%d cases in attrs.json", len(golden.Cases))
	}
	dir := t.TempDir()
	for i, c := range golden.Cases {
		t.Run(fmt.Sprintf("%d_%s", i, c.Class), func(t *testing.T) {
			k := c.Kwargs
			path := filepath.Join(dir, fmt.Sprint(c.Attrs["baseFilename"]))
			fo := slogpy.FileHandlerOptions{Mode: k.Mode, Encoding: k.Encoding, Errors: k.Errors, Delay: k.Delay}
			var h slogpy.Handler
			var err error
			switch c.Class {
			case "FileHandler":
				h, err = slogpy.NewFileHandler(path, &fo)
			case "WatchedFileHandler":
				h, err = NewWatchedFileHandler(path, &fo)
			case "RotatingFileHandler":
				h, err = NewRotatingFileHandler(path, &RotatingFileHandlerOptions{FileHandlerOptions: fo, MaxBytes: k.MaxBytes, BackupCount: k.BackupCount})
			case "TimedRotatingFileHandler":
				h, err = NewTimedRotatingFileHandler(path, &TimedRotatingFileHandlerOptions{FileHandlerOptions: fo,
					When: k.When, Interval: k.Interval, BackupCount: k.BackupCount, UTC: k.UTC, AtTime: k.AtTime})
			default:
				t.Fatalf("unknown class %q", c.Class)
			}
			if err != nil {
				t.Fatalf("%+v: %v", k, err)
			}
			defer h.Close()
			if got := fileAttrs(h, c.Attrs); !reflect.DeepEqual(got, c.Attrs) {
				t.Errorf("%s(%+v):\n got %v\nwant %v (CPython %s)", c.Class, k, got, c.Attrs, golden.Python)
			}
		})
	}
}
