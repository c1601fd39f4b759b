package contrib_test

import (
	"os"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

func ExampleNewUvicornAccessFormatter() {
	noColors := false
	f, err := contrib.NewUvicornAccessFormatter(&contrib.UvicornFormatterOptions{
		Format:    `%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s`,
		UseColors: &noColors,
	})
	if err != nil {
		panic(err)
	}
	h := slogpy.NewStreamHandler(os.Stdout, nil)
	h.SetFormatter(f)
	access := slogpy.NewManager().GetLogger("uvicorn.access")
	access.AddHandler(h)
	access.SetLevel(levels.Info)
	// uvicorn's own access log call
	access.Info(`%s - "%s %s HTTP/%s" %d`, "127.0.0.1:51234", "GET", "/items", "1.1", 404)
	// Output:
	// INFO:     127.0.0.1:51234 - "GET /items HTTP/1.1" 404 Not Found
}
