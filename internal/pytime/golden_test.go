package pytime

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// goldenPath is written by testdata/pytime/gen.py from CPython 3.11.
var goldenPath = filepath.Join("..", "..", "testdata", "pytime", "strftime.json")

type golden struct {
	Python  string      `json:"python"`
	Libc    string      `json:"libc"`
	Created [][3]string `json:"created"` // nanoseconds, time.time(), msecs
	Groups  []struct {
		TZ        string      `json:"tz"`
		Converter string      `json:"converter"` // "localtime" or "gmtime"
		Created   string      `json:"created"`   // repr(float)
		Msecs     string      `json:"msecs"`     // repr(float), with Asctime
		Asctime   string      `json:"asctime"`   // Formatter().formatTime
		Strftime  [][2]string `json:"strftime"`  // format, result
	} `json:"groups"`
}

func loadGolden(t testing.TB) *golden {
	t.Helper()
	b, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return &g
}

// timeFromCreated returns the time.Time that stands for the float created,
// as time.localtime(created) sees it: the seconds are floor(created), like
// CPython's _PyTime_ROUND_FLOOR, and the nanoseconds are the rounded
// fraction, kept below one second so that rounding never changes the second.
func timeFromCreated(c float64, loc *time.Location) time.Time {
	sec := math.Floor(c)
	nsec := min(math.Round((c-sec)*1e9), 999999999)
	return time.Unix(int64(sec), int64(nsec)).In(loc)
}

// gmt is the location that stands for time.gmtime, whose tm_zone is "GMT".
var gmt = time.FixedZone("GMT", 0)

func parseFloat(t testing.TB, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestGolden(t *testing.T) {
	g := loadGolden(t)
	t.Logf("golden file from CPython %s, %s", g.Python, g.Libc)
	layouts := map[string]*Layout{}
	n := 0
	for _, grp := range g.Groups {
		loc := gmt
		if grp.Converter == "localtime" {
			var err error
			if loc, err = time.LoadLocation(grp.TZ); err != nil {
				t.Fatalf("%v (install tzdata or import time/tzdata)", err)
			}
		}
		c := parseFloat(t, grp.Created)
		tt := timeFromCreated(c, loc)
		t.Run(grp.TZ+"/"+grp.Converter+"/"+grp.Created, func(t *testing.T) {
			if grp.Asctime != "" {
				n++
				msecs := parseFloat(t, grp.Msecs)
				if got := Msecs(c); got != msecs || math.Signbit(got) != math.Signbit(msecs) {
					t.Errorf("Msecs(%v) = %v, want %v", c, got, msecs)
				}
				if got := string(AppendDefault(nil, tt, int(msecs))); got != grp.Asctime {
					t.Errorf("AppendDefault = %q, want %q", got, grp.Asctime)
				}
			}
			for _, fw := range grp.Strftime {
				n++
				l := layouts[fw[0]]
				if l == nil {
					var err error
					if l, err = Compile(fw[0]); err != nil {
						t.Fatalf("Compile(%q): %v", fw[0], err)
					}
					layouts[fw[0]] = l
				}
				if got := string(l.Append(nil, tt)); got != fw[1] {
					t.Errorf("strftime(%q) = %q, want %q", fw[0], got, fw[1])
				}
			}
		})
	}
	for _, c := range g.Created {
		n++
		ns, err := strconv.ParseInt(c[0], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		want := parseFloat(t, c[1])
		if got := Created(time.Unix(0, ns)); got != want {
			t.Errorf("Created(%d ns) = %v, want %v", ns, got, want)
		}
		if got, want := Msecs(want), parseFloat(t, c[2]); got != want {
			t.Errorf("Msecs(%v) = %v, want %v", want, got, want)
		}
	}
	if n < 200 {
		t.Errorf("only %d golden cases", n)
	}
	t.Logf("%d golden cases", n)
}
