package config

import (
	"errors"
	"fmt"
	"os"
)

// fileEffect is a file a handler of the configuration opens: commit
// records whether it existed, removes it if the configuration fails after
// creating it, and truncates it (mode "w") only once every file is open.
type fileEffect struct {
	path    string
	trunc   bool
	bom     []byte
	existed bool
	size    int64
}

// before records whether the file exists, just before it is opened.
func (f *fileEffect) before() {
	st, err := os.Stat(f.path)
	f.existed = err == nil
	if f.existed {
		f.size = st.Size()
	}
}

// undo removes the file if the configuration created it, and cuts back
// what opening it appended (a byte-order mark) if it existed.
func (f *fileEffect) undo() {
	if !f.existed {
		os.Remove(f.path)
		return
	}
	if st, err := os.Stat(f.path); err == nil && st.Mode().IsRegular() && st.Size() > f.size {
		os.Truncate(f.path, f.size)
	}
}

// truncate empties a regular file opened for mode "w", writing the
// byte-order mark of its encoding again.
func (f *fileEffect) truncate() error {
	if !f.trunc {
		return nil
	}
	st, err := os.Stat(f.path)
	if err != nil || !st.Mode().IsRegular() {
		return nil // a device (/dev/null) or a file gone: nothing to empty
	}
	if err := os.Truncate(f.path, 0); err != nil {
		return fmt.Errorf("truncating %s (mode \"w\"): %w", f.path, err)
	}
	if len(f.bom) > 0 {
		w, err := os.OpenFile(f.path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return fmt.Errorf("truncating %s (mode \"w\"): %w", f.path, err)
		}
		_, err = w.Write(f.bom)
		return errors.Join(err, w.Close())
	}
	return nil
}
