//go:build linux

package handlers

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// diskFullMount mounts a 64 KiB tmpfs for the test, or skips it when that
// is impossible (not root, no CAP_SYS_ADMIN).
func diskFullMount(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("the disk-full test mounts a small tmpfs and needs root: run it as root (.ci/run does when it can)")
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("the disk-full test cannot mount a tmpfs on %s: %v", dir, err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, 0); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// diskFill fills the file system of dir and returns the filler's path.
func diskFill(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, chunk := range [][]byte{make([]byte, 4096), {0}} {
		for {
			if _, err := f.Write(chunk); err != nil {
				if !errors.Is(err, syscall.ENOSPC) {
					t.Fatal(err)
				}
				break
			}
		}
	}
	return p
}

// TestDiskFull (issue 16 must-hold 2): on a real full disk (a tmpfs), the
// file handlers report one error when the outage starts and one with the
// count of lost records when space returns; a record cut short by the
// full disk leaves no fragment (every line in the file is a whole record,
// none glued to a later one); logging recovers when space returns.
func TestDiskFull(t *testing.T) {
	dir := diskFullMount(t)
	makers := []struct {
		name, who string
		make      func(path string, o slogpy.FileHandlerOptions) (slogpy.Handler, error)
	}{
		{"FileHandler", "slogpy: FileHandler", func(p string, o slogpy.FileHandlerOptions) (slogpy.Handler, error) {
			return slogpy.NewFileHandler(p, &o)
		}},
		{"RotatingFileHandler", "handlers: RotatingFileHandler", func(p string, o slogpy.FileHandlerOptions) (slogpy.Handler, error) {
			return NewRotatingFileHandler(p, &RotatingFileHandlerOptions{FileHandlerOptions: o, MaxBytes: 1 << 20, BackupCount: 2})
		}},
		{"TimedRotatingFileHandler", "handlers: TimedRotatingFileHandler", func(p string, o slogpy.FileHandlerOptions) (slogpy.Handler, error) {
			return NewTimedRotatingFileHandler(p, &TimedRotatingFileHandlerOptions{FileHandlerOptions: o, When: "D"})
		}},
		{"WatchedFileHandler", "handlers: WatchedFileHandler", func(p string, o slogpy.FileHandlerOptions) (slogpy.Handler, error) {
			return NewWatchedFileHandler(p, &o)
		}},
	}
	pad := strings.Repeat("x", 5000) // longer than a page: every write on the full disk is cut short
	for _, m := range makers {
		t.Run(m.name, func(t *testing.T) {
			path := filepath.Join(dir, m.name+".log")
			var errs fileErrors
			h, err := m.make(path, slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{ErrorHandler: errs.hook}})
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close()
			var want []string
			log := func(msg string) error {
				return slogpy.Handle(h, fileRecord(t, msg))
			}
			for i := range 3 {
				msg := fmt.Sprintf("before %d %s", i, pad[:100])
				if err := log(msg); err != nil {
					t.Fatal(err)
				}
				want = append(want, msg)
			}
			filler := diskFill(t, dir)
			const lost = 5
			for i := range lost {
				err := log(fmt.Sprintf("lost %d %s", i, pad))
				if (i == 0) != errors.Is(err, syscall.ENOSPC) {
					t.Errorf("lost record %d: HandleRecord returned %v, want ENOSPC for the first only", i, err)
				}
			}
			if err := os.Remove(filler); err != nil { // space returns
				t.Fatal(err)
			}
			for i := range 2 {
				msg := fmt.Sprintf("after %d %s", i, pad)
				if err := log(msg); err != nil {
					t.Errorf("after the outage: %v", err)
				}
				want = append(want, msg)
			}
			checkOutage(t, &errs, m.who+" "+path, "lost 0 "+pad, "after 0 "+pad, lost)
			if got := h.(interface{ Dropped() uint64 }).Dropped(); got != lost {
				t.Errorf("Dropped() = %d, want %d", got, lost)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if got := string(data); got != strings.Join(want, "\n")+"\n" {
				lines := strings.Split(got, "\n")
				for i, l := range lines {
					if len(l) > 40 {
						lines[i] = l[:40] + fmt.Sprintf("…(%d bytes)", len(l))
					}
				}
				t.Errorf("file holds %q, want the records before and after the outage, each whole", lines)
			}
		})
	}
}
