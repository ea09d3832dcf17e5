package layouts

import (
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
	"budgetsite/generator/layouts/cellvalue"
)

// Evaluated is one 项目支出绩效自评表 as read: the project it names and
// its results. Project carries what identifies the project (Year, Code,
// Name, Department, Unit; a derived code where the table prints none),
// Source, the 自评's own view of the targets and Evaluation:
//
//   - Indicators are the targets as the 自评 prints them, one per result
//     and in the same order as Evaluation.Indicators: the levels, and
//     年度指标值 split by SplitValue (or the 指标性质, 指标值 and 度量单位
//     columns) into Operator, Value and Unit. Their Weight is 0: the
//     分值 a 自评 prints is the result's MaxScore, and a target table's
//     weights are another scale.
//   - Funds is the 全年预算数 (调整后预算数), else the 年初预算数, else 0.
//   - AnnualGoal is the goal as the 自评 prints it (预期目标, 年初设定目标,
//     项目年度目标).
//
// A 自评 whose project has no target table becomes that project.
type Evaluated struct {
	budget.Project
}

// selfEvalHeader checks an indicator header for the columns of a
// self-evaluation and marks it as one when it has a 实际完成值 column.
// A 得分 or 偏差原因 column without one is an error.
func (s *scanner) selfEvalHeader(h *header) bool {
	_, actual := h.col(cActual)
	if actual {
		if h.flat {
			s.errorAt(h.cols[0].cell.Pos, "每行一个指标的清单式自评表暂不能导入",
				"请导入每个项目一张的自评表（项目名称、主管部门、项目资金，下面是一级指标、二级指标、三级指标、年度指标值、实际完成值）")
			return false
		}
		h.eval = true
		return true
	}
	for _, c := range h.cols {
		if c.role.selfEval() {
			s.errorAt(c.cell.Pos, "指标表头中有“"+c.cell.text+"”，但没有实际完成值栏",
				"绩效自评表的指标表头应有“实际完成值”（或完成值、全年实际值、全年完成值）；绩效目标表的表头不应有得分栏")
			return false
		}
	}
	return true
}

// selfEval reads a 自评 whose indicator header is h; start is the first
// row after the previous table. It returns the row after the table,
// including what follows the indicators (总分, 评价结论, 存在问题,
// 改进措施, 评价等次, signatures).
func (s *scanner) selfEval(start int, h *header) int {
	a, nameAt, _, end, ok := s.formStart(start, h, false)
	if !ok {
		return s.trailer(end, h, &budget.Evaluation{})
	}
	before := len(s.errs)
	consumed := map[[2]int]bool{}
	ev := &budget.Evaluation{}
	ev.Budget = s.execution(a, h.row, consumed)
	planned, actual := s.goals(a, h.row, consumed)
	ev.GoalActual = actual
	f := s.readForm(a, h.row, consumed)
	s.preamble(start, h.row, f.consumed)

	var targets []budget.Indicator
	var prev levels
	for r := h.row + 1; r < end; r++ {
		if s.classify(h, r) != rowData {
			continue
		}
		if in, res, ok := s.result(h, s.readRow(h, r), &prev); ok {
			targets = append(targets, in)
			ev.Indicators = append(ev.Indicators, res)
		}
	}
	next := s.trailer(end, h, ev)

	p := budget.Project{Indicators: targets, Source: source(nameAt), AnnualGoal: planned}
	dept := f.fields[rDepartment]
	if dept != nil && dept.value.text == "" && f.text(rUnit) != "" {
		dept = nil // 主管部门 left blank: the 实施单位 is both, as when it is missing
	}
	s.project(&p, nameAt, h, len(s.errs) > before, projectCells{
		name: f.text(rName), code: f.text(rCode), department: dept, unit: f.fields[rUnit],
	})
	for _, d := range []*decimal.Decimal{ev.Budget.Adjusted, ev.Budget.Initial} {
		if d != nil {
			p.Funds = *d
			break
		}
	}
	ev.Source = p.Source
	p.Evaluation = ev
	if len(s.errs) == before {
		s.results = append(s.results, Evaluated{Project: p})
	}
	return next
}

