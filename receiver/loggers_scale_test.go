package receiver

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/internal/scaletest"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// TestSenderLoggerNamesScale is issue 16's must-hold 1 for logger names,
// on the path a sender's names take: 100,000 records, each naming a
// logger of its own, cost at most 15 times what the first 10,000 cost,
// each run from a new manager and server, in one run of the test. The
// frames are made first (the sender's work); what is measured is the
// server's: decoding each frame, finding or creating its logger, handing
// it the record (the root holds a NullHandler). Twice: with the default
// Options.MaxLoggers (10,000: the 90,000 names beyond go to the fallback
// logger), and with MaxLoggers 100,000, where every name gets its logger.
//
// The cost is measured as scaletest.Measure does (the server's thread's
// CPU time, the collector off, a warmed heap), the best of five
// interleaved rounds (a second try where the machine was noisy); the
// allocations must grow at most 11 times.
func TestSenderLoggerNamesScale(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("handles 550,000 records per case; timing under the race detector means nothing")
	}
	sender, err := handlers.NewSocketHandler("localhost", 9, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer sender.Close()
	frames := make([][]byte, 100_000)
	for i := range frames {
		r := &slogpy.Record{Name: "svc.mod" + strconv.Itoa(i%1000) + ".part" + strconv.Itoa(i), Msg: "request %s handled", Args: []any{"GET /"},
			Levelno: levels.Info, Time: time.Unix(1700000000, 0)}
		f, err := sender.MakePickle(r)
		if err != nil {
			t.Fatal(err)
		}
		frames[i] = f[4:]
	}
	for _, maxLoggers := range []int{0, 100_000} {
		run := func(n int) scaletest.Cost {
			m := slogpy.NewManager()
			m.Root().AddHandler(slogpy.NewNullHandler())
			s, err := NewServer(&Options{Manager: m, MaxLoggers: maxLoggers, ErrorHandler: func(error) {}})
			if err != nil {
				t.Fatal(err)
			}
			return scaletest.MeasureProcess(func() {
				for i, f := range frames[:n] {
					if err := s.handle(f, "test", uint64(i), true); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
		var failure string
		for try := range 2 { // a second try where the machine was noisy
			small, large := scaletest.None, scaletest.None
			for range 3 {
				small, large = scaletest.Best(small, run(10_000)), scaletest.Best(large, run(len(frames)))
			}
			cpu, objects, bytes := scaletest.Ratio(small.CPU, large.CPU), scaletest.Ratio(small.Mallocs, large.Mallocs), scaletest.Ratio(small.Bytes, large.Bytes)
			t.Logf("MaxLoggers %d, try %d: 10,000 records: %v CPU, %d objects, %d bytes; 100,000: %v CPU (%.1f×), %d objects (%.1f×), %d bytes (%.1f×)",
				maxLoggers, try+1, small.CPU, small.Mallocs, small.Bytes, large.CPU, cpu, large.Mallocs, objects, large.Bytes, bytes)
			if objects > 11 || bytes > 11 {
				t.Fatalf("MaxLoggers %d: 100,000 names allocate %.1f times the objects and %.1f times the bytes of 10,000 (at most 11)", maxLoggers, objects, bytes)
			}
			if failure = ""; cpu <= 15 {
				break
			}
			failure = fmt.Sprintf("MaxLoggers %d: 100,000 names cost %.1f times the CPU time of 10,000 (at most 15)", maxLoggers, cpu)
		}
		if failure != "" {
			t.Error(failure)
		}
	}
}
