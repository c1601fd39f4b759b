package pyfmt

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

func TestZZDiff(t *testing.T) {
	data, err := os.ReadFile("/tmp/diff/cases.json")
	if err != nil {
		t.Skip()
	}
	var all map[string][]goldenCase
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	bad, skipped := 0, 0
	for _, c := range all["percent"] {
		args := decodeList(t, c.Args)
		out, err := Append(nil, c.Format, args)
		if g := got(out, err); g != c.want() {
			bad++
			if bad < 40 {
				t.Errorf("%% %q %s:\n got %q\nwant %q", c.Format, c.Args, g, c.want())
			}
		}
	}
	for _, c := range all["brace"] {
		kw := decodeKwargs(t, c.Args)
		tmpl, err := CompileBrace(c.Format)
		var out []byte
		if err == nil {
			out, err = formatFields(tmpl, kw)
		} else if c.Out == nil && err.Error() != c.Error && !isSyntax(c.Error) {
			skipped++
			continue
		}
		if g := got(out, err); g != c.want() {
			bad++
			if bad < 80 {
				t.Errorf("{} %q %s:\n got %q\nwant %q", c.Format, c.Args, g, c.want())
			}
		}
	}
	t.Logf("bad %d skipped %d", bad, skipped)
}

func isSyntax(e string) bool {
	for _, m := range []string{"Single '}'", "Single '{'", "expected '}' before", "unmatched '{'", "end of string while", "expected ':' after", "unexpected '{'", "IndexError", "Unknown conversion"} {
		if strings.Contains(e, m) {
			return true
		}
	}
	return false
}
