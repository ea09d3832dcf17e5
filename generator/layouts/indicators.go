package layouts

import (
	"regexp"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
	"budgetsite/generator/layouts/cellvalue"
)

// An indicator row as read from the columns of a header: each role's
// cell, empty where the row prints nothing for it (or where the cell is
// one merged from a column to its left, as a 三级指标 spanning the
// value column).
type indicatorRow struct {
	pos   grid.Pos
	cells [nRoles]cell
	// natures are the 指标性质 / 指标方向 cells, in column order.
	natures []cell
}

func (s *scanner) readRow(h *header, r int) indicatorRow {
	row := indicatorRow{pos: s.line(r)}
	var last [2]int
	for _, col := range h.cols {
		c := s.at(r, col.col)
		if c.anchor() == last && c.Covered {
			c.text, c.Cell = "", grid.Cell{Pos: c.Pos}
		}
		last = c.anchor()
		if col.role == cNature {
			row.natures = append(row.natures, c)
			continue
		}
		row.cells[col.role] = c
	}
	return row
}

var (
	// placeholderPrefixRe is the numbering of the 财政部 form's rows:
	// “指标1：”.
	placeholderPrefixRe = regexp.MustCompile(`^指标\s*\d+\s*[:：]\s*`)
	// scoreSuffixRe is a score printed after a level: 产出指标(50分).
	scoreSuffixRe = regexp.MustCompile(`\s*[(（]\s*\d+(?:\.\d+)?\s*分\s*[)）]$`)
)

// levels are the 一级 and 二级 of the row above, for the rows below.
type levels struct{ l1, l2 string }

// indicator turns an indicator row into an Indicator, filling the 一级
// and 二级 that merged cells (or a CSV's blanks) leave empty from the row
// above, whose levels prev holds and which it updates. ok is false for
// rows that are no indicator (placeholders) and for rows with errors,
// which are reported.
func (s *scanner) indicator(h *header, row indicatorRow, prev *levels) (budget.Indicator, bool) {
	text := func(r role) string { return row.cells[r].text }
	l1, l2, l3 := prev.next(row)
	vc := row.cells[cValue]
	if cellvalue.Blank(l3) && cellvalue.Blank(vc.text) {
		return budget.Indicator{}, false
	}
	if cellvalue.Blank(l3) {
		s.errorAt(vc.Pos, "指标值“"+vc.text+"”没有对应的三级指标", "请补上三级指标名称，或删除这一行")
		return budget.Indicator{}, false
	}
	if vc.text == "" {
		s.errorAt(vc.Pos, "三级指标“"+l3+"”缺少指标值", "请补上指标值；没有指标值的空行请删除")
		return budget.Indicator{}, false
	}
	in := budget.Indicator{Level1: l1, Level2: l2, Level3: l3, Line: row.pos.Line}
	if !s.levelsPresent(h, row, in) {
		return budget.Indicator{}, false
	}
	before := len(s.errs)
	s.target(&in, row, vc)
	if w := text(cWeight); w != "" {
		d, err := decimal.ParseDecimal(strings.TrimSuffix(strings.TrimSuffix(w, "分"), "%"))
		if err != nil {
			s.errorAt(row.cells[cWeight].Pos, "三级指标“"+l3+"”的权重“"+w+"”不是数字", "权重应为数字，例如 10")
		}
		in.Weight = d
	}
	in.Standard = text(cStandard)
	in.Remark = text(cRemark)
	return in, len(s.errs) == before
}

// next returns the levels of a row, filling the 一级 and 二级 that merged
// cells (or a CSV's blanks) leave empty from the row above, and
// remembers them for the row below. A score after a level (产出指标(50分))
// and the numbering of a 三级 (指标1：) are dropped.
func (prev *levels) next(row indicatorRow) (l1, l2, l3 string) {
	l1 = scoreSuffixRe.ReplaceAllString(row.cells[cLevel1].text, "")
	l2 = scoreSuffixRe.ReplaceAllString(row.cells[cLevel2].text, "")
	if l1 == "" {
		l1 = prev.l1
	}
	if l2 == "" && l1 == prev.l1 {
		l2 = prev.l2
	}
	prev.l1, prev.l2 = l1, l2
	return l1, l2, placeholderPrefixRe.ReplaceAllString(row.cells[cLevel3].text, "")
}

