package receiver

import (
	"fmt"

	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/slogpy"
)

// recordDropNone reports whether key is a LogRecord attribute that a
// sender may give as None, meaning "not known": it is left at the record's
// default. taskName is Python 3.12's.
func recordDropNone(key string) bool {
	return logrecord.Lookup(key).InDict() || key == "taskName"
}

// RecordFromDict returns the record a decoded record dictionary stands
// for: Python's logging.makeLogRecord. The LogRecord attributes set the
// record's fields (see [slogpy.MakeRecord]); other keys become attributes
// (Python's extra). args given as None stays None (%(args)r prints None,
// as CPython's receiver prints the args its senders clear); other
// LogRecord attributes given as None are left at their defaults; exc_info
// is ignored (CPython's senders set it to None and send the text as
// exc_text), and so are message and asctime, which formatters compute. A LogRecord attribute of the wrong type (a str levelno) is an
// error.
func RecordFromDict(d map[string]any) (*slogpy.Record, error) {
	m := make(map[string]any, len(d))
	for k, v := range d {
		switch {
		case k == "exc_info" || k == "message" || k == "asctime":
			continue
		case v == nil && k != "args" && recordDropNone(k):
			continue
		}
		m[k] = v
	}
	r, err := slogpy.MakeRecord(m)
	if err != nil {
		return nil, fmt.Errorf("receiver: %w", err)
	}
	return r, nil
}
