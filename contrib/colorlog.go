package contrib

import (
	"fmt"
	"io"
	"maps"
	"os"
	"strconv"
	"strings"
	"sync"

	"github.com/slogpy/slogpy/slogpy"
)

// EscapeCodes are colorlog's escape_codes: the ANSI sequences a
// [ColoredFormatter]'s format can name ("%(red)s", "%(bold_blue)s",
// "%(bg_white)s", "%(fg_208)s", "%(reset)s") and colour names in
// LogColors stand for. It must not be modified.
var EscapeCodes = escapeCodes()

func escapeCodes() map[string]string {
	esc := func(codes ...int) string {
		s := make([]string, len(codes))
		for i, c := range codes {
			s[i] = strconv.Itoa(c)
		}
		return "\033[" + strings.Join(s, ";") + "m"
	}
	m := map[string]string{"reset": esc(0), "bold": esc(1), "thin": esc(2)}
	fg := []string{"black", "red", "green", "yellow", "blue", "purple", "cyan", "white"}
	for i, name := range fg {
		for _, n := range []struct {
			name string
			code int
		}{{name, 30 + i}, {"light_" + name, 90 + i}} {
			for _, prefix := range []string{"", "fg_"} {
				m[prefix+n.name] = esc(n.code)
				m[prefix+"bold_"+n.name] = esc(1, n.code)
				m[prefix+"thin_"+n.name] = esc(2, n.code)
			}
			m["bg_"+n.name] = esc(n.code + 10)
		}
		m["bg_bold_"+name] = esc(100 + i) // names kept by colorlog for bright backgrounds
	}
	for code := range 256 {
		m["fg_"+strconv.Itoa(code)] = esc(38, 5, code)
		m["bg_"+strconv.Itoa(code)] = esc(48, 5, code)
	}
	return m
}

// DefaultLogColors are colorlog's default_log_colors.
var DefaultLogColors = map[string]string{
	"DEBUG": "white", "INFO": "green", "WARNING": "yellow", "ERROR": "red", "CRITICAL": "bold_red",
}

// colorlogFormats are colorlog's default formats per style.
var colorlogFormats = map[string]string{
	"%": "%(log_color)s%(levelname)s:%(name)s:%(message)s",
	"{": "{log_color}{levelname}:{name}:{message}",
	"$": "${log_color}${levelname}:${name}:${message}",
}

// ColoredFormatterOptions are the options of [NewColoredFormatter], the
// keyword arguments of colorlog's ColoredFormatter. The zero value gives
// colorlog's defaults.
type ColoredFormatterOptions struct {
	// Format is the format string (fmt). Empty means colorlog's default,
	// "%(log_color)s%(levelname)s:%(name)s:%(message)s" or its equivalent
	// in Style. Besides the record's fields it can name log_color, each
	// NAME_log_color of SecondaryLogColors, and every name of
	// [EscapeCodes].
	Format string
	// Style, Datefmt, UTC, NoValidate and Defaults are those of
	// [slogpy.FormatterOptions].
	Style      string
	Datefmt    string
	UTC        bool
	NoValidate bool
	Defaults   map[string]any
	// LogColors maps level names to colour sequences: comma-separated
	// names of EscapeCodes ("bold_red,bg_white"). nil means
	// [DefaultLogColors]; a level that is not in it gets no colour.
	LogColors map[string]string
	// SecondaryLogColors adds a field NAME_log_color for each NAME,
	// coloured by level from its own map (secondary_log_colors).
	SecondaryLogColors map[string]map[string]string
	// NoReset leaves out the reset sequence colorlog appends to a message
	// that does not already end with it (reset=False).
	NoReset bool
	// Stream is the writer the records go to: when it is not a terminal
	// (see [IsTerminal]), every escape code is empty (stream).
	Stream io.Writer
	// NoColor makes every escape code empty (no_color); ForceColor keeps
	// them, over NoColor, the NO_COLOR variable and Stream (force_color).
	NoColor, ForceColor bool
}