// levelsPresent reports, as an error, a row without the 一级 or 二级 its
// header has a column for.
func (s *scanner) levelsPresent(h *header, row indicatorRow, in budget.Indicator) bool {
	for _, r := range []role{cLevel1, cLevel2} {
		if _, has := h.col(r); has && (r == cLevel1 && in.Level1 == "" || r == cLevel2 && in.Level2 == "") {
			s.errorAt(row.cells[cLevel3].Pos, "三级指标“"+in.Level3+"”缺少"+roleName[r], "请补上"+roleName[r])
			return false
		}
	}
	return true
}

// target reads the comparison, value and unit of an indicator row into
// in: from the value cell vc and the row's 指标性质, 指标值类型 and 度量单位
// columns. Problems are reported.
func (s *scanner) target(in *budget.Indicator, row indicatorRow, vc cell) {
	text := func(r role) string { return row.cells[r].text }
	l3 := in.Level3
	// The comparison: a 指标性质 or 指标方向 column holds an operator or
	// a direction, whichever its label says (Sichuan and 乌海 swap them).
	explicit := ""
	for _, c := range row.natures {
		t := strings.ReplaceAll(c.text, " ", "")
		switch op, dir := budget.NormalizeOperator(t), cellvalue.Direction(t); {
		case t == "" || t == "定量":
		case op != "":
			if explicit != "" && explicit != op {
				s.errorAt(c.Pos, "指标性质“"+explicit+"”和“"+op+"”互相矛盾", "请只保留一个比较符")
			}
			explicit = op
		case dir != "":
			in.Direction = dir
		default:
			s.errorAt(c.Pos, "指标性质“"+c.text+"”无法识别", "指标性质应为 =、≥、≤、>、<、定性，指标方向应为 正向 或 反向")
		}
	}
	if t := text(cValueType); t == "定性" && explicit == "" {
		explicit = budget.OpQualitative
	}
	unitCol := text(cUnit)
	if c := row.cells[cUnit]; unitCol != "" && c.Kind != grid.Text {
		s.noteAt(c.Pos, "三级指标“"+l3+"”的度量单位“"+c.Display+"”是数字，不是单位，未导入", "请核对原表的度量单位")
		unitCol = ""
	}
	s.value(in, vc, explicit, unitCol)
}

// value reads the value cell into the indicator: its comparison, number
// and unit when the cell prints them unambiguously, else the words as
// printed (定性). explicit is the comparison a column states, unitCol the
// unit one does. Printed keeps the cell as printed when it differs from
// Value.
func (s *scanner) value(in *budget.Indicator, c cell, explicit, unitCol string) {
	printed := c.text
	var op, num, unit string
	ok := false
	switch c.Kind {
	case grid.Date:
		printed = c.Display // the date, not its serial
	case grid.Number:
		printed = c.Display
		op, num, unit, ok = cellvalue.NumberValue(c.Cell)
	default:
		op, num, unit, ok = cellvalue.SplitValue(printed)
	}
	in.Operator, in.Value, in.Unit = explicit, printed, unitCol
	if explicit == budget.OpQualitative || !ok {
		if in.Operator == "" {
			in.Operator = budget.OpQualitative
		}
		return
	}
	if op != "" && explicit != "" && op != explicit {
		s.errorAt(c.Pos, "指标值“"+printed+"”的比较符“"+op+"”与指标性质“"+explicit+"”不一致", "请改正其中一栏")
		return
	}
	if unit != "" && unitCol != "" && unit != unitCol {
		s.errorAt(c.Pos, "指标值“"+printed+"”自带单位“"+unit+"”，与度量单位“"+unitCol+"”不一致", "请改正其中一栏")
		return
	}
	switch {
	case explicit != "":
	case op != "":
		in.Operator = op
	default:
		in.Operator = budget.OpEqual
	}
	if unit != "" {
		in.Unit = unit
	}
	in.Value = num
	if printed != num {
		in.Printed = printed
	}
}
