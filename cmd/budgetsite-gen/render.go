package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tableWriter writes projects in the text layout a PDF extractor gives
// for 项目支出绩效目标表. With a noise source it adds the extractor's
// artefacts that generator.ParseTables is built to undo; every choice of
// noise comes from nr, never from the data stream, so a noisy file holds
// the same projects as the clean one.
type tableWriter struct {
	w    *bufio.Writer
	nr   *rand.Rand // nil: clean output
	page int
}

func (t *tableWriter) chance(pct int) bool { return t.nr != nil && t.nr.IntN(100) < pct }

// row writes one line of tab-separated cells. In noise mode it may first
// add a blank line, a page break or a table rule.
func (t *tableWriter) row(cells ...string) {
	if t.nr != nil {
		t.between()
	}
	for i, c := range cells {
		if i > 0 {
			t.w.WriteByte('\t')
		}
		t.w.WriteString(c)
	}
	t.w.WriteByte('\n')
}

func (t *tableWriter) between() {
	switch x := t.nr.IntN(1000); {
	case x < 45:
		t.w.WriteString("\n")
	case x < 52:
		t.page++
		fmt.Fprintf(t.w, "第 %d 页\n\f", t.page)
	case x < 58:
		t.page++
		fmt.Fprintf(t.w, "- %d -\f", t.page)
	case x < 62:
		t.w.WriteString("\f")
	case x < 66:
		t.w.WriteString("------\t------------------------------------\n")
	case x < 70:
		t.w.WriteString("--\t--\t--\t--\t--\t--\t--\n")
	}
}

func empties(n int) []string { return make([]string, n) }

func cells(first []string, rest ...string) []string { return append(first, rest...) }

// table writes one project's table.
func (t *tableWriter) table(p *project) {
	title := strconv.Itoa(p.year) + "年财政资金项目支出绩效目标表"
	if t.chance(5) {
		title = t.wrap(title, 1)
	}
	if t.chance(10) {
		t.w.WriteString("\n")
	}
	t.w.WriteString(title + "\n\n")
	if t.chance(10) {
		t.w.WriteString("单位:万元\n\n")
	} else {
		t.w.WriteString("单位：万元\n\n")
	}

	// 项目名称, possibly wrapped onto a second line.
	if head, tail, ok := t.split(p.name, 4, 3); ok && t.chance(4) {
		t.row(cells([]string{"项目名称", p.code + "-" + head}, empties(6)...)...)
		t.row("", tail)
	} else {
		t.row(cells([]string{"项目名称", p.code + "-" + t.maybeWrap(p.name, 8, 1)}, empties(6)...)...)
	}
	if t.chance(8) {
		t.w.WriteString("------\t------------------------------------\n\n")
	}

	dept := p.dept.code + "-" + t.maybeWrap(p.dept.name, 30, 1)
	unit := p.unit.code + "-" + t.maybeWrap(p.unit.name, 30, 1)
	switch t.layout() {
	case 1:
		t.row("主管部门", dept, "实施单位", "", unit, "", "", "")
	case 2:
		t.row("主管部门", dept, "", "实施单位", unit, "", "", "")
	case 3:
		if a, b, ok := t.split(dept, 3, 3); ok {
			t.row("主管部门", a, b, "实施单位", unit, "", "", "")
			break
		}
		fallthrough
	default:
		t.row("主管部门", dept, "实施单位", unit, "", "", "", "")
	}

	funds := "资金总额（万）"
	switch {
	case t.chance(20):
		funds = "资金总额(万)"
	case t.chance(10):
		funds = "资金总额（万元）"
	}
	amount := formatWan(p.funds)
	switch t.layout() {
	case 1:
		t.row(funds, amount, "项目属性", "", p.attribute, "", "", "")
	case 2:
		t.row(funds, amount, "", "项目属性", p.attribute, "", "", "")
	default:
		t.row(funds, amount, "项目属性", p.attribute, "", "", "", "")
	}

	start, end := "项目起始时间", "项目终止时间"
	if t.chance(6) {
		start = "项目起始时"
	}
	if t.chance(6) {
		end = "项目终止时"
	}
	switch t.layout() {
	case 1:
		t.row(start, p.start, end, "", p.end, "", "", "")
	case 2:
		t.row(start, p.start, "", end, p.end, "", "", "")
	default:
		t.row(start, p.start, end, p.end, "", "", "", "")
	}

	t.text("项目概况", p.overview)
	goal := "项目当年绩效目标"
	if t.chance(55) {
		goal = "项目当年绩效目" // cut off at the cell edge
	}
	t.text(goal, p.goal)

	labelOnFirstRow := false
	x := 100
	if t.nr != nil {
		x = t.nr.IntN(100)
	}
	switch {
	case x < 25:
		// The sample's variant: the row label sits on the first data row.
		t.row("", "一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位", "权重")
		if t.chance(70) {
			t.w.WriteString("\n")
		}
		labelOnFirstRow = true
	case x < 35:
		t.row("绩效指标", "一级 指标", "二级指标", "三级 指标", "指标值", "指标性质", "度量 单位", "权重")
	default:
		t.row("绩效指标", "一级指标", "二级指标", "三级指标", "指标值", "指标性质", "度量单位", "权重")
	}

	for j := range p.inds {
		t.indicatorRow(p, j, labelOnFirstRow && j == 0)
	}
	t.w.WriteString("\n")
}

