package pytime

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// refAppend formats with appendGlibc alone, without the hand-written fast
// paths or timefmt: the reference the optimized Layout must match.
// needAll asks fill for every part of the time.
const needAll = needDate | needClock | needYday | needZone | needUnix

func refAppend(datefmt string, t time.Time) []byte {
	var x tm
	x.fill(t, needAll)
	limit := outputLimit(utf8.RuneCountInString(datefmt))
	var out []byte
	for i := 0; i < len(datefmt); {
		if datefmt[i] != '%' {
			out = append(out, datefmt[i])
			i++
			continue
		}
		d, next := parseDirective(datefmt, i, limit+1)
		out = appendGlibc(out, &d, &x)
		i = next
		if len(out) > 4*(limit+1) {
			return nil
		}
	}
	if utf8.RuneCount(out) > limit {
		return nil
	}
	return out
}

func mustCompile(t testing.TB, datefmt string) *Layout {
	t.Helper()
	l, err := Compile(datefmt)
	if err != nil {
		t.Fatalf("Compile(%q): %v", datefmt, err)
	}
	return l
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		in   string
		want directive
		next int
	}{
		{"%Y", directive{raw: "%Y", conv: 'Y', width: -1}, 2},
		{"%-d.", directive{raw: "%-d", conv: 'd', width: -1, pad: '-'}, 3},
		{"%_0-^#12Ey", directive{raw: "%_0-^#12Ey", conv: 'y', width: 12, pad: '-', mod: 'E', upper: true, swap: true}, 10},
		{"%", directive{raw: "%", width: -1}, 1},
		{"%5", directive{raw: "%5", width: 5}, 2},
		{"%E", directive{raw: "%E", width: -1, mod: 'E'}, 2},
		{"%EEx", directive{raw: "%EE", conv: 'E', width: -1, mod: 'E'}, 3},
		{"%é!", directive{raw: "%é", conv: 'é', width: -1}, 3},
		{"%99999999999999999999d", directive{raw: "%99999999999999999999d", conv: 'd', width: 100}, 22},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, next := parseDirective(tt.in, 0, 100)
			if got != tt.want || next != tt.next {
				t.Errorf("parseDirective(%q) = %+v, %d; want %+v, %d", tt.in, got, next, tt.want, tt.next)
			}
		})
	}
}

func TestCompileNUL(t *testing.T) {
	if _, err := Compile("%Y\x00"); !errors.Is(err, ErrNUL) {
		t.Errorf("Compile with NUL: err = %v, want ErrNUL", err)
	}
}

var testTime = time.Date(2003, 7, 8, 16, 49, 45, 896e6, time.UTC)

func TestAppend(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		datefmt string
		t       time.Time
		want    string
	}{
		{"", testTime, ""},
		{"%Y-%m-%d %H:%M:%S", testTime, "2003-07-08 16:49:45"},
		{"%F %T", testTime, "2003-07-08 16:49:45"},
		{"%d/%b/%Y:%H:%M:%S %z", testTime.In(ny), "08/Jul/2003:12:49:45 -0400"},
		{"%a %b %e %H:%M:%S %Z %Y", testTime.In(ny), "Tue Jul  8 12:49:45 EDT 2003"},
		{"%Z %z", testTime.In(time.FixedZone("GMT", 0)), "GMT +0000"},
		{"[%Z]", testTime.In(time.FixedZone("", 3600)), "[]"},
		{"%z", testTime.In(time.FixedZone("far", -(100*3600 + 60))), "-10001"},
		{"%f %Q %E %O %:z %", testTime, "%f %Q %E %O %:z %"},
		{"%-d.%-m.%Y %-I%P", testTime, "8.7.2003 4pm"},
		{"%Y", time.Date(5, 1, 1, 0, 0, 0, 0, time.UTC), "5"},
		{"%Y %C %y %G %g", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), "-1 -1 99 -2 98"},
		{"%s", time.Unix(-5, 0), "-5"},
		{"%08s", time.Unix(-5, 0), "000000-5"},
		{"%10z|%-z|%_z", testTime.In(ny), "         -0000000400|-400|- 400"},
		{"%2047d", testTime, strings.Repeat("0", 2045) + "08"},
		{"%2048d", testTime, ""},
		{"%99999999999999d", testTime, ""},
		{"é%2046d", testTime, "é" + strings.Repeat("0", 2044) + "08"},
		{"é%2047d", testTime, ""},
	}
	for _, tt := range tests {
		name := tt.datefmt
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(name, func(t *testing.T) {
			l := mustCompile(t, tt.datefmt)
			got := string(l.Append([]byte("prefix:"), tt.t))
			if got != "prefix:"+tt.want {
				t.Errorf("Append = %.60q, want %.60q", got, "prefix:"+tt.want)
			}
		})
	}
}

