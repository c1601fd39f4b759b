package contrib

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/slogpy"
)

// TestConcurrentRotatingFileHandler writes through two handlers on one
// file, as two processes would, and checks that rotation loses no line.
func TestConcurrentRotatingFileHandler(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "app.log")
	opts := &handlers.RotatingFileHandlerOptions{MaxBytes: 2000, BackupCount: 50}
	opts.Encoding = "ascii"
	var hs []*handlers.RotatingFileHandler
	for range 2 {
		h, err := NewConcurrentRotatingFileHandler(name, opts)
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		hs = append(hs, h)
	}
	var wg sync.WaitGroup
	for i, h := range hs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				r := new(slogpy.Record)
				r.Msg = "line from " + string(rune('A'+i)) + " é " + strings.Repeat("x", j%10)
				if err := slogpy.Handle(h, r); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	files, _ := filepath.Glob(name + "*")
	lines := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".lock") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), "é") {
			t.Errorf("%s: a character ASCII cannot encode was written, want it dropped", f)
		}
		lines += strings.Count(string(data), "\n")
	}
	if lines != 400 {
		t.Errorf("%d lines in %d files, want 400", lines, len(files))
	}
	if len(files) < 3 {
		t.Errorf("%d files: no rotation", len(files))
	}
	if _, err := NewConcurrentRotatingFileHandler(filepath.Join(dir, "no", "such", "dir.log"), nil); err == nil || !strings.HasPrefix(err.Error(), "contrib: ConcurrentRotatingFileHandler: ") {
		t.Errorf("bad directory: err = %v", err)
	}
}
