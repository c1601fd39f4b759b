// Package contrib holds the logging classes of the Python ecosystem that
// real configurations name, built on slogpy, each usable from Go and known
// to package config by its Python name, so that a configuration file that
// names them loads with no Go code:
//
//	Python name                                          Go
//	pythonjsonlogger.jsonlogger.JsonFormatter            NewJSONFormatter
//	pythonjsonlogger.json.JsonFormatter                  NewJSONFormatter
//	colorlog.ColoredFormatter (.formatter., TTY…)        NewColoredFormatter
//	colorlog.StreamHandler                               slogpy.NewStreamHandler
//	uvicorn.logging.DefaultFormatter                     NewUvicornDefaultFormatter
//	uvicorn.logging.AccessFormatter                      NewUvicornAccessFormatter
//	django.utils.log.RequireDebugFalse                   NewRequireDebugFalse
//	django.utils.log.RequireDebugTrue                    NewRequireDebugTrue
//	django.utils.log.CallbackFilter                      NewCallbackFilter
//	django.utils.log.ServerFormatter                     NewDjangoServerFormatter
//	django.utils.log.AdminEmailHandler                   NewAdminEmailHandler
//	django.utils.log.NullHandler                         slogpy.NewNullHandler
//	concurrent_log_handler.ConcurrentRotatingFileHandler NewConcurrentRotatingFileHandler
//	logging.handlers.ConcurrentRotatingFileHandler       NewConcurrentRotatingFileHandler
//	rich.logging.RichHandler                             NewRichHandler
//	ext://flask.logging.wsgi_errors_stream               standard error
//
// The options each reads from a configuration are in the README's table;
// in Go they are the fields of each constructor's options. Django's
// classes read Django's settings from the [DjangoSettings] registered as
// config.DjangoSettingsName.
//
// Every class is checked against the real library: the goldens under
// testdata/contrib/ were produced by running it with Debian's
// /usr/bin/python3 (the generator scripts there record the versions:
// python-json-logger 2.0.1, colorlog 6.7.0, uvicorn 0.17.6, Django 3.2.25,
// rich 13.3.1), and the tests compare byte for byte. Where a class differs
// from its library, its documentation says how.
//
// # Performance considerations
//
// The formatters compile their format once. [ColoredFormatter] keeps one
// compiled format per level name (at most 64); [JSONFormatter] builds an
// ordered object per record, so it allocates in proportion to the
// record's attributes. [RichHandler] wraps each message as rich does, in
// time proportional to its length.
package contrib

//go:generate go run ../internal/gen/slogmethods
