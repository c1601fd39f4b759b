package main

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"go.uber.org/goleak"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

const want = `[-] web INFO serving on a loopback port
[req-1] web.db DEBUG SELECT name FROM users WHERE id = 1
[req-1] web INFO found user 1: ann
[req-1] web.access INFO GET /users/1 200
[abc] web.db DEBUG SELECT name FROM users WHERE id = 7
[abc] web ERROR no user 7
[abc] web.access INFO GET /users/7 404
[req-2] web WARNING bad user id 'x'
[req-2] web.access INFO GET /users/x 400
[-] web INFO served 3 requests
`

func TestOutput(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	got := exampletest.Stderr(t, main)
	if got != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", got, want)
	}
}

// TestResponses checks what the clients get: status, body, and the request
// id echoed.
func TestResponses(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var out bytes.Buffer
	undo, err := configure(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer undo()
	srv := httptest.NewServer(newHandler())
	client := srv.Client()
	defer srv.Close()
	defer client.CloseIdleConnections()
	tests := []struct {
		path, id string
		want     response
	}{
		{"/users/2", "", response{200, "req-1", "bob\n"}},
		{"/users/2", "mine", response{200, "mine", "bob\n"}},
		{"/users/9", "", response{404, "req-2", "no such user\n"}},
		{"/users/-", "", response{400, "req-3", "bad user id\n"}},
	}
	for _, tt := range tests {
		got, err := get(client, srv.URL+tt.path, tt.id)
		if err != nil || got != tt.want {
			t.Errorf("GET %s (id %q) = %+v, %v; want %+v", tt.path, tt.id, got, err, tt.want)
		}
	}
}

// TestConcurrentRequests serves requests in parallel and checks that each
// record carries the id of the request it was logged for.
func TestConcurrentRequests(t *testing.T) {
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	var out syncBuffer
	undo, err := configure(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer undo()
	srv := httptest.NewServer(newHandler())
	client := srv.Client()
	defer srv.Close()
	defer client.CloseIdleConnections()
	const n = 40
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := get(client, fmt.Sprintf("%s/users/%d", srv.URL, i), fmt.Sprintf("id-%d", i)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3*n {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), 3*n, out.String())
	}
	for _, line := range lines {
		var id int
		var rest string
		fmt.Sscanf(line, "[id-%d]", &id)
		_, rest, _ = strings.Cut(line, " ")
		var want string
		switch {
		case strings.HasPrefix(rest, "web.db "):
			want = fmt.Sprintf("web.db DEBUG SELECT name FROM users WHERE id = %d", id)
		case strings.HasPrefix(rest, "web.access "):
			status := 404
			if users[id] != "" {
				status = 200
			}
			want = fmt.Sprintf("web.access INFO GET /users/%d %d", id, status)
		case users[id] != "":
			want = fmt.Sprintf("web INFO found user %d: %s", id, users[id])
		default:
			want = fmt.Sprintf("web ERROR no user %d", id)
		}
		if rest != want {
			t.Errorf("line %q: want %q after the id", line, want)
		}
	}
}

type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
