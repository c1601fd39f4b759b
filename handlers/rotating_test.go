package handlers

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/slogtest"

	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// rotatingCase is one RotatingFileHandler scenario of rotating.json.
type rotatingCase struct {
	Name        string
	MaxBytes    int64
	BackupCount int
	Mode        string
	Delay       bool
	Encoding    *string
	Errors      *string
	Namer       *string
	Rotator     *string
	Format      string
	Terminator  string
	Pre         map[string]string
	Ops         [][]string
	Files       map[string]string
	Gzip        []string
	Py311       map[string]any
}

// rotatingPy311Differs lists the scenarios where CPython 3.11 differs from
// 3.13 (and from this package), as documented on RotatingFileHandler.
var rotatingPy311Differs = map[string]bool{
	"oversize_first_record_keeps_backup": true, // gh-116263: 3.11 rolls the empty file over
}

func rotatingOptions(t *testing.T, c rotatingCase, processLock bool) *RotatingFileHandlerOptions {
	o := &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{
			HandlerOptions: slogpy.HandlerOptions{
				Formatter:    fileFormatter(t, c.Format),
				ErrorHandler: fileFailHook(t),
			},
			Mode:  c.Mode,
			Delay: c.Delay,
		},
		MaxBytes:    c.MaxBytes,
		BackupCount: c.BackupCount,
		ProcessLock: processLock,
	}
	if c.Encoding != nil {
		o.Encoding = *c.Encoding
	}
	if c.Errors != nil {
		o.Errors = *c.Errors
	}
	if c.Namer != nil {
		o.Namer = fileNamers[*c.Namer]
	}
	if c.Rotator != nil {
		o.Rotator = fileRotators[*c.Rotator]
	}
	return o
}

// TestRotatingCPython replays the scenarios of testdata/filehandlers/
// rotating.json and compares every file of the directory, name and content,
// with what CPython wrote for the same records. Each runs three times: as
// CPython does, with ProcessLock, and with a write buffer (BufferSize, no
// timer: records are written only when the buffer fills, at rollover and at
// Close), neither of which may change the result: rotation stays exact.
func TestRotatingCPython(t *testing.T) {
	var golden struct {
		Python   string
		Rotating []rotatingCase
	}
	fileLoadGolden(t, "rotating.json", &golden)
	if len(golden.Rotating) < 20 {
		t.Fatalf("rotating.json has %d scenarios, want at least 20", len(golden.Rotating))
	}
	differs := map[string]bool{}
	for _, c := range golden.Rotating {
		if c.Py311 != nil {
			differs[c.Name] = true
		}
		for _, mode := range []string{"", "ProcessLock", "Buffered"} {
			t.Run(c.Name+"/"+mode, func(t *testing.T) {
				if mode == "ProcessLock" && runtime.GOOS == "windows" {
					t.Skip("ProcessLock needs flock")
				}
				rotatingReplay(t, c, mode)
			})
		}
	}
	if !reflect.DeepEqual(differs, rotatingPy311Differs) {
		t.Errorf("scenarios where CPython 3.11 differs: %v, documented: %v", differs, rotatingPy311Differs)
	}
}

