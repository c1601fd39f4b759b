package config

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/slogpy/slogpy/contrib"
	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/internal/stdio"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// The Python ecosystem's logging classes that real configurations name,
// built in under their Python names from package contrib, so that such a
// configuration loads with no Go code.
func init() {
	addClasses(contribClasses)
	valueTables = append(valueTables, contribValues)
	if defaultReg != nil {
		for _, v := range contribValues {
			defaultReg.mustValue(v.name, v.v)
		}
	}
}

var (
	jsonParams = []string{"fmt", "datefmt", "style", "validate", "defaults",
		"prefix", "rename_fields", "static_fields", "reserved_attrs", "timestamp",
		"json_default", "json_encoder", "json_serializer", "json_indent", "json_ensure_ascii"}
	colorlogParams = []string{"fmt", "datefmt", "style", "log_colors", "reset",
		"secondary_log_colors", "validate", "stream", "no_color", "force_color", "defaults"}
	uvicornParams    = []string{"fmt", "datefmt", "style", "use_colors"}
	concurrentParams = []string{"filename", "mode", "maxBytes", "backupCount",
		"encoding", "debug", "delay", "use_gzip", "owner", "chmod", "umask", "newline", "terminator",
		"unicode_error_policy", "lock_file_directory"}
)

var contribClasses = []classDef{
	{"pythonjsonlogger.jsonlogger.JsonFormatter", jsonParams, newJSONFormatter},
	{"pythonjsonlogger.json.JsonFormatter", jsonParams, newJSONFormatter},
	{"colorlog.ColoredFormatter", colorlogParams, newColoredFormatter},
	{"colorlog.formatter.ColoredFormatter", colorlogParams, newColoredFormatter},
	{"colorlog.TTYColoredFormatter", colorlogParams, newColoredFormatter},
	{"colorlog.StreamHandler", []string{"stream"}, newStreamHandler},
	{"uvicorn.logging.DefaultFormatter", uvicornParams, newUvicornFormatter(contrib.NewUvicornDefaultFormatter)},
	{"uvicorn.logging.ColourizedFormatter", uvicornParams, newUvicornFormatter(contrib.NewUvicornDefaultFormatter)},
	{"uvicorn.logging.AccessFormatter", uvicornParams, newUvicornFormatter(contrib.NewUvicornAccessFormatter)},
	{"django.utils.log.RequireDebugFalse", []string{}, newRequireDebug(false)},
	{"django.utils.log.RequireDebugTrue", []string{}, newRequireDebug(true)},
	{"django.utils.log.CallbackFilter", []string{"callback"}, newCallbackFilter},
	{"django.utils.log.ServerFormatter", []string{"fmt", "datefmt", "style", "validate", "defaults"}, newServerFormatter},
	{"django.utils.log.AdminEmailHandler", []string{"include_html", "email_backend", "reporter_class"}, newAdminEmailHandler},
	{"django.utils.log.NullHandler", []string{"level"}, newNullHandler},
	{"concurrent_log_handler.ConcurrentRotatingFileHandler", concurrentParams, newConcurrentRotatingFileHandler},
	// The name importing concurrent_log_handler installs, which its
	// documentation and most configurations use.
	{"logging.handlers.ConcurrentRotatingFileHandler", concurrentParams, newConcurrentRotatingFileHandler},
	{"rich.logging.RichHandler", []string{"level", "console", "show_time", "omit_repeated_times", "show_level",
		"show_path", "enable_link_path", "highlighter", "markup", "rich_tracebacks", "tracebacks_width",
		"tracebacks_extra_lines", "tracebacks_theme", "tracebacks_word_wrap", "tracebacks_show_locals",
		"tracebacks_suppress", "locals_max_length", "locals_max_string", "log_time_format", "keywords"}, newRichHandler},
}

// contribValues are the ext:// names configurations point streams at.
var contribValues = []valueDef{
	{"flask.logging.wsgi_errors_stream", stdio.Stderr},
}

// DjangoSettingsName is the ext:// name under which Django's classes look
// for their settings: register a *contrib.DjangoSettings there
// (config.RegisterValue(config.DjangoSettingsName, &contrib.DjangoSettings{…}))
// for DEBUG, ADMINS and the e-mail settings. Without it Django's defaults
// apply: DEBUG false, no ADMINS. The settings are read when a
// configuration loads.
const DjangoSettingsName = "django.conf.settings"

// ignored warns that a keyword the library reads has no effect here.
func ignored(a *Args, name, why string) {
	if _, given := a.Value(name); given {
		a.sc.warn(a.at(name), why+"; ignored")
	}
}

