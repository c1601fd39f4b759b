package pyfmt

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestGoldenLogArgsGoVerbs: with Go verbs accepted (AppendLogArgs), every
// case of percent.json that CPython formats prints the same bytes, and every
// error stays CPython's, except "unsupported format character" for a Go
// verb, which now formats.
func TestGoldenLogArgsGoVerbs(t *testing.T) {
	n := 0
	for i, c := range loadGolden(t, "percent.json") {
		args := decodeList(t, c.Args)
		if len(args) == 1 && isMapping(args[0]) && !IsLogMapping(args) {
			continue // an empty map: an operand for %, a tuple ({},) for a record
		}
		t.Run(caseName(i, &c), func(t *testing.T) {
			out, err := AppendLogArgs(nil, c.Format, args)
			if goVerbError(c.Error) {
				if err != nil {
					var pe *Error
					if !errors.As(err, &pe) {
						t.Fatalf("%v", err)
					}
				}
				return
			}
			n++
			if got := got(out, err); got != c.want() {
				t.Errorf("AppendLogArgs = %q, CPython %q", got, c.want())
			}
		})
	}
	if n < 500 {
		t.Errorf("only %d cases compared", n)
	}
}

func goVerbError(e string) bool {
	for _, v := range "vTqtw" {
		if strings.HasPrefix(e, fmt.Sprintf("ValueError: unsupported format character '%c'", v)) {
			return true
		}
	}
	return false
}

func TestCountLogArgs(t *testing.T) {
	for _, tc := range []struct {
		msg   string
		limit int
		n     int
		ok    bool
	}{
		{"plain", 9, 0, true},
		{"%s %d %%", 9, 2, true},
		{"%*.*f", 9, 3, true},
		{"%v %+v %#v %T %q %t %w", 9, 7, true},
		{"%s %s %s", 2, 2, true},
		{"%(k)s", 9, 0, false},
		{"%y", 9, 0, false},
		{"trailing %", 9, 0, false},
		{"100% sure", 9, 1, true}, // "% s" is a directive, as in Python
	} {
		n, ok := CountLogArgs(tc.msg, tc.limit)
		if n != tc.n || ok != tc.ok {
			t.Errorf("CountLogArgs(%q, %d) = %d, %v; want %d, %v", tc.msg, tc.limit, n, ok, tc.n, tc.ok)
		}
	}
}

func TestHasSpaceFlag(t *testing.T) {
	for msg, want := range map[string]bool{
		"disk 90% full": true, "50% of": true, "% d": true,
		"100%% sure": false, "%s %d": false, "trailing %": false, "": false, "a %% b % c": true,
	} {
		if got := HasSpaceFlag(msg); got != want {
			t.Errorf("HasSpaceFlag(%q) = %v, want %v", msg, got, want)
		}
	}
}
