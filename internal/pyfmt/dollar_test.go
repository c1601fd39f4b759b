package pyfmt

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCompileDollar(t *testing.T) {
	tmpl, err := CompileDollar("$$5 $asctime ${levelname}s: $msg_1$$")
	require.NoError(t, err)
	require.Len(t, tmpl.Fields, 3)
	for i, want := range []Field{
		{Literal: "$5 ", Name: "asctime"},
		{Literal: " ", Name: "levelname"},
		{Literal: "s: ", Name: "msg_1"},
	} {
		f := tmpl.Fields[i]
		require.Equal(t, want.Literal, f.Literal)
		require.Equal(t, want.Name, f.Name)
		require.True(t, f.Simple())
	}
	require.Equal(t, "$", tmpl.Tail)

	out, err := formatFields(tmpl, map[string]any{"asctime": "now", "levelname": "INFO", "msg_1": 2.0})
	require.NoError(t, err)
	require.Equal(t, "$5 now INFOs: 2.0$", string(out))
}

func TestCompileDollarErrors(t *testing.T) {
	tests := []struct{ format, err string }{
		{"abc $", "ValueError: Invalid placeholder in string: line 1, col 5"},
		{"$1", "ValueError: Invalid placeholder in string: line 1, col 1"},
		{"a\nb\r\nc\rd $!", "ValueError: Invalid placeholder in string: line 4, col 3"},
		{"ééé ${x", "ValueError: Invalid placeholder in string: line 1, col 5"},
		{"${é}", "ValueError: Invalid placeholder in string: line 1, col 1"},
		{"\u2028$", "ValueError: Invalid placeholder in string: line 2, col 1"},
	}
	for _, tt := range tests {
		_, err := CompileDollar(tt.format)
		require.EqualError(t, err, tt.err, tt.format)
	}
}
