package contrib

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/term"
	"golang.org/x/text/width"

	"github.com/slogpy/slogpy/internal/pytime"
	"github.com/slogpy/slogpy/slogpy"
)

// RichHandlerOptions are the options of [NewRichHandler], the keyword
// arguments of rich's RichHandler and of its console. The zero value gives
// rich's defaults.
type RichHandlerOptions struct {
	slogpy.HandlerOptions
	// Writer is the console's file; nil means standard output, as rich's
	// default console.
	Writer io.Writer
	// Width is the console's width in cells. Zero means rich's choice: the
	// COLUMNS environment variable, else the size of the terminal on
	// standard input, output or error, else 80.
	Width int
	// HideTime, HideLevel and HidePath drop the time, level and path
	// columns (show_time, show_level, show_path = False).
	HideTime, HideLevel, HidePath bool
	// KeepRepeatedTimes prints the time on every line; by default a time
	// equal to the previous line's is blank (omit_repeated_times).
	KeepRepeatedTimes bool
	// LogTimeFormat is the strftime format of the time column
	// (log_time_format); empty means "[%x %X]". The datefmt of the
	// handler's formatter replaces it, as in rich, when the formatter has a
	// Datefmt() string method.
	LogTimeFormat string
}

// A RichHandler writes records in the column layout of rich's
// rich.logging.RichHandler on a console that is not a terminal: the time,
// the level name padded to eight cells, the message wrapped to the width
// left, and the file name and line of the call, one space apart and the
// whole line padded to the console's width. Continuation lines of the
// message leave the other columns blank. The message is what the
// handler's formatter makes (by default "%(message)s", with the exception
// text), wrapped as rich wraps: at spaces, a word longer than the column
// cut into pieces.
//
// It differs from rich's in these ways: it writes no colours or styles,
// on a terminal too; markup=True and rich_tracebacks=True have no effect
// (the message is printed as plain text, the traceback as the formatter
// writes it); character widths follow Unicode's East Asian Width, where
// rich has its own table; and a console too narrow to leave the message at
// least one cell keeps one cell for it, where rich squeezes the other
// columns.
//
// Its methods are safe for concurrent use.
type RichHandler struct {
	slogpy.HandlerBase
	mu       sync.Mutex // the handler's lock (Python's acquire and release)
	w        io.Writer
	width    int
	opts     RichHandlerOptions
	timeFmt  *pytime.Layout
	lastTime string
}

var _ slogpy.Handler = (*RichHandler)(nil)

// NewRichHandler returns a RichHandler; nil opts means rich's defaults.
// The error is for a LogTimeFormat that does not compile.
func NewRichHandler(opts *RichHandlerOptions) (*RichHandler, error) {
	h := &RichHandler{}
	if opts != nil {
		h.opts = *opts
	}
	h.w = h.opts.Writer
	if h.w == nil {
		h.w = stdout{}
	}
	h.width = h.opts.Width
	if h.width <= 0 {
		h.width = consoleWidth()
	}
	tf := h.opts.LogTimeFormat
	if tf == "" {
		tf = "[%x %X]"
	}
	l, err := pytime.Compile(tf)
	if err != nil {
		return nil, err
	}
	h.timeFmt = l
	h.Configure(&h.opts.HandlerOptions)
	return h, nil
}

// stdout writes to whatever os.Stdout is at the time.
type stdout struct{}

func (stdout) Write(p []byte) (int, error) { return os.Stdout.Write(p) }