// layout picks how a header line spreads over cells: 0 is the clean one.
func (t *tableWriter) layout() int {
	if t.nr == nil || t.nr.IntN(100) >= 30 {
		return 0
	}
	return 1 + t.nr.IntN(3)
}

// text writes a wrapped text field (项目概况, 项目当年绩效目标), in noise mode
// with wrap spaces and sometimes continued on following lines.
func (t *tableWriter) text(label, s string) {
	if t.nr == nil {
		t.row(cells([]string{label, s}, empties(6)...)...)
		return
	}
	pieces := []string{s}
	for len(pieces) < 3 && t.chance(15) {
		last := pieces[len(pieces)-1]
		head, tail, ok := t.split(last, 10, 10)
		if !ok {
			break
		}
		pieces = append(pieces[:len(pieces)-1], head, tail)
	}
	for i, piece := range pieces {
		piece = t.maybeWrap(piece, 40, 3)
		if i == 0 {
			t.row(cells([]string{label, piece}, empties(t.nr.IntN(7))...)...)
		} else {
			t.row(cells([]string{"", piece}, empties(t.nr.IntN(6))...)...)
		}
	}
}

func (t *tableWriter) indicatorRow(p *project, j int, label bool) {
	in := &p.inds[j]
	l3 := in.level3Text(p)
	value, weight := in.valueText(p), strconv.Itoa(in.weight)
	lead := []string{""}
	if label {
		lead = []string{"绩效指标"}
	}
	if t.nr == nil {
		t.row(cells(lead, in.level1, in.level2, l3, value, in.op, in.unit, weight)...)
		return
	}

	// Merged 一级/二级 cells print only on a group's first row.
	names := []string{in.level1, in.level2}
	if prev := j - 1; prev >= 0 && p.inds[prev].level1 == in.level1 && t.chance(8) {
		if p.inds[prev].level2 == in.level2 && t.chance(50) {
			lead, names = append(lead, "", ""), nil
		} else {
			lead, names = append(lead, ""), names[1:]
		}
	}
	for i := range names {
		names[i] = t.maybeWrap(names[i], 10, 1)
	}
	var cont string
	switch x := t.nr.IntN(100); {
	case x < 6:
		if head, tail, ok := t.split(l3, 2, 2); ok {
			names = append(names, head, tail)
			break
		}
		names = append(names, l3)
	case x < 9:
		if head, tail, ok := t.split(l3, 2, 2); ok {
			names = append(names, head)
			cont = tail
			break
		}
		names = append(names, l3)
	default:
		names = append(names, t.maybeWrap(l3, 12, 1))
	}
	body := append(names, value, in.op, in.unit, weight)
	if t.chance(12) {
		// Scatter cells: extra empties anywhere except before the first
		// name (that would read as merged cells) and between value and
		// operator (the parser reads the value next to the operator).
		opAt := len(names) + 1
		for k := 1 + t.nr.IntN(3); k > 0; k-- {
			g := 1 + t.nr.IntN(len(body)-1)
			if g == opAt {
				continue
			}
			body = append(body[:g], append([]string{""}, body[g:]...)...)
			if g < opAt {
				opAt++
			}
		}
	}
	t.row(cells(lead, body...)...)
	if cont != "" {
		t.row("", "", "", cont)
	}
}

