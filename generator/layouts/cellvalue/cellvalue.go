// Package cellvalue reads what one cell of a budget table prints, apart
// from any layout: a target value split into comparison, number and unit
// (SplitValue: ≥85% is ≥ 85 %), an amount with its unit of money, exactly
// (Amount, MoneyUnit, UnitOfQualifier) and converted to 万元 (ToWan), a
// workbook number in a value cell as its format shows it (NumberValue), a
// cell that holds nothing (Blank: “/”, “—”, “……”), text with Traditional
// characters folded for comparing labels (Simplified), a code printed
// before a name (SplitCoded, SplitProjectCode), the code made
// for a table that prints none (DerivedCode), 指标方向 (Direction), a
// period split at its dash (SplitPeriod) and the year of a title
// (TitleYear). Package layouts reads cells with it; it knows no layout.
package cellvalue

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
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
	t := FoldWidth(strings.TrimSpace(s))
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
func FoldWidth(s string) string {
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
func Amount(c grid.Cell) (d decimal.Decimal, unit string, ok bool) {
	text := FoldWidth(c.Text)
	if c.Kind == grid.Number {
		stored, err := decimal.ParseDecimal(c.Text)
		if err != nil {
			return d, "", false
		}
		if m := amountRe.FindStringSubmatch(FoldWidth(c.Display)); m != nil {
			if shown, err := decimal.ParseDecimal(strings.ReplaceAll(m[1], ",", "")); err == nil && shown.Cmp(stored) == 0 {
				return shown, MoneyUnit(m[2]), true
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
	return d, MoneyUnit(m[2]), true
}

// moneyUnit maps the ways tables name a unit of money onto 万元 and 元;
// anything else is "".
func MoneyUnit(s string) string {
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
func UnitOfQualifier(q string) (unit, unknown string) {
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
func ToWan(d decimal.Decimal, unit string) decimal.Decimal {
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
func SplitCoded(s string) (code, name string) {
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
func SplitProjectCode(s string) (code, name string) {
	code, name = SplitCoded(s)
	dates := strings.Trim(code, "0123456789") == "" && name != "" && name[0] >= '0' && name[0] <= '9'
	if code != "" && len(code) >= 6 && !dates {
		return code, name
	}
	return "", strings.TrimSpace(s)
}

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// direction reads a 指标方向 cell: 正向, 反向 or 中性, with or without 指标.
func Direction(s string) string {
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

// SplitPeriod splits 项目起止时间 into start and end at its one dash or 至:
// “2023.07-2024.01”, “2021年1月至12月”. A period it cannot split is the
// start.
func SplitPeriod(s string) (start, end string) {
	for _, sep := range []string{"至", "—", "－", "–", "~", "～", "-"} {
		if strings.Count(s, sep) == 1 {
			a, b, _ := strings.Cut(s, sep)
			if a, b = strings.TrimSpace(a), strings.TrimSpace(b); a != "" && b != "" {
				return a, b
			}
		}
	}
	return s, ""
}

// The year of a title.
var (
	yearTitleRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)
	bareYearRe  = regexp.MustCompile(`^[(（]?\s*((?:19|20)\d\d)\s*年度?\s*[)）]?$`)
)

// TitleYear reads the year of a title: “(2021年度)”, “2022年…绩效目标表”,
// “部门预算项目绩效目标申报表(2023年度)”.
func TitleYear(text string) (int, bool) {
	t := strings.ReplaceAll(text, " ", "")
	m := bareYearRe.FindStringSubmatch(t)
	if m == nil && (strings.Contains(t, "年度") || strings.Contains(t, "绩效") || strings.HasSuffix(t, "表")) {
		m = yearTitleRe.FindStringSubmatch(t)
	}
	if m == nil {
		return 0, false
	}
	y, _ := strconv.Atoi(m[1])
	return y, true
}

// NumberValue reads a workbook's number in a value cell: as its format
// shows it when that is the stored number (96, 12.50, 100% for 1),
// else the stored number itself (0.25 shown as 0 reads 0.25).
func NumberValue(c grid.Cell) (op, num, unit string, ok bool) {
	stored, err := decimal.ParseDecimal(c.Text)
	if err != nil {
		return "", "", "", false
	}
	if op, num, unit, ok := SplitValue(c.Display); ok && op == "" {
		want := stored
		if unit == "%" {
			want = stored.Shift(2)
		}
		if d, err := decimal.ParseDecimal(num); err == nil && d.Cmp(want) == 0 {
			return "", num, unit, true
		}
		if unit == "%" {
			return "", want.Trimmed().String(), "%", true
		}
	}
	return "", c.Text, "", true
}

// Blank reports a cell that holds nothing: empty, or a mark tables put
// in an empty cell or a placeholder row (“/”, “—”, “……”, “无”).
func Blank(s string) bool {
	switch strings.ReplaceAll(s, " ", "") {
	case "", "…", "……", "...", "......", "/", "／", "\\", "-", "－", "—", "——", "无":
		return true
	}
	return false
}

// traditional folds the Traditional characters of the labels onto the
// Simplified ones, for tables printed in Traditional characters or put
// through a conversion (岳陽樓區: 項目名稱, 主管部門, 績效指標, 指標值類型,
// 計量單位, 資金總額（萬元）): the vocabulary's labels in their
// Traditional spelling. Only labels are compared so; a cell's text, a
// name or a value, is kept as printed.
var traditional = func() map[rune]rune {
	const pairs = "項项稱称門门單单績绩標标級级類类計计釋释評评準准備备註注總总體体資资額额實实預预數数財财撥拨際际經经費费務务質质時时產产滿满職职責责說说來来發发負负聯联繫系電电話话報报審审見见執执間间終终況况內内設设屬属權权綜综論论問问題题進进轉转餘余專专戶户業业營营國国運运維维護护萬万週周滾滚層层區区縣县鎮镇價价認认鑒鉴為为與与補补貼贴態态範范圍围應应歲岁劃划達达減减傳传導导統统檢检驗验願愿據据測测構构勞劳環环"
	m := map[rune]rune{}
	rs := []rune(pairs)
	for i := 0; i+1 < len(rs); i += 2 {
		if rs[i] != rs[i+1] {
			m[rs[i]] = rs[i+1]
		}
	}
	return m
}()

// Simplified is text with the Traditional characters of labels folded
// (traditional), for comparing, never for keeping.
func Simplified(text string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := traditional[r]; ok {
			return t
		}
		return r
	}, text)
}