// A ColoredFormatter is colorlog's ColoredFormatter (colorlog.ColoredFormatter
// and its old name colorlog.TTYColoredFormatter): a Python format whose
// fields include ANSI escape codes, log_color giving the colour of the
// record's level. Escape codes are empty, as in colorlog, when NoColor is
// set or the NO_COLOR environment variable is present, or when Stream is
// not a terminal — unless ForceColor is set or FORCE_COLOR is present. The
// environment is read for each record, as colorlog does.
//
// A colour name that is not an escape code is an error when a record of
// that level is formatted (Python's KeyError), not before: colorlog
// accepts it until it is used.
//
// A ColoredFormatter is a [slogpy.RecordFormatter], safe for concurrent
// use. It differs from colorlog in one way: a record attribute named like
// an escape code ("red", "log_color") is printed instead of the code,
// where colorlog prints the code.
type ColoredFormatter struct {
	opts   ColoredFormatterOptions
	format string
	tty    bool
	base   *slogpy.Formatter
	levels sync.Map // levelKey -> *levelFormatter
	nlev   int
	mu     sync.Mutex
}

var _ slogpy.RecordFormatter = (*ColoredFormatter)(nil)

type levelKey struct {
	name  string
	blank bool
}

// levelFormatter formats the records of one level name: the format with
// that level's escape codes as defaults, or the error of its colours.
type levelFormatter struct {
	f     *slogpy.Formatter
	reset string
	err   error
}

// maxLevelFormatters bounds the formatters kept per level name; records of
// further level names compile their format each time.
const maxLevelFormatters = 64

// NewColoredFormatter returns a ColoredFormatter; nil opts means colorlog's
// defaults. The error is for a format or datefmt that Python's
// logging.Formatter would refuse.
func NewColoredFormatter(opts *ColoredFormatterOptions) (*ColoredFormatter, error) {
	f := &ColoredFormatter{}
	if opts != nil {
		f.opts = *opts
	}
	style := f.opts.Style
	if style == "" {
		style = "%"
	}
	f.format = f.opts.Format
	if f.format == "" {
		f.format = colorlogFormats[style]
	}
	if f.opts.LogColors == nil {
		f.opts.LogColors = DefaultLogColors
	}
	if f.opts.Stream != nil {
		f.tty = IsTerminal(f.opts.Stream)
	}
	// Compile once with every name defined, for the construction errors.
	lf := f.compile("", true)
	if lf.err != nil {
		return nil, fmt.Errorf("contrib: ColoredFormatter: %w", lf.err)
	}
	f.base = lf.f
	return f, nil
}

// blank reports whether escape codes are empty now: colorlog's
// _blank_escape_codes.
func (f *ColoredFormatter) blank() bool {
	if f.opts.ForceColor || hasEnv("FORCE_COLOR") {
		return false
	}
	if f.opts.NoColor || hasEnv("NO_COLOR") {
		return true
	}
	return f.opts.Stream != nil && !f.tty
}

func hasEnv(name string) bool { _, ok := os.LookupEnv(name); return ok }

// parseColors is colorlog's parse_colors: the codes of the comma-separated
// names, empty names skipped.
func parseColors(seq string) (string, error) {
	var b strings.Builder
	for _, name := range strings.Split(seq, ",") {
		if name == "" {
			continue
		}
		code, ok := EscapeCodes[name]
		if !ok {
			return "", fmt.Errorf("KeyError: '%s' (not a colorlog colour name in %q)", name, seq)
		}
		b.WriteString(code)
	}
	return b.String(), nil
}

