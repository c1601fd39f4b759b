// Command slogonly opts an existing program written against log/slog into
// Python-style logging with one line. Its library,
// [github.com/slogpy/slogpy/examples/slogonly/inventory], imports only
// log/slog and logs through slog.Default(); the program adds
//
//	defer compat.InstallDefault()()
//
// and from then on slog.Default() feeds the root logger: the records go
// through its RotatingFileHandler, are filtered by its level, and are
// formatted by a Python format in which the library's slog.With attributes
// print as %(component)s and %(sku)s and its slog.WithGroup("stock")
// attributes as %(stock.have)s. Python's equivalent has nothing to opt
// into, every library using logging already:
//
//	handler = RotatingFileHandler('inventory.log', maxBytes=160, backupCount=2)
//	handler.setFormatter(logging.Formatter(FORMAT, defaults={...}))
//	logging.getLogger().addHandler(handler)
//
// The file rolls over at 160 bytes, keeping two backups, so the program
// leaves its last three records in inventory.log.2, inventory.log.1 and
// inventory.log, the first two having rolled off, and the library's DEBUG
// record below the root logger's INFO:
//
//	WARNING root inventory: not enough stock (sku=B-2 n=- total=- have=5 want=8)
//	ERROR   shop -: order 2 failed: inventory: insufficient stock: B-2: have 5, want 8 (sku=- n=- total=- have=- want=-)
//	INFO    root inventory: stock added (sku=C-3 n=1 total=1 have=- want=-)
//
// The flag -file names the log file.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/slogpy/slogpy/compat"
	"github.com/slogpy/slogpy/examples/slogonly/inventory"
	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// format prints the library's attributes; the formatter's defaults stand in
// for those a record does not have.
const format = "%(levelname)-7s %(name)s %(component)s: %(message)s " +
	"(sku=%(sku)s n=%(n)s total=%(total)s have=%(stock.have)s want=%(stock.want)s)"

var defaults = map[string]any{
	"component": "-", "sku": "-", "n": "-", "total": "-", "stock.have": "-", "stock.want": "-",
}

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("slogonly", flag.ExitOnError)
	file := fs.String("file", "inventory.log", "the log `file`, rolled over at 160 bytes")
	fs.Parse(args) // exits on a bad flag, as flag.Parse

	f, err := slogpy.NewFormatter(format, &slogpy.FormatterOptions{Defaults: defaults})
	if err != nil {
		return err
	}
	h, err := handlers.NewRotatingFileHandler(*file, &handlers.RotatingFileHandlerOptions{
		FileHandlerOptions: slogpy.FileHandlerOptions{HandlerOptions: slogpy.HandlerOptions{Formatter: f}},
		MaxBytes:           160,
		BackupCount:        2,
	})
	if err != nil {
		return err
	}
	root := slogpy.Root()
	root.AddHandler(h)
	root.SetLevel(levels.Info)
	defer func() {
		root.RemoveHandler(h)
		h.Close()
	}()

	// The one line: slog.Default() now feeds the root logger.
	defer compat.InstallDefault()()

	shop := slogpy.GetLogger("shop")
	store := inventory.New(nil)
	ctx := context.Background()
	store.Add(ctx, "A-1", 10)
	if err := store.Remove(ctx, "A-1", 4); err != nil { // DEBUG: below root's INFO
		shop.Error("order 1 failed: %s", err)
	}
	store.Add(ctx, "B-2", 5)
	if err := store.Remove(ctx, "B-2", 8); err != nil {
		shop.Error("order 2 failed: %s", err)
	}
	store.Add(ctx, "C-3", 1)
	return nil
}
