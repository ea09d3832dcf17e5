package budget

import (
	"fmt"
	"strings"
)

// Error is a problem in a publisher's input. Msg says what is wrong and
// Hint what to do about it, both in Chinese for the publisher.
type Error struct {
	File string
	Line int
	Msg  string
	Hint string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString("。")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// ErrorList reports every problem found in one pass, so a publisher fixes
// a file once instead of once per run.
type ErrorList []*Error

func (l ErrorList) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	if len(l) > 1 {
		fmt.Fprintf(&b, "\n共 %d 处错误。", len(l))
	}
	return b.String()
}

// Err returns nil for an empty list, so callers can `return errs.Err()`.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}
