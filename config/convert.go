package config

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// resolver resolves the names a configuration's values use: ext:// and
// cfg:// references (dictConfig), class names, and the handlers of the
// configuration.
type resolver struct {
	reg *Registry
	// root is the dictionary, for cfg:// references; nil for fileConfig.
	root map[string]any
	// converting resolves ext:// and cfg:// in string values (dictConfig);
	// fileConfig values are Python literals and stay as they are.
	converting     bool
	stdout, stderr io.Writer
	// declared holds the names of the configuration's handlers.
	declared map[string]bool
}

// maxDepth bounds cfg:// indirection.
const maxDepth = 32

var convertPattern = regexp.MustCompile(`^([a-z]+)://(.*)$`)

// convert resolves an ext:// or cfg:// string, as Python's
// BaseConfigurator.convert does when a value is read by key or index.
// Lists and mappings are returned as they are: their elements are
// converted when read by key (cfg:// steps, a factory's arguments), and
// not when iterated, as in CPython.
func (c *resolver) convert(v any, depth int) (any, error) {
	s, ok := v.(string)
	if !ok || !c.converting {
		return v, nil
	}
	if depth > maxDepth {
		return nil, fmt.Errorf("cfg:// references nest more than %d deep (a cycle?)", maxDepth)
	}
	m := convertPattern.FindStringSubmatch(s)
	if m == nil {
		return s, nil
	}
	switch m[1] {
	case "ext":
		return c.ext(m[2])
	case "cfg":
		return c.cfg(m[2], depth)
	}
	return s, nil
}

// ext resolves an ext:// name: sys.stdout, sys.stderr, a registered value
// or a registered class.
func (c *resolver) ext(name string) (any, error) {
	name = strings.TrimSpace(name)
	switch name {
	case "sys.stdout":
		return c.stdout, nil
	case "sys.stderr":
		return c.stderr, nil
	}
	if v, ok := c.reg.lookupValue(name); ok {
		return v, nil
	}
	if cl, ok := c.reg.lookupClass(name); ok {
		return classRef{cl}, nil
	}
	return nil, fmt.Errorf("cannot resolve ext://%s: no such value or class (known values: %s)", name, known(name, c.reg.valueNames()))
}

var (
	cfgWord  = regexp.MustCompile(`^\s*(\w+)\s*`)
	cfgDot   = regexp.MustCompile(`^\.\s*(\w+)\s*`)
	cfgIndex = regexp.MustCompile(`^\[([^\[\]]*)\]\s*`)
	cfgDigit = regexp.MustCompile(`^\d+$`)
)

// cfg resolves a cfg:// reference against the dictionary, as Python's
// cfg_convert: a key, then .key and [key] or [index] steps, each value
// converted as it is read. handlers.NAME is the handler NAME once made.
func (c *resolver) cfg(ref string, depth int) (any, error) {
	if c.root == nil {
		return nil, fmt.Errorf("cfg://%s: no dictionary to refer to", ref)
	}
	m := cfgWord.FindStringSubmatch(ref)
	if m == nil {
		return nil, fmt.Errorf("unable to convert cfg://%s: it must start with a key", ref)
	}
	rest := ref[len(m[0]):]
	cur, ok := c.root[m[1]]
	if !ok {
		return nil, fmt.Errorf("cfg://%s: the configuration has no key %q", ref, m[1])
	}
	var err error
	if cur, err = c.convert(cur, depth+1); err != nil {
		return nil, err
	}
	steps := 0
	for rest != "" {
		var key string
		isIndex := false
		if m := cfgDot.FindStringSubmatch(rest); m != nil {
			key, rest = m[1], rest[len(m[0]):]
		} else if m := cfgIndex.FindStringSubmatch(rest); m != nil {
			key, rest, isIndex = strings.TrimSpace(m[1]), rest[len(m[0]):], true
		} else {
			return nil, fmt.Errorf("unable to convert cfg://%s at %q", ref, rest)
		}
		steps++
		if steps == 1 && rest == "" && m[1] == "handlers" && c.declared[key] {
			return handlerName(key), nil
		}
		next, err := cfgStep(cur, key, isIndex)
		if err != nil {
			return nil, fmt.Errorf("cfg://%s: %w", ref, err)
		}
		if cur, err = c.convert(next, depth+1); err != nil {
			return nil, err
		}
	}
	return cur, nil
}

func cfgStep(cur any, key string, isIndex bool) (any, error) {
	if isIndex && cfgDigit.MatchString(key) {
		if list, ok := toList(cur); ok {
			n, err := strconv.Atoi(key)
			if err != nil || n >= len(list) {
				return nil, fmt.Errorf("index %s out of range (%d items)", key, len(list))
			}
			return list[n], nil
		}
	}
	if m, ok := cur.(map[string]any); ok {
		v, ok := m[key]
		if !ok {
			return nil, fmt.Errorf("no key %q", key)
		}
		return v, nil
	}
	return nil, fmt.Errorf("cannot look up %q in %s", key, describe(cur))
}
