// Command middleware puts a request id into each HTTP request's context,
// so that every record logged while serving the request carries it,
// without an adapter or the id being passed down the call chain. It is the
// Go form of the cookbook's "Using contextvars" with a filter that adds
// the request's values to each record.
//
// The middleware, RequestID, takes the id from the X-Request-Id header or
// numbers the request, and stores it with adapter.WithContext. The
// handlers log with the context: on a slogpy logger with InfoContext and
// friends, and in the database layer, written against log/slog, with
// slog's DebugContext. One adapter.ContextFilter on the handler copies the
// id into every record, and the format prints it as %(request_id)s; a
// record logged outside a request prints the formatter's default, "-".
//
// It serves on a loopback port, makes three requests, and prints on
// standard error:
//
//	[-] web INFO serving on a loopback port
//	[req-1] web.db DEBUG SELECT name FROM users WHERE id = 1
//	[req-1] web INFO found user 1: ann
//	[req-1] web.access INFO GET /users/1 200
//	[abc] web.db DEBUG SELECT name FROM users WHERE id = 7
//	[abc] web ERROR no user 7
//	[abc] web.access INFO GET /users/7 404
//	[req-2] web WARNING bad user id 'x'
//	[req-2] web.access INFO GET /users/x 400
//	[-] web INFO served 3 requests
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"

	"github.com/slogpy/slogpy/adapter"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

var (
	webLog    = slogpy.GetLogger("web")
	accessLog = slogpy.GetLogger("web.access")
	// dbLog is how the database layer, which knows only log/slog, logs.
	dbLog = slog.New(slogpy.GetLogger("web.db").Handler())
)

func main() {
	if err := run(os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// RequestID is the middleware: it stores the request's id (the
// X-Request-Id header, or "req-N") in the request's context and echoes it
// in the response's header, and logs each request when it is done.
func RequestID(next http.Handler) http.Handler {
	var seq atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if id == "" {
			id = "req-" + strconv.FormatInt(seq.Add(1), 10)
		}
		ctx := adapter.WithContext(r.Context(), slog.String("request_id", id))
		w.Header().Set("X-Request-Id", id)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		accessLog.InfoContext(ctx, "%s %s %d", r.Method, r.URL.Path, sw.status)
	})
}

// statusWriter remembers the status of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

func newHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", getUser)
	return RequestID(mux)
}

var users = map[int]string{1: "ann", 2: "bob"}

func getUser(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := strconv.Atoi(r.PathValue("id"))
	if err != nil {
		webLog.WarningContext(ctx, "bad user id %r", r.PathValue("id"))
		http.Error(w, "bad user id", http.StatusBadRequest)
		return
	}
	name, ok := lookup(ctx, id)
	if !ok {
		webLog.ErrorContext(ctx, "no user %d", id)
		http.Error(w, "no such user", http.StatusNotFound)
		return
	}
	webLog.InfoContext(ctx, "found user %d: %s", id, name)
	fmt.Fprintln(w, name)
}

// lookup is the database layer: it logs with log/slog only.
func lookup(ctx context.Context, id int) (string, bool) {
	dbLog.DebugContext(ctx, fmt.Sprintf("SELECT name FROM users WHERE id = %d", id))
	name, ok := users[id]
	return name, ok
}

// configure attaches the handler that prints %(request_id)s to the
// logger "web", and returns a function that detaches it.
func configure(w io.Writer) (func(), error) {
	f, err := slogpy.NewFormatter("[%(request_id)s] %(name)s %(levelname)s %(message)s", &slogpy.FormatterOptions{
		Defaults: map[string]any{"request_id": "-"},
	})
	if err != nil {
		return nil, err
	}
	h := slogpy.NewStreamHandler(w, &slogpy.HandlerOptions{
		Formatter: f,
		Filters:   []slogpy.Filter{&adapter.ContextFilter{}},
	})
	webLog.AddHandler(h)
	webLog.SetLevel(levels.Debug)
	return func() { webLog.RemoveHandler(h) }, nil
}

// A request is one call of the demonstration: a path and, optionally, a
// request id the client chose.
type request struct{ path, id string }

var requests = []request{{"/users/1", ""}, {"/users/7", "abc"}, {"/users/x", ""}}

// run serves on a loopback port, makes the requests one after another,
// and shuts the server down.
func run(w io.Writer) error {
	undo, err := configure(w)
	if err != nil {
		return err
	}
	defer undo()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: newHandler()}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	webLog.Info("serving on a loopback port")

	client := &http.Client{Transport: &http.Transport{}}
	var errs []error
	for _, rq := range requests {
		if _, err := get(client, "http://"+ln.Addr().String()+rq.path, rq.id); err != nil {
			errs = append(errs, err)
			break
		}
	}
	client.CloseIdleConnections()
	errs = append(errs, srv.Shutdown(context.Background()))
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		errs = append(errs, err)
	}
	webLog.Info("served %d requests", len(requests))
	return errors.Join(errs...)
}

// response is what a request got back.
type response struct {
	status    int
	requestID string
	body      string
}

// get requests url with the request id header when id is set.
func get(client *http.Client, url, id string) (response, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return response{}, err
	}
	if id != "" {
		req.Header.Set("X-Request-Id", id)
	}
	resp, err := client.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return response{resp.StatusCode, resp.Header.Get("X-Request-Id"), string(body)}, err
}
