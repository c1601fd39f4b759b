// Package decode reads a dictConfig dictionary from JSON or YAML as
// Python reads it: json.loads, and PyYAML's safe_load for YAML (yes, no,
// on and off are booleans, merge keys work, language-specific tags are
// refused, aliases are bounded).
package decode

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/slogpy/slogpy/config/internal/pyvalue"
	"go.yaml.in/yaml/v3"
)

// maxDecodedNodes bounds the values a YAML document may expand to through
// aliases ("billion laughs").
const maxDecodedNodes = 1 << 20

// Dict parses a JSON object or YAML mapping. format is "json", "yaml", or
// "" to tell by the first character.
func Dict(data []byte, format string) (map[string]any, error) {
	if format == "" {
		format = "yaml"
		if t := bytes.TrimLeft(data, " \t\r\n\ufeff"); len(t) > 0 && t[0] == '{' {
			format = "json"
		}
	}
	if format == "json" {
		return JSON(data)
	}
	return decodeYAML(data)
}

// JSON parses a JSON object as Python's json.loads: integers stay
// integers (int64), other numbers are float64.
func JSON(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("invalid JSON: %s", jsonErr(data, err))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("invalid JSON: data after the top-level object (offset %d)", dec.InputOffset())
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("invalid configuration: want a JSON object, got %s", pyvalue.Describe(v))
	}
	out, err := jsonValue(m)
	if err != nil {
		return nil, err
	}
	return out.(map[string]any), nil
}

// jsonErr adds the line and column to a JSON syntax error.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line, col := lineCol(data, int(se.Offset))
		return fmt.Sprintf("line %d column %d: %v", line, col, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line, col := lineCol(data, int(te.Offset))
		return fmt.Sprintf("line %d column %d: %v", line, col, err)
	}
	return err.Error()
}

func lineCol(data []byte, off int) (int, int) {
	off = min(max(off, 0), len(data))
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(data[:off], '\n')
	return line, col
}

func jsonValue(v any) (any, error) {
	switch x := v.(type) {
	case json.Number:
		return pyNumber(x.String())
	case []any:
		for i, e := range x {
			c, err := jsonValue(e)
			if err != nil {
				return nil, err
			}
			x[i] = c
		}
	case map[string]any:
		for k, e := range x {
			c, err := jsonValue(e)
			if err != nil {
				return nil, err
			}
			x[k] = c
		}
	}
	return v, nil
}

// pyNumber parses a JSON number as Python does: without a point or an
// exponent it is an integer.
func pyNumber(s string) (any, error) {
	if !strings.ContainsAny(s, ".eE") {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return n, nil
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return nil, fmt.Errorf("invalid number %s", s)
	}
	if math.IsInf(f, 0) {
		return nil, fmt.Errorf("number %s out of range", s)
	}
	return f, nil
}

// decodeYAML parses a YAML mapping as PyYAML's safe_load: YAML 1.1
// booleans (yes, no, on, off in any of their three spellings), integers,
// floats, null; anchors, aliases and merge keys.
func decodeYAML(data []byte) (map[string]any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("invalid YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Kind == 0 {
		return nil, errors.New("invalid configuration: the YAML document is empty")
	}
	d := &yamlDecoder{}
	v, err := d.value(&doc, 0)
	if err != nil {
		return nil, err
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("invalid configuration: want a YAML mapping, got %s", pyvalue.Describe(v))
	}
	return m, nil
}

type yamlDecoder struct {
	nodes int
}

// yaml11Bools are the booleans of YAML 1.1, which PyYAML reads and
// yaml.v3 leaves as strings.
var yaml11Bools = map[string]bool{
	"yes": true, "Yes": true, "YES": true, "on": true, "On": true, "ON": true,
	"no": false, "No": false, "NO": false, "off": false, "Off": false, "OFF": false,
}

func (d *yamlDecoder) value(n *yaml.Node, depth int) (any, error) {
	d.nodes++
	if d.nodes > maxDecodedNodes {
		return nil, fmt.Errorf("invalid YAML: the document expands to more than %d values (aliases)", maxDecodedNodes)
	}
	if depth > 200 {
		return nil, fmt.Errorf("invalid YAML: line %d: nested more than 200 deep", n.Line)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return d.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		return d.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, c := range n.Content {
			v, err := d.value(c, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := map[string]any{}
		explicit := map[string]bool{}
		var merges []*yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
				merges = append(merges, v)
				continue
			}
			kv, err := d.value(k, depth+1)
			if err != nil {
				return nil, err
			}
			var key string
			switch x := kv.(type) {
			case string:
				key = x
			case int64, float64, bool:
				key = fmt.Sprint(x)
			case nil:
				key = "None"
			default:
				return nil, fmt.Errorf("invalid configuration: line %d: a mapping key must be a scalar, got %s", k.Line, pyvalue.Describe(kv))
			}
			if explicit[key] {
				return nil, fmt.Errorf("invalid YAML: line %d: duplicate key %q", k.Line, key)
			}
			explicit[key] = true
			val, err := d.value(v, depth+1)
			if err != nil {
				return nil, err
			}
			out[key] = val
		}
		for _, m := range merges {
			if err := d.merge(out, explicit, m, depth+1); err != nil {
				return nil, err
			}
		}
		return out, nil
	case yaml.ScalarNode:
		return d.scalar(n)
	}
	return nil, fmt.Errorf("invalid YAML: line %d: unexpected node", n.Line)
}

// merge applies a merge key (<<: *base or <<: [*a, *b]): keys not set
// explicitly come from the merged mappings, the first one winning.
func (d *yamlDecoder) merge(out map[string]any, explicit map[string]bool, n *yaml.Node, depth int) error {
	src := n
	if src.Kind == yaml.AliasNode {
		src = src.Alias
	}
	var maps []*yaml.Node
	switch src.Kind {
	case yaml.MappingNode:
		maps = []*yaml.Node{n}
	case yaml.SequenceNode:
		maps = src.Content
	default:
		return fmt.Errorf("invalid YAML: line %d: a merge key needs a mapping or a list of mappings", n.Line)
	}
	for _, mn := range maps {
		v, err := d.value(mn, depth+1)
		if err != nil {
			return err
		}
		m, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("invalid YAML: line %d: a merge key needs a mapping or a list of mappings", mn.Line)
		}
		for k, e := range m {
			if _, set := out[k]; !set && !explicit[k] {
				out[k] = e
			}
		}
	}
	return nil
}

func (d *yamlDecoder) scalar(n *yaml.Node) (any, error) {
	switch n.Tag {
	case "!!str", "":
		if n.Style == 0 {
			if b, ok := yaml11Bools[n.Value]; ok {
				return b, nil
			}
		}
		return n.Value, nil
	case "!!null":
		return nil, nil
	case "!!bool":
		var b bool
		if err := n.Decode(&b); err != nil {
			return nil, fmt.Errorf("invalid YAML: line %d: %v", n.Line, err)
		}
		return b, nil
	case "!!int":
		var i int64
		if err := n.Decode(&i); err == nil {
			return i, nil
		}
		var f float64
		if err := n.Decode(&f); err == nil && !math.IsInf(f, 0) {
			return f, nil
		}
		return nil, fmt.Errorf("invalid YAML: line %d: integer %s out of range", n.Line, n.Value)
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil {
			return nil, fmt.Errorf("invalid YAML: line %d: %v", n.Line, err)
		}
		return f, nil
	case "!!timestamp", "!!binary":
		return n.Value, nil
	}
	return nil, fmt.Errorf("invalid YAML: line %d: unsupported tag %s (safe YAML has no language-specific tags)", n.Line, n.Tag)
}
