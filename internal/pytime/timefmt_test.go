package pytime

import (
	"math/rand"
	"testing"
	"time"

	"github.com/itchyny/timefmt-go"
)

// sampleTimes returns n deterministic times over years -2000 to 12000 in
// several zones, mostly between 1900 and 2100.
func sampleTimes(n int) []time.Time {
	r := rand.New(rand.NewSource(1))
	locs := []*time.Location{time.UTC, time.FixedZone("GMT", 0), time.FixedZone("", 5*3600+1800)}
	for _, name := range []string{"America/New_York", "Europe/Berlin", "Asia/Kolkata"} {
		if l, err := time.LoadLocation(name); err == nil {
			locs = append(locs, l)
		}
	}
	ts := make([]time.Time, n)
	for i := range ts {
		sec := r.Int63n(200*365*86400) - 70*365*86400
		if i%4 == 0 {
			sec = r.Int63n(14000*365*86400) - 4000*365*86400
		}
		ts[i] = time.Unix(sec, r.Int63n(1e9)).In(locs[i%len(locs)])
	}
	return ts
}

// TestTimefmtAgrees checks that timefmt formats every directive tfSafe
// accepts exactly as the glibc emulation does, so that Layout may use it.
func TestTimefmtAgrees(t *testing.T) {
	flags := []string{"", "-", "_", "0", "^", "#", "^#", "#^", "##", "-^", "_#", "0^#", "-_", "_0", "0-", "-0"}
	widths := []string{"", "0", "1", "2", "3", "4", "5", "12", "1000"}
	times := sampleTimes(120)
	safe := 0
	for c := rune(' '); c <= '~'; c++ {
		for _, f := range flags {
			for _, w := range widths {
				for _, m := range []string{"", "E", "O"} {
					raw := "%" + f + w + m + string(c)
					d, _ := parseDirective(raw, 0, 1<<20)
					if !tfSafe(&d) {
						continue
					}
					safe++
					for _, tt := range times {
						var x tm
						x.fill(tt, needAll)
						want := appendGlibc(nil, &d, &x)
						if got := timefmt.AppendFormat(nil, tt, raw); string(got) != string(want) {
							t.Errorf("%q at %v: timefmt %q, glibc %q", raw, tt, got, want)
							break
						}
					}
				}
			}
		}
	}
	if safe < 1000 {
		t.Errorf("only %d directives go to timefmt", safe)
	}
}
