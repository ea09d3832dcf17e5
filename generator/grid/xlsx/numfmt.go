package xlsx

import (
	"strings"
	"unicode/utf8"

	"budgetsite/generator/decimal"
)

// A numFormat is a parsed Excel number format, enough to show a number
// as the sheet did for the formats budget sheets use: General, fixed
// decimals, thousands separators, percentages, currency and unit
// literals. Other formats (scientific, fractions, conditions, Chinese
// numerals) show the number's Text.
type numFormat struct {
	date     bool         // a date or time format
	sections []numSection // positive; negative; zero (nil: show Text)
}

type numSection struct {
	prefix, suffix string
	general        bool // the General placeholder
	digits         bool // has digit placeholders
	percent, scale int  // each % multiplies by 100, each trailing comma divides by 1000
	minInt         int  // 0 placeholders before the point
	point          bool // a decimal point
	minDec, maxDec int  // 0 and all placeholders after the point
	group          bool // thousands separators
}

// maxScaling bounds the % signs and scaling commas of a section.
const maxScaling = 8

// builtinFormats are the format codes that a workbook refers to by number
// only, as Excel with Chinese (PRC) settings shows them.
var builtinFormats = map[int]string{
	0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00",
	5: `"¥"#,##0;"¥"\-#,##0`, 6: `"¥"#,##0;[Red]"¥"\-#,##0`,
	7: `"¥"#,##0.00;"¥"\-#,##0.00`, 8: `"¥"#,##0.00;[Red]"¥"\-#,##0.00`,
	9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
	14: "yyyy/m/d", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
	18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: "yyyy/m/d h:mm",
	27: `yyyy"年"m"月"`, 28: `m"月"d"日"`, 29: `m"月"d"日"`, 30: "m-d-yy", 31: `yyyy"年"m"月"d"日"`,
	32: `h"时"mm"分"`, 33: `h"时"mm"分"ss"秒"`, 34: `上午/下午h"时"mm"分"`, 35: `上午/下午h"时"mm"分"ss"秒"`,
	36: `yyyy"年"m"月"`,
	37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)",
	41: `_ * #,##0_ ;_ * \-#,##0_ ;_ * "-"_ ;_ @_ `,
	42: `_ "¥"* #,##0_ ;_ "¥"* \-#,##0_ ;_ "¥"* "-"_ ;_ @_ `,
	43: `_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `,
	44: `_ "¥"* #,##0.00_ ;_ "¥"* \-#,##0.00_ ;_ "¥"* "-"??_ ;_ @_ `,
	45: "mm:ss", 46: "[h]:mm:ss", 47: "mm:ss.0", 48: "##0.0E+0", 49: "@",
	50: `yyyy"年"m"月"`, 51: `m"月"d"日"`, 52: `yyyy"年"m"月"`, 53: `m"月"d"日"`, 54: `m"月"d"日"`,
	55: `上午/下午h"时"mm"分"`, 56: `上午/下午h"时"mm"分"ss"秒"`, 57: `yyyy"年"m"月"`, 58: `m"月"d"日"`,
}

// parseNumFormat parses a format code.
func parseNumFormat(code string) numFormat {
	if isDateFormat(code) {
		return numFormat{date: true}
	}
	var f numFormat
	sections := splitSections(code)
	if len(sections) > 4 {
		return numFormat{}
	}
	for _, s := range sections[:min(len(sections), 3)] { // the fourth is for text
		sec, ok := parseSection(s)
		if !ok {
			return numFormat{}
		}
		f.sections = append(f.sections, sec)
	}
	return f
}

// isGeneral reports whether f shows a number as its Text.
func (f numFormat) isGeneral() bool {
	if len(f.sections) == 0 {
		return true
	}
	s := f.sections[0]
	return len(f.sections) == 1 && s.general && s.prefix == "" && s.suffix == ""
}

// splitSections splits a format code at the semicolons that separate its
// positive, negative, zero and text sections.
func splitSections(code string) []string {
	var out []string
	start, quoted, bracket := 0, false, false
	for i := 0; i < len(code); i++ {
		switch c := code[i]; {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case c == ';' && !bracket:
			out = append(out, code[start:i])
			start = i + 1
		}
	}
	return append(out, code[start:])
}

