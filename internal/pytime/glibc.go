package pytime

import (
	"time"
	"unicode"
	"unicode/utf8"
)

// This file emulates glibc 2.36 __strftime_internal (time/strftime_l.c) in the
// C locale, which is what CPython's time.strftime calls on Linux.

// tm is the broken-down time glibc formats, computed from a time.Time.
type tm struct {
	year, mon, mday int // mon is 1-12
	hour, min, sec  int
	yday, wday      int // yday is 0-365, wday 0-6 from Sunday
	off             int // seconds east of UTC (tm_gmtoff)
	zone            string
	unix            int64
}

// Bits of what a layout needs from the time, so Append computes only those.
const (
	needDate = 1 << iota
	needClock
	needYday
	needZone
	needUnix
)

func (x *tm) fill(t time.Time, need uint8) {
	if need&needDate != 0 {
		var m time.Month
		x.year, m, x.mday = t.Date()
		x.mon = int(m)
	}
	if need&needClock != 0 {
		x.hour, x.min, x.sec = t.Clock()
	}
	if need&needYday != 0 {
		x.yday, x.wday = t.YearDay()-1, int(t.Weekday())
	}
	if need&needZone != 0 {
		x.zone, x.off = t.Zone()
	}
	if need&needUnix != 0 {
		x.unix = t.Unix()
	}
}

// directive is one parsed conversion: "%" flags width modifier conv.
type directive struct {
	raw   string // the text glibc copies out for an unknown conversion
	conv  rune   // 0 at the end of the format
	width int    // -1 when absent
	pad   byte   // 0, '-', '_' or '0': the last of these flags
	mod   byte   // 0, 'E' or 'O'
	upper bool   // '^'
	swap  bool   // '#'
}

// plain reports whether d has no flags, width or modifier.
func (d *directive) plain() bool {
	return d.pad == 0 && d.width < 0 && d.mod == 0 && !d.upper && !d.swap
}

// parseDirective parses the directive that starts with the '%' at s[i] and
// returns it with the index just past it. Widths above maxWidth are clamped:
// any output that long is discarded anyway (see Layout.limit).
func parseDirective(s string, i, maxWidth int) (directive, int) {
	d := directive{width: -1}
	j := i + 1
flags:
	for ; j < len(s); j++ {
		switch s[j] {
		case '_', '-', '0':
			d.pad = s[j]
		case '^':
			d.upper = true
		case '#':
			d.swap = true
		default:
			break flags
		}
	}
	if j < len(s) && '0' <= s[j] && s[j] <= '9' {
		d.width = 0
		for ; j < len(s) && '0' <= s[j] && s[j] <= '9'; j++ {
			d.width = min(d.width*10+int(s[j]-'0'), maxWidth)
		}
	}
	if j < len(s) && (s[j] == 'E' || s[j] == 'O') {
		d.mod = s[j]
		j++
	}
	if j == len(s) {
		d.raw = s[i:]
		return d, j
	}
	r, size := utf8.DecodeRuneInString(s[j:])
	d.conv = r
	d.raw = s[i : j+size]
	return d, j + size
}

// valid reports whether glibc knows d's conversion with d's modifier; if not,
// it copies d.raw (glibc's bad_format).
func (d *directive) valid() bool {
	switch d.conv {
	case '%', 'C', 'n', 't', 'p', 'P', 'R', 'r', 'T', 's', 'u', 'y', 'Z', 'z':
		return true
	case 'a', 'A', 'D', 'F':
		return d.mod == 0
	case 'c', 'x', 'X', 'Y':
		return d.mod != 'O'
	case 'b', 'h', 'B', 'd', 'e', 'H', 'I', 'j', 'k', 'l', 'M', 'm', 'S',
		'U', 'V', 'g', 'G', 'W', 'w':
		return d.mod != 'E'
	}
	return false
}

