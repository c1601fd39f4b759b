package stdio

import (
	"os"
	"path/filepath"
	"testing"
)

// TestFollowsReplacedStream checks that the writers resolve os.Stdout and
// os.Stderr at each write, not when they are made.
func TestFollowsReplacedStream(t *testing.T) {
	for _, tc := range []struct {
		w    Writer
		std  **os.File
		name string
	}{{Stdout, &os.Stdout, "out"}, {Stderr, &os.Stderr, "err"}} {
		f, err := os.Create(filepath.Join(t.TempDir(), tc.name))
		if err != nil {
			t.Fatal(err)
		}
		old := *tc.std
		*tc.std = f
		n, err := tc.w.Write([]byte("to " + tc.name))
		*tc.std = old
		f.Close()
		if n != len("to "+tc.name) || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
		b, _ := os.ReadFile(f.Name())
		if string(b) != "to "+tc.name {
			t.Errorf("%s got %q", tc.name, b)
		}
	}
}
