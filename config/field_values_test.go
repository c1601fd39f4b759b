package config

import (
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

// TestIntegerAsString: an integer argument given as a string of digits,
// as real configurations have them (testdata/config case
// upstream_cloudify_cli), is read as the integer with a warning, an error
// under Strict; other strings stay errors.
func TestIntegerAsString(t *testing.T) {
	cfg := func(maxBytes any) map[string]any {
		return map[string]any{"version": 1,
			"handlers": map[string]any{"file": map[string]any{"class": "logging.handlers.RotatingFileHandler",
				"filename": filepath.Join(t.TempDir(), "a.log"), "maxBytes": maxBytes, "backupCount": 2}},
			"root": map[string]any{"handlers": []any{"file"}}}
	}
	for _, tc := range []struct {
		name     string
		value    any
		strict   bool
		warning  string
		errorMsg string
	}{
		{"digits", "5000000", false, `handlers.file.maxBytes: "5000000" is a string; read as the integer 5000000 (CPython keeps the string and fails on it)`, ""},
		{"negative", "-1", false, `handlers.file.maxBytes: "-1" is a string; read as the integer -1`, ""},
		{"strict", "5000000", true, "", `handlers.file.maxBytes: "5000000" is a string; read as the integer 5000000`},
		{"words", "ten", false, "", `handlers.file.maxBytes: want an integer, got "ten"`},
		{"spaces", " 10", false, "", `handlers.file.maxBytes: want an integer, got " 10"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := slogpy.NewManager()
			defer m.Shutdown()
			var warnings []string
			o := &Options{Manager: m, Stdout: io.Discard, Stderr: io.Discard, Strict: tc.strict,
				Warn: func(w *Error) { warnings = append(warnings, w.Error()) }}
			err := DictConfig(cfg(tc.value), o)
			switch {
			case tc.errorMsg != "":
				if err == nil || !strings.Contains(err.Error(), tc.errorMsg) {
					t.Errorf("error %v, want one containing %s", err, tc.errorMsg)
				}
			case err != nil:
				t.Fatal(err)
			case len(warnings) != 1 || !strings.Contains(warnings[0], tc.warning):
				t.Errorf("warnings %q, want one containing %s", warnings, tc.warning)
			}
		})
	}
}