// newJSONFormatter is python-json-logger's JsonFormatter(fmt, datefmt,
// style, *, prefix, rename_fields, static_fields, reserved_attrs,
// timestamp, json_indent, json_ensure_ascii, …).
func newJSONFormatter(a *Args) (func() (any, error), error) {
	o := &contrib.JSONFormatterOptions{
		Format:        a.String("fmt", ""),
		Datefmt:       a.String("datefmt", ""),
		Style:         a.String("style", "%"),
		Prefix:        a.String("prefix", ""),
		NoEnsureASCII: !a.Bool("json_ensure_ascii", true),
	}
	for k, v := range a.Map("rename_fields") {
		s, ok := v.(string)
		if !ok {
			a.Errorf("rename_fields", "%q: want a string, got %s", k, describe(v))
			continue
		}
		if o.RenameFields == nil {
			o.RenameFields = map[string]string{}
		}
		o.RenameFields[k] = s
	}
	o.StaticFields = sortedAttrs(a.Map("static_fields"))
	o.Defaults = sortedAttrs(a.Map("defaults"))
	if a.Has("reserved_attrs") {
		o.ReservedAttrs = append([]string{}, a.Strings("reserved_attrs")...)
	}
	if v, ok := a.Value("timestamp"); ok {
		switch v := v.(type) {
		case string:
			o.Timestamp = v
		default:
			if a.Bool("timestamp", false) {
				o.Timestamp = "timestamp"
			}
		}
	}
	if v, ok := a.Value("json_indent"); ok {
		if s, isStr := v.(string); isStr {
			o.Indent = s
		} else {
			o.Indent, o.Multiline = strings.Repeat(" ", max(0, a.Int("json_indent", 0))), true
		}
	}
	for _, k := range []string{"json_default", "json_encoder", "json_serializer"} {
		ignored(a, k, "a Python function cannot run here: values are written as python-json-logger's default encoder writes them")
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	f, err := contrib.NewJSONFormatter(o)
	return made(f), err
}

// sortedAttrs turns a mapping into attributes in key order: a decoded
// mapping keeps no order of its own here.
func sortedAttrs(m map[string]any) []slog.Attr {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []slog.Attr
	for _, k := range keys {
		out = append(out, slog.Any(k, m[k]))
	}
	return out
}

// stringMap reads a mapping of strings, such as log_colors.
func stringMap(a *Args, name string, m map[string]any) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		s, ok := v.(string)
		if !ok {
			a.Errorf(name, "%q: want a string, got %s", k, describe(v))
			continue
		}
		out[k] = s
	}
	return out
}

