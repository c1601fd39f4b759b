package adapter_test

import (
	"log/slog"
	"testing"

	"github.com/slogpy/slogpy/adapter"
)

// FuzzDefaultProcess checks DefaultProcess against a plain model of
// Python's process() for any adapter extra and call: the %-arguments keep
// their order; without merging the attributes are the adapter's; with it,
// they are {**extra, **call}: the adapter's keys in order with the call's
// last value, then the call's other keys.
func FuzzDefaultProcess(f *testing.F) {
	f.Add([]byte("ab"), []byte("b1c"), true)
	f.Add([]byte(""), []byte("aa"), true)
	f.Add([]byte("abc"), []byte("1x2"), false)
	f.Fuzz(func(t *testing.T, extraKeys, call []byte, merge bool) {
		var extra []slog.Attr
		seen := map[byte]bool{}
		for i, k := range extraKeys {
			if !seen[k] { // a Python dict has each key once
				seen[k] = true
				extra = append(extra, slog.Int(string(k), i))
			}
		}
		// Digits in call are %-arguments, other bytes attribute keys.
		var args []any
		for i, c := range call {
			if c >= '0' && c <= '9' {
				args = append(args, int(c-'0'))
			} else {
				args = append(args, slog.Int(string(c), 100+i))
			}
		}
		a := adapter.New(nil, extra, &adapter.Options{MergeExtra: merge})
		_, out := a.DefaultProcess("m", args)

		var gotPlain, wantPlain []any
		var gotAttrs []slog.Attr
		for _, x := range out {
			if at, ok := x.(slog.Attr); ok {
				gotAttrs = append(gotAttrs, at)
			} else {
				gotPlain = append(gotPlain, x)
			}
		}
		callValue := map[string]slog.Attr{}
		var callOrder []string
		for _, x := range args {
			if at, ok := x.(slog.Attr); ok {
				if _, dup := callValue[at.Key]; !dup {
					callOrder = append(callOrder, at.Key)
				}
				callValue[at.Key] = at
			} else {
				wantPlain = append(wantPlain, x)
			}
		}
		wantAttrs := extra
		if merge && len(callValue) > 0 {
			wantAttrs = nil
			inExtra := map[string]bool{}
			for _, e := range extra {
				inExtra[e.Key] = true
				if v, ok := callValue[e.Key]; ok {
					e = v
				}
				wantAttrs = append(wantAttrs, e)
			}
			for _, x := range args { // the call's other attributes, every one, in order
				if at, ok := x.(slog.Attr); ok && !inExtra[at.Key] {
					wantAttrs = append(wantAttrs, at)
				}
			}
		}
		if len(gotPlain) != len(wantPlain) {
			t.Fatalf("plain args %v, want %v", gotPlain, wantPlain)
		}
		for i := range gotPlain {
			if gotPlain[i] != wantPlain[i] {
				t.Fatalf("plain args %v, want %v", gotPlain, wantPlain)
			}
		}
		if len(gotAttrs) != len(wantAttrs) {
			t.Fatalf("attrs %v, want %v", gotAttrs, wantAttrs)
		}
		for i := range gotAttrs {
			if !gotAttrs[i].Equal(wantAttrs[i]) {
				t.Fatalf("attrs %v, want %v", gotAttrs, wantAttrs)
			}
		}
		if len(args) > 0 && len(out) > 0 && &args[0] == &out[0] {
			t.Fatalf("DefaultProcess returned the caller's array")
		}
	})
}
