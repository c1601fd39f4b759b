package contrib

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/slogpy/slogpy/slogpy"
)

type djangoCase struct {
	goldenCase
	Out string `json:"stdout"`
}

func TestDjangoServerFormatterGolden(t *testing.T) {
	for _, c := range loadGolden[djangoCase](t, "django.json") {
		t.Run(c.Name, func(t *testing.T) {
			t.Setenv("DJANGO_COLORS", c.Env["DJANGO_COLORS"])
			o := &DjangoServerFormatterOptions{Stdout: &fakeStream{tty: c.Out == "tty"}}
			for k, v := range c.Kwargs {
				switch k {
				case "fmt":
					o.Format = v.(string)
				case "datefmt":
					o.Datefmt = v.(string)
				case "style":
					o.Style = v.(string)
				default:
					t.Fatalf("kwarg %q not mapped", k)
				}
			}
			f, err := NewDjangoServerFormatter(o)
			if err != nil {
				t.Fatal(err)
			}
			for i, rec := range c.Records {
				got, err := f.AppendFormat(nil, recordWithExtra(t, rec))
				checkGolden(t, got, err, c.Outputs[i])
			}
		})
	}
}

func TestDjangoFilters(t *testing.T) {
	var debug atomic.Bool
	isDebug := debug.Load
	r := new(slogpy.Record)
	falseF, trueF := NewRequireDebugFalse(isDebug), NewRequireDebugTrue(isDebug)
	if falseF.Filter(r) == nil || trueF.Filter(r) != nil {
		t.Error("DEBUG false: RequireDebugFalse must pass, RequireDebugTrue drop")
	}
	debug.Store(true) // read for each record, as Django reads settings.DEBUG
	if falseF.Filter(r) != nil || trueF.Filter(r) == nil {
		t.Error("DEBUG true: RequireDebugTrue must pass, RequireDebugFalse drop")
	}
	cb := NewCallbackFilter(func(r *slogpy.Record) bool { return r.Name == "keep" })
	r.Name = "keep"
	if cb.Filter(r) == nil {
		t.Error("CallbackFilter dropped a record its callback kept")
	}
	r.Name = "drop"
	if cb.Filter(r) != nil {
		t.Error("CallbackFilter kept a record its callback dropped")
	}
}

func TestAdminEmailSubject(t *testing.T) {
	r, _ := slogpy.MakeRecord(map[string]any{"levelname": "ERROR", "msg": "Internal Server Error: %s\r\nnext", "args": []any{"/x"}})
	if got, want := AdminEmailSubject(&DjangoSettings{}, r), `[Django] ERROR: Internal Server Error: /x\r\nnext`; got != want {
		t.Errorf("subject %q, want %q", got, want)
	}
	p := ""
	if got := AdminEmailSubject(&DjangoSettings{EmailSubjectPrefix: &p}, r); strings.HasPrefix(got, "[") {
		t.Errorf("empty prefix: %q", got)
	}
	h, err := NewAdminEmailHandler(&DjangoSettings{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := h.(*slogpy.NullHandler); !ok {
		t.Errorf("no ADMINS: %T, want a NullHandler (Django sends nothing)", h)
	}
	if _, err := NewDjangoServerFormatter(&DjangoServerFormatterOptions{Palette: "neon"}); err == nil {
		t.Error("unknown palette accepted")
	}
}
