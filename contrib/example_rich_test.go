package contrib_test

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleNewRichHandler() {
	var out bytes.Buffer
	h, err := contrib.NewRichHandler(&contrib.RichHandlerOptions{
		Writer: &out, Width: 50,
		HideTime: true, // the time changes with every run
	})
	if err != nil {
		panic(err)
	}
	log := slogpy.NewManager().GetLogger("app")
	log.AddHandler(h)
	log.Warning("the message column wraps at spaces to the width the other columns leave")
	for _, line := range strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n") {
		fmt.Printf("|%s|\n", line) // every line is padded to the width, as rich pads it
	}
	// Output:
	// |WARNING  the message       example_rich_test.go:23|
	// |         column wraps at                          |
	// |         spaces to the                            |
	// |         width the other                          |
	// |         columns leave                            |
}