// consoleWidth is rich's Console width when none is given.
func consoleWidth() int {
	if c := os.Getenv("COLUMNS"); c != "" {
		if n, err := strconv.Atoi(c); err == nil && n > 0 && strings.Trim(c, "0123456789") == "" {
			return n
		}
	}
	for _, fd := range []int{0, 1, 2} {
		if w, _, err := term.GetSize(fd); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

// Emit implements [slogpy.Handler].
func (h *RichHandler) Emit(r *slogpy.Record) error {
	msg, err := h.Format(nil, r)
	if err != nil {
		return err
	}
	var timeText string
	if !h.opts.HideTime {
		layout := h.timeFmt
		if f, ok := h.Formatter().(interface{ Datefmt() string }); ok {
			if df := f.Datefmt(); df != "" {
				if l, err := pytime.Compile(df); err == nil {
					layout = l
				}
			}
		}
		timeText = string(layout.Append(nil, fromTimestamp(r.Created()).Local()))
	}
	var level, path string
	if !h.opts.HideLevel {
		level = r.Levelname()
		if n := utf8.RuneCountInString(level); n < 8 {
			level += strings.Repeat(" ", 8-n)
		}
	}
	if !h.opts.HidePath {
		if p := r.Pathname(); p != "" {
			path = filepath.Base(p)
			if n := r.Lineno(); n != 0 {
				path += ":" + strconv.Itoa(n)
			}
		}
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	shownTime := timeText
	if !h.opts.HideTime && !h.opts.KeepRepeatedTimes {
		if timeText == h.lastTime {
			shownTime = strings.Repeat(" ", cellLen(timeText))
		} else {
			h.lastTime = timeText
		}
	}
	out := h.layout(shownTime, level, string(msg), path)
	_, err = h.w.Write(out)
	return err
}

// layout renders one row of rich's log table (Table.grid, padding (0, 1),
// expand) without styles.
func (h *RichHandler) layout(timeText, level, msg, path string) []byte {
	type column struct {
		lines []string
		width int
	}
	var cols []column
	fixed := 0
	add := func(text string) {
		w := cellLen(text)
		cols = append(cols, column{[]string{text}, w})
		fixed += w
	}
	if !h.opts.HideTime {
		add(timeText)
	}
	if !h.opts.HideLevel {
		add(level)
	}
	msgAt := len(cols)
	cols = append(cols, column{})
	if path != "" {
		add(path)
	}
	mw := max(1, h.width-fixed-(len(cols)-1))
	cols[msgAt] = column{wrapText(msg, mw), mw}
	rows := 0
	for _, c := range cols {
		rows = max(rows, len(c.lines))
	}
	var b []byte
	for i := range rows {
		for j, c := range cols {
			if j > 0 {
				b = append(b, ' ')
			}
			var s string
			if i < len(c.lines) {
				s = c.lines[i]
			}
			b = append(b, s...)
			for n := cellLen(s); n < c.width; n++ {
				b = append(b, ' ')
			}
		}
		b = append(b, '\n')
	}
	return b
}

// stripControl is rich's strip_control_codes: BEL, BS, VT, FF and CR go.
var stripControl = strings.NewReplacer("\a", "", "\b", "", "\v", "", "\f", "", "\r", "")

// wrapText is rich's Text.wrap with overflow "fold" and justify
// "default": each line of text (tabs expanded to 8) divided as rich's
// divide_line does, whitespace beyond the width cut from the end.
func wrapText(text string, width int) []string {
	var out []string
	for _, line := range strings.Split(stripControl.Replace(text), "\n") {
		if strings.Contains(line, "\t") {
			line = expandTabs(line, 8)
		}
		prev := 0
		for _, at := range divideLine(line, width) {
			out = append(out, rstripEnd(line[prev:at], width))
			prev = at
		}
		out = append(out, rstripEnd(line[prev:], width))
	}
	return out
}

var reWord = regexp.MustCompile(`^\s*\S+\s*`)

// divideLine is rich 13.3's divide_line: the byte offsets where text is
// broken into lines of at most width cells.
func divideLine(text string, width int) []int {
	var divides []int
	pos := 0
	for start := 0; start < len(text); {
		loc := reWord.FindStringIndex(text[start:])
		if loc == nil {
			break
		}
		word := text[start : start+loc[1]]
		end := start + loc[1]
		wordLen := cellLen(strings.TrimRightFunc(word, unicode.IsSpace))
		switch {
		case pos+wordLen <= width:
			pos += cellLen(word)
		case wordLen > width:
			chunks := chopCells(word, width)
			for i, chunk := range chunks {
				if start != 0 {
					divides = append(divides, start)
				}
				if i == len(chunks)-1 {
					pos = cellLen(chunk)
				} else {
					start += len(chunk)
				}
			}
		case pos != 0 && start != 0:
			divides = append(divides, start)
			pos = cellLen(word)
		}
		start = end
	}
	return divides
}

// chopCells is rich 13.3's chop_cells: pieces of at most maxSize cells
// made from the end of text, in that order, each with its characters
// reversed (divideLine uses only their lengths).
func chopCells(text string, maxSize int) []string {
	runes := []rune(text)
	lines := [][]rune{{}}
	total := 0
	for i := len(runes) - 1; i >= 0; i-- {
		size := runeCells(runes[i])
		if total+size > maxSize {
			lines = append(lines, []rune{runes[i]})
			total = size
		} else {
			total += size
			lines[len(lines)-1] = append(lines[len(lines)-1], runes[i])
		}
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = string(l)
	}
	return out
}

// rstripEnd is rich's Text.rstrip_end: whitespace beyond size cut from
// the end.
func rstripEnd(s string, size int) string {
	n := cellLen(s)
	if n <= size {
		return s
	}
	trimmed := strings.TrimRightFunc(s, unicode.IsSpace)
	ws := utf8.RuneCountInString(s[len(trimmed):])
	cut := min(ws, n-size)
	r := []rune(s)
	return string(r[:len(r)-cut])
}

// expandTabs replaces each tab by the spaces up to the next multiple of
// size cells.
func expandTabs(s string, size int) string {
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := size - col%size
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col += runeCells(r)
	}
	return b.String()
}

// cellLen is the width of s in terminal cells.
func cellLen(s string) int {
	n := 0
	for _, r := range s {
		n += runeCells(r)
	}
	return n
}

// runeCells is the width of r: 2 for East Asian wide and fullwidth
// characters, 0 for combining marks and zero-width characters, else 1.
func runeCells(r rune) int {
	switch {
	case r < 0x300:
		return 1
	case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || r == 0x200B:
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