// newColoredFormatter is colorlog's ColoredFormatter.
func newColoredFormatter(a *Args) (func() (any, error), error) {
	o := &contrib.ColoredFormatterOptions{
		Format:     a.String("fmt", ""),
		Datefmt:    a.String("datefmt", ""),
		Style:      a.String("style", "%"),
		NoValidate: !a.Bool("validate", true),
		Defaults:   a.Map("defaults"),
		LogColors:  stringMap(a, "log_colors", a.Map("log_colors")),
		NoReset:    !a.Bool("reset", true),
		Stream:     a.Writer("stream"),
		NoColor:    a.Bool("no_color", false),
		ForceColor: a.Bool("force_color", false),
	}
	for name, v := range a.Map("secondary_log_colors") {
		m, ok := v.(map[string]any)
		if !ok {
			a.Errorf("secondary_log_colors", "%q: want a mapping, got %s", name, describe(v))
			continue
		}
		if o.SecondaryLogColors == nil {
			o.SecondaryLogColors = map[string]map[string]string{}
		}
		o.SecondaryLogColors[name] = stringMap(a, "secondary_log_colors", m)
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	f, err := contrib.NewColoredFormatter(o)
	return made(f), err
}

// formatArgs reads the format, datefmt and style of a formatter class,
// and the stream whose terminal-ness decides the colours of uvicorn's and
// Django's formatters: ext://sys.stdout, os.Stdout itself when that is the
// process's standard output.
func formatArgs(a *Args) (format, datefmt, style string, stdout io.Writer) {
	stdout = a.sc.stdout()
	if stdout == io.Writer(stdio.Stdout) {
		stdout = os.Stdout
	}
	return a.String("fmt", ""), a.String("datefmt", ""), a.String("style", "%"), stdout
}

// newUvicornFormatter is uvicorn's DefaultFormatter or AccessFormatter.
func newUvicornFormatter(mk func(*contrib.UvicornFormatterOptions) (*contrib.UvicornFormatter, error)) Factory {
	return func(a *Args) (func() (any, error), error) {
		o := &contrib.UvicornFormatterOptions{}
		o.Format, o.Datefmt, o.Style, o.Stdout = formatArgs(a)
		if _, given := a.Value("use_colors"); given {
			b := a.Bool("use_colors", false)
			o.UseColors = &b
		}
		if err := a.Err(); err != nil {
			return nil, err
		}
		f, err := mk(o)
		return made(f), err
	}
}

// djangoSettings returns the settings registered as DjangoSettingsName.
func djangoSettings(a *Args) *contrib.DjangoSettings {
	v, ok := a.sc.lookupValue(DjangoSettingsName)
	if !ok {
		return &contrib.DjangoSettings{}
	}
	s, ok := v.(*contrib.DjangoSettings)
	if !ok {
		a.errs = append(a.errs, &Error{Path: a.path, Err: fmt.Errorf("ext://%s: want a *contrib.DjangoSettings, got %s", DjangoSettingsName, describe(v))})
		return &contrib.DjangoSettings{}
	}
	return s
}

// newRequireDebug is Django's RequireDebugFalse (want false) or
// RequireDebugTrue.
func newRequireDebug(want bool) Factory {
	return func(a *Args) (func() (any, error), error) {
		debug := djangoSettings(a).Debug
		isDebug := func() bool { return debug }
		if err := a.Err(); err != nil {
			return nil, err
		}
		if want {
			return made(contrib.NewRequireDebugTrue(isDebug)), nil
		}
		return made(contrib.NewRequireDebugFalse(isDebug)), nil
	}
}

// newCallbackFilter is Django's CallbackFilter(callback): the callback a
// func(*slogpy.Record) bool or a slogpy.Filter registered as a value.
func newCallbackFilter(a *Args) (func() (any, error), error) {
	a.Require("callback")
	v, _ := a.Value("callback")
	var f slogpy.Filter
	switch cb := v.(type) {
	case nil:
	case func(*slogpy.Record) bool:
		f = contrib.NewCallbackFilter(cb)
	case slogpy.Filter:
		f = cb
	default:
		a.Errorf("callback", "want a func(*slogpy.Record) bool registered with RegisterValue (ext://NAME), got %s", describe(v))
	}
	return made(f), a.Err()
}

// newServerFormatter is Django's ServerFormatter.
func newServerFormatter(a *Args) (func() (any, error), error) {
	o := &contrib.DjangoServerFormatterOptions{}
	o.Format, o.Datefmt, o.Style, o.Stdout = formatArgs(a)
	if err := a.Err(); err != nil {
		return nil, err
	}
	f, err := contrib.NewDjangoServerFormatter(o)
	return made(f), err
}

// newAdminEmailHandler is Django's AdminEmailHandler, with the settings
// registered as DjangoSettingsName.
func newAdminEmailHandler(a *Args) (func() (any, error), error) {
	s := djangoSettings(a)
	ignored(a, "include_html", "the HTML report is Django's")
	ignored(a, "reporter_class", "the exception report is Django's")
	if b := a.String("email_backend", ""); b != "" && b != "django.core.mail.backends.smtp.EmailBackend" {
		a.sc.warn(a.at("email_backend"), "only the SMTP backend is available; mailing through EMAIL_HOST")
	}
	if s.EmailHostPassword != "" && !s.EmailUseTLS && !s.EmailUseSSL {
		a.sc.warn(a.path, "credentials are sent without TLS (EMAIL_USE_TLS and EMAIL_USE_SSL are false)")
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	return func() (any, error) { return contrib.NewAdminEmailHandler(s, nil) }, nil
}

// newConcurrentRotatingFileHandler is concurrent-log-handler's
// ConcurrentRotatingFileHandler: a RotatingFileHandler with ProcessLock.
func newConcurrentRotatingFileHandler(a *Args) (func() (any, error), error) {
	o := handlers.RotatingFileHandlerOptions{
		MaxBytes:    int64(atLeastZero(a, "maxBytes")),
		BackupCount: atLeastZero(a, "backupCount"),
	}
	if o.MaxBytes > 0 && strings.Contains(a.String("mode", ""), "w") {
		a.kw["mode"] = "a"
	}
	if a.Has("unicode_error_policy") {
		a.kw["errors"] = a.kw["unicode_error_policy"]
	}
	for _, k := range []string{"use_gzip", "owner", "chmod", "umask", "lock_file_directory", "newline"} {
		ignored(a, k, k+" is not available")
	}
	filename, fo := fileArgs(a)
	o.FileHandlerOptions = fo
	terminator := a.String("terminator", "\n")
	return func() (any, error) {
		h, err := contrib.NewConcurrentRotatingFileHandler(filename, &o)
		if err == nil {
			h.SetTerminator(terminator)
		}
		return h, err
	}, a.Err()
}

// newRichHandler is rich's RichHandler on standard output (rich's
// console).
func newRichHandler(a *Args) (func() (any, error), error) {
	o := &contrib.RichHandlerOptions{
		Writer:            a.sc.stdout(),
		HideTime:          !a.Bool("show_time", true),
		KeepRepeatedTimes: !a.Bool("omit_repeated_times", true),
		HideLevel:         !a.Bool("show_level", true),
		HidePath:          !a.Bool("show_path", true),
		LogTimeFormat:     a.String("log_time_format", ""),
	}
	o.Level = a.Level("level", levels.NotSet)
	ignored(a, "console", "the console is standard output")
	if a.Bool("markup", false) {
		a.sc.warn(a.at("markup"), "rich markup is printed as written")
	}
	if err := a.Err(); err != nil {
		return nil, err
	}
	return func() (any, error) { return contrib.NewRichHandler(o) }, nil
}
