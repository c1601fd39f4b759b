package pyvalue

import (
	"math"
	"os"
	"strings"
	"testing"
)

func TestDescribe(t *testing.T) {
	for _, c := range []struct {
		v    any
		want string
	}{
		{nil, "null"}, {"a", `"a"`}, {strings.Repeat("x", 70), `"` + strings.Repeat("x", 57) + `..."`},
		{true, "true"}, {1.0, "1.0"}, {1.5, "1.5"}, {[]any{1, 2}, "a list of 2"}, {map[string]any{}, "a mapping"},
		{os.Stdout, "a stream (*os.File)"}, {int64(3), "3"}, {[]int{1}, "a list of 1"}, {map[int]int{}, "a map[int]int"},
		{func() {}, "a function (func())"}, {struct{}{}, "a struct {}"},
	} {
		if got := Describe(c.v); got != c.want {
			t.Errorf("Describe(%#v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestWalkAndHasNaN(t *testing.T) {
	v := map[string]any{"a": []any{1, map[string]any{"b": 2.5}}, "c": "x"}
	var leaves int
	if !Walk(v, func(any) bool { leaves++; return true }) || leaves != 3 {
		t.Errorf("Walk visited %d leaves, want 3", leaves)
	}
	if Walk(v, func(x any) bool { _, ok := x.(string); return !ok }) {
		t.Error("Walk did not stop at a false leaf")
	}
	if HasNaN(v) || !HasNaN([]any{1, map[string]any{"n": math.NaN()}}) {
		t.Error("HasNaN")
	}
}
