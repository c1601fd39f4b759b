package pytime

import (
	"testing"
)

func BenchmarkAppend(b *testing.B) {
	for _, bm := range []struct{ name, datefmt string }{
		{"default", "%Y-%m-%d %H:%M:%S"},
		{"apache", "%d/%b/%Y:%H:%M:%S %z"},
		{"ctime", "%a %b %e %H:%M:%S %Z %Y"},
		{"flags", "%-d.%-m.%Y %_H:%M"},
		{"glibc", "%c %10z %Ey"},
	} {
		l := mustCompile(b, bm.datefmt)
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				buf := make([]byte, 0, 64)
				for pb.Next() {
					buf = l.Append(buf[:0], testTime)
				}
			})
		})
	}
}

func BenchmarkAppendDefault(b *testing.B) {
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		buf := make([]byte, 0, 64)
		for pb.Next() {
			buf = AppendDefault(buf[:0], testTime, int(Msecs(Created(testTime))))
		}
	})
}
