package pytime

import (
	"strings"
	"time"

	"github.com/itchyny/timefmt-go"
)

// Directives with flags or a field width go to timefmt.AppendFormat when it
// formats them exactly as glibc 2.36 does; timefmt_test.go checks this for
// every flag and width combination over a wide range of years. Everything
// else is patched by appendGlibc. The differences between timefmt-go v0.1.9
// and glibc (CPython's time.strftime on Linux) are:
//
//   - %f, %v, %+ and %:z are timefmt extensions; glibc copies them through.
//   - timefmt does not know the E and O modifiers (%Ey, %Od) or glibc's
//     rule of copying an invalid combination (%Ed, %Oa) through.
//   - glibc prints %Y, %G and %C with no padding (year 5 is "5", century
//     "0") and %y and %g of negative years modulo 100 ("-1" is "99"); timefmt
//     pads years to four digits and takes absolute values. %c, %D, %x and %F
//     inherit this.
//   - glibc pads the sign of %z to the field width too ("%10z" is
//     "         +0000000000") and honours '-' and '_' there.
//   - glibc pads a composite (%c %D %x %F %R %r %T %X) as a whole to the
//     field width; timefmt pads each part.
//   - With '-' and a width, glibc pads to the width with spaces ("%-5d" is
//     "    9", "%-1d" is "9"); timefmt differs for widths below the
//     conversion's natural width.
//   - glibc's "%010s" puts the zeros before the sign of a negative number.
//   - glibc's %P ignores '^'; timefmt upper-cases it.
//   - glibc prints an empty %Z for a zone without abbreviation; timefmt
//     prints the offset.
//   - glibc copies an unknown conversion with its flags and width padding
//     ("%5Q" is "  %5Q").
//   - glibc's %C with E, %Y with E and %y with E or O fall back to the plain
//     conversion in the C locale.

// maxTimefmtWidth is timefmt's own cap on field widths.
const maxTimefmtWidth = 1024

// tfSafe reports whether timefmt formats d like glibc.
func tfSafe(d *directive) bool {
	if !d.valid() || d.mod != 0 || d.width > maxTimefmtWidth || d.pad == '-' && d.width >= 0 {
		return false
	}
	switch d.conv {
	case 'a', 'A', 'b', 'B', 'h', 'p', '%', 'n', 't',
		'd', 'e', 'H', 'I', 'k', 'l', 'M', 'm', 'S', 'j', 'U', 'V', 'W', 'u', 'w':
		return true
	case 's':
		return d.pad != '0'
	}
	return false
}

// mergeTimefmt joins each run of opTimefmt and opLit ops that holds at least
// one opTimefmt into a single timefmt format.
func mergeTimefmt(ops []op) []op {
	out := ops[:0:0]
	for i := 0; i < len(ops); {
		j, tf := i, false
		for ; j < len(ops) && (ops[j].kind == opTimefmt || ops[j].kind == opLit); j++ {
			tf = tf || ops[j].kind == opTimefmt
		}
		if !tf {
			out = append(out, ops[i])
			i++
			continue
		}
		var b strings.Builder
		for _, o := range ops[i:j] {
			if o.kind == opLit {
				b.WriteString(strings.ReplaceAll(o.lit, "%", "%%"))
			} else {
				b.WriteString(o.lit)
			}
		}
		out = append(out, op{kind: opTimefmt, lit: b.String()})
		i = j
	}
	return out
}

// appendTimefmt appends t formatted by timefmt with f.
func appendTimefmt(dst []byte, t time.Time, f string) []byte {
	return timefmt.AppendFormat(dst, t, f)
}
