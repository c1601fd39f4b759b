package contrib

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
)

// fakeStream is a stream whose isatty() answer is set, as the generator's.
type fakeStream struct {
	bytes.Buffer
	tty bool
}

func (s *fakeStream) IsTerminal() bool { return s.tty }

func stringMap(v any) map[string]string {
	m := map[string]string{}
	for k, x := range v.(map[string]any) {
		m[k] = x.(string)
	}
	return m
}

func coloredOptions(t *testing.T, c *goldenCase) *ColoredFormatterOptions {
	t.Helper()
	o := &ColoredFormatterOptions{}
	for k, v := range c.Kwargs {
		switch k {
		case "fmt":
			o.Format = v.(string)
		case "style":
			o.Style = v.(string)
		case "datefmt":
			o.Datefmt = v.(string)
		case "log_colors":
			o.LogColors = stringMap(v)
		case "secondary_log_colors":
			o.SecondaryLogColors = map[string]map[string]string{}
			for name, m := range v.(map[string]any) {
				o.SecondaryLogColors[name] = stringMap(m)
			}
		case "reset":
			o.NoReset = v == false
		case "no_color":
			o.NoColor = v == true
		case "force_color":
			o.ForceColor = v == true
		default:
			t.Fatalf("kwarg %q not mapped", k)
		}
	}
	if c.Stream != "" {
		o.Stream = &fakeStream{tty: c.Stream == "tty"}
	}
	return o
}

// clearColorEnv unsets NO_COLOR and FORCE_COLOR for the test, as the
// generator does.
func clearColorEnv(t *testing.T) {
	for _, k := range []string{"NO_COLOR", "FORCE_COLOR"} {
		if old, ok := os.LookupEnv(k); ok {
			os.Unsetenv(k)
			t.Cleanup(func() { os.Setenv(k, old) })
		}
	}
}

func TestColoredFormatterGolden(t *testing.T) {
	clearColorEnv(t)
	for _, c := range loadGolden[goldenCase](t, "colorlog.json") {
		t.Run(c.Name, func(t *testing.T) {
			for k, v := range c.Env {
				t.Setenv(k, v)
			}
			f, err := NewColoredFormatter(coloredOptions(t, &c))
			if err != nil {
				t.Fatal(err)
			}
			for i, rec := range c.Records {
				r := goldenRecord(t, &goldenCase{Record: rec})
				got, err := f.AppendFormat(nil, r)
				if want, ok := strings.CutPrefix(c.Outputs[i], "error: "); ok {
					if err == nil || !strings.Contains(err.Error(), want) {
						t.Errorf("record %d: err = %v, want one with %q", i, err, want)
					}
					continue
				}
				checkGolden(t, got, err, c.Outputs[i])
			}
		})
	}
}

func TestColoredFormatterConcurrent(t *testing.T) {
	clearColorEnv(t)
	f, err := NewColoredFormatter(nil)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				r := goldenRecord(t, &goldenCase{Record: map[string]any{"levelname": "L" + string(rune('a'+(i*200+j)%80))}})
				if _, err := f.Format(r); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if f.nlev > maxLevelFormatters {
		t.Errorf("%d level formatters kept, bound %d", f.nlev, maxLevelFormatters)
	}
}

func TestColoredFormatterErrors(t *testing.T) {
	for _, o := range []*ColoredFormatterOptions{
		{Format: "%(message)"},
		{Style: "x"},
	} {
		if _, err := NewColoredFormatter(o); err == nil || !strings.HasPrefix(err.Error(), "contrib: ColoredFormatter: ") {
			t.Errorf("%+v: err = %v", o, err)
		}
	}
}

func TestIsTerminal(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if IsTerminal(null) || IsTerminal(&bytes.Buffer{}) || !IsTerminal(&fakeStream{tty: true}) {
		t.Error("IsTerminal: /dev/null or a buffer is a terminal, or a tty is not")
	}
}