func rotatingReplay(t *testing.T, c rotatingCase, mode string) {
	dir := t.TempDir()
	for name, content := range c.Pre {
		if err := os.WriteFile(filepath.Join(dir, name), fileLatin1(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	base := filepath.Join(dir, "app.log")
	open := func() *RotatingFileHandler {
		o := rotatingOptions(t, c, mode == "ProcessLock")
		if mode == "Buffered" {
			o.BufferSize, o.FlushInterval = 64, -1
		}
		h, err := NewRotatingFileHandler(base, o)
		if err != nil {
			t.Fatal(err)
		}
		h.SetTerminator(c.Terminator)
		return h
	}
	h := open()
	for _, op := range c.Ops {
		switch op[0] {
		case "log":
			slogpy.Handle(h, fileRecord(t, op[1]))
		case "close":
			if err := h.Close(); err != nil {
				t.Fatal(err)
			}
		case "restart":
			if err := h.Close(); err != nil {
				t.Fatal(err)
			}
			h = open()
		case "rollover":
			if err := h.DoRollover(); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("unknown op %q", op)
		}
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	files, gz := fileSnapshot(t, dir, "app.log.lock")
	if !reflect.DeepEqual(files, c.Files) {
		t.Errorf("files differ from CPython's\n got: %q\nwant: %q", files, c.Files)
	}
	if !reflect.DeepEqual(gz, c.Gzip) {
		t.Errorf("gzip files %q, want %q", gz, c.Gzip)
	}
}

func TestRotatingConstructorErrors(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		filename string
		opts     *RotatingFileHandlerOptions
		want     []string
	}{
		{"missing directory", filepath.Join(dir, "no", "such", "app.log"), nil,
			[]string{"handlers: rotating file handler", filepath.Join(dir, "no", "such", "app.log"), "no such file or directory"}},
		{"path through a file", filepath.Join(notDir, "app.log"), nil,
			[]string{filepath.Join(notDir, "app.log"), "not a directory"}},
		{"negative MaxBytes", filepath.Join(dir, "a.log"), &RotatingFileHandlerOptions{MaxBytes: -1},
			[]string{`handlers: rotating file handler "` + filepath.Join(dir, "a.log") + `": MaxBytes -1 is negative`}},
		{"negative BackupCount", filepath.Join(dir, "a.log"), &RotatingFileHandlerOptions{BackupCount: -2},
			[]string{"BackupCount -2 is negative"}},
		{"empty filename", "", nil, []string{"empty filename"}},
		{"bad mode", filepath.Join(dir, "a.log"), &RotatingFileHandlerOptions{FileHandlerOptions: slogpy.FileHandlerOptions{Mode: "q"}},
			[]string{`invalid mode "q"`}},
		{"bad encoding", filepath.Join(dir, "a.log"), &RotatingFileHandlerOptions{FileHandlerOptions: slogpy.FileHandlerOptions{Encoding: "klingon"}},
			[]string{`unknown encoding "klingon"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, err := NewRotatingFileHandler(tt.filename, tt.opts)
			if err == nil {
				h.Close()
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	t.Run("unwritable directory", func(t *testing.T) {
		path := filepath.Join(fileUnwritableDir(t), "app.log")
		_, err := NewRotatingFileHandler(path, &RotatingFileHandlerOptions{MaxBytes: 100, BackupCount: 1})
		if err == nil || !strings.Contains(err.Error(), path) || !errors.Is(err, os.ErrPermission) {
			t.Errorf("error %v, want permission denied naming %s", err, path)
		}
	})
}

// TestRotatingNeverRollsNonRegular: a device or a FIFO is never rolled
// over, however small MaxBytes is, and every record reaches it.
func TestRotatingNeverRollsNonRegular(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/null or FIFOs")
	}
	t.Run("dev/null", func(t *testing.T) {
		dir := t.TempDir()
		base := filepath.Join(dir, "app.log")
		// A symlink, so that a wrong rename moves the link, not the device.
		if err := os.Symlink(os.DevNull, base); err != nil {
			t.Fatal(err)
		}
		h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
			FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: fileFailHook(t)}},
			MaxBytes:           1, BackupCount: 3})
		if err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			slogpy.Handle(h, fileRecord(t, "record "+strconv.Itoa(i)))
		}
		h.Close()
		if names := rotatingNames(t, dir); !reflect.DeepEqual(names, []string{"app.log"}) {
			t.Errorf("files %v, want only app.log", names)
		}
	})
	t.Run("FIFO", func(t *testing.T) {
		dir := t.TempDir()
		base := filepath.Join(dir, "app.log")
		if err := fileMkfifo(base); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(base) // unblocks the writer's open
			if err != nil {
				got <- err.Error()
				return
			}
			defer f.Close()
			b, _ := io.ReadAll(f)
			got <- string(b)
		}()
		h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
			FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: fileFailHook(t)}},
			MaxBytes:           5, BackupCount: 3})
		if err != nil {
			t.Fatal(err)
		}
		var want strings.Builder
		for i := range 5 {
			msg := "record " + strconv.Itoa(i)
			want.WriteString(msg + "\n")
			slogpy.Handle(h, fileRecord(t, msg))
		}
		h.Close()
		if s := <-got; s != want.String() {
			t.Errorf("FIFO read %q, want %q", s, want.String())
		}
		if names := rotatingNames(t, dir); !reflect.DeepEqual(names, []string{"app.log"}) {
			t.Errorf("files %v, want only app.log", names)
		}
	})
}

func rotatingNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestRotatingShouldAndDoRollover checks the exported hooks.
func TestRotatingShouldAndDoRollover(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{MaxBytes: 10, BackupCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	// Empty file: never rolls over, whatever the record.
	if roll, err := h.ShouldRollover(fileRecord(t, strings.Repeat("x", 40))); err != nil || roll {
		t.Errorf("ShouldRollover on an empty file = %v, %v", roll, err)
	}
	slogpy.Handle(h, fileRecord(t, "abcd")) // 5 bytes
	for msg, want := range map[string]bool{"abc": false, "abcd": true, "abcde": true} {
		// 5 + len(msg) + 1 >= 10
		if roll, err := h.ShouldRollover(fileRecord(t, msg)); err != nil || roll != want {
			t.Errorf("ShouldRollover(%q) = %v, %v; want %v", msg, roll, err, want)
		}
	}
	if got := h.RotationFilename(base + ".1"); got != base+".1" {
		t.Errorf("RotationFilename without a namer = %q", got)
	}
	if err := h.DoRollover(); err != nil {
		t.Fatal(err)
	}
	if names := rotatingNames(t, dir); !reflect.DeepEqual(names, []string{"app.log", "app.log.1"}) {
		t.Errorf("after DoRollover: %v", names)
	}
	if roll, _ := h.ShouldRollover(fileRecord(t, "abcd")); roll {
		t.Error("ShouldRollover after DoRollover: the new file is empty")
	}
}

// TestRotatingConcurrent: 8 goroutines log 20,000 records each through one
// handler with a small MaxBytes. Every record must be found exactly once,
// whole, each goroutine's records in order across the files from oldest to
// newest, and no file may exceed MaxBytes.
func TestRotatingConcurrent(t *testing.T) {
	fileCheckGoroutines(t, 0)
	const (
		workers  = 8
		perG     = 20000
		maxBytes = 16 << 10
		backups  = 400
	)
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	var errs fileErrors
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{
			Formatter: fileFormatter(t, "%(levelname)s %(name)s %(message)s"), ErrorHandler: errs.hook}},
		MaxBytes: maxBytes, BackupCount: backups})
	if err != nil {
		t.Fatal(err)
	}
	m := slogpy.NewManager()
	l := m.GetLogger("app")
	l.SetLevel(levels.Info)
	l.SetPropagate(false)
	l.AddHandler(h)
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				l.Info("g=%d i=%05d %s", g, i, strings.Repeat("x", i%23))
			}
		}()
	}
	wg.Wait()
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
	if e, _ := errs.list(); len(e) > 0 {
		t.Fatalf("%d errors reported, first: %v", len(e), e[0])
	}
	line := regexp.MustCompile(`^INFO app g=(\d+) i=(\d+) (x*)$`)
	n := rotatingCheckFiles(t, base, maxBytes, backups, func(s string) (int, int, bool) {
		m := line.FindStringSubmatch(s)
		if m == nil {
			return 0, 0, false
		}
		g, _ := strconv.Atoi(m[1])
		i, _ := strconv.Atoi(m[2])
		return g, i, len(m[3]) == i%23
	}, workers, perG)
	t.Logf("%d records in %d files", workers*perG, n)
}

// rotatingCheckFiles reads base.N … base.1, base (oldest first) and checks
// that every line parses (is whole), every (writer, index) appears once and
// in order per writer, and no file exceeds maxBytes. It also checks that
// each rotated file was full: its size plus the next file's first line
// reaches maxBytes, so no rollover happened early (or twice). It returns the
// number of files.
func rotatingCheckFiles(t *testing.T, base string, maxBytes int64, backups int, parse func(string) (int, int, bool), writers, perWriter int) int {
	t.Helper()
	var paths []string
	for i := backups; i >= 1; i-- {
		p := base + "." + strconv.Itoa(i)
		if _, err := os.Stat(p); err == nil {
			paths = append(paths, p)
		}
	}
	if _, err := os.Stat(base + "." + strconv.Itoa(backups)); err == nil {
		t.Fatalf("the oldest backup %d exists: records may have been dropped; raise backups", backups)
	}
	paths = append(paths, base)
	next := make([]int, writers)
	var prevSize int64 = -1
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if int64(len(data)) > maxBytes {
			t.Errorf("%s is %d bytes, more than MaxBytes %d", filepath.Base(p), len(data), maxBytes)
		}
		if len(data) == 0 || data[len(data)-1] != '\n' {
			t.Fatalf("%s is empty or ends with a torn line", filepath.Base(p))
		}
		lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
		if prevSize >= 0 && prevSize+int64(len(lines[0]))+1 < maxBytes {
			t.Errorf("rolled over before %s was full: %d + %d < %d", filepath.Base(p), prevSize, len(lines[0])+1, maxBytes)
		}
		prevSize = int64(len(data))
		for _, line := range lines {
			g, i, ok := parse(line)
			if !ok || g < 0 || g >= writers {
				t.Fatalf("%s: torn or interleaved line %q", filepath.Base(p), line)
			}
			if i != next[g] {
				t.Fatalf("%s: writer %d record %d, want %d (lost, repeated or out of order)", filepath.Base(p), g, i, next[g])
			}
			next[g]++
		}
	}
	for g, n := range next {
		if n != perWriter {
			t.Errorf("writer %d: %d records found, want %d", g, n, perWriter)
		}
	}
	return len(paths)
}

// TestRotatingWriteFault: writes that fail (ENOSPC), some part-way, make
// one report when the outage starts and one with the count when it ends;
// no fragment of a failed record is left in the files, nothing panics, and
// logging resumes into the file when the fault ends.
func TestRotatingWriteFault(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	var errs fileErrors
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.hook}},
		MaxBytes:           40, BackupCount: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var mu sync.Mutex
	full := false
	h.sink.TestWrite = func(b []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		if full {
			return len(b) / 2, &os.PathError{Op: "write", Path: base, Err: syscall.ENOSPC} // half written
		}
		return len(b), nil
	}
	setFull := func(v bool) { mu.Lock(); full = v; mu.Unlock() }
	var written []string
	for i := range 30 {
		setFull(i >= 10 && i < 20)
		msg := fmt.Sprintf("record %02d", i)
		err := slogpy.Handle(h, fileRecord(t, msg))
		if (i == 10) != (err != nil) {
			t.Errorf("record %d: HandleRecord returned %v (want an error for the first lost record only)", i, err)
		}
		if i < 10 || i >= 20 {
			written = append(written, msg)
		}
	}
	got, msgs := errs.list()
	if len(got) != 2 {
		t.Fatalf("%d errors reported, want 2 (start and end of the outage): %v", len(got), got)
	}
	if !errors.Is(got[0], syscall.ENOSPC) || msgs[0] != "record 10" {
		t.Errorf("first report %v for %q, want ENOSPC for record 10", got[0], msgs[0])
	}
	want := "handlers: RotatingFileHandler " + base + ": 10 records lost while the disk was full"
	if got[1].Error() != want || msgs[1] != "record 20" {
		t.Errorf("second report %q for %q, want %q for record 20", got[1], msgs[1], want)
	}
	if n := h.sink.Lost(); n != 10 {
		t.Errorf("Lost() = %d, want 10", n)
	}
	h.Close()
	var all []string
	for _, p := range []string{base + ".2", base + ".1", base} {
		if data, err := os.ReadFile(p); err == nil {
			all = append(all, strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")...)
		}
	}
	// Only the newest records fit in the kept files: they must be the
	// last ones written, in order, whole, and none of the failed ones.
	if len(all) < 3 || !reflect.DeepEqual(all, written[len(written)-len(all):]) {
		t.Errorf("files hold %q, want the tail of %q", all, written)
	}
}

// TestRotatingRolloverFault: a rotator that fails is reported with the
// record, the record is still written, and the next rollover works.
func TestRotatingRolloverFault(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	var errs fileErrors
	fail := true
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.hook}},
		MaxBytes:           12, BackupCount: 1,
		Rotator: func(source, dest string) error {
			if fail {
				return errors.New("disk on fire")
			}
			return os.Rename(source, dest)
		}})
	if err != nil {
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "one"))
	slogpy.Handle(h, fileRecord(t, "two")) // 4 + 4 < 12
	slogpy.Handle(h, fileRecord(t, "three"))
	fail = false
	slogpy.Handle(h, fileRecord(t, "four"))
	h.Close()
	got, msgs := errs.list()
	if len(got) != 1 || !strings.Contains(got[0].Error(), "disk on fire") || msgs[0] != "three" {
		t.Fatalf("reports %v for %v, want one rotator error for \"three\"", got, msgs)
	}
	if !strings.Contains(got[0].Error(), "handlers: rotator(") {
		t.Errorf("report %q does not say the rotator failed", got[0])
	}
	files, _ := fileSnapshot(t, dir)
	want := map[string]string{"app.log.1": "one\ntwo\nthree\n", "app.log": "four\n"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
}

// TestRotatingFormatError: a record that cannot be formatted is reported
// and does not reach the file; the next one does.
func TestRotatingFormatError(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	var errs fileErrors
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.hook}},
		MaxBytes:           100, BackupCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	bad, _ := slogpy.MakeRecord(map[string]any{"msg": "%d items", "args": []any{"many"}})
	slogpy.Handle(h, bad)
	slogpy.Handle(h, fileRecord(t, "fine"))
	h.Close()
	if got, _ := errs.list(); len(got) != 1 {
		t.Errorf("%d reports, want 1: %v", len(got), got)
	}
	if data, _ := os.ReadFile(base); string(data) != "fine\n" {
		t.Errorf("file holds %q", data)
	}
}

func TestRotatingSlogtest(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: fileJSONFormatter{}}},
		MaxBytes:           300, BackupCount: 50})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	results := func() []map[string]any {
		var paths []string
		for i := 50; i >= 1; i-- {
			if p := base + "." + strconv.Itoa(i); rotatingExists(p) {
				paths = append(paths, p)
			}
		}
		return fileReadJSONLines(t, append(paths, base)...)
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Error(err)
	}
	if !rotatingExists(base + ".1") {
		t.Error("slogtest's records did not roll the file over: MaxBytes too large for the test to mean much")
	}
}

// TestRotatingGzipCookbook rotates into gzip with Namer and Rotator, as the
// logging cookbook does, and reads every record back.
func TestRotatingGzipCookbook(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: fileFailHook(t)}},
		MaxBytes:           100, BackupCount: 5,
		Namer:   func(name string) string { return name + ".gz" },
		Rotator: fileGzipRotator})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		slogpy.Handle(h, fileRecord(t, fmt.Sprintf("gzip me %02d", i)))
	}
	h.Close()
	files, gz := fileSnapshot(t, dir)
	if want := []string{"app.log.1.gz", "app.log.2.gz", "app.log.3.gz", "app.log.4.gz", "app.log.5.gz"}; !reflect.DeepEqual(gz, want) {
		t.Fatalf("gzip files %v, want %v", gz, want)
	}
	var text string
	for i := 5; i >= 1; i-- {
		text += files["app.log."+strconv.Itoa(i)+".gz"]
		delete(files, "app.log."+strconv.Itoa(i)+".gz")
	}
	text += files["app.log"]
	delete(files, "app.log")
	if len(files) != 0 {
		t.Errorf("unexpected files %v", files)
	}
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 60 - strings.Count(text, "\n")
	for sc.Scan() {
		if want := fmt.Sprintf("gzip me %02d", n); sc.Text() != want {
			t.Fatalf("line %q, want %q", sc.Text(), want)
		}
		n++
	}
	if n != 60 {
		t.Errorf("last record %d, want 59", n-1)
	}
}

func TestRotatingAllocs(t *testing.T) {
	if fileRaceEnabled {
		t.Skip("allocation counts differ under the race detector")
	}
	dir := t.TempDir()
	h, err := NewRotatingFileHandler(filepath.Join(dir, "app.log"), &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: fileFormatter(t, "%(levelname)s %(name)s %(message)s")}},
		MaxBytes:           1 << 30, BackupCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r := fileRecord(t, "a record of typical length for an application log")
	if n := testing.AllocsPerRun(200, func() { slogpy.Handle(h, r) }); n > 0 {
		t.Errorf("%v allocations per record, want 0", n)
	}
}

// rotatingLinePattern matches the records of the multi-process test.
var rotatingLinePattern = regexp.MustCompile(`^p=(\d+) i=(\d+) x+$`)

func rotatingParseProcLine(line string) (int, int, bool) {
	m := rotatingLinePattern.FindStringSubmatch(line)
	if m == nil {
		return 0, 0, false
	}
	p, _ := strconv.Atoi(m[1])
	i, _ := strconv.Atoi(m[2])
	return p, i, true
}

func TestRotatingNotConstructed(t *testing.T) {
	var h BaseRotatingHandler
	if err := h.Emit(fileRecord(t, "x")); !errors.Is(err, errRotatingNotConstructed) {
		t.Errorf("Emit: %v", err)
	}
	if _, err := h.ShouldRollover(fileRecord(t, "x")); !errors.Is(err, errRotatingNotConstructed) {
		t.Errorf("ShouldRollover: %v", err)
	}
	if err := h.DoRollover(); !errors.Is(err, errRotatingNotConstructed) {
		t.Errorf("DoRollover: %v", err)
	}
}
