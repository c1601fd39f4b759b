package pytime

import "time"

// AppendDefault appends t the way logging.Formatter.formatTime does when no
// datefmt is given: time.strftime("%Y-%m-%d %H:%M:%S") followed by
// "%s,%03d" % (s, msecs), for example "2003-07-08 16:49:45,896".
//
// Pass msecs as int([Msecs]([Created](t))) to copy CPython, whose truncating
// float arithmetic can differ by one from t.Nanosecond()/1e6. A negative
// msecs is printed with its sign, as "%03d" does ("-500"). AppendDefault
// does not allocate when dst has room.
func AppendDefault(dst []byte, t time.Time, msecs int) []byte {
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	dst = appendDate(dst, year, int(month), day)
	dst = append(dst, ' ')
	dst = appendClock(dst, hour, minute, sec)
	dst = append(dst, ',')
	if 0 <= msecs && msecs < 1000 {
		return append(dst, byte('0'+msecs/100), byte('0'+msecs/10%10), byte('0'+msecs%10))
	}
	// "%03d" zero-pads after the sign: -5 is "-05".
	return appendNumber(dst, int64(msecs), 3, -1, 0)
}

// appendDate appends "%Y-%m-%d".
func appendDate(dst []byte, year, month, day int) []byte {
	if 1000 <= year && year <= 9999 {
		dst = append4(dst, year)
	} else {
		dst = appendNumber(dst, int64(year), 1, -1, 0)
	}
	return append(dst, '-', digits[2*month], digits[2*month+1], '-', digits[2*day], digits[2*day+1])
}

// appendClock appends "%H:%M:%S".
func appendClock(dst []byte, hour, minute, sec int) []byte {
	return append(dst,
		digits[2*hour], digits[2*hour+1], ':',
		digits[2*minute], digits[2*minute+1], ':',
		digits[2*sec], digits[2*sec+1])
}

// append2 appends 0 <= v < 100 as two digits.
func append2(dst []byte, v int) []byte {
	return append(dst, digits[2*v], digits[2*v+1])
}

// append2s appends 0 <= v < 100 as two characters, space-padded.
func append2s(dst []byte, v int) []byte {
	if v < 10 {
		return append(dst, ' ', byte('0'+v))
	}
	return append2(dst, v)
}

// append4 appends 0 <= v < 10000 as four digits.
func append4(dst []byte, v int) []byte {
	hi, lo := v/100, v%100
	return append(dst, digits[2*hi], digits[2*hi+1], digits[2*lo], digits[2*lo+1])
}

const digits = "" +
	"00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"
