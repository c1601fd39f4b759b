package handlers_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/internal/pyfmt"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// attributeCase is one case of testdata/core/attributes.json
// (gen_attributes.py): a handler's constructor arguments and the repr of
// each attribute CPython reports.
type attributeCase struct {
	Class, Address, Network, Facility, Host, URL, Method string
	Mailhost, From, Subject                              string
	To                                                   []string
	Port, Capacity                                       int
	FlushLevel                                           int `json:"flush_level"`
	Target                                               bool
	Attrs                                                map[string]string
}

func loadAttributeCases(t *testing.T) []attributeCase {
	t.Helper()
	data, err := os.ReadFile("../testdata/core/attributes.json")
	if err != nil {
		t.Fatal(err)
	}
	var file struct{ Cases []attributeCase }
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	return file.Cases
}

// pyRepr is repr() of a getter's value, with 0 standing for None where
// the getter documents it so.
func pyRepr(v any, zeroIsNone bool) string {
	if zeroIsNone && v == 0 {
		return "None"
	}
	return string(pyfmt.AppendRepr(nil, v))
}

// TestCPythonAttributes replays what a Python program reads as the
// attributes of the memory, syslog, SMTP, HTTP, socket and datagram
// handlers, through their getters.
func TestCPythonAttributes(t *testing.T) {
	seen := map[string]int{}
	for _, c := range loadAttributeCases(t) {
		got := map[string]string{}
		var err error
		switch c.Class {
		case "Formatter":
			continue // slogpy/attributes_test.go
		case "MemoryHandler":
			opts := &handlers.MemoryHandlerOptions{}
			if c.FlushLevel != 0 {
				opts.FlushLevel = levels.Level(c.FlushLevel)
			}
			var target *slogpy.StreamHandler
			if c.Target {
				target = slogpy.NewStreamHandler(nil, nil)
			}
			var h *handlers.MemoryHandler
			if target != nil {
				h, err = handlers.NewMemoryHandler(c.Capacity, target, opts)
			} else {
				h, err = handlers.NewMemoryHandler(c.Capacity, nil, opts)
			}
			if err == nil {
				got["capacity"] = pyRepr(h.Capacity(), false)
				got["flushLevel"] = pyRepr(int(h.FlushLevel()), false)
				got["target"] = "None"
				if _, ok := h.Target().(*slogpy.StreamHandler); ok {
					got["target"] = "StreamHandler"
				}
			}
		case "SysLogHandler":
			var h *handlers.SysLogHandler
			h, err = handlers.NewSysLogHandler(c.Address, &handlers.SysLogHandlerOptions{Facility: c.Facility, Network: c.Network})
			if err == nil {
				got["address"] = pyRepr(h.Address(), false)
				got["facility_number"] = pyRepr(h.Facility(), false)
				got["socktype"] = pyRepr(h.Socktype(), false)
				// CPython's attribute keeps a facility given by name.
				got["facility"] = c.Attrs["facility"]
				if !strings.HasPrefix(c.Attrs["facility"], "'") {
					got["facility"] = pyRepr(h.Facility(), false)
				}
			}
		case "SMTPHandler":
			var h *handlers.SMTPHandler
			h, err = handlers.NewSMTPHandler(c.Mailhost, c.From, c.To, c.Subject, nil)
			if err == nil {
				got["mailhost"] = pyRepr(h.Mailhost(), false)
				got["mailport"] = pyRepr(h.Mailport(), true)
				got["fromaddr"] = pyRepr(h.Fromaddr(), false)
				got["toaddrs"] = pyRepr(h.Toaddrs(), false)
				got["subject"] = pyRepr(h.Subject(), false)
			}
		case "HTTPHandler":
			var h *handlers.HTTPHandler
			h, err = handlers.NewHTTPHandler(c.Host, c.URL, &handlers.HTTPHandlerOptions{Method: c.Method})
			if err == nil {
				got["host"] = pyRepr(h.Host(), false)
				got["url"] = pyRepr(h.URL(), false)
				got["method"] = pyRepr(h.Method(), false)
			}
		case "SocketHandler":
			var h *handlers.SocketHandler
			if c.Port == 0 {
				h, err = handlers.NewUnixSocketHandler(c.Host, nil)
			} else {
				h, err = handlers.NewSocketHandler(c.Host, c.Port, nil)
			}
			if err == nil {
				got["host"], got["port"], got["address"] = pyRepr(h.Host(), false), pyRepr(h.Port(), true), pyRepr(h.Address(), false)
			}
		case "DatagramHandler":
			var h *handlers.DatagramHandler
			if c.Port == 0 {
				h, err = handlers.NewUnixDatagramHandler(c.Host, nil)
			} else {
				h, err = handlers.NewDatagramHandler(c.Host, c.Port, nil)
			}
			if err == nil {
				got["host"], got["port"], got["address"] = pyRepr(h.Host(), false), pyRepr(h.Port(), true), pyRepr(h.Address(), false)
			}
		default:
			t.Fatalf("unknown class %q", c.Class)
		}
		if err != nil {
			t.Errorf("%s %+v: %v", c.Class, c, err)
			continue
		}
		seen[c.Class]++
		for k, want := range c.Attrs {
			if got[k] != want {
				t.Errorf("%s %q: %s = %s, CPython %s", c.Class, c.Address+c.Host+c.Mailhost, k, got[k], want)
			}
		}
	}
	for _, class := range []string{"MemoryHandler", "SysLogHandler", "SMTPHandler", "HTTPHandler", "SocketHandler", "DatagramHandler"} {
		if seen[class] == 0 {
			t.Errorf("no %s case", class)
		}
	}
}