func TestZeroLayout(t *testing.T) {
	var l Layout
	if got := l.Append(nil, testTime); len(got) != 0 {
		t.Errorf("zero Layout appended %q", got)
	}
}

// TestFastPath checks that common layouts use only hand-written ops.
func TestFastPath(t *testing.T) {
	for _, f := range []string{
		"%Y-%m-%d %H:%M:%S",
		"%Y-%m-%dT%H:%M:%S%z",
		"%d/%b/%Y:%H:%M:%S %z",
		"%a %b %e %H:%M:%S %Z %Y",
		"%m/%d/%Y %I:%M:%S %p",
		"%F %T",
		"%H:%M:%S",
		"[%d/%b/%Y %H:%M:%S]",
		"%A, %d %B %Y %H:%M:%S %Z",
	} {
		l := mustCompile(t, f)
		for _, o := range l.ops {
			if o.kind == opGlibc || o.kind == opTimefmt {
				t.Errorf("%q: op %+v is not on the fast path", f, o)
			}
		}
	}
	l := mustCompile(t, "%Y-%m-%d %H:%M:%S")
	if len(l.ops) != 3 || l.ops[0].kind != opDate || l.ops[2].kind != opClock {
		t.Errorf("default layout ops = %+v, want date, literal, clock", l.ops)
	}
}

func TestMergeTimefmt(t *testing.T) {
	l := mustCompile(t, "%-d%%.%-m.%Y")
	if len(l.ops) != 2 || l.ops[0].kind != opTimefmt || l.ops[0].lit != "%-d%%.%-m." {
		t.Errorf("ops = %+v, want timefmt %q then %%Y", l.ops, "%-d%%.%-m.")
	}
	if got := string(l.Append(nil, testTime)); got != "8%.7.2003" {
		t.Errorf("Append = %q", got)
	}
}

// TestLayoutMatchesReference compares the optimized ops with appendGlibc alone
// on the golden formats and years where glibc and timefmt differ.
func TestLayoutMatchesReference(t *testing.T) {
	g := loadGolden(t)
	seen := map[string]bool{}
	var formats []string
	for _, grp := range g.Groups {
		for _, fw := range grp.Strftime {
			if !seen[fw[0]] {
				seen[fw[0]] = true
				formats = append(formats, fw[0])
			}
		}
	}
	for _, f := range formats {
		l := mustCompile(t, f)
		for _, tt := range sampleTimes(40) {
			if got, want := l.Append(nil, tt), refAppend(f, tt); string(got) != string(want) {
				t.Errorf("%q at %v: Append = %q, reference %q", f, tt, got, want)
			}
		}
	}
}

func TestConcurrentAppend(t *testing.T) {
	l := mustCompile(t, "%d/%b/%Y:%H:%M:%S %z %-d %5Y")
	want := string(l.Append(nil, testTime))
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []byte
			for range 1000 {
				buf = l.Append(buf[:0], testTime)
				if string(buf) != want {
					t.Errorf("got %q, want %q", buf, want)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under -race")
	}
	buf := make([]byte, 0, 256)
	for _, f := range []string{
		"%Y-%m-%d %H:%M:%S",
		"%d/%b/%Y:%H:%M:%S %z",
		"%a %b %e %H:%M:%S %Z %Y",
		"%-d.%-m.%Y %_H %^a %#Z %10s %c %10z %Ey %Q",
	} {
		l := mustCompile(t, f)
		if n := testing.AllocsPerRun(100, func() { buf = l.Append(buf[:0], testTime) }); n != 0 {
			t.Errorf("Append(%q) allocates %v times", f, n)
		}
	}
	if n := testing.AllocsPerRun(100, func() { buf = AppendDefault(buf[:0], testTime, 896) }); n != 0 {
		t.Errorf("AppendDefault allocates %v times", n)
	}
	if n := testing.AllocsPerRun(100, func() { _ = Msecs(Created(testTime)) }); n != 0 {
		t.Errorf("Msecs(Created) allocates %v times", n)
	}
}
