package pytime_test

import (
	"fmt"
	"time"

	"github.com/slogpy/slogpy/internal/pytime"
)

func Example() {
	t := time.Date(2003, 7, 8, 16, 49, 45, 896e6, time.UTC)

	// logging.Formatter().formatTime(record)
	msecs := int(pytime.Msecs(pytime.Created(t)))
	fmt.Println(string(pytime.AppendDefault(nil, t, msecs)))

	// logging.Formatter(datefmt="%d/%b/%Y:%H:%M:%S %z")
	l, err := pytime.Compile("%d/%b/%Y:%H:%M:%S %z")
	if err != nil {
		panic(err)
	}
	fmt.Println(string(l.Append(nil, t)))

	// converter = time.gmtime: glibc names the zone GMT.
	l, _ = pytime.Compile("%H:%M:%S %Z %f")
	fmt.Println(string(l.Append(nil, t.In(time.FixedZone("GMT", 0)))))
	// Output:
	// 2003-07-08 16:49:45,896
	// 08/Jul/2003:16:49:45 +0000
	// 16:49:45 GMT %f
}
