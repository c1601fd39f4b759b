package config

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/ianaindex"
	"gopkg.in/ini.v1"
)

// iniFile is a parsed INI file: Python's ConfigParser.
type iniFile struct {
	sections map[string]*iniSection
	order    []string
	defaults map[string]string
}

type iniSection struct {
	name   string
	values map[string]string
}

// iniOptions make ini.v1 read files as Python's ConfigParser: keys in
// lower case, = and : as delimiters, no inline comments, quotes kept,
// indented continuation lines, and duplicates kept so they can be
// refused.
var iniOptions = ini.LoadOptions{
	InsensitiveKeys:            true,
	IgnoreInlineComment:        true,
	AllowPythonMultilineValues: true,
	PreserveSurroundedQuote:    true,
	KeyValueDelimiters:         "=:",
	AllowShadows:               true,
	AllowDuplicateShadowValues: true,
	AllowNonUniqueSections:     true,
	SpaceBeforeInlineComment:   false,
}

// readINI reads an INI file with ini.v1 and checks what Python's
// ConfigParser (strict) refuses: text before the first section, duplicate
// sections, duplicate keys.
func readINI(data []byte, encoding string, defaults map[string]string) (*iniFile, error) {
	text, err := decodeText(data, encoding)
	if err != nil {
		return nil, err
	}
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' || t[0] == ';' {
			continue
		}
		if t[0] != '[' {
			return nil, fmt.Errorf("line %d: file contains no section headers (found %q before the first [section])", i+1, t)
		}
		break
	}
	f, err := ini.LoadSources(iniOptions, []byte(text))
	if err != nil {
		return nil, fmt.Errorf("invalid INI file: %v", err)
	}
	cp := &iniFile{sections: map[string]*iniSection{}, defaults: map[string]string{}}
	for k, v := range defaults {
		cp.defaults[strings.ToLower(k)] = v
	}
	seenDefault := false
	for _, s := range f.Sections() {
		name := s.Name()
		if name == ini.DefaultSection {
			if len(s.Keys()) == 0 && !seenDefault {
				seenDefault = true // the section ini.v1 always has
				continue
			}
			seenDefault = true
		}
		values := map[string]string{}
		for _, k := range s.Keys() {
			if vs := k.ValueWithShadows(); len(vs) > 1 {
				return nil, fmt.Errorf("[%s] %s: the key is given %d times", name, k.Name(), len(vs))
			}
			values[k.Name()] = pythonValue(k.Value())
		}
		if name == ini.DefaultSection {
			for k, v := range values {
				cp.defaults[k] = v
			}
			continue
		}
		if _, dup := cp.sections[name]; dup {
			return nil, fmt.Errorf("[%s]: the section is given twice", name)
		}
		cp.sections[name] = &iniSection{name: name, values: values}
		cp.order = append(cp.order, name)
	}
	return cp, nil
}

// pythonValue joins a multi-line value as ConfigParser does: each line
// stripped, the whole stripped at the end.
func pythonValue(v string) string {
	if !strings.Contains(v, "\n") {
		return strings.TrimSpace(v)
	}
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), " \t\r\n")
}

// decodeText converts the file to UTF-8.
func decodeText(data []byte, encoding string) (string, error) {
	n := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(encoding)), "_", "-")
	switch n {
	case "", "utf-8", "utf8", "utf-8-sig", "locale":
		data = bytes.TrimPrefix(data, []byte("\ufeff"))
		return string(bytes.ToValidUTF8(data, []byte("\ufffd"))), nil
	case "latin-1", "latin1":
		n = "iso-8859-1"
	}
	if strings.HasPrefix(n, "cp") {
		n = "windows-" + n[2:]
	}
	enc, err := ianaindex.IANA.Encoding(n)
	if err != nil || enc == nil {
		return "", fmt.Errorf("unknown encoding %q", encoding)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("decoding the file as %s: %w", encoding, err)
	}
	return string(out), nil
}

// raw returns an option without interpolation, from the section or the
// defaults (ConfigParser.get(raw=True)).
func (cp *iniFile) raw(sec *iniSection, key string) (string, bool) {
	if v, ok := sec.values[key]; ok {
		return v, true
	}
	v, ok := cp.defaults[key]
	return v, ok
}

// get returns an option with %(name)s references expanded, as
// ConfigParser's BasicInterpolation.
func (cp *iniFile) get(sec *iniSection, key string) (string, bool, error) {
	v, ok := cp.raw(sec, key)
	if !ok {
		return "", false, nil
	}
	out, err := cp.interpolate(sec, key, v, 1)
	return out, true, err
}

var interpKey = regexp.MustCompile(`^%\(([^)]+)\)s`)

// interpolate is ConfigParser's BasicInterpolation._interpolate_some.
func (cp *iniFile) interpolate(sec *iniSection, key, rest string, depth int) (string, error) {
	if depth > 10 {
		return "", fmt.Errorf("[%s] %s: %%(…)s references nest more than 10 deep", sec.name, key)
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(rest, '%')
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		b.WriteString(rest[:i])
		rest = rest[i:]
		if len(rest) < 2 {
			return "", fmt.Errorf("[%s] %s: '%%' must be followed by '%%' or '(', found: %q", sec.name, key, rest)
		}
		switch rest[1] {
		case '%':
			b.WriteByte('%')
			rest = rest[2:]
		case '(':
			m := interpKey.FindStringSubmatch(rest)
			if m == nil {
				return "", fmt.Errorf("[%s] %s: bad interpolation variable reference %q", sec.name, key, rest)
			}
			name := strings.ToLower(m[1])
			rest = rest[len(m[0]):]
			v, ok := cp.raw(sec, name)
			if !ok {
				return "", fmt.Errorf("[%s] %s: bad value substitution: %%(%s)s refers to no option of the section or [DEFAULT]", sec.name, key, m[1])
			}
			if strings.Contains(v, "%") {
				var err error
				if v, err = cp.interpolate(sec, key, v, depth+1); err != nil {
					return "", err
				}
			}
			b.WriteString(v)
		default:
			return "", fmt.Errorf("[%s] %s: '%%' must be followed by '%%' or '(', found: %q", sec.name, key, rest)
		}
	}
}
