package main

import (
	"testing"

	"github.com/slogpy/slogpy/examples/internal/exampletest"
)

func TestOutput(t *testing.T) {
	tests := []struct {
		args []string
		want string // a regular expression
	}{
		{nil, `DEBUG:This message should appear on the console\n` +
			`INFO:So should this\n` +
			`WARNING:And this, too\n`},
		{[]string{"-example=asctime"}, exampletest.Asctime + ` is when this event was logged\.\n`},
		{[]string{"-example=datefmt"}, `(0[1-9]|1[0-2])/[0-3]\d/\d{4} (0[1-9]|1[0-2]):[0-5]\d:[0-6]\d [AP]M is when this event was logged\.\n`},
	}
	for _, tt := range tests {
		name := "format"
		if len(tt.args) > 0 {
			name = tt.args[0]
		}
		t.Run(name, func(t *testing.T) {
			exampletest.Reset()
			t.Cleanup(exampletest.Reset)
			got := exampletest.Stderr(t, func() {
				if err := run(tt.args); err != nil {
					t.Error(err)
				}
			})
			exampletest.Match(t, got, tt.want)
		})
	}
}

func TestUnknownExample(t *testing.T) {
	t.Cleanup(exampletest.Reset)
	var err error
	stderr := exampletest.Stderr(t, func() { err = run([]string{"-example=color"}) })
	const want = `messageformat: unknown -example "color" (want format, asctime or datefmt)`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
	if stderr != "" {
		t.Errorf("stderr = %q, want nothing", stderr)
	}
}
