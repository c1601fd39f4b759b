package handlers_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/slogpy/slogpy/handlers"
	"github.com/slogpy/slogpy/levels"
	"github.com/slogpy/slogpy/slogpy"
)

// Message shows the e-mail an SMTPHandler sends for a record: the one
// CPython's SMTPHandler sends. Emit sends it to the mail host.
func ExampleSMTPHandler_Message() {
	h, err := handlers.NewSMTPHandler("mail.example.com", "Alerts <alerts@example.com>",
		[]string{"oncall@example.com", "ops@example.com"}, "Error in the shop",
		&handlers.SMTPHandlerOptions{
			HandlerOptions: slogpy.HandlerOptions{Level: levels.Error},
			Now:            func() time.Time { return time.Date(2024, 3, 10, 12, 34, 56, 0, time.UTC) },
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	r, _ := slogpy.MakeRecord(map[string]any{"name": "shop", "levelno": 40, "msg": "payment for order %s declined", "args": []any{"A-1003"}})
	msg, _ := h.Message(r)
	fmt.Print(strings.ReplaceAll(string(msg), "\r\n", "\n"))
	// Output:
	// From: Alerts <alerts@example.com>
	// To: oncall@example.com,ops@example.com
	// Subject: Error in the shop
	// Date: Sun, 10 Mar 2024 12:34:56 +0000
	// Content-Type: text/plain; charset="utf-8"
	// Content-Transfer-Encoding: 7bit
	// MIME-Version: 1.0
	//
	// payment for order A-1003 declined
}
