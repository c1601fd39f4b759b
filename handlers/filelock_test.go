package handlers

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// filelockChildEnv carries the arguments of a writer process of
// TestRotatingProcessLockMultiProcess: base|process|records|maxBytes|backups.
const filelockChildEnv = "SLOGPY_HANDLERS_FILELOCK_CHILD"

// TestRotatingProcessLockChild is the writer process: the test binary
// re-executed by TestRotatingProcessLockMultiProcess. Run on its own it
// skips.
func TestRotatingProcessLockChild(t *testing.T) {
	spec := os.Getenv(filelockChildEnv)
	if spec == "" {
		t.Skip("helper process of TestRotatingProcessLockMultiProcess")
	}
	parts := strings.Split(spec, "|")
	if len(parts) != 5 {
		t.Fatalf("bad %s=%q", filelockChildEnv, spec)
	}
	nums := make([]int, 4)
	for i, p := range parts[1:] {
		n, err := strconv.Atoi(p)
		if err != nil {
			t.Fatal(err)
		}
		nums[i] = n
	}
	proc, records, maxBytes, backups := nums[0], nums[1], nums[2], nums[3]
	h, err := NewRotatingFileHandler(parts[0], &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: fileFailHook(t)}},
		MaxBytes:           int64(maxBytes), BackupCount: backups, ProcessLock: true})
	if err != nil {
		t.Fatal(err)
	}
	// Start together: the parent closes standard input once all run.
	io.Copy(io.Discard, os.Stdin)
	for i := range records {
		slogpy.Handle(h, fileRecord(t, fmt.Sprintf("p=%d i=%d %s", proc, i, strings.Repeat("x", 1+i%17))))
	}
	if err := h.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestRotatingProcessLockMultiProcess: 4 processes write 5,000 records
// each to one rotating file with ProcessLock. Every record must be found
// exactly once, whole, each process's records in order; no file may exceed
// MaxBytes, and every rotated file must have been full when it was rotated
// (a second, stale rotation would rotate a file that is not).
func TestRotatingProcessLockMultiProcess(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ProcessLock needs flock")
	}
	if os.Getenv(filelockChildEnv) != "" {
		t.Skip("in a writer process")
	}
	const (
		procs    = 4
		records  = 5000
		maxBytes = 8 << 10
		backups  = 200
	)
	base := filepath.Join(t.TempDir(), "app.log")
	type child struct {
		cmd   *exec.Cmd
		stdin io.WriteCloser
		out   bytes.Buffer
	}
	var children []*child
	for p := range procs {
		c := &child{cmd: exec.Command(os.Args[0], "-test.run=^TestRotatingProcessLockChild$", "-test.count=1")}
		c.cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%s|%d|%d|%d|%d", filelockChildEnv, base, p, records, maxBytes, backups))
		c.cmd.Stdout, c.cmd.Stderr = &c.out, &c.out
		var err error
		if c.stdin, err = c.cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		if err := c.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		children = append(children, c)
	}
	for _, c := range children {
		c.stdin.Close()
	}
	for p, c := range children {
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("writer %d: %v\n%s", p, err, c.out.String())
		}
	}
	n := rotatingCheckFiles(t, base, maxBytes, backups, rotatingParseProcLine, procs, records)
	t.Logf("%d records from %d processes in %d files", procs*records, procs, n)
}

// TestRotatingProcessLockDiskFull: with ProcessLock the handler follows its
// name, so a fault that ends by replacing the file (here /dev/full, which
// fails every write with ENOSPC) ends for the handler too. The outage is
// reported when it starts and, with the count, when it ends.
func TestRotatingProcessLockDiskFull(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil || runtime.GOOS == "windows" {
		t.Skip("no /dev/full")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	if err := os.Symlink("/dev/full", base); err != nil {
		t.Fatal(err)
	}
	var errs fileErrors
	h, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.hook}},
		MaxBytes:           20, BackupCount: 2, ProcessLock: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		slogpy.Handle(h, fileRecord(t, "lost "+strconv.Itoa(i)))
	}
	if err := os.Remove(base); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		slogpy.Handle(h, fileRecord(t, "kept "+strconv.Itoa(i)))
	}
	h.Close()
	checkOutage(t, &errs, "handlers: RotatingFileHandler "+base, "lost 0", "kept 0", 4)
	files, _ := fileSnapshot(t, dir, "app.log.lock")
	want := map[string]string{"app.log.1": "kept 0\nkept 1\n", "app.log": "kept 2\nkept 3\n"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
}

func TestRotatingProcessLockErrors(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("ProcessLock needs flock")
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "app.log")
	// The lock file's name is taken by a directory.
	if err := os.Mkdir(base+".lock", 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := NewRotatingFileHandler(base, &RotatingFileHandlerOptions{MaxBytes: 10, BackupCount: 1, ProcessLock: true})
	if err == nil || !strings.Contains(err.Error(), base+".lock") || !strings.Contains(err.Error(), "process lock") {
		t.Errorf("error %v, want one naming the lock file", err)
	}
	// Close releases the lock file; a record after Close reopens both.
	base2 := filepath.Join(dir, "b.log")
	h, err := NewRotatingFileHandler(base2, &RotatingFileHandlerOptions{MaxBytes: 10, BackupCount: 1, ProcessLock: true,
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: fileFailHook(t)}}})
	if err != nil {
		t.Fatal(err)
	}
	slogpy.Handle(h, fileRecord(t, "one"))
	h.Close()
	slogpy.Handle(h, fileRecord(t, "two"))
	slogpy.Handle(h, fileRecord(t, "three"))
	h.Close()
	files, _ := fileSnapshot(t, dir, "app.log.lock", "b.log.lock")
	want := map[string]string{"b.log.1": "one\ntwo\n", "b.log": "three\n"}
	if !reflect.DeepEqual(files, want) {
		t.Errorf("files %q, want %q", files, want)
	}
}
