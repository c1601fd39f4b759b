package slogtestutil

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"

	"github.com/slogpy/slogpy/slogpy"
)

// TaggedValue rebuilds the Go value standing for a Python value tagged as
// testdata/pyfmt/gen_values.py tags them: {"t": "none"}, {"t": "bool"},
// {"t": "int", "v": "decimal"} (int, or *big.Int beyond 64 bits),
// {"t": "float", "v": repr}, {"t": "str"}, {"t": "bytes", "v": hex},
// {"t": "list"}, {"t": "tuple"} (slogpy.Tuple) and {"t": "odict", "v":
// [[k, v], ...]} (slogpy.Dict, in order).
func TaggedValue(raw json.RawMessage) (any, error) {
	var tv struct {
		T string          `json:"t"`
		V json.RawMessage `json:"v"`
	}
	if err := json.Unmarshal(raw, &tv); err != nil {
		return nil, err
	}
	var s string
	switch tv.T {
	case "none":
		return nil, nil
	case "bool":
		return string(tv.V) == "true", nil
	case "int", "float", "str", "bytes":
		if err := json.Unmarshal(tv.V, &s); err != nil {
			return nil, err
		}
	}
	switch tv.T {
	case "int":
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return int(n), nil
		}
		b, ok := new(big.Int).SetString(s, 10)
		if !ok {
			return nil, fmt.Errorf("bad int %q", s)
		}
		return b, nil
	case "float":
		return strconv.ParseFloat(s, 64)
	case "str":
		return s, nil
	case "bytes":
		return hex.DecodeString(s)
	case "list", "tuple":
		var items []json.RawMessage
		if err := json.Unmarshal(tv.V, &items); err != nil {
			return nil, err
		}
		l := make([]any, len(items))
		for i, it := range items {
			v, err := TaggedValue(it)
			if err != nil {
				return nil, err
			}
			l[i] = v
		}
		if tv.T == "tuple" {
			return slogpy.Tuple(l), nil
		}
		return l, nil
	case "odict":
		var pairs [][2]json.RawMessage
		if err := json.Unmarshal(tv.V, &pairs); err != nil {
			return nil, err
		}
		d := slogpy.Dict{}
		for _, p := range pairs {
			k, err := TaggedValue(p[0])
			if err != nil {
				return nil, err
			}
			v, err := TaggedValue(p[1])
			if err != nil {
				return nil, err
			}
			d = append(d, slogpy.DictItem{Key: k, Value: v})
		}
		return d, nil
	}
	return nil, fmt.Errorf("unknown tag %q", tv.T)
}

// TaggedRecord builds a record from an ordered list of [key, tagged value]
// pairs, with slogpy.MakeRecordOrdered.
func TaggedRecord(pairs [][2]json.RawMessage) (*slogpy.Record, error) {
	d := make(slogpy.Dict, 0, len(pairs))
	for _, kv := range pairs {
		var k string
		if err := json.Unmarshal(kv[0], &k); err != nil {
			return nil, err
		}
		v, err := TaggedValue(kv[1])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		d = append(d, slogpy.DictItem{Key: k, Value: v})
	}
	return slogpy.MakeRecordOrdered(d)
}
