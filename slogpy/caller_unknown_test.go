package slogpy_test

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// TestUnknownCaller: a record without a caller (a slog.Record whose PC is
// 0, as log.Printf through slog.SetDefault or slog.NewRecord(…, 0) make)
// prints CPython's unknown caller. Expected line from CPython 3.11 with
// logging._srcfile = None (findCaller skipped):
//
//	(unknown file)|(unknown file)|(unknown file)|(unknown function)|0|m
func TestUnknownCaller(t *testing.T) {
	var buf bytes.Buffer
	h := slogpy.NewStreamHandler(&buf, nil)
	f, err := slogpy.NewFormatter("%(pathname)s|%(filename)s|%(module)s|%(funcName)s|%(lineno)d|%(message)s", nil)
	if err != nil {
		t.Fatal(err)
	}
	h.SetFormatter(f)
	if err := h.Handle(context.Background(), slog.NewRecord(time.Now(), slog.LevelWarn, "m", 0)); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "(unknown file)|(unknown file)|(unknown file)|(unknown function)|0|m\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
