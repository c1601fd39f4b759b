package pyfmt_test

import (
	"fmt"

	"github.com/slogpy/slogpy/internal/pyfmt"
)

func ExampleAppend() {
	b, err := pyfmt.Append(nil, "%-6s|%5.1f|%#x|%r", []any{"user", 2.25, 255, "it's"})
	fmt.Println(string(b), err)

	_, err = pyfmt.Append(nil, "%s and %s", []any{"one"})
	fmt.Println(err)
	// Output:
	// user  |  2.2|0xff|"it's" <nil>
	// TypeError: not enough arguments for format string
}

func ExampleCompile() {
	tmpl, err := pyfmt.Compile("%(levelname)-8s %(name)s: %(message)s")
	if err != nil {
		panic(err)
	}
	record := map[string]any{"levelname": "INFO", "name": "app", "message": "started"}
	var b []byte
	for _, d := range tmpl.Directives {
		b = append(b, d.Literal...)
		if b, err = d.AppendValue(b, record[d.Key]); err != nil {
			panic(err)
		}
	}
	b = append(b, tmpl.Tail...)
	fmt.Println(string(b))
	// Output: INFO     app: started
}

func ExampleCompileBrace() {
	tmpl, err := pyfmt.CompileBrace("[{name!r:>8}] {count:_d} {ratio:.1%}")
	if err != nil {
		panic(err)
	}
	values := map[string]any{"name": "db", "count": 1234567, "ratio": 0.25}
	var b []byte
	for _, f := range tmpl.Fields {
		b = append(b, f.Literal...)
		if b, err = f.AppendValue(b, values[f.Name]); err != nil {
			panic(err)
		}
	}
	fmt.Println(string(append(b, tmpl.Tail...)))

	_, err = pyfmt.CompileBrace("{name} }")
	fmt.Println(err)
	// Output:
	// [    'db'] 1_234_567 25.0%
	// ValueError: Single '}' encountered in format string
}

func ExampleCompileDollar() {
	_, err := pyfmt.CompileDollar("cost: $5")
	fmt.Println(err)
	// Output: ValueError: Invalid placeholder in string: line 1, col 7
}

func ExampleAppendRepr() {
	v := map[string]any{"b": []any{1, 2.0, nil}, "a": "it's"}
	fmt.Println(string(pyfmt.AppendRepr(nil, v)))
	fmt.Println(string(pyfmt.AppendASCII(nil, "héllo\n")))
	// Output:
	// {'a': "it's", 'b': [1, 2.0, None]}
	// 'h\xe9llo\n'
}
