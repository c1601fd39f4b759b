package pytime

import (
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"", "%", "%Y-%m-%d %H:%M:%S", "%d/%b/%Y:%H:%M:%S %z", "%a %b %e %H:%M:%S %Z %Y",
		"%-d %_5H %^#a %010z %Ey %Od %#Eb %5Q %é %E", "%c %x %X %D %F %R %r %T %s %G %g %V",
		"100%% %n%t", "%99999999999d", "\x00", "%\xff", "é%5é",
	} {
		f.Add(s, int64(1057682985), uint32(896e6), uint8(0))
	}
	locs := []*time.Location{
		time.UTC, time.FixedZone("GMT", 0), time.FixedZone("", -3600),
		time.FixedZone("LMT", -17762), time.FixedZone("+0530", 19800),
	}
	if ny, err := time.LoadLocation("America/New_York"); err == nil {
		locs = append(locs, ny)
	}
	f.Fuzz(func(t *testing.T, datefmt string, sec int64, nsec uint32, zone uint8) {
		if len(datefmt) > 64 {
			datefmt = datefmt[:64] // keep the widths' output small
		}
		l, err := Compile(datefmt)
		if strings.IndexByte(datefmt, 0) >= 0 {
			if !errors.Is(err, ErrNUL) {
				t.Fatalf("Compile(%q) err = %v, want ErrNUL", datefmt, err)
			}
			return
		}
		if err != nil {
			t.Fatalf("Compile(%q): %v", datefmt, err)
		}
		const maxSec = 1e13 // about 300,000 years
		tt := time.Unix(sec%maxSec, int64(nsec%1e9)).In(locs[int(zone)%len(locs)])
		got := l.Append([]byte("p"), tt)
		if len(got) == 0 || got[0] != 'p' {
			t.Fatalf("Append dropped the prefix: %q", got)
		}
		got = got[1:]
		if want := refAppend(datefmt, tt); string(got) != string(want) {
			t.Fatalf("%q at %v: Append = %q, reference %q", datefmt, tt, got, want)
		}
		if utf8.ValidString(datefmt) && !utf8.Valid(got) {
			t.Fatalf("%q at %v: invalid UTF-8 %q", datefmt, tt, got)
		}
		if n := utf8.RuneCount(got); n > l.limit {
			t.Fatalf("%q: %d characters, over CPython's limit %d", datefmt, n, l.limit)
		}
	})
}
