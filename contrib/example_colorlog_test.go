package contrib_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleNewColoredFormatter() {
	f, err := contrib.NewColoredFormatter(&contrib.ColoredFormatterOptions{
		Format:     "%(log_color)s%(levelname)-8s%(reset)s %(message)s",
		LogColors:  map[string]string{"WARNING": "bold_yellow", "ERROR": "red,bg_white"},
		ForceColor: true, // colour even where the output is not a terminal
	})
	if err != nil {
		panic(err)
	}
	var out bytes.Buffer
	h := slogpy.NewStreamHandler(&out, nil)
	h.SetFormatter(f)
	log := slogpy.NewManager().GetLogger("app")
	log.AddHandler(h)
	log.Warning("disk %d%% full", 91)
	log.Error("disk full")

	// Told that the stream is not a terminal, it writes no escape codes.
	plain, _ := contrib.NewColoredFormatter(&contrib.ColoredFormatterOptions{Stream: &out})
	h.SetFormatter(plain)
	log.Error("no colour")

	for _, line := range strings.SplitAfter(strings.TrimSuffix(out.String(), "\n"), "\n") {
		fmt.Printf("%q\n", line)
	}
	// Output:
	// "\x1b[1;33mWARNING \x1b[0m disk 91% full\x1b[0m\n"
	// "\x1b[31m\x1b[47mERROR   \x1b[0m disk full\x1b[0m\n"
	// "ERROR:app:no colour"
}
