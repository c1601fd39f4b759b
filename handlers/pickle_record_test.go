package handlers

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/slogpy/slogpy/slogpy"
)

// TestPickleDirectMatchesFields checks that the direct encoder writes the
// bytes of the dictionary path ([RecordFields] then the pickler), which
// the CPython goldens and the live check verify, for records of every
// shape: each attribute kind, reserved and repeated keys (which take the
// dictionary path), None fields, non-UTF-8 text, many attributes.
func TestPickleDirectMatchesFields(t *testing.T) {
	many := make([]slog.Attr, 40)
	for i := range many {
		many[i] = slog.Int(fmt.Sprintf("k%d", i), i*1000)
	}
	thousand := make([]slog.Attr, 990)
	for i := range thousand {
		thousand[i] = slog.String(fmt.Sprintf("k%d", i), "v")
	}
	cases := map[string]struct {
		fields map[string]any
		attrs  []slog.Attr
	}{
		"plain":  {map[string]any{"name": "app", "msg": "hello", "levelno": 20}, nil},
		"args":   {map[string]any{"name": "app.db", "msg": "user %s from %s", "args": []any{"bob", "10.0.0.1"}, "levelno": 40, "created": 1.7e9}, nil},
		"none":   {map[string]any{"msg": "x", "thread": nil, "process": nil, "funcName": nil}, nil},
		"text":   {map[string]any{"msg": "h\xffllo é ü 日本", "name": "ä", "threadName": "T-1", "exc_text": "Traceback\nx", "stack_info": "Stack"}, nil},
		"single": {map[string]any{"msg": "a"}, []slog.Attr{slog.String("k", "é")}},
		"kinds": {map[string]any{"msg": "m"}, []slog.Attr{
			slog.String("s", "v"), slog.Int64("i", -1<<40), slog.Uint64("u", math.MaxUint64), slog.Float64("f", 0.1),
			slog.Bool("b", true), slog.Bool("nb", false), slog.Duration("d", time.Second), slog.Time("t", time.Unix(0, 0).UTC()),
			slog.Group("g", slog.Int("x", 1), slog.String("y", "z")), slog.Any("nil", nil), slog.Any("err", errors.New("boom")),
		}},
		"kinds2": {map[string]any{"msg": "m"}, []slog.Attr{
			slog.Any("bytes", []byte("ab")), slog.Any("b1", []byte{1}), slog.Any("b0", []byte{}), slog.Any("big", new(big.Int).Lsh(big.NewInt(1), 70)),
			slog.Any("list", []any{1, "a", nil}), slog.Any("tuple", slogpy.Tuple{1, 2}), slog.Any("map", map[string]any{"b": 1, "a": 2}),
			slog.Any("dict", slogpy.Dict{{Key: "z", Value: 1}, {Key: "a", Value: 2}}), slog.String("empty", ""), slog.String("one", "x"),
		}},
		"seventeen": {map[string]any{"msg": "m"}, many[:17]},
		"sixteen":   {map[string]any{"msg": "m"}, many[:16]},
		"reserved":  {map[string]any{"msg": "m"}, []slog.Attr{slog.String("message", "x"), slog.String("asctime", "y"), slog.String("name", "z"), slog.Int("ok", 1)}},
		"repeated":  {map[string]any{"msg": "m"}, []slog.Attr{slog.Int("a", 1), slog.Int("b", 2), slog.Int("a", 3)}},
		"many":      {map[string]any{"msg": "m"}, many},
		"thousand":  {map[string]any{"msg": "m"}, thousand},
		"bigints":   {map[string]any{"msg": "m", "levelno": 1 << 33, "lineno": -5}, []slog.Attr{slog.Int64("min", math.MinInt64), slog.Int("k", 255), slog.Int("m", 65535), slog.Int("n", 65536)}},
		"floats":    {map[string]any{"msg": "m", "created": math.Inf(1), "msecs": math.NaN()}, []slog.Attr{slog.Float64("neg0", math.Copysign(0, -1))}},
		"longfield": {map[string]any{"msg": string(bytes.Repeat([]byte("x"), 70000))}, nil},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			r, err := slogpy.MakeRecord(c.fields)
			if err != nil {
				t.Fatal(err)
			}
			r.AddAttrs(c.attrs...)
			msg, err := r.Message()
			if err != nil {
				t.Fatal(err)
			}
			want, err := appendFieldsPickle(nil, appendRecordFields(nil, r, true))
			if err != nil {
				t.Fatal(err)
			}
			got, err := appendRecordPickle(nil, r, []byte(msg))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				i := 0
				for i < len(got) && i < len(want) && got[i] == want[i] {
					i++
				}
				t.Errorf("direct pickle differs at byte %d of %d/%d:\n got %q\nwant %q", i, len(got), len(want),
					got[max(0, i-20):min(len(got), i+20)], want[max(0, i-20):min(len(want), i+20)])
			}
		})
	}
}