// compile makes the formatter of one level name.
func (f *ColoredFormatter) compile(level string, blank bool) *levelFormatter {
	defaults := make(map[string]any, len(EscapeCodes)+len(f.opts.Defaults)+1+len(f.opts.SecondaryLogColors))
	maps.Copy(defaults, f.opts.Defaults)
	for k, v := range EscapeCodes {
		defaults[k] = v
	}
	code, err := parseColors(f.opts.LogColors[level])
	if err != nil {
		return &levelFormatter{err: fmt.Errorf("log_colors[%q]: %w", level, err)}
	}
	defaults["log_color"] = code
	for name, colors := range f.opts.SecondaryLogColors {
		code, err := parseColors(colors[level])
		if err != nil {
			return &levelFormatter{err: fmt.Errorf("secondary_log_colors[%q][%q]: %w", name, level, err)}
		}
		defaults[name+"_log_color"] = code
	}
	if blank {
		for k := range defaults {
			if _, ok := EscapeCodes[k]; ok || k == "log_color" || f.opts.SecondaryLogColors[strings.TrimSuffix(k, "_log_color")] != nil {
				defaults[k] = ""
			}
		}
	}
	bf, err := slogpy.NewFormatter(f.format, &slogpy.FormatterOptions{
		Datefmt: f.opts.Datefmt, Style: f.opts.Style, UTC: f.opts.UTC,
		NoValidate: f.opts.NoValidate, Defaults: defaults,
	})
	if err != nil {
		return &levelFormatter{err: err}
	}
	return &levelFormatter{f: bf, reset: defaults["reset"].(string)}
}

func (f *ColoredFormatter) forLevel(level string, blank bool) *levelFormatter {
	key := levelKey{level, blank}
	if lf, ok := f.levels.Load(key); ok {
		return lf.(*levelFormatter)
	}
	lf := f.compile(level, blank)
	f.mu.Lock()
	if f.nlev < maxLevelFormatters {
		if old, loaded := f.levels.LoadOrStore(key, lf); loaded {
			lf = old.(*levelFormatter)
		} else {
			f.nlev++
		}
	}
	f.mu.Unlock()
	return lf
}

// Format returns the formatted record, as colorlog's ColoredFormatter.format.
func (f *ColoredFormatter) Format(r *slogpy.Record) (string, error) {
	b, err := f.AppendFormat(nil, r)
	return string(b), err
}

// AppendFormat implements [slogpy.RecordFormatter]: the message part with
// the level's escape codes and the reset, then the exception text and the
// stack, uncoloured, each on a new line.
func (f *ColoredFormatter) AppendFormat(dst []byte, r *slogpy.Record) ([]byte, error) {
	lf := f.forLevel(r.Levelname(), f.blank())
	if lf.err != nil {
		return dst, lf.err
	}
	start := len(dst)
	msg := *r // the message part alone: Python's formatMessage
	msg.ExcInfo, msg.Err, msg.ExcText, msg.StackInfo = false, nil, "", ""
	out, err := lf.f.AppendFormat(dst, &msg)
	if err != nil {
		return dst, err
	}
	if !f.opts.NoReset && !strings.HasSuffix(string(out[start:]), lf.reset) {
		out = append(out, lf.reset...)
	}
	return appendExcStack(out, start, r, lf.f), nil
}

// appendExcStack appends the exception text and the stack as Python's
// Formatter.format does after formatMessage, caching the exception text in
// r.ExcText.
func appendExcStack(dst []byte, start int, r *slogpy.Record, f *slogpy.Formatter) []byte {
	if r.ExcInfo && r.ExcText == "" {
		r.ExcText = f.FormatException(r.Err)
	}
	if r.ExcText != "" {
		if len(dst) == start || dst[len(dst)-1] != '\n' {
			dst = append(dst, '\n')
		}
		dst = append(dst, r.ExcText...)
	}
	if r.StackInfo != "" {
		if len(dst) == start || dst[len(dst)-1] != '\n' {
			dst = append(dst, '\n')
		}
		dst = append(dst, f.FormatStack(r.StackInfo)...)
	}
	return dst
}

// String returns the format, as Python's formatter._fmt.
func (f *ColoredFormatter) String() string { return f.format }
