package receiver_test

import (
	"encoding/binary"
	"log/slog"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

// fuzzPickle returns the pickled record dictionary the socket handler
// sends for r, without the 4-byte length, after checking the length.
func fuzzPickle(t *testing.T, h *handlers.SocketHandler, r *slogpy.Record) []byte {
	t.Helper()
	frame, err := h.MakePickle(r)
	if err != nil {
		t.Fatalf("MakePickle: %v", err)
	}
	if len(frame) < 4 || int(binary.BigEndian.Uint32(frame)) != len(frame)-4 {
		t.Fatalf("MakePickle: frame of %d bytes has length prefix %x", len(frame), frame[:min(4, len(frame))])
	}
	return frame[4:]
}

// FuzzPickleRoundTrip checks the pickle encoder of the socket handlers
// against the receiver's decoder: a record with arbitrary name, message,
// arguments and attributes pickles; the pickle passes Scan and decodes;
// the dictionary holds what the record held; and the record rebuilt from
// it (Python's makeLogRecord) re-encodes to the same dictionary.
func FuzzPickleRoundTrip(f *testing.F) {
	f.Add("app.db", "user %s has %d", "bob", int64(3), 2.5, "key", []byte("\x00\xff"), 20)
	f.Add("", "", "", int64(math.MinInt64), math.Inf(-1), "", []byte(nil), 0)
	f.Add("é.ü", "100%% %r", "'\"\n\x00", int64(1)<<40, math.NaN(), "message", []byte("x"), 55)
	f.Add("root", "%(k)s", "\xff\xfe", int64(-1), -0.0, "name", []byte{}, -5)
	f.Add("a", "%c", "\U0010ffff", int64(0), 1e300, "é", []byte("\x80"), 1<<31)
	h, err := handlers.NewSocketHandler("localhost", 9, nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { h.Close() })
	f.Fuzz(func(t *testing.T, name, msg, s string, i int64, x float64, key string, b []byte, level int) {
		r := new(slogpy.Record)
		r.Name, r.Msg, r.Time = name, msg, time.Unix(1700000000, 250_000_000)
		r.Levelno = levels.Level(levelOf(level))
		r.Args = []any{s, i}
		if strings.Contains(msg, "%(") {
			r.Args = []any{map[string]any{"k": s}}
		}
		r.AddAttrs(slog.String(key, s), slog.Int64("i", i), slog.Float64("x", x), slog.Any("b", b),
			slog.Group("g", slog.String("s", s), slog.Bool("t", true)))
		if _, err := r.Message(); err != nil {
			if _, err := h.MakePickle(r); err == nil {
				t.Fatalf("Message(%q) fails (%v) but MakePickle does not", msg, err)
			}
			return
		}
		p := fuzzPickle(t, h, r)
		if err := receiver.Scan(p); err != nil {
			t.Fatalf("Scan refuses the socket handler's pickle: %v", err)
		}
		d, err := receiver.Decode(p)
		if err != nil {
			t.Fatalf("Decode of the socket handler's pickle: %v", err)
		}
		merged, _ := r.Message()
		for k, want := range map[string]any{"name": name, "msg": merged, "levelno": int64(r.Levelno), "i": i} {
			if !reflect.DeepEqual(d[k], want) {
				t.Fatalf("decoded %s = %#v, want %#v", k, d[k], want)
			}
		}
		if got, ok := d["x"].(float64); !ok || !(got == x || got != got && x != x) || math.Signbit(got) != math.Signbit(x) {
			t.Fatalf("decoded x = %#v, want %v", d["x"], x)
		}
		if got, ok := d["b"].([]byte); !ok || string(got) != string(b) {
			t.Fatalf("decoded b = %#v, want %q", d["b"], b)
		}
		r2, err := receiver.RecordFromDict(d)
		if err != nil {
			t.Fatalf("RecordFromDict(decoded): %v", err)
		}
		d2, err := receiver.Decode(fuzzPickle(t, h, r2))
		if err != nil {
			t.Fatalf("Decode of the re-encoded record: %v", err)
		}
		if !dictEqual(d, d2) {
			for k := range d {
				if !dictEqual(map[string]any{k: d[k]}, map[string]any{k: d2[k]}) {
					t.Errorf("re-encoded %s = %#v, first decoded %#v", k, d2[k], d[k])
				}
			}
			for k := range d2 {
				if _, ok := d[k]; !ok {
					t.Errorf("re-encoded dict has %s = %#v, first did not", k, d2[k])
				}
			}
			t.FailNow()
		}
	})
}

// levelOf maps the fuzzed int to a level, keeping it in the range CPython
// senders use (0..2^31).
func levelOf(n int) int {
	if n < 0 {
		n = -n
	}
	return n % (1 << 31)
}

// dictEqual is reflect.DeepEqual with NaN equal to NaN.
func dictEqual(a, b map[string]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok {
			return false
		}
		if fa, ok := va.(float64); ok && fa != fa {
			if fb, ok := vb.(float64); ok && fb != fb {
				continue
			}
			return false
		}
		if ma, ok := va.(map[string]any); ok {
			mb, ok := vb.(map[string]any)
			if !ok || !dictEqual(ma, mb) {
				return false
			}
			continue
		}
		if !reflect.DeepEqual(va, vb) {
			return false
		}
	}
	return true
}
