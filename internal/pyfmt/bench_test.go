package pyfmt

import (
	"log/slog"
	"testing"

	"github.com/stretchr/testify/require"
)

const benchFormat = "user %s from %s try %d"

var benchArgs = []any{"bob", "10.0.0.1", 3}

func BenchmarkAppend(b *testing.B) {
	b.ReportAllocs()
	var buf []byte
	for b.Loop() {
		var err error
		if buf, err = Append(buf[:0], benchFormat, benchArgs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendParallel(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var buf []byte
		for pb.Next() {
			buf, _ = Append(buf[:0], benchFormat, benchArgs)
		}
	})
}

func BenchmarkAppendMapping(b *testing.B) {
	b.ReportAllocs()
	args := []any{map[string]any{"name": "bob", "levelname": "INFO", "n": 3}}
	var buf []byte
	for b.Loop() {
		buf, _ = Append(buf[:0], "%(levelname)-8s %(name)s: %(n)5d", args)
	}
}

func BenchmarkDirectiveAppendValue(b *testing.B) {
	b.ReportAllocs()
	tmpl, err := Compile("%(asctime)s %(levelname)-8s %(lineno)d %(message)s")
	require.NoError(b, err)
	values := []any{"2024-01-02 03:04:05,678", "WARNING", 123, "something happened"}
	var buf []byte
	for b.Loop() {
		buf = buf[:0]
		for i := range tmpl.Directives {
			d := &tmpl.Directives[i]
			buf = append(buf, d.Literal...)
			buf, _ = d.AppendValue(buf, values[i])
		}
		buf = append(buf, tmpl.Tail...)
	}
}

func BenchmarkFieldAppendValue(b *testing.B) {
	b.ReportAllocs()
	tmpl, err := CompileBrace("{asctime} {levelname:<8} {lineno:>5d} {ratio:.3f} {message!r}")
	require.NoError(b, err)
	values := []any{"2024-01-02 03:04:05,678", "WARNING", 123, 0.12345, "something happened"}
	var buf []byte
	for b.Loop() {
		buf = buf[:0]
		for i := range tmpl.Fields {
			f := &tmpl.Fields[i]
			buf = append(buf, f.Literal...)
			buf, _ = f.AppendValue(buf, values[i])
		}
		buf = append(buf, tmpl.Tail...)
	}
}

func BenchmarkAppendStr(b *testing.B) {
	b.ReportAllocs()
	values := []any{"text", 12345, 3.25, true, nil, slog.IntValue(7)}
	var buf []byte
	for b.Loop() {
		buf = buf[:0]
		for _, v := range values {
			buf = AppendStr(buf, v)
		}
	}
}

func TestAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	buf := make([]byte, 0, 256)
	widthArgs := []any{"bob", 42, 3.14159, 255, "it's", 'x'}
	mapArgs := []any{map[string]any{"a": "x", "b": 2}}
	values := []any{"s", 123456, int64(-5), 2.5, uint16(9), slog.StringValue("v"), slog.Int64Value(1 << 40), true, nil}
	tests := []struct {
		name string
		f    func()
	}{
		{"Append", func() { buf, _ = Append(buf[:0], benchFormat, benchArgs) }},
		{"AppendWidths", func() {
			buf, _ = Append(buf[:0], "%-10s|%5d|%+.3f|%x|%r|%c", widthArgs)
		}},
		{"AppendMapping", func() {
			buf, _ = Append(buf[:0], "%(a)s %(b)d", mapArgs)
		}},
		{"AppendStr", func() {
			buf = buf[:0]
			for _, v := range values {
				buf = AppendStr(buf, v)
			}
		}},
		{"AppendRepr", func() { buf = AppendRepr(buf[:0], "it's\n") }},
		{"FieldAppendValue", func() {
			f := Field{Spec: ">10.2f"}
			f.spec, f.parsed = parseSpec(f.Spec), true
			buf, _ = f.AppendValue(buf[:0], 3.14159)
			f = Field{Spec: "^12,d"}
			f.spec, f.parsed = parseSpec(f.Spec), true
			buf, _ = f.AppendValue(buf, 1234567)
			f = Field{Spec: "*<8", Conv: 'r'}
			f.spec, f.parsed = parseSpec(f.Spec), true
			buf, _ = f.AppendValue(buf, "ab")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Zero(t, testing.AllocsPerRun(100, tt.f))
		})
	}
}