// result reads an indicator row of a 自评: the target as the 自评 prints
// it and the result. ok is false for placeholders (指标2：, ……, a row
// with only a 二级) and for rows with errors, which are reported.
func (s *scanner) result(h *header, row indicatorRow, prev *levels) (budget.Indicator, budget.Result, bool) {
	text := func(r role) string { return row.cells[r].text }
	l1, l2, l3 := prev.next(row)
	vc := row.cells[cValue]
	if cellvalue.Blank(l3) {
		for _, r := range []role{cValue, cActual, cScore, cReason} {
			if !cellvalue.Blank(text(r)) {
				c := row.cells[r]
				s.errorAt(c.Pos, roleName[r]+"“"+c.text+"”没有对应的三级指标", "请补上三级指标名称，或删除这一行")
				return budget.Indicator{}, budget.Result{}, false
			}
		}
		return budget.Indicator{}, budget.Result{}, false
	}
	// The line of the 三级 cell: the row's first cell may come down from
	// a label merged over the rows (年度绩效指标完成情况).
	line := row.cells[cLevel3].Pos.Line
	in := budget.Indicator{Level1: l1, Level2: l2, Level3: l3, Line: line}
	if !s.levelsPresent(h, row, in) {
		return budget.Indicator{}, budget.Result{}, false
	}
	before := len(s.errs)
	res := budget.Result{Level1: l1, Level2: l2, Level3: l3, Line: line,
		Actual: shown(row.cells[cActual]), Reason: text(cReason)}
	if vc.text != "" {
		s.target(&in, row, vc)
		res.Target = shown(vc)
		if _, sep := h.col(cNature); sep || text(cUnit) != "" {
			// Sichuan prints the operator, the value and the unit in
			// columns of their own: the target is the three as printed.
			op := ""
			for _, c := range row.natures {
				if o := budget.NormalizeOperator(strings.ReplaceAll(c.text, " ", "")); o != "" && o != budget.OpQualitative {
					op = c.text
				}
			}
			unit := text(cUnit)
			if strings.HasSuffix(res.Target, unit) {
				unit = ""
			}
			res.Target = op + res.Target + unit
		}
	} else {
		in.Operator = budget.OpQualitative
	}
	res.MaxScore = s.score(row.cells[cWeight], l3)
	res.Score = s.score(row.cells[cScore], l3)
	return in, res, len(s.errs) == before
}

// shown is a cell as the publisher saw it: a workbook's number as its
// format shows it (100.00% for 1).
func shown(c cell) string {
	if c.Kind == grid.Number || c.Kind == grid.Date {
		return strings.TrimSpace(c.Display)
	}
	return c.text
}

// score reads a score or a maximum score (分值, 权重, 得分): nil when the
// cell is blank, an error when it is not a number.
func (s *scanner) score(c cell, what string) *decimal.Decimal {
	t := c.text
	if cellvalue.Blank(t) {
		return nil
	}
	if c.Kind == grid.Number {
		t = c.Text
	}
	d, err := decimal.ParseDecimal(strings.TrimSpace(strings.TrimSuffix(cellvalue.FoldWidth(t), "分")))
	if err != nil {
		s.errorAt(c.Pos, what+"的分数“"+c.text+"”不是数字", "分值和得分应为数字，例如 10 或 9.5；没有分数的格子请留空或写“/”")
		return nil
	}
	return &d
}

