// Package contrib holds the logging classes of the Python ecosystem that
// real configurations name, built on slogpy: python-json-logger's
// JsonFormatter, colorlog's ColoredFormatter and StreamHandler, uvicorn's
// DefaultFormatter and AccessFormatter, Django's filters and
// ServerFormatter, and rich's RichHandler. Each is usable from Go, and
// package config knows each by its Python name, so a configuration file
// that names them loads with no Go code.
//
// Every class is checked against the real library: the goldens under
// testdata/contrib/ were produced by running it (the generator scripts
// there say which version), and the tests compare byte for byte.
package contrib
