package handlers

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/slogpy/slogpy/internal/slogtestutil"
	"github.com/slogpy/slogpy/slogpy"
)

// Helpers shared by the file handler tests (watched, rotating, timed,
// lumberjack, filelock). Names start with "file" so that they do not
// collide with the other handlers' tests of this package.

// fileLoadGolden reads a golden file of testdata/filehandlers.
func fileLoadGolden(t testing.TB, name string, v any) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "testdata", "filehandlers", name))
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// fileRecord is the record gen.py logs: makeLogRecord with name "app",
// level INFO and msg.
func fileRecord(t testing.TB, msg string) *slogpy.Record {
	t.Helper()
	r, err := slogpy.MakeRecord(map[string]any{"name": "app", "levelno": 20, "levelname": "INFO", "msg": msg})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// fileFormatter compiles a format or fails the test.
func fileFormatter(t testing.TB, format string) *slogpy.Formatter {
	t.Helper()
	f, err := slogpy.NewFormatter(format, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// fileErrors collects what a handler reports through its error hook.
type fileErrors struct {
	mu   sync.Mutex
	errs []error
	msgs []string
}

func (e *fileErrors) hook(r *slogpy.Record, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.errs = append(e.errs, err)
	msg := ""
	if r != nil {
		msg, _ = r.Message()
	}
	e.msgs = append(e.msgs, msg)
}

func (e *fileErrors) list() ([]error, []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]error(nil), e.errs...), append([]string(nil), e.msgs...)
}

// fileFailHook is an error hook that fails the test.
func fileFailHook(t testing.TB) func(*slogpy.Record, error) {
	return func(r *slogpy.Record, err error) {
		t.Helper()
		msg := ""
		if r != nil {
			msg, _ = r.Message()
		}
		t.Errorf("error hook called for %q: %v", msg, err)
	}
}

// fileLatin1 turns gen.py's latin-1 strings (one character per byte) into
// bytes.
func fileLatin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// fileAsLatin1 is the inverse of fileLatin1.
func fileAsLatin1(b []byte) string {
	var sb strings.Builder
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// fileSnapshot reads every file of dir as gen.py's snapshot does: ".gz"
// files decompressed, contents as latin-1 strings. Names in skip are left
// out (the lock file).
func fileSnapshot(t testing.TB, dir string, skip ...string) (files map[string]string, gz []string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files = map[string]string{}
	gz = []string{}
outer:
	for _, e := range entries {
		for _, s := range skip {
			if e.Name() == s {
				continue outer
			}
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(e.Name(), ".gz") {
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", e.Name(), err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatalf("%s: %v", e.Name(), err)
			}
			gz = append(gz, e.Name())
		}
		files[e.Name()] = fileAsLatin1(data)
	}
	sort.Strings(gz)
	return files, gz
}

// fileNamers and fileRotators are gen.py's hooks.
var fileNamers = map[string]func(string) string{
	"gz": func(name string) string { return name + ".gz" },
	"prefix": func(name string) string {
		return filepath.Join(filepath.Dir(name), "old-"+filepath.Base(name))
	},
	"ext_before": func(name string) string {
		i := strings.LastIndex(name, ".")
		head, suffix := name[:i], name[i+1:]
		ext := filepath.Ext(head)
		return strings.TrimSuffix(head, ext) + "." + suffix + ext
	},
}

var fileRotators = map[string]func(source, dest string) error{
	"gzip": fileGzipRotator,
}

// fileGzipRotator is the logging cookbook's rotator: compress source into
// dest, then remove source.
func fileGzipRotator(source, dest string) error {
	in, err := os.Open(source)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dest)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(out)
	if _, err := io.Copy(zw, in); err != nil {
		out.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Remove(source)
}

// fileJSONFormatter renders records as slog's JSON handler would, for slogtest.
type fileJSONFormatter = slogtestutil.JSONFormatter

// fileReadJSONLines parses the JSON lines of the given files, in order.
func fileReadJSONLines(t testing.TB, paths ...string) []map[string]any {
	t.Helper()
	var ms []map[string]any
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal(line, &m); err != nil {
				t.Fatalf("%s: %q: %v", p, line, err)
			}
			ms = append(ms, m)
		}
	}
	return ms
}

// fileUnwritableDir returns a directory where files cannot be created: a
// read-only directory, or for root (which ignores permissions) /sys on
// Linux.
func fileUnwritableDir(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		dir := filepath.Join(t.TempDir(), "ro")
		if err := os.Mkdir(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	if runtime.GOOS == "linux" {
		probe := filepath.Join("/sys", "slogpy-probe")
		f, err := os.OpenFile(probe, os.O_WRONLY|os.O_CREATE, 0o644)
		if err == nil {
			f.Close()
			os.Remove(probe)
		} else if errors.Is(err, os.ErrPermission) {
			return "/sys"
		}
	}
	t.Skip("running as root with no read-only directory to try")
	return ""
}

// fileCheckGoroutines fails the test, at cleanup, if a goroutine started by
// the file handlers' code is still running. Only lumberjack's mill
// goroutine may remain (natefinch/lumberjack#56), at most allowMill of
// them more than at the start.
func fileCheckGoroutines(t *testing.T, allowMill int) {
	t.Helper()
	before := fileGoroutineStacks()
	t.Cleanup(func() {
		after := fileGoroutineStacks()
		mills := 0
		for _, g := range after {
			if strings.Contains(g, "lumberjack") && strings.Contains(g, "millRun") {
				mills++
			}
		}
		for _, g := range before {
			if strings.Contains(g, "lumberjack") && strings.Contains(g, "millRun") {
				mills--
			}
		}
		if mills > allowMill {
			t.Errorf("%d lumberjack mill goroutines left, want at most %d", mills, allowMill)
		}
		for _, g := range after {
			for _, f := range []string{"handlers.(*Rotating", "handlers.(*Timed", "handlers.(*Watched", "handlers.(*Lumberjack", "handlers.(*BaseRotating", "handlers.(*rotating"} {
				if strings.Contains(g, f) {
					t.Errorf("goroutine of the file handlers left running:\n%s", g)
				}
			}
		}
	})
}

func fileGoroutineStacks() []string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	return strings.Split(string(buf), "\n\n")
}

// checkOutage checks that errs holds the two reports of one outage: the
// first, for the record named first, wrapping ENOSPC; the second, for the
// record named end, "WHO: N records lost while the disk was full".
func checkOutage(t *testing.T, errs *fileErrors, who string, first, end string, lost int) {
	t.Helper()
	got, msgs := errs.list()
	for i, m := range msgs {
		msgs[i] = trunc20(m)
	}
	first, end = trunc20(first), trunc20(end)
	if len(got) != 2 {
		t.Fatalf("reports %v for %q, want 2: the start and the end of the outage", got, msgs)
	}
	if !errors.Is(got[0], syscall.ENOSPC) || msgs[0] != first {
		t.Errorf("first report %v for %q, want ENOSPC for %q", got[0], msgs[0], first)
	}
	want := fmt.Sprintf("%s: %d records lost while the disk was full", who, lost)
	if got[1].Error() != want || msgs[1] != end {
		t.Errorf("second report %q for %q, want %q for %q", got[1], msgs[1], want, end)
	}
}

func trunc20(s string) string {
	if len(s) > 20 {
		return s[:20] + "…"
	}
	return s
}
