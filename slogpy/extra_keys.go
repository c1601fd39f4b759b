package slogpy

import (
	"github.com/slogpy/slogpy/internal/logrecord"
	"github.com/slogpy/slogpy/internal/pyfmt"
)

// An attribute of a logging call named as a LogRecord attribute ("name",
// "msg", "levelname", …), "message" or "asctime" is Python's reserved
// extra key: CPython's makeRecord raises KeyError("Attempt to overwrite
// 'name' in LogRecord") and the call logs nothing. A Go logging call
// cannot raise, and dropping the record would lose it, so the record is
// logged with the attribute kept as an attribute (formats print the
// record's own field for %(name)s, %(attrs)s prints the attribute, the
// network handlers leave it out of the record dictionary), and the first
// use of each such key on a manager's loggers is reported through the
// error report with CPython's KeyError. Records made by MakeRecord (the
// receiver's) and records passed to Logger.HandleRecord are not a
// logging call's: they are not checked, as Python's makeLogRecord and
// Logger.handle do not check.

// checkExtra reports the reserved keys among the attributes of r, a record
// of a logging call on l. The attributes a merge splits off later are
// checked then (noteExtraKey from mergeSplitting); a bound block's once.
func (l *Logger) checkExtra(r *Record) {
	if r.bound != nil || len(r.attrs) > 0 {
		l.checkExtraKeys(r)
	}
}

// checkExtraKeys is checkExtra's work, out of line so that checkExtra
// inlines.
func (l *Logger) checkExtraKeys(r *Record) {
	if b := r.bound; b != nil && !b.extraChecked.Load() {
		b.extraChecked.Store(true)
		for _, a := range b.attrs {
			l.m.noteExtraKey(r, a.Key)
		}
	}
	for _, a := range r.attrs {
		l.m.noteExtraKey(r, a.Key)
	}
}

// noteExtraKey reports key, when reserved, the first time m sees it.
func (m *Manager) noteExtraKey(r *Record, key string) {
	if !logrecord.Reserved(key) {
		return
	}
	if _, seen := m.extraSeen.LoadOrStore(key, true); seen {
		return
	}
	if r.m == nil {
		r.m = m
	}
	reportError(r, &pyfmt.Error{Type: "KeyError", Msg: extraKeyText(key)})
}

// extraKeyText is str() of CPython's KeyError for key, followed by what
// slogpy did instead.
func extraKeyText(key string) string {
	return `"Attempt to overwrite ` + string(pyfmt.AppendRepr(nil, key)) + ` in LogRecord"` +
		" (slogpy logs the record with the attribute kept; rename it: reported once per name)"
}

// noteSplitKey checks a key that the merge split off a call's surplus
// arguments (a record of a logging call).
func (r *Record) noteSplitKey(key string) {
	m := r.m
	if m == nil {
		m = defaultManager
	}
	m.noteExtraKey(r, key)
}
