package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
	"github.com/slogpy/slogpy/slogpy"
)

func TestOutput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unconfigured", nil, ""},
		{"basicconfig", []string{"-basicconfig"}, "WARNING:foo.client:no address given, using localhost:8000\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exampletest.Reset()
			t.Cleanup(exampletest.Reset)
			got := exampletest.Stderr(t, func() {
				if err := run(tt.args); err != nil {
					t.Error(err)
				}
			})
			if got != tt.want {
				t.Errorf("stderr = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWithoutNullHandler shows what foo's NullHandler prevents: with it
// removed and no configuration, the last-resort handler prints the warning.
func TestWithoutNullHandler(t *testing.T) {
	exampletest.Reset()
	t.Cleanup(exampletest.Reset)
	fooLogger := slogpy.GetLogger("foo")
	hs := fooLogger.Handlers()
	if len(hs) != 1 {
		t.Fatalf("logger foo has %d handlers, want its NullHandler", len(hs))
	}
	if _, ok := hs[0].(*slogpy.NullHandler); !ok {
		t.Fatalf("logger foo has a %T, want a *slogpy.NullHandler", hs[0])
	}
	fooLogger.RemoveHandler(hs[0])
	t.Cleanup(func() { fooLogger.AddHandler(hs[0]) })

	got := exampletest.Stderr(t, func() {
		if err := run(nil); err != nil {
			t.Error(err)
		}
	})
	if want := "no address given, using localhost:8000\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
}
