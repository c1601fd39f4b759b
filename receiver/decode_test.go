package receiver_test

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"reflect"
	"strings"
	"testing"

	ogórek "github.com/kisielk/og-rek"

	"github.com/slogpy/slogpy/receiver"
	"github.com/slogpy/slogpy/slogpy"
)

type pickleGoldens struct {
	Frames []struct {
		Name    string
		Frame   string
		Dict    map[string]any
		Message string
	}
	Protocols []struct {
		Protocol int
		Pickle   string
		Dict     map[string]any
	}
	Refused []struct {
		Name   string
		Pickle string
		Error  string
	}
}

func loadJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile("../testdata/network/" + name)
	if err != nil {
		t.Fatal(err)
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// untag turns gen.py's JSON values into what Decode returns.
func untag(v any) any {
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if strings.ContainsAny(s, ".eE") {
			f, _ := x.Float64()
			return f
		}
		i, _ := x.Int64()
		return i
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = untag(e)
		}
		return l
	case map[string]any:
		if h, ok := x["$bytes"].(string); ok && len(x) == 1 {
			b, _ := hex.DecodeString(h)
			return b
		}
		if s, ok := x["$int"].(string); ok && len(x) == 1 {
			n, _ := new(big.Int).SetString(s, 10)
			return n
		}
		if l, ok := x["$tuple"].([]any); ok && len(x) == 1 {
			return slogpy.Tuple(untag(l).([]any))
		}
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = untag(e)
		}
		return m
	}
	return v
}

// unorder turns the slogpy.Dicts Decode returns, whose order JSON goldens
// do not keep, into maps; their order is tested against CPython's lines in
// TestReceiverRepr.
func unorder(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = unorder(e)
		}
		return m
	case slogpy.Dict:
		m := make(map[string]any, len(x))
		for _, it := range x {
			m[it.Key.(string)] = unorder(it.Value)
		}
		return m
	case slogpy.Tuple:
		return slogpy.Tuple(unorder([]any(x)).([]any))
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = unorder(e)
		}
		return l
	}
	return v
}

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeCPythonFrames decodes the frames CPython's
// SocketHandler.makePickle made and compares them with what pickle.loads
// gave CPython.
func TestDecodeCPythonFrames(t *testing.T) {
	var g pickleGoldens
	loadJSON(t, "pickles.json", &g)
	if len(g.Frames) == 0 || len(g.Protocols) != 6 {
		t.Fatalf("pickles.json: %d frames, %d protocols", len(g.Frames), len(g.Protocols))
	}
	for _, f := range g.Frames {
		t.Run(f.Name, func(t *testing.T) {
			frame := unhex(t, f.Frame)
			if n := int(frame[0])<<24 | int(frame[1])<<16 | int(frame[2])<<8 | int(frame[3]); n != len(frame)-4 {
				t.Fatalf("length prefix %d, pickle of %d bytes", n, len(frame)-4)
			}
			got, err := receiver.Decode(frame[4:])
			if err != nil {
				t.Fatal(err)
			}
			if want := untag(f.Dict); !reflect.DeepEqual(unorder(got), want) {
				t.Errorf("Decode:\n got %#v\nwant %#v", got, want)
			}
			r, err := receiver.RecordFromDict(got)
			if err != nil {
				t.Fatal(err)
			}
			if msg, err := r.Message(); err != nil || msg != f.Message {
				t.Errorf("Message() = %q, %v; want %q", msg, err, f.Message)
			}
		})
	}
	for _, p := range g.Protocols {
		got, err := receiver.Decode(unhex(t, p.Pickle))
		if err != nil {
			t.Errorf("protocol %d: %v", p.Protocol, err)
			continue
		}
		if want := untag(p.Dict); !reflect.DeepEqual(unorder(got), want) {
			t.Errorf("protocol %d:\n got %#v\nwant %#v", p.Protocol, got, want)
		}
	}
}

// TestDecodeRefuses checks that the unsafe and malformed pickles CPython
// made (and never loaded) are refused with the right class of error.
func TestDecodeRefuses(t *testing.T) {
	var g pickleGoldens
	loadJSON(t, "pickles.json", &g)
	if len(g.Refused) < 15 {
		t.Fatalf("pickles.json: only %d refused cases", len(g.Refused))
	}
	for _, c := range g.Refused {
		t.Run(c.Name, func(t *testing.T) {
			_, err := receiver.Decode(unhex(t, c.Pickle))
			if err == nil {
				t.Fatal("Decode accepted it")
			}
			want := map[string]error{"unsafe": receiver.ErrUnsafePickle, "bad": receiver.ErrBadPickle}[c.Error]
			if !errors.Is(err, want) {
				t.Errorf("error %q does not wrap %v", err, want)
			}
			t.Log(err)
		})
	}
}

