package handlers_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// An HTTPHandler posts each record as a form, encoded as CPython's
// urlencode(record.__dict__); MapLogRecord chooses the fields.
func ExampleNewHTTPHandler() {
	bodies := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		bodies <- r.Method + " " + r.URL.Path + " " + string(b)
	}))
	defer srv.Close()

	h, err := handlers.NewHTTPHandler(strings.TrimPrefix(srv.URL, "http://"), "/log", &handlers.HTTPHandlerOptions{
		Method: "POST",
		MapLogRecord: func(r *slogpy.Record) []handlers.Field {
			msg, _ := r.Message()
			return []handlers.Field{{Key: "logger", Value: r.Name}, {Key: "level", Value: int(r.Levelno)}, {Key: "text", Value: msg}}
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	logger := slogpy.NewManager().GetLogger("shop")
	logger.AddHandler(h)
	logger.Error("payment for %s declined", "A-1002")
	fmt.Println(<-bodies)
	// Output:
	// POST /log logger=shop&level=40&text=payment+for+A-1002+declined
}