// execution reads a 自评's budget execution block in rows [a, b): a
// row of column heads (年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
// 得分, 原因; at least two of the amounts and the rate), then one row per
// source of funds, each starting with its label (年度资金总额, 总额,
// 其中：本年财政拨款, 上年结转资金, 其他资金…). The cells read are added
// to consumed. Amounts are converted to 万元 with the unit of a label's
// qualifier (项目资金（万元）, 年度预算数(万元)) or the 金额单位 line.
func (s *scanner) execution(a, b int, consumed map[[2]int]bool) budget.Execution {
	hr := -1
	cols := map[role]int{}
	first := -1
	for r := a; r < b && hr < 0; r++ {
		n := 0
		for _, c := range s.rows[r] {
			if !c.above && c.isLab && !c.lab.has {
				switch c.lab.role {
				case eInitial, eAdjusted, eExecuted, eRate:
					n++
				}
			}
		}
		if n < 2 {
			continue
		}
		hr = r
		for _, c := range s.rows[r] {
			if c.above || !c.isLab {
				continue
			}
			switch ro := c.lab.role; ro {
			case eInitial, eAdjusted, eExecuted, eRate, eReason, cWeight, cScore:
				if _, dup := cols[ro]; !dup {
					cols[ro] = c.col
				}
				if first < 0 || c.col < first {
					first = c.col
				}
			}
		}
	}
	var ex budget.Execution
	if hr < 0 {
		return ex
	}
	// The unit: a qualifier in the head row or on a label above it.
	unit, other, unitAt := "", "", grid.Pos{}
	for r := a; r <= hr && unit == "" && other == ""; r++ {
		for _, c := range s.rows[r] {
			if c.isLab {
				if u, o := cellvalue.UnitOfQualifier(c.lab.qual); u != "" || o != "" {
					unit, other, unitAt = u, o, c.Pos
					if r == hr {
						break
					}
				}
			}
		}
	}
	for _, c := range s.rows[hr] {
		consumed[c.anchor()] = true
	}
	if other != "" {
		s.errorAt(unitAt, "金额单位“"+other+"”无法换算", "金额单位应为“元”或“万元”；请把金额换算为元或万元后重新导入")
		return ex
	}
	if unit == "" {
		u, ok := s.moneyLine()
		if !ok {
			return ex
		}
		unit = u
	}
	total := false
	for r := hr + 1; r < b; r++ {
		var lab *cell
		for i, c := range s.rows[r] {
			if c.col >= first {
				break
			}
			if c.above || c.text == "" {
				continue
			}
			lab = &s.rows[r][i]
		}
		if lab == nil {
			break
		}
		key, _ := labelKey(lab.text)
		isTotal := lab.isLab && lab.lab.role == rFunds
		if !isTotal && !(lab.isLab && lab.lab.role == rBreakdown) && !strings.HasPrefix(key, "其中") {
			break
		}
		consumed[lab.anchor()] = true
		row := budget.Execution{Source: fundSource(lab.text)}
		if unit == "" {
			s.errorAt(lab.Pos, lab.text+"没有注明金额单位", "请把栏目写成“项目资金（万元）”，或在表上方加一行“金额单位：万元”")
			return ex
		}
		seen := map[[2]int]bool{lab.anchor(): true}
		get := func(ro role) cell {
			col, ok := cols[ro]
			if !ok {
				return cell{}
			}
			c := s.at(r, col)
			if seen[c.anchor()] {
				return cell{}
			}
			seen[c.anchor()] = true
			consumed[c.anchor()] = true
			return c
		}
		row.Initial = s.execAmount(get(eInitial), unit, row.Source)
		row.Adjusted = s.execAmount(get(eAdjusted), unit, row.Source)
		row.Executed = s.execAmount(get(eExecuted), unit, row.Source)
		if c := get(eRate); !cellvalue.Blank(c.text) {
			row.Rate = shown(c)
		}
		row.MaxScore = s.score(get(cWeight), row.Source)
		row.Score = s.score(get(cScore), row.Source)
		if c := get(eReason); !cellvalue.Blank(c.text) {
			row.Reason = c.Cell.Text
		}
		if isTotal && !total {
			total = true
			row.Breakdown = ex.Breakdown
			ex = row
			continue
		}
		ex.Breakdown = append(ex.Breakdown, row)
	}
	return ex
}

// fundSource is a funds row's label without 其中 and colons:
// “其中：本年财政拨款” is 本年财政拨款.
func fundSource(label string) string {
	t := strings.TrimSpace(label)
	t = strings.TrimPrefix(t, "其中")
	return strings.Trim(t, ":： ")
}

// execAmount reads an amount of the execution block in 万元; nil when
// the cell is blank.
func (s *scanner) execAmount(c cell, unit, what string) *decimal.Decimal {
	if cellvalue.Blank(c.text) {
		return nil
	}
	d, u, ok := cellvalue.Amount(c.Cell)
	if !ok {
		s.errorAt(c.Pos, what+"的金额“"+c.text+"”不是金额", "金额应为数字，例如 3.36 或 1,100；没有金额的格子请留空或写“/”")
		return nil
	}
	if u == "" {
		u = unit
	}
	d = cellvalue.ToWan(d, u)
	return &d
}

