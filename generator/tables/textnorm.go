package tables

import (
	"strings"
	"unicode"
)

// CleanCell normalises one cell of PDF-extracted text.
//
// The extractor inserts a space wherever the PDF wrapped a line inside a
// cell ("重庆市綦江区人民政府 办公室"). Chinese is written without spaces,
// so a space with a wide character on both sides is always an artefact and
// is removed. Spaces next to Latin text ("GDP 增长", "OA 平台") may be real
// and are kept, collapsed to one.
func CleanCell(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\u00a0', r == '\u3000', r == '\t', r == '\n', r == '\r':
			return ' '
		case r == '\ufeff', r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060':
			return -1
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
	rs := []rune(strings.TrimSpace(s))
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != ' ' {
			out = append(out, r)
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		// rs[i:j] is a run of spaces between out's last rune and rs[j].
		if len(out) > 0 && j < len(rs) && isWide(out[len(out)-1]) && isWide(rs[j]) {
			i = j - 1
			continue
		}
		out = append(out, ' ')
		i = j - 1
	}
	return string(out)
}

// joinWrapped joins two pieces of one text that the extractor split across
// lines or cells, with the same rule as cleanCell.
func joinWrapped(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return CleanCell(a + " " + b)
}

// isWide reports whether r belongs to running Chinese text: Han
// ideographs, CJK and full-width punctuation, and the curly quotes and
// dashes that Chinese typesetting uses.
func isWide(r rune) bool {
	switch {
	case unicode.Is(unicode.Han, r):
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation 、。《》「」
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // full-width forms （）：，
		return true
	case r == '“', r == '”', r == '‘', r == '’', r == '—', r == '…', r == '·':
		return true
	}
	return false
}