// parseSection parses one section; ok is false for the features it does
// not render.
func parseSection(s string) (sec numSection, ok bool) {
	var lit strings.Builder
	point, afterDigits := false, false
	addLit := func(t string) {
		if sec.digits || sec.general {
			afterDigits = true
		}
		lit.WriteString(t)
	}
	isPlaceholder := func(c byte) bool { return c == '0' || c == '#' || c == '?' }
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"':
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				j = len(s) - i - 1
			}
			addLit(s[i+1 : i+1+j])
			i += j + 2
			continue
		case c == '\\' && i+1 < len(s):
			_, n := utf8.DecodeRuneInString(s[i+1:])
			addLit(s[i+1 : i+1+n])
			i += 1 + n
			continue
		case (c == '_' || c == '*') && i+1 < len(s):
			_, n := utf8.DecodeRuneInString(s[i+1:])
			i += 1 + n // padding and fill: nothing visible to read
			continue
		case c == '[':
			j := strings.IndexByte(s[i:], ']')
			if j < 0 {
				return sec, false
			}
			b := s[i+1 : i+j]
			switch {
			case strings.HasPrefix(b, "$"):
				sym, _, _ := strings.Cut(b[1:], "-")
				addLit(sym)
			case isColor(b):
			default:
				return sec, false // conditions, [DBNum1], elapsed time
			}
			i += j + 1
			continue
		case len(s)-i >= 7 && strings.EqualFold(s[i:i+7], "general"):
			if sec.digits || sec.general {
				return sec, false
			}
			sec.prefix = lit.String()
			lit.Reset()
			sec.general = true
			i += 7
			continue
		case isPlaceholder(c):
			if afterDigits || sec.general {
				return sec, false // literal between digits, as in “0-00”
			}
			if !sec.digits {
				sec.prefix = lit.String()
				lit.Reset()
			}
			sec.digits = true
			switch {
			case point:
				sec.maxDec++
				if c == '0' {
					sec.minDec++
				}
			case c == '0':
				sec.minInt++
			}
		case c == '.' && !point && !afterDigits && (sec.digits || i+1 < len(s) && isPlaceholder(s[i+1])):
			if !sec.digits {
				sec.prefix = lit.String()
				lit.Reset()
				sec.digits = true
			}
			point = true
			sec.point = true
		case c == ',' && sec.digits && !afterDigits:
			switch next := i+1 < len(s) && isPlaceholder(s[i+1]); {
			case !next:
				sec.scale++
			case !point:
				sec.group = true
			}
		case c == '%':
			sec.percent++
			addLit("%")
		case c == 'E' || c == 'e' || c == '/' || c == '@':
			return sec, false // scientific, fractions, text
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			addLit(s[i : i+n])
			i += n
			continue
		}
		i++
	}
	if sec.digits || sec.general {
		sec.suffix = lit.String()
	} else {
		sec.prefix = lit.String()
	}
	if sec.percent+sec.scale > maxScaling {
		return sec, false // no sheet does this; it would only make huge numbers
	}
	return sec, true
}

func isColor(b string) bool {
	switch strings.ToLower(b) {
	case "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow":
		return true
	}
	return len(b) > 5 && strings.EqualFold(b[:5], "color")
}

// isDateFormat reports whether a format code shows a date or a time: it
// has y, m, d, h or s outside quotes, escapes and brackets, or an
// elapsed-time bracket such as [h].
func isDateFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			if j > 1 && strings.Trim(strings.ToLower(code[i+1:i+j]), "hms") == "" {
				return true // elapsed time: [h], [mm], [ss]
			}
			i += j
		case 'G', 'g':
			if len(code)-i >= 7 && strings.EqualFold(code[i:i+7], "general") {
				i += 6
				continue
			}
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		}
	}
	return false
}

// format shows x, whose Value is text, in format f; ok is false when
// the format is not one it renders.
func (f numFormat) format(x decimal.Decimal, text string) (string, bool) {
	if len(f.sections) == 0 {
		return "", false
	}
	sec, neg := f.sections[0], x.Sign() < 0
	switch {
	case x.Sign() == 0 && len(f.sections) >= 3:
		sec = f.sections[2]
	case neg && len(f.sections) >= 2:
		sec, neg = f.sections[1], false // the section shows its own sign
	}
	if x.Sign() < 0 {
		x = x.Neg()
	}
	sign := ""
	if neg {
		sign = "-"
	}
	switch {
	case sec.general:
		return sign + sec.prefix + strings.TrimPrefix(text, "-") + sec.suffix, true
	case !sec.digits:
		return sec.prefix, true
	}
	x = x.Shift(2*sec.percent - 3*sec.scale).Round(sec.maxDec)
	intPart, frac := parts(x)
	for len(intPart) < sec.minInt {
		intPart = "0" + intPart
	}
	if sec.group && len(intPart) > 3 {
		var b strings.Builder
		for i := range len(intPart) {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteByte(intPart[i])
		}
		intPart = b.String()
	}
	for len(frac) < sec.minDec {
		frac += "0"
	}
	num := intPart
	if sec.point {
		num += "." + frac
	}
	if x.Sign() == 0 {
		sign = ""
	}
	return sign + sec.prefix + num + sec.suffix, true
}
