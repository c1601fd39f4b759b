package slogpy

import "github.com/slogpy/slogpy/internal/pyfmt"

// Tuple is a Python tuple. Formatters, the %-operator and str.format print
// it as Python does: (1, 2), (1,) and (), where a Go slice prints as a
// list, [1, 2]. Use it as a %-argument (logger.Info("%s", Tuple{1, 2})),
// an attribute value (slog.Any("pair", Tuple{1, 2})), or, through its
// String method, a message. %d and format specs refuse it as Python refuses
// a tuple ("TypeError: %d format: a real number is required, not tuple").
type Tuple = pyfmt.Tuple

// Dict is a Python dict that keeps its items in the order given, as a
// Python dict keeps insertion order. A Go map prints as a dict too, but
// with its keys sorted by their str() form, since Go maps have no order;
// use a Dict where the order matters:
//
//	logger.Info("%(user)s in %(db)s", Dict{{Key: "user", Value: "ann"}, {Key: "db", Value: "db01"}})
//
// A single non-empty Dict argument is the mapping of %(key)s directives, as
// a single non-empty map is. Dict.Get(key) returns the value of the first
// item whose key equals key (==).
type Dict = pyfmt.Dict

// DictItem is one key and value of a [Dict].
type DictItem = pyfmt.DictItem
