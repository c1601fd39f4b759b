package receiver

import (
	"errors"
	"fmt"
	"sync"

	"github.com/slogpy/slogpy/slogpy"
)

// Defaults of the limits on the loggers a server creates from the names
// records carry.
const (
	// DefaultMaxLoggers is the number of distinct loggers a server creates
	// when Options.MaxLoggers is zero.
	DefaultMaxLoggers = 10_000
	// DefaultMaxLoggerName is the longest logger name a server uses, in
	// bytes, when Options.MaxLoggerName is zero.
	DefaultMaxLoggerName = 1024
)

// ErrLoggerLimit is wrapped by the error reported (at most once a minute)
// when records went to the fallback logger because their logger name was
// too long or the server had created MaxLoggers loggers.
var ErrLoggerLimit = errors.New("receiver: logger limit reached")

// loggerSet counts the loggers a server created, for MaxLoggers.
type loggerSet struct {
	mu      sync.Mutex
	created int
	report  rateReport
	over    uint64
}

// logger returns the logger a record named name is handed to: the
// manager's logger of that name if it exists, or if the server may still
// create one; else the fallback logger (the record keeps its name).
//
// An existing logger is found without a lock (Manager.LookupLogger), so
// records for known names from many connections do not contend; only a
// creation takes the set's lock, and counts. Loggers that existed before
// (made by the program, or by another server) are not counted.
func (s *Server) logger(name string) *slogpy.Logger {
	if s.loggerName != "" {
		name = s.loggerName
		return s.m.GetLogger(name)
	}
	var why string
	switch {
	case len(name) > s.maxLoggerName:
		why = fmt.Sprintf("a logger name of %d bytes (Options.MaxLoggerName %d)", len(name), s.maxLoggerName)
	default:
		if l, ok := s.m.LookupLogger(name); ok {
			return l
		}
		ls := &s.loggers
		ls.mu.Lock()
		l, ok := s.m.LookupLogger(name) // made meanwhile by another connection
		if !ok && ls.created < s.maxLoggers {
			l, ok = s.m.GetLogger(name), true
			ls.created++
		}
		ls.mu.Unlock()
		if ok {
			return l
		}
		why = fmt.Sprintf("more than %d distinct logger names (Options.MaxLoggers)", s.maxLoggers)
	}
	s.loggers.mu.Lock()
	s.loggers.over++
	s.loggers.mu.Unlock()
	if n := s.loggers.report.add(1); n > 0 {
		s.onError(fmt.Errorf("%w: %d record(s) in the last minute handed to the fallback logger %q, keeping their names; the last: %s",
			ErrLoggerLimit, n, s.fallback.Name(), why))
	}
	return s.fallback
}

// Fallbacks returns the number of records handed to the fallback logger
// because of Options.MaxLoggers or Options.MaxLoggerName.
func (s *Server) Fallbacks() uint64 {
	s.loggers.mu.Lock()
	defer s.loggers.mu.Unlock()
	return s.loggers.over
}
