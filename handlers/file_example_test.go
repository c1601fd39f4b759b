package handlers_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// fileExampleList prints the files of dir with their sizes.
func fileExampleList(dir string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, _ := e.Info()
		fmt.Printf("%s %d bytes\n", e.Name(), info.Size())
	}
}

// The seed's rotating log: roll over after 2 KB and keep backup logs
// app.log.1, app.log.2, … app.log.5.
func ExampleNewRotatingFileHandler() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)

	h, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "app.log"),
		&handlers.RotatingFileHandlerOptions{MaxBytes: 2000, BackupCount: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	logger := slogpy.NewManager().GetLogger("app")
	logger.SetLevel(levels.Info)
	logger.AddHandler(h)
	for i := range 1000 {
		logger.Info("This is a log line %d", i)
	}
	h.Close()
	fileExampleList(dir) // the same sizes as CPython's for these records
	// Output:
	// app.log 1104 bytes
	// app.log.1 1978 bytes
	// app.log.2 1978 bytes
	// app.log.3 1978 bytes
	// app.log.4 1978 bytes
	// app.log.5 1978 bytes
}

// Rotated files compressed with gzip, as the logging cookbook does with
// namer and rotator.
func ExampleNewRotatingFileHandler_gzip() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)

	h, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "app.log"), &handlers.RotatingFileHandlerOptions{
		MaxBytes:    200,
		BackupCount: 3,
		Namer:       func(name string) string { return name + ".gz" },
		Rotator: func(source, dest string) error {
			in, err := os.Open(source)
			if err != nil {
				return err
			}
			defer in.Close()
			out, err := os.Create(dest)
			if err != nil {
				return err
			}
			zw := gzip.NewWriter(out)
			_, err = io.Copy(zw, in)
			if cerr := zw.Close(); err == nil {
				err = cerr
			}
			if cerr := out.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			return os.Remove(source)
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	logger := slogpy.NewManager().GetLogger("app")
	logger.AddHandler(h)
	for i := range 50 {
		logger.Warning("disk %d%% full", 50+i)
	}
	h.Close()

	f, _ := os.Open(filepath.Join(dir, "app.log.3.gz"))
	defer f.Close()
	zr, _ := gzip.NewReader(f)
	oldest, _ := io.ReadAll(zr)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fmt.Println(e.Name())
	}
	fmt.Printf("app.log.3.gz starts with %q\n", oldest[:13])
	// Output:
	// app.log
	// app.log.1.gz
	// app.log.2.gz
	// app.log.3.gz
	// app.log.3.gz starts with "disk 50% full"
}

// The seed's timed rotating log: a new file every minute, 5 backups with a
// time stamp. The clock is simulated here so that the example runs at
// once; leave Now nil to use the real one.
func ExampleNewTimedRotatingFileHandler() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)

	now := time.Date(2024, 3, 10, 9, 0, 30, 0, time.UTC)
	h, err := handlers.NewTimedRotatingFileHandler(filepath.Join(dir, "timed_test.log"),
		&handlers.TimedRotatingFileHandlerOptions{
			When: "m", Interval: 1, BackupCount: 5,
			UTC: true, Now: func() time.Time { return now },
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	logger := slogpy.NewManager().GetLogger("app")
	logger.AddHandler(h)
	for range 20 { // ten minutes, a record every 30 s
		logger.Warning("tick")
		now = now.Add(30 * time.Second)
	}
	h.Close()
	fileExampleList(dir)
	// Output:
	// timed_test.log 10 bytes
	// timed_test.log.2024-03-10_09-04 10 bytes
	// timed_test.log.2024-03-10_09-05 10 bytes
	// timed_test.log.2024-03-10_09-06 10 bytes
	// timed_test.log.2024-03-10_09-07 10 bytes
	// timed_test.log.2024-03-10_09-08 10 bytes
}

// The Chinese tutorial seed's configuration: a rotating file (1 KB, 3
// backups) and the console, with one formatter. (The seed's format starts
// with %(asctime)s; it is left out here so that the output is the same on
// every run.)
func ExampleNewRotatingFileHandler_console() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)

	log := slogpy.NewManager().GetLogger("__main__")
	log.SetLevel(levels.Info)

	formatter, _ := slogpy.NewFormatter("%(name)s - %(levelname)s - %(message)s", nil)
	rHandler, err := handlers.NewRotatingFileHandler(filepath.Join(dir, "log.txt"),
		&handlers.RotatingFileHandlerOptions{MaxBytes: 1 * 1024, BackupCount: 3})
	if err != nil {
		fmt.Println(err)
		return
	}
	rHandler.SetLevel(levels.Info)
	rHandler.SetFormatter(formatter)

	console := slogpy.NewStreamHandler(os.Stdout, nil)
	console.SetLevel(levels.Info)
	console.SetFormatter(formatter)

	log.AddHandler(rHandler)
	log.AddHandler(console)

	log.Info("Start print log")
	log.Error("1111111")
	log.Debug("Do something")
	log.Warning("Something maybe fail.")
	log.Info("Finish")
	rHandler.Close()

	data, _ := os.ReadFile(filepath.Join(dir, "log.txt"))
	fmt.Printf("log.txt has %d lines\n", bytes.Count(data, []byte("\n")))
	// Output:
	// __main__ - INFO - Start print log
	// __main__ - ERROR - 1111111
	// __main__ - WARNING - Something maybe fail.
	// __main__ - INFO - Finish
	// log.txt has 4 lines
}