// goals reads a 自评's goal block in rows [a, b): a row with a column
// head for what was done (实际完成情况, 年度目标完成情况, 全年实际完成情况)
// and, left of it, one for the goal (预期目标, 年初设定目标, 项目年度目标);
// the texts are in the first row below that fills either column. The
// cells read are added to consumed.
func (s *scanner) goals(a, b int, consumed map[[2]int]bool) (planned, actual string) {
	for r := a; r < b; r++ {
		var pc, ac *cell
		for i, c := range s.rows[r] {
			if c.above || !c.isLab || c.lab.has || consumed[c.anchor()] {
				continue
			}
			switch c.lab.role {
			case gActual:
				if ac == nil {
					ac = &s.rows[r][i]
				}
			case gPlanned, rAnnual:
				if ac == nil {
					pc = &s.rows[r][i]
				}
			}
		}
		if ac == nil {
			continue
		}
		for _, c := range s.rows[r] {
			if c.isLab && c.col <= ac.col {
				consumed[c.anchor()] = true
			}
		}
		below := ac.Pos.Row - 1 + ac.RowSpan
		for rr := max(below, r+1); rr < b; rr++ {
			pv, av := cell{}, s.at(rr, ac.col)
			if pc != nil {
				pv = s.at(rr, pc.col)
			}
			text := func(c cell) string {
				if c.text == "" || c.isLab || consumed[c.anchor()] {
					return ""
				}
				return c.Cell.Text
			}
			if pc != nil && pv.anchor() != av.anchor() {
				planned = text(pv)
			}
			actual = text(av)
			if planned != "" || actual != "" {
				consumed[pv.anchor()] = true
				consumed[av.anchor()] = true
				break
			}
		}
		return planned, actual
	}
	return "", ""
}

// trailer reads what follows a 自评's indicator rows from row end on:
// 总分 (合计), 评价结论, 存在问题, 改进措施, 评价等次, and the lines
// that are no data (项目负责人, 财务负责人, 填表人 and their names, 注：…,
// page numbers, blank rows). It returns the first row that is none of
// these.
func (s *scanner) trailer(end int, h *header, ev *budget.Evaluation) int {
	scoreCol := -1
	if c, ok := h.col(cScore); ok {
		scoreCol = c.col
	}
	r := end
	for ; r < len(s.rows); r++ {
		cs := s.rows[r]
		first := -1
		for i, c := range cs {
			if c.text != "" && !c.above {
				first = i
				break
			}
		}
		if first < 0 {
			continue // blank, or cells that come down from a row above
		}
		c := cs[first]
		if pageNumberRe.MatchString(c.text) {
			continue
		}
		if !c.isLab {
			return r
		}
		value := func() string {
			if c.lab.has {
				return c.lab.inline
			}
			for _, x := range cs[first+1:] {
				if x.text != "" && x.anchor() != c.anchor() && !x.isLab {
					return x.Cell.Text
				}
			}
			return ""
		}
		switch c.lab.role {
		case rTotal:
			ev.Total = s.total(r, first, scoreCol)
		case rConclusion:
			ev.Conclusion = value()
		case rProblems:
			ev.Problems = value()
		case rImprove:
			ev.Improvements = value()
		case rGrade:
			ev.Grade = value()
		case rPersonal, rFooter:
			// No data: names, telephone numbers, notes.
		default:
			return r
		}
	}
	return r
}

// total reads a 总分 row: the number in the 得分 column, else the last
// number of the row.
func (s *scanner) total(r, first, scoreCol int) *decimal.Decimal {
	if scoreCol >= 0 {
		if c := s.at(r, scoreCol); c.anchor() != s.rows[r][first].anchor() && !cellvalue.Blank(c.text) {
			return s.score(c, "总分")
		}
	}
	var last *cell
	for i, c := range s.rows[r][first+1:] {
		if !cellvalue.Blank(c.text) && c.anchor() != s.rows[r][first].anchor() {
			if _, err := decimal.ParseDecimal(strings.TrimSuffix(c.text, "分")); err == nil || c.Kind == grid.Number {
				last = &s.rows[r][first+1+i]
			}
		}
	}
	if last == nil {
		return nil
	}
	return s.score(*last, "总分")
}
