package contrib

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

type richCase struct {
	goldenCase
	Width int     `json:"width"`
	Fmt   *string `json:"fmt"`
}

func TestRichHandlerGolden(t *testing.T) {
	for _, c := range loadGolden[richCase](t, "rich.json") {
		t.Run(c.Name, func(t *testing.T) {
			var out bytes.Buffer
			o := &RichHandlerOptions{Writer: &out, Width: c.Width}
			for k, v := range c.Kwargs {
				switch k {
				case "show_time":
					o.HideTime = v == false
				case "show_level":
					o.HideLevel = v == false
				case "show_path":
					o.HidePath = v == false
				case "omit_repeated_times":
					o.KeepRepeatedTimes = v == false
				case "log_time_format":
					o.LogTimeFormat = v.(string)
				default:
					t.Fatalf("kwarg %q not mapped", k)
				}
			}
			h, err := NewRichHandler(o)
			if err != nil {
				t.Fatal(err)
			}
			if c.Fmt != nil {
				f, err := slogpy.NewFormatter(*c.Fmt, nil)
				if err != nil {
					t.Fatal(err)
				}
				h.SetFormatter(f)
			}
			for _, rec := range c.Records {
				if err := slogpy.Handle(h, goldenRecord(t, &goldenCase{Record: rec})); err != nil {
					t.Fatal(err)
				}
			}
			checkGolden(t, out.Bytes(), nil, c.Output)
		})
	}
}

func TestRichHandlerConcurrent(t *testing.T) {
	var out syncBuffer
	h, err := NewRichHandler(&RichHandlerOptions{Writer: &out, Width: 50})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				r := goldenRecord(t, &goldenCase{Record: map[string]any{"msg": "one two three four five six seven eight", "args": []any{}}})
				if err := slogpy.Handle(h, r); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	per := len(wrapText("one two three four five six seven eight", 50-19-8-9-3))
	if len(lines) != 4*50*per {
		t.Errorf("%d lines, want %d", len(lines), 4*50*per)
	}
	for _, l := range lines {
		if cellLen(l) != 50 {
			t.Fatalf("line %q is %d cells wide, want 50", l, cellLen(l))
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Buffer.Write(p)
}

func TestRichConsoleWidth(t *testing.T) {
	t.Setenv("COLUMNS", "123")
	if w := consoleWidth(); w != 123 {
		t.Errorf("COLUMNS=123: width %d", w)
	}
	t.Setenv("COLUMNS", "12x")
	if w := consoleWidth(); w <= 0 {
		t.Errorf("COLUMNS=12x: width %d", w)
	}
}