// --- noise helpers ---

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// hanGaps lists the rune offsets i where s[i-1] and s[i] are both Han, the
// only places where the parser takes a space for a wrap artefact.
func hanGaps(rs []rune) []int {
	var out []int
	for i := 1; i < len(rs); i++ {
		if isHan(rs[i-1]) && isHan(rs[i]) {
			out = append(out, i)
		}
	}
	return out
}

// wrap inserts up to k spaces at Han–Han boundaries.
func (t *tableWriter) wrap(s string, k int) string {
	rs := []rune(s)
	gaps := hanGaps(rs)
	if len(gaps) == 0 || k <= 0 {
		return s
	}
	at := map[int]bool{}
	for i := 0; i < k; i++ {
		at[gaps[t.nr.IntN(len(gaps))]] = true
	}
	var b strings.Builder
	for i, r := range rs {
		if at[i] {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (t *tableWriter) maybeWrap(s string, pct, k int) string {
	if !t.chance(pct) {
		return s
	}
	return t.wrap(s, 1+t.nr.IntN(k))
}

// split cuts s at a Han–Han boundary into two pieces of at least minHead
// and minTail runes, such that the tail on a line of its own cannot be
// read as anything but continued text.
func (t *tableWriter) split(s string, minHead, minTail int) (string, string, bool) {
	if t.nr == nil {
		return "", "", false
	}
	rs := []rune(s)
	var ok []int
	for _, g := range hanGaps(rs) {
		if g >= minHead && len(rs)-g >= minTail && safeTail(string(rs[g:])) {
			ok = append(ok, g)
		}
	}
	if len(ok) == 0 {
		return "", "", false
	}
	g := ok[t.nr.IntN(len(ok))]
	return string(rs[:g]), string(rs[g:]), true
}

// labelWords are the parser's header labels (parse_tables.go); a piece of
// text that is a label or the start of one could be read as a label.
var labelWords = []string{
	"项目名称", "主管部门", "主管单位", "预算部门", "实施单位", "项目实施单位", "执行单位",
	"项目属性", "项目类型", "项目起始时间", "起始时间", "项目开始时间", "开始时间",
	"项目终止时间", "终止时间", "项目结束时间", "结束时间", "项目概况", "项目简介", "项目基本情况",
	"项目当年绩效目标", "当年绩效目标", "年度绩效目标", "项目年度绩效目标", "项目绩效目标",
	"绩效指标", "绩效指标表", "资金总额", "项目资金总额", "年度资金总额", "项目年度资金总额",
	"一级指标", "二级指标", "三级指标", "指标值", "目标值", "指标性质", "度量单位", "计量单位", "单位", "权重", "分值",
}

func safeTail(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !isHan(r) || strings.Contains(s, "绩效目标表") || strings.HasPrefix(s, "单位") ||
		strings.HasPrefix(s, "金额单位") || strings.HasPrefix(s, "第") || strings.HasPrefix(s, "共") {
		return false
	}
	for _, l := range labelWords {
		if strings.HasPrefix(l, s) || strings.HasPrefix(s, l) {
			return false
		}
	}
	return true
}
