package layouts

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
)

// valueRe is a printed target value: an optional comparison, a number
// (thousands separators allowed), and the rest, which may be a unit.
var valueRe = regexp.MustCompile(`^(≥|≤|>=|<=|=>|=<|≧|≦|==|=|>|<|不低于|不少于|不高于|不超过|不多于|大于等于|小于等于|大于|小于|等于)?\s*([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(.*)$`)

// SplitValue splits a printed value cell into its comparison, number and
// unit when that is unambiguous: “≥85%” is ≥ 85 %, “>=1102人” is ≥ 1102
// 人, “10辆” is = 10 辆 and “≤475元/亩” is ≤ 475 元/亩. The operator is
// empty when the cell prints none (the caller reads “=” or the sheet's
// 指标性质 column). ok is false for words, periods and hedged figures
// (“优良”, “2023.07-2024.01”, “±3%以内”, “95%以上”), which stay text.
//
// Full-width digits, signs and ％ count as their ASCII forms, and
// thousands separators are dropped from the number.
func SplitValue(s string) (op, value, unit string, ok bool) {
	t := foldWidth(strings.TrimSpace(s))
	m := valueRe.FindStringSubmatch(t)
	if m == nil {
		return "", "", "", false
	}
	unit = strings.TrimSpace(m[3])
	if !isUnit(unit) {
		return "", "", "", false
	}
	if m[1] != "" {
		op = budget.NormalizeOperator(m[1])
	}
	return op, strings.ReplaceAll(m[2], ",", ""), unit, true
}

// isUnit reports whether s can be a unit of measure: empty, or at most
// ten letters and the signs units use (%, ‰, /, ·, ², ³), with no digit
// and none of the characters that make a figure a bound, an estimate or
// a time rather than a quantity (以内, 以上, 左右, 前, 底, 约…).
func isUnit(s string) bool {
	if s == "" {
		return true
	}
	if utf8.RuneCountInString(s) > 10 || strings.ContainsAny(s, notInUnits) {
		return false
	}
	for _, r := range s {
		switch {
		case r == '%', r == '‰', r == '/', r == '·', r == '²', r == '³':
		case unicode.IsLetter(r):
		default:
			return false
		}
	}
	return true
}

// notInUnits are the characters of 以内, 以上, 以下, 左右, 之前, 底, 约,
// 余, 及, 或, 至, 不超过…: a figure followed by them is not a quantity.
const notInUnits = "以内上下左右之前后底约余及或至到起止多少超过高低不每"

// foldWidth turns full-width digits, signs and punctuation into ASCII.
func foldWidth(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r >= 0xFF01 && r <= 0xFF5E }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E && (r >= '０' && r <= '９' || strings.ContainsRune("％．，＝＞＜＋－／", r)) {
			return r - 0xFEE0
		}
		return r
	}, s)
}

// amountRe is a printed amount: a number with optional thousands
// separators and currency sign, then an optional unit and remark
// (“854万(高标准农田建设400万元…)”).
var amountRe = regexp.MustCompile(`^[¥￥]?\s*(-?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|-?[0-9]+(?:\.[0-9]+)?)\s*(万元|万|元)?\s*(?:[(（].*[)）])?$`)

// parseAmount reads an amount cell: its exact number and the unit it
// prints, if any. A workbook's number is read from its stored digits and
// keeps the places its format shows when that is the same number
// (4 shown as 4.00 reads 4.00; 0.25 shown as 0 reads 0.25).
func parseAmount(c grid.Cell) (d decimal.Decimal, unit string, ok bool) {
	text := foldWidth(c.Text)
	if c.Kind == grid.Number {
		stored, err := decimal.ParseDecimal(c.Text)
		if err != nil {
			return d, "", false
		}
		if m := amountRe.FindStringSubmatch(foldWidth(c.Display)); m != nil {
			if shown, err := decimal.ParseDecimal(strings.ReplaceAll(m[1], ",", "")); err == nil && shown.Cmp(stored) == 0 {
				return shown, moneyUnit(m[2]), true
			}
		}
		return stored, "", true
	}
	m := amountRe.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return d, "", false
	}
	d, err := decimal.ParseDecimal(strings.ReplaceAll(m[1], ",", ""))
	if err != nil {
		return d, "", false
	}
	return d, moneyUnit(m[2]), true
}

