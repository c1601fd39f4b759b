package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/ianaindex"
	"gopkg.in/ini.v1"
)

// FileConfigOptions are the options of [FileConfig]: Python's
// fileConfig(fname, defaults, disable_existing_loggers, encoding). The
// zero value gives Python's defaults.
type FileConfigOptions struct {
	Options
	// Defaults are values for %(name)s references in the file, under its
	// own [DEFAULT] section (Python's defaults argument).
	Defaults map[string]string
	// KeepExistingLoggers leaves loggers that the file does not name
	// enabled (Python's disable_existing_loggers=False), as
	// Options.KeepExistingLoggers does; either is enough. false disables
	// them, as Python does by default.
	KeepExistingLoggers bool
	// Encoding is the file's encoding, a Python codec name ("utf-8",
	// "latin-1", "cp1252"…). Empty means UTF-8 (a leading byte-order mark
	// is skipped).
	Encoding string
}

// FileConfig configures logging from an INI file in the format of
// Python's logging.config.fileConfig: [loggers], [handlers] and
// [formatters] with keys=, [logger_x] with level, handlers, qualname and
// propagate, [handler_x] with class, level, formatter, args, kwargs (and
// target for a MemoryHandler), [formatter_x] with format, datefmt, style,
// defaults and class. %(name)s references are expanded as Python's
// ConfigParser does, from the section, [DEFAULT] and opts.Defaults. nil
// opts means defaults.
//
// Python evaluates args=, kwargs= and defaults= as code. FileConfig parses
// them as Python literals and never runs anything: strings, numbers,
// True, False, None, tuples, lists, dicts, arithmetic, sys.stdout,
// sys.stderr and the constants of the logging module (DEBUG,
// handlers.SYSLOG_UDP_PORT…); a function call, an attribute other than
// those, __import__ or any other name is an error naming the column. So
// a file that CPython would run as code is refused here.
//
// As [DictConfig], the file is checked and its handlers built before the
// logger tree changes, and an error leaves the previous configuration in
// place; errors name the file, the section and the key:
// "config: logging.conf: [handler_file] args[2] (maxBytes): want an
// integer, got \"ten\"".
func FileConfig(path string, opts *FileConfigOptions) error {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return &Error{Source: path, Err: errors.New("file doesn't exist")}
		}
		return &Error{Source: path, Err: err}
	}
	if len(data) == 0 {
		return &Error{Source: path, Err: errors.New("the file is empty")}
	}
	return fileConfigBytes(data, path, opts)
}

func fileConfigBytes(data []byte, source string, opts *FileConfigOptions) error {
	var fo FileConfigOptions
	if opts != nil {
		fo = *opts
	}
	o := resolveOptions(&fo.Options)
	cp, err := readINI(data, fo.Encoding, fo.Defaults)
	if err != nil {
		return &Error{Source: source, Err: err}
	}
	disable := !o.keepExisting && !fo.KeepExistingLoggers
	return o.apply(source, func(errs *errorList) (*spec, *resolver) { return o.parseINI(cp, source, disable, errs) })
}

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
