package contrib

import (
	"fmt"

	"github.com/slogpy/slogpy/handlers"
)

// NewConcurrentRotatingFileHandler returns concurrent-log-handler's
// concurrent_log_handler.ConcurrentRotatingFileHandler: a
// [handlers.RotatingFileHandler] with ProcessLock, so that several
// processes write and rotate one file, and with characters the encoding
// cannot represent dropped (its unicode_error_policy "ignore") unless
// opts.Errors says otherwise. nil opts means the library's defaults: no
// rotation (maxBytes=0), no backups.
//
// It differs from the library's in the lock file, which is
// filename+".lock" (the library's is ".__NAME.lock" beside the file), and
// in having no gzip compression of backups (use_gzip), owner or chmod.
// It rolls over as Python's RotatingFileHandler does, before a record
// that would reach maxBytes; the library (0.9.20) rolls over once the file
// has reached maxBytes, whatever the record, and keeps backupCount-1
// backups (its example.py configuration shows both).
func NewConcurrentRotatingFileHandler(filename string, opts *handlers.RotatingFileHandlerOptions) (*handlers.RotatingFileHandler, error) {
	var o handlers.RotatingFileHandlerOptions
	if opts != nil {
		o = *opts
	}
	o.ProcessLock = true
	if o.Errors == "" {
		o.Errors = "ignore"
	}
	h, err := handlers.NewRotatingFileHandler(filename, &o)
	if err != nil {
		return nil, fmt.Errorf("contrib: ConcurrentRotatingFileHandler: %w", err)
	}
	return h, nil
}
