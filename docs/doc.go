// Package docs holds the module's guides, which are Markdown files, and the
// tests that keep them true. It has no API.
//
// MIGRATING.md is the guide for porting Python logging code and
// configuration to this module. Its name index has a row for every public name
// of CPython 3.11's logging, logging.handlers and logging.config modules.
// The list of names is testdata/migrating/names.json, which
// testdata/migrating/gen.py writes from CPython's dir(). The test
// (migrating_test.go) checks three things:
//   - every name has a Go form or a reason it has none;
//   - no row names something that CPython does not have;
//   - every Go identifier the guide names (slogpy.GetLogger,
//     handlers.NewRotatingFileHandler…) exists in its package.
package docs
