package logrecord

import (
	"strings"
	"testing"
)

// dict311 is list(logging.makeLogRecord({}).__dict__) in CPython 3.11.
const dict311 = "name msg args levelname levelno pathname filename module exc_info exc_text stack_info lineno funcName created msecs relativeCreated thread threadName processName process"

func TestDictOrder(t *testing.T) {
	var got []string
	for _, a := range Dict() {
		got = append(got, a.String())
		if !a.InDict() {
			t.Errorf("%s: InDict false", a)
		}
	}
	if s := strings.Join(got, " "); s != dict311 {
		t.Errorf("Dict:\n got %s\nwant %s", s, dict311)
	}
}

func TestLookup(t *testing.T) {
	for _, name := range strings.Fields(dict311 + " message asctime") {
		a := Lookup(name)
		if a == Extra || a.String() != name || !Reserved(name) {
			t.Errorf("Lookup(%q) = %d (%q), Reserved %v", name, a, a, Reserved(name))
		}
	}
	for _, name := range []string{"", "user", "taskName", "Name", "exc", "nome", "processNamx", "relativeCreatedX", strings.Repeat("n", 40)} {
		if a := Lookup(name); a != Extra || Reserved(name) {
			t.Errorf("Lookup(%q) = %s, want Extra", name, a)
		}
	}
	if Message.InDict() || Asctime.InDict() || Extra.InDict() {
		t.Error("message, asctime or Extra in the __dict__")
	}
}
