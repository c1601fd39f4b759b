package contrib

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

type uvicornCase struct {
	goldenCase
	Class string `json:"class"`
	Out   string `json:"stdout"`
}

func TestUvicornGolden(t *testing.T) {
	for _, c := range loadGolden[uvicornCase](t, "uvicorn.json") {
		t.Run(c.Name, func(t *testing.T) {
			o := &UvicornFormatterOptions{Stdout: &fakeStream{tty: c.Out == "tty"}}
			for k, v := range c.Kwargs {
				switch k {
				case "fmt":
					o.Format = v.(string)
				case "datefmt":
					o.Datefmt = v.(string)
				case "style":
					o.Style = v.(string)
				case "use_colors":
					if b, ok := v.(bool); ok {
						o.UseColors = &b
					}
				default:
					t.Fatalf("kwarg %q not mapped", k)
				}
			}
			newF := NewUvicornDefaultFormatter
			if c.Class == "access" {
				newF = NewUvicornAccessFormatter
			}
			f, err := newF(o)
			if err != nil {
				t.Fatal(err)
			}
			for i, rec := range c.Records {
				got, err := f.AppendFormat(nil, recordWithExtra(t, rec))
				if want, ok := strings.CutPrefix(c.Outputs[i], "error: "); ok {
					if err == nil || err.Error() != want {
						t.Errorf("record %d: err = %v, want %q", i, err, want)
					}
					continue
				}
				checkGolden(t, got, err, c.Outputs[i])
			}
		})
	}
}

// TestHTTPPhrases checks every status phrase against Python's
// http.HTTPStatus, recorded by gen_uvicorn.py.
func TestHTTPPhrases(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(goldenDir, "uvicorn.json"))
	if err != nil {
		t.Fatal(err)
	}
	var g struct{ Note string }
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatal(err)
	}
	py := map[int64]string{}
	for _, f := range strings.Fields(strings.TrimPrefix(g.Note, "phrases: ")) {
		code, phrase, _ := strings.Cut(f, "=")
		n, _ := strconv.ParseInt(code, 10, 64)
		py[n] = strings.ReplaceAll(phrase, "_", " ")
	}
	if len(py) < 50 {
		t.Fatalf("%d phrases in the golden", len(py))
	}
	for code := int64(0); code < 1000; code++ {
		if got := httpPhrase(code); got != py[code] {
			t.Errorf("httpPhrase(%d) = %q, Python's %q", code, got, py[code])
		}
	}
}

func TestPyInt(t *testing.T) {
	for _, c := range []struct {
		v    any
		want int64
		err  string
	}{
		{200, 200, ""}, {" 2_04 ", 204, ""}, {200.9, 200, ""}, {true, 1, ""},
		{"abc", 0, "ValueError: invalid literal for int() with base 10: 'abc'"},
		{"_1", 0, "ValueError: invalid literal"},
		{nil, 0, "TypeError"},
	} {
		got, err := pyInt(c.v)
		if c.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("pyInt(%#v): err = %v, want %q", c.v, err, c.err)
			}
		} else if err != nil || got != c.want {
			t.Errorf("pyInt(%#v) = %d, %v", c.v, got, err)
		}
	}
}

func TestUvicornUseColors(t *testing.T) {
	on := true
	for _, c := range []struct {
		o    *UvicornFormatterOptions
		want bool
	}{
		{&UvicornFormatterOptions{UseColors: &on}, true},
		{&UvicornFormatterOptions{Stdout: &fakeStream{tty: true}}, true},
		{&UvicornFormatterOptions{Stdout: &fakeStream{}}, false},
	} {
		f, err := NewUvicornDefaultFormatter(c.o)
		if err != nil {
			t.Fatal(err)
		}
		if f.UseColors() != c.want {
			t.Errorf("%+v: UseColors() = %v", c.o, !c.want)
		}
		r := goldenRecord(t, &goldenCase{})
		if s, err := f.Format(r); err != nil || !strings.HasSuffix(s, "user alice logged in") {
			t.Errorf("Format = %q, %v", s, err)
		}
	}
	if _, err := NewUvicornAccessFormatter(&UvicornFormatterOptions{Format: "%(x)"}); err == nil {
		t.Error("bad format accepted")
	}
}
