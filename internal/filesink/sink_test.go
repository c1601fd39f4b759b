package filesink

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// shortWriter writes the first n bytes of its first record, then fails.
type shortWriter struct {
	out    []byte
	n      int
	failed bool
}

func (w *shortWriter) Write(p []byte) (int, error) {
	if !w.failed && len(p) > w.n {
		w.failed = true
		w.out = append(w.out, p[:w.n]...)
		return w.n, errors.New("short write")
	}
	w.out = append(w.out, p...)
	return len(p), nil
}

// TestWriterShortWrite: a record cut short on a writer that cannot be
// truncated is followed by a newline, so the next record starts its own
// line instead of completing the fragment.
func TestWriterShortWrite(t *testing.T) {
	w := &shortWriter{n: 3}
	s := NewWriter(w)
	for _, rec := range []string{"first record", "second record"} {
		b, err := s.Line([]byte(rec))
		if err != nil {
			t.Fatal(err)
		}
		s.Lock()
		_, err = s.Write(b, 20)
		s.Unlock()
		if (rec == "first record") != (err != nil) {
			t.Errorf("Write(%q) = %v", rec, err)
		}
	}
	if got, want := string(w.out), "fir\nsecond record\n"; got != want {
		t.Errorf("wrote %q, want %q", got, want)
	}
}

// TestFileModes: Write opens a delayed file, reopens after Close in append
// mode, and refuses after Close in "w" mode (reopening would truncate).
func TestFileModes(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		mode      string
		afterOpen error
	}{{"a", nil}, {"w", ErrClosed}} {
		path := filepath.Join(dir, tc.mode+".log")
		s, err := New(path, tc.mode, "", "", true)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("mode %s: delayed file exists before the first record: %v", tc.mode, err)
		}
		write := func(rec string) error {
			b, _ := s.Line([]byte(rec))
			s.Lock()
			defer s.Unlock()
			_, err := s.Write(b, 20)
			return err
		}
		if err := write("one"); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if err := write("two"); !errors.Is(err, tc.afterOpen) {
			t.Errorf("mode %s: Write after Close = %v, want %v", tc.mode, err, tc.afterOpen)
		}
		s.Close()
		want := "one\ntwo\n"
		if tc.afterOpen != nil {
			want = "one\n"
		}
		if got, _ := os.ReadFile(path); string(got) != want {
			t.Errorf("mode %s: file %q, want %q", tc.mode, got, want)
		}
	}
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct{ name, mode, enc, errs, want string }{
		{"", "", "", "", ": empty filename"},
		{"x.log", "q", "", "", ` "x.log": invalid mode "q" (want a, w or x, with optional + and b)`},
		{"x.log", "", "klingon", "", ` "x.log": unknown encoding "klingon"`},
		{"x.log", "ab", "", "explode", ` "x.log": unknown errors mode "explode" (want strict, ignore, replace, backslashreplace or xmlcharrefreplace)`},
	} {
		name := tc.name
		if name != "" {
			name = filepath.Join(dir, name)
		}
		_, err := New(name, tc.mode, tc.enc, tc.errs, true)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if tc.name != "" {
			tc.want = `"` + name + tc.want[len(` "x.log`):]
			tc.want = " " + tc.want
		}
		if got != tc.want {
			t.Errorf("New(%q, %q, %q, %q) error %q, want %q", tc.name, tc.mode, tc.enc, tc.errs, got, tc.want)
		}
	}
}

// TestBufferedAfterClose: a buffered sink writes the records that arrive
// after Close at once (a file reopened as Python's emit after close does,
// a writer), not into a buffer no Close would flush; before Close they
// wait in the buffer.
func TestBufferedAfterClose(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	f, err := New(path, "a", "", "", false)
	if err != nil {
		t.Fatal(err)
	}
	var w shortWriter
	w.n = 1 << 20
	for name, s := range map[string]*Sink{"file": f, "writer": NewWriter(&w)} {
		read := func() string {
			if s == f {
				b, _ := os.ReadFile(path)
				return string(b)
			}
			return string(w.out)
		}
		s.SetBuffer(1<<10, -1, 50, nil)
		write := func(rec string) {
			b, _ := s.Line([]byte(rec))
			s.Lock()
			defer s.Unlock()
			if _, err := s.Write(b, 20); err != nil {
				t.Fatal(err)
			}
		}
		write("one")
		if got := read(); got != "" {
			t.Errorf("%s: %q written before Close, want it buffered", name, got)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		write("two")
		write("three")
		if got, want := read(), "one\ntwo\nthree\n"; got != want {
			t.Errorf("%s: after Close: %q, want %q", name, got, want)
		}
		s.Close()
	}
}