// moneyUnit maps the ways tables name a unit of money onto 万元 and 元;
// anything else is "".
func moneyUnit(s string) string {
	switch s {
	case "万元", "万":
		return "万元"
	case "元":
		return "元"
	}
	return ""
}

// unitOfQualifier reads a unit of money from a label's bracketed
// qualifier, as in 资金总额（元） or 资金情况(万元). unknown is the text
// of a qualifier that names some other unit (千元).
func unitOfQualifier(q string) (unit, unknown string) {
	switch {
	case q == "":
		return "", ""
	case strings.Contains(q, "万元") || q == "万":
		return "万元", ""
	case strings.Contains(q, "千元") || strings.Contains(q, "亿元"):
		return "", q
	case strings.Contains(q, "元"):
		return "元", ""
	}
	return "", ""
}

// toWan converts an amount to 万元 exactly: 元 move the point four places
// and lose the zeros that leaves at the end (3309840.00 元 is 330.984
// 万元); an amount in 万元 keeps its digits as printed.
func toWan(d decimal.Decimal, unit string) decimal.Decimal {
	if unit == "元" {
		return d.Shift(-4).Trimmed()
	}
	return d
}

// DerivedCode is the code of a project or agency whose table prints
// none: “X” and the first 16 hexadecimal digits (upper case) of the
// SHA-256 of its parts joined by “|”. A project's parts are its year,
// its 实施单位's name and its name; an agency's part is its name. The
// code is stable: the same table gives the same code on every import.
func DerivedCode(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	return "X" + strings.ToUpper(hex.EncodeToString(sum[:8]))
}

// Codes as agencies print them: 103-名称, [015001]名称, (433)名称, 【…】.
var (
	codeDashRe    = regexp.MustCompile(`^([0-9A-Za-z]+)\s*[-－—–_]\s*(.+)$`)
	codeBracketRe = regexp.MustCompile(`^[\[【(（]\s*([0-9A-Za-z]+)\s*[\]】)）]\s*(.+)$`)
)

// splitCoded splits an agency cell into its code and name. A cell with
// no code gets “” and the whole text.
func splitCoded(s string) (code, name string) {
	s = strings.TrimSpace(s)
	if m := codeBracketRe.FindStringSubmatch(s); m != nil {
		return m[1], strings.TrimSpace(m[2])
	}
	if m := codeDashRe.FindStringSubmatch(s); m != nil && hasDigit(m[1]) {
		return m[1], strings.TrimSpace(m[2])
	}
	return "", s
}

// splitProjectCode splits “50011022T000000155466-会务服务” into its code
// and name. A project code has at least six letters and digits, one of
// them a digit, so that a name such as “2023-2025年…” keeps its years;
// digits alone followed by a name that starts with a digit are a range
// of dates (202301-202512…), not a code.
func splitProjectCode(s string) (code, name string) {
	code, name = splitCoded(s)
	dates := strings.Trim(code, "0123456789") == "" && name != "" && name[0] >= '0' && name[0] <= '9'
	if code != "" && len(code) >= 6 && !dates {
		return code, name
	}
	return "", strings.TrimSpace(s)
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// direction reads a 指标方向 cell: 正向, 反向 or 中性, with or without 指标.
func direction(s string) string {
	switch strings.TrimSuffix(s, "指标") {
	case "正向":
		return "正向"
	case "反向":
		return "反向"
	case "中性":
		return "中性"
	}
	return ""
}