func TestDecodeOpcodeError(t *testing.T) {
	// What pickle.dumps(Evil(), 1) starts with: GLOBAL posix system.
	p := []byte("cposix\nsystem\nq\x00(X\x0a\x00\x00\x00echo pwnedq\x01tq\x02Rq\x03.")
	_, err := receiver.Decode(p)
	var oe *receiver.OpcodeError
	if !errors.As(err, &oe) {
		t.Fatalf("error %v is not an *OpcodeError", err)
	}
	if oe.Offset != 0 || oe.Name != "GLOBAL" || oe.Reason != "class lookup of posix.system" {
		t.Errorf("OpcodeError = %+v", oe)
	}
	const want = `receiver: pickle opcode GLOBAL (0x63) at offset 0 is not allowed (class lookup of posix.system): only dicts, lists, tuples, strings, bytes, numbers, booleans and None are accepted`
	if err.Error() != want {
		t.Errorf("error:\n%s\nwant:\n%s", err, want)
	}
}

// TestDecodeBytesCall checks the one call accepted, _codecs.encode(s,
// 'latin1'), which CPython uses for bytes with protocols 0-2, and that
// another encoding of the same call is refused.
func TestDecodeBytesCall(t *testing.T) {
	var buf bytes.Buffer
	e := ogórek.NewEncoderWithConfig(&buf, &ogórek.EncoderConfig{Protocol: 2})
	if err := e.Encode(map[string]any{"b": ogórek.Bytes("a\x00\xff")}); err != nil {
		t.Fatal(err)
	}
	got, err := receiver.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if b, ok := got["b"].([]byte); !ok || string(b) != "a\x00\xff" {
		t.Errorf("b = %#v", got["b"])
	}
	buf.Reset()
	e.Encode(map[string]any{"b": &ogórek.Call{Callable: ogórek.Class{Module: "_codecs", Name: "encode"},
		Args: ogórek.Tuple{"x", "rot13"}}})
	if _, err := receiver.Decode(buf.Bytes()); !errors.Is(err, receiver.ErrUnsafePickle) {
		t.Errorf("_codecs.encode(..., 'rot13'): %v, want ErrUnsafePickle", err)
	}
}

func FuzzDecode(f *testing.F) {
	var g pickleGoldens
	loadJSON(f, "pickles.json", &g)
	for _, fr := range g.Frames {
		f.Add(unhex(f, fr.Frame)[4:])
	}
	for _, p := range g.Protocols {
		f.Add(unhex(f, p.Pickle))
	}
	for _, c := range g.Refused {
		f.Add(unhex(f, c.Pickle))
	}
	f.Fuzz(func(t *testing.T, p []byte) {
		d, err := receiver.Decode(p)
		if err != nil {
			if !errors.Is(err, receiver.ErrUnsafePickle) && !errors.Is(err, receiver.ErrBadPickle) {
				t.Fatalf("error %v wraps neither ErrUnsafePickle nor ErrBadPickle", err)
			}
			return
		}
		if err := receiver.Scan(p); err != nil {
			t.Fatalf("Decode accepted what Scan refuses: %v", err)
		}
		receiver.RecordFromDict(d) // must not panic
	})
}

// TestReceiverRepr: a received record prints its tuples, dicts with keys
// that are not strings, and dict order as CPython's receiver prints them
// (goldens from testdata/network/gen_receiver.py, CPython 3.11).
func TestReceiverRepr(t *testing.T) {
	var cases []struct{ Name, Frame, Format, Line string }
	loadJSON(t, "receiver_repr.json", &cases)
	if len(cases) < 10 {
		t.Fatalf("receiver_repr.json: %d cases", len(cases))
	}
	for _, c := range cases {
		d, err := receiver.Decode(unhex(t, c.Frame)[4:])
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		r, err := receiver.RecordFromDict(d)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		f, err := slogpy.NewFormatter(c.Format, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.Format(r); err != nil || got != c.Line {
			t.Errorf("%s: %q, %v; CPython prints %q", c.Name, got, err, c.Line)
		}
	}
}