// A file that logrotate moved or deleted is reopened before the next
// record.
func ExampleNewWatchedFileHandler() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "app.log")

	h, err := handlers.NewWatchedFileHandler(path, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	logger := slogpy.NewManager().GetLogger("app")
	logger.AddHandler(h)

	logger.Warning("first")
	os.Rename(path, path+".1") // what logrotate does
	logger.Warning("second")

	rotated, _ := os.ReadFile(path + ".1")
	current, _ := os.ReadFile(path)
	fmt.Printf("app.log.1: %q\napp.log: %q\n", rotated, current)
	// Output:
	// app.log.1: "first\n"
	// app.log: "second\n"
}

// Rotation done by lumberjack: sizes in megabytes, time-stamped backups,
// maximum age and compression.
func ExampleNewLumberjackHandler() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)

	h, err := handlers.NewLumberjackHandler(&lumberjack.Logger{
		Filename:   filepath.Join(dir, "app.log"),
		MaxSize:    100, // megabytes
		MaxBackups: 3,
		MaxAge:     28, // days
		Compress:   true,
	}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	logger := slogpy.NewManager().GetLogger("app")
	logger.AddHandler(h)
	logger.Warning("through lumberjack")
	h.Close()

	data, _ := os.ReadFile(filepath.Join(dir, "app.log"))
	fmt.Print(string(data))
	// Output:
	// through lumberjack
}

// Each run starts with a fresh file, as in the logging cookbook: roll the
// previous run's file over at start-up.
func ExampleBaseRotatingHandler_DoRollover() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "app.log")

	for run := 1; run <= 3; run++ {
		_, err := os.Stat(path)
		shouldRollOver := err == nil // a previous run left a file
		h, err := handlers.NewRotatingFileHandler(path, &handlers.RotatingFileHandlerOptions{BackupCount: 5})
		if err != nil {
			fmt.Println(err)
			return
		}
		if shouldRollOver {
			h.DoRollover()
		}
		logger := slogpy.NewManager().GetLogger("app")
		logger.AddHandler(h)
		logger.Warning("run %d", run)
		h.Close()
	}
	for _, name := range []string{"app.log", "app.log.1", "app.log.2"} {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		fmt.Printf("%s: %q\n", name, data)
	}
	// Output:
	// app.log: "run 3\n"
	// app.log.1: "run 2\n"
	// app.log.2: "run 1\n"
}

// A program can read back what a configuration built, as a Python user
// reads handler.when and handler.interval: the getters return CPython's
// values.
func ExampleTimedRotatingFileHandler_When() {
	dir, _ := os.MkdirTemp("", "slogpy-example")
	defer os.RemoveAll(dir)

	h, err := handlers.NewTimedRotatingFileHandler(filepath.Join(dir, "app.log"),
		&handlers.TimedRotatingFileHandlerOptions{When: "midnight", Interval: 2, AtTime: "02:30", BackupCount: 7})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	fmt.Println(h.When(), h.Interval(), h.AtTime(), h.Suffix(), h.BackupCount(), h.Mode(), filepath.Base(h.BaseFilename()))
	// Output:
	// MIDNIGHT 48h0m0s 02:30:00 %Y-%m-%d 7 a app.log
}