// need returns the tm fields d reads.
func (d *directive) need() uint8 {
	if !d.valid() {
		return 0
	}
	switch d.conv {
	case '%', 'n', 't':
		return 0
	case 'H', 'I', 'k', 'l', 'M', 'S', 'p', 'P', 'R', 'r', 'T', 'X':
		return needClock
	case 'a', 'A', 'u', 'w', 'U', 'W', 'V', 'g', 'G', 'j':
		return needDate | needYday
	case 'c':
		return needDate | needClock | needYday
	case 'Z', 'z':
		return needZone
	case 's':
		return needUnix
	}
	return needDate
}

// Subformats of the composite conversions in the C locale.
const (
	fmtC = "%a %b %e %H:%M:%S %Y" // %c, D_T_FMT
	fmtD = "%m/%d/%y"             // %D, %x (D_FMT)
	fmtF = "%Y-%m-%d"
	fmtR = "%H:%M"
	fmtr = "%I:%M:%S %p" // T_FMT_AMPM
	fmtT = "%H:%M:%S"    // %T, %X (T_FMT)
)

func subformat(conv rune) string {
	switch conv {
	case 'c':
		return fmtC
	case 'D', 'x':
		return fmtD
	case 'F':
		return fmtF
	case 'R':
		return fmtR
	case 'r':
		return fmtr
	case 'T', 'X':
		return fmtT
	}
	return ""
}

var (
	shortDays   = [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	longDays    = [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	shortMonths = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	longMonths  = [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// appendGlibc appends d formatted as glibc strftime does.
func appendGlibc(dst []byte, d *directive, x *tm) []byte {
	if !d.valid() {
		// glibc applies '#' to %b and %h before it rejects E.
		upper := d.upper || d.swap && (d.conv == 'b' || d.conv == 'h')
		return appendText(dst, d.raw, d.width, d.pad, upper, false)
	}
	pad, width, upper, lower := d.pad, d.width, d.upper, false
	if d.swap {
		switch d.conv {
		case 'a', 'A', 'b', 'h', 'B':
			upper = true
		case 'p', 'P', 'Z':
			upper, lower = false, true
		}
	}
	switch d.conv {
	case '%', 'n', 't':
		s := "%"
		if d.conv == 'n' {
			s = "\n"
		} else if d.conv == 't' {
			s = "\t"
		}
		return appendText(dst, s, width, pad, false, false)
	case 'a':
		return appendText(dst, shortDays[x.wday], width, pad, upper, lower)
	case 'A':
		return appendText(dst, longDays[x.wday], width, pad, upper, lower)
	case 'b', 'h':
		return appendText(dst, shortMonths[x.mon-1], width, pad, upper, lower)
	case 'B':
		return appendText(dst, longMonths[x.mon-1], width, pad, upper, lower)
	case 'c', 'D', 'x', 'F', 'R', 'r', 'T', 'X':
		start := len(dst)
		dst = appendSubformat(dst, subformat(d.conv), x)
		dst = padBefore(dst, start, width, pad)
		if upper {
			toUpperASCII(dst[start:])
		}
		return dst
	case 'C':
		return appendNumber(dst, int64(x.year/100-b2i(x.year%100 < 0)), 1, width, pad)
	case 'd':
		return appendNumber(dst, int64(x.mday), 2, width, pad)
	case 'e':
		return appendNumber(dst, int64(x.mday), 2, width, spacePad(pad))
	case 'H':
		return appendNumber(dst, int64(x.hour), 2, width, pad)
	case 'I':
		return appendNumber(dst, int64(hour12(x.hour)), 2, width, pad)
	case 'k':
		return appendNumber(dst, int64(x.hour), 2, width, spacePad(pad))
	case 'l':
		return appendNumber(dst, int64(hour12(x.hour)), 2, width, spacePad(pad))
	case 'j':
		return appendNumber(dst, int64(x.yday+1), 3, width, pad)
	case 'M':
		return appendNumber(dst, int64(x.min), 2, width, pad)
	case 'm':
		return appendNumber(dst, int64(x.mon), 2, width, pad)
	case 'S':
		return appendNumber(dst, int64(x.sec), 2, width, pad)
	case 'u':
		return appendNumber(dst, int64((x.wday+6)%7+1), 1, width, pad)
	case 'w':
		return appendNumber(dst, int64(x.wday), 1, width, pad)
	case 'U':
		return appendNumber(dst, int64((x.yday-x.wday+7)/7), 2, width, pad)
	case 'W':
		return appendNumber(dst, int64((x.yday-(x.wday+6)%7+7)/7), 2, width, pad)
	case 'V', 'g', 'G':
		year, week := isoWeek(x)
		switch d.conv {
		case 'g':
			return appendNumber(dst, int64((year%100+100)%100), 2, width, pad)
		case 'G':
			return appendNumber(dst, int64(year), 1, width, pad)
		}
		return appendNumber(dst, int64(week), 2, width, pad)
	case 'Y':
		return appendNumber(dst, int64(x.year), 1, width, pad)
	case 'y':
		return appendNumber(dst, int64((x.year%100+100)%100), 2, width, pad)
	case 'p', 'P':
		if d.conv == 'P' {
			lower = true
		}
		return appendText(dst, ampm(x.hour), width, pad, upper, lower)
	case 's':
		// glibc formats the number with one digit and then pads the
		// whole text, zeros going before any sign.
		var buf [24]byte
		return appendText(dst, string(formatInt(&buf, x.unix)), width, pad, false, false)
	case 'Z':
		return appendText(dst, x.zone, width, pad, upper, lower)
	case 'z':
		sign, diff := "+", x.off
		if diff < 0 {
			sign, diff = "-", -diff
		}
		dst = appendText(dst, sign, width, pad, false, false)
		diff /= 60
		return appendNumber(dst, int64(diff/60*100+diff%60), 4, width, pad)
	}
	return append(dst, d.raw...) // unreachable: valid() lists the conversions
}

// appendSubformat appends a C-locale subformat, which holds only plain
// directives and literal bytes.
func appendSubformat(dst []byte, f string, x *tm) []byte {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			dst = append(dst, f[i])
			continue
		}
		i++
		dst = appendPlain(dst, rune(f[i]), x)
	}
	return dst
}

// appendPlain appends a known conversion without flags, width or modifier.
func appendPlain(dst []byte, conv rune, x *tm) []byte {
	switch conv {
	case 'Y':
		if 1000 <= x.year && x.year <= 9999 {
			return append4(dst, x.year)
		}
		return appendNumber(dst, int64(x.year), 1, -1, 0)
	case 'm':
		return append2(dst, x.mon)
	case 'd':
		return append2(dst, x.mday)
	case 'H':
		return append2(dst, x.hour)
	case 'M':
		return append2(dst, x.min)
	case 'S':
		return append2(dst, x.sec)
	case 'y':
		return append2(dst, (x.year%100+100)%100)
	case 'I':
		return append2(dst, hour12(x.hour))
	case 'e':
		return append2s(dst, x.mday)
	case 'k':
		return append2s(dst, x.hour)
	case 'l':
		return append2s(dst, hour12(x.hour))
	case 'b', 'h':
		return append(dst, shortMonths[x.mon-1]...)
	case 'B':
		return append(dst, longMonths[x.mon-1]...)
	case 'a':
		return append(dst, shortDays[x.wday]...)
	case 'A':
		return append(dst, longDays[x.wday]...)
	case 'p':
		return append(dst, ampm(x.hour)...)
	case 'Z':
		return append(dst, x.zone...)
	case 'z':
		off := x.off
		if off < 0 {
			dst, off = append(dst, '-'), -off
		} else {
			dst = append(dst, '+')
		}
		if off /= 60; off < 100*60 {
			return append4(dst, off/60*100+off%60)
		}
		return appendNumber(dst, int64(off/60*100+off%60), 4, -1, 0)
	}
	d := directive{conv: conv, width: -1}
	return appendGlibc(dst, &d, x)
}

// appendNumber is glibc's do_number: v in at least max(digits, width)
// characters, padded as pad says.
func appendNumber(dst []byte, v int64, digits, width int, pad byte) []byte {
	var buf [24]byte
	s := formatInt(&buf, v)
	digits = max(digits, width)
	if pad != '-' {
		if n := digits - len(s); n > 0 {
			if pad == '_' {
				dst = appendRepeat(dst, ' ', n)
				width = max(width-n, 0)
			} else {
				if v < 0 {
					dst = append(dst, '-')
					s = s[1:]
				}
				dst = appendRepeat(dst, '0', n)
				width = 0
			}
		}
	}
	if n := width - len(s); n > 0 {
		dst = appendRepeat(dst, padByte(pad), n)
	}
	return append(dst, s...)
}

// appendText is glibc's cpy: s padded on the left to width characters with
// zeros for the '0' flag and spaces otherwise, then case-mapped. Lowercase
// wins over uppercase, as in glibc.
func appendText(dst []byte, s string, width int, pad byte, upper, lower bool) []byte {
	if width > 0 {
		if n := width - utf8.RuneCountInString(s); n > 0 {
			dst = appendRepeat(dst, padByte(pad), n)
		}
	}
	if !upper && !lower {
		return append(dst, s...)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && lower && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r < utf8.RuneSelf && !lower && 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		case r >= utf8.RuneSelf && lower:
			r = unicode.ToLower(r)
		case r >= utf8.RuneSelf:
			r = unicode.ToUpper(r)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// padBefore pads dst[start:] on the left to width characters, as glibc's add
// does for a subformat.
func padBefore(dst []byte, start, width int, pad byte) []byte {
	n := width - (len(dst) - start)
	if n <= 0 {
		return dst
	}
	end := len(dst)
	dst = appendRepeat(dst, ' ', n)
	copy(dst[start+n:], dst[start:end])
	for i := start; i < start+n; i++ {
		dst[i] = padByte(pad)
	}
	return dst
}

func padByte(pad byte) byte {
	if pad == '0' {
		return '0'
	}
	return ' '
}

// spacePad is glibc's do_number_spacepad: the '_' flag unless '0' or '-'.
func spacePad(pad byte) byte {
	if pad == '0' || pad == '-' {
		return pad
	}
	return '_'
}

func appendRepeat(dst []byte, b byte, n int) []byte {
	for ; n > 0; n-- {
		dst = append(dst, b)
	}
	return dst
}

func toUpperASCII(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - ('a' - 'A')
		}
	}
}

// formatInt formats v in decimal at the end of buf.
func formatInt(buf *[24]byte, v int64) []byte {
	i := len(buf)
	u := uint64(v)
	if v < 0 {
		u = -u
	}
	for {
		i--
		buf[i] = byte('0' + u%10)
		if u /= 10; u == 0 {
			break
		}
	}
	if v < 0 {
		i--
		buf[i] = '-'
	}
	return buf[i:]
}

func hour12(h int) int {
	if h %= 12; h == 0 {
		return 12
	}
	return h
}

func ampm(h int) string {
	if h > 11 {
		return "PM"
	}
	return "AM"
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isLeap(y int) bool {
	return y%4 == 0 && (y%100 != 0 || y%400 == 0)
}

// isoWeekDays is glibc's iso_week_days: the days from the Monday of ISO week 1
// of the year with yday to the day with yday and wday.
func isoWeekDays(yday, wday int) int {
	const big = (366/7 + 2) * 7 // makes the % operand nonnegative
	return yday - (yday-wday+4+big)%7 + 3
}

// isoWeek returns the ISO 8601 year and week of x the way glibc computes
// them for %G and %V.
func isoWeek(x *tm) (year, week int) {
	year = x.year
	days := isoWeekDays(x.yday, x.wday)
	if days < 0 {
		year--
		days = isoWeekDays(x.yday+365+b2i(isLeap(year)), x.wday)
	} else if d := isoWeekDays(x.yday-365-b2i(isLeap(year)), x.wday); d >= 0 {
		year++
		days = d
	}
	return year, days/7 + 1
}
