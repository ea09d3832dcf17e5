package layouts

import (
	"regexp"
	"strconv"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
	"budgetsite/generator/layouts/cellvalue"
	"budgetsite/generator/markdown"
)

// A field is a label of a form and the value it prints.
type field struct {
	label cell
	lab   label
	value cell
	has   bool // a value cell was found (it may be empty)
}

// A form is what the labels of one table's form say.
type form struct {
	fields    map[role]*field
	breakdown []*field        // the funds breakdown, in order
	units     []cell          // group labels and column heads that state a unit of money
	consumed  map[[2]int]bool // labels and values, by anchor
}

func (f *form) text(r role) string {
	if fl := f.fields[r]; fl != nil {
		return fl.value.text
	}
	return ""
}

// prose is a long text field (a goal, the overview) as the cell holds
// it: a space between two Chinese sentences may be the publisher's line
// break, so it is kept.
func (f *form) prose(r role) string {
	if fl := f.fields[r]; fl != nil {
		return fl.value.Cell.Text
	}
	return ""
}

// readForm reads the labels of rows [a, b) and their values. A label's
// value is the cell to its right; or, when that is another label or
// there is none, the cell below it (年度目标 over its text, as the forms
// print 总体目标 | 年度目标 | … above the goals). A value may also follow
// the label in its own cell after a colon.
func (s *scanner) readForm(a, b int, consumed map[[2]int]bool) *form {
	if consumed == nil {
		consumed = map[[2]int]bool{}
	}
	f := &form{fields: map[role]*field{}, consumed: consumed}
	for r := a; r < b; r++ {
		cs := s.rows[r]
		for i, c := range cs {
			if c.above || c.text == "" || f.consumed[c.anchor()] {
				continue
			}
			l, ok := c.lab, c.isLab
			if !ok || l.role.isColumn() {
				continue
			}
			f.consumed[c.anchor()] = true
			switch l.role {
			case rGroup, rMoneyHeader, rIndicators:
				if u, other := cellvalue.UnitOfQualifier(l.qual); u != "" || other != "" {
					f.units = append(f.units, c)
				}
				continue
			}
			fl := &field{label: c, lab: l}
			if l.has {
				fl.value, fl.has = c, true
				fl.value.text, fl.value.Cell.Text, fl.value.Kind = l.inline, l.inline, grid.Text
			} else if v, ok := s.valueOf(cs, i, b, f.consumed, l.role); ok {
				fl.value, fl.has = v, true
				f.consumed[v.anchor()] = true
			} else if (l.role == rFunds || l.role == rOverall || l.role == rAnnual) && i+1 < len(cs) && cs[i+1].isLab {
				// A label over labels is a group (资金总额（元） over
				// 年度资金总额 and its breakdown): its qualifier may say
				// the unit of the amounts in it.
				if u, other := cellvalue.UnitOfQualifier(l.qual); u != "" || other != "" {
					f.units = append(f.units, c)
				}
				continue
			}
			switch l.role {
			case rBreakdown:
				f.breakdown = append(f.breakdown, fl)
			case rPersonal, rIgnored, rFooter:
				// Read so that the value is never taken for anything
				// else, and dropped: personal information is no data.
			default:
				if old := f.fields[l.role]; old == nil || old.value.text == "" && fl.value.text != "" {
					f.fields[l.role] = fl
				}
			}
		}
	}
	return f
}

// valueOf finds the value of the label cs[i]: see readForm.
func (s *scanner) valueOf(cs []cell, i, b int, consumed map[[2]int]bool, r role) (cell, bool) {
	c := cs[i]
	long := r == rOverall || r == rAnnual || r == rOverview
	if i+1 < len(cs) {
		n := cs[i+1]
		if !n.above && !consumed[n.anchor()] && !n.isLab && (n.text != "" || !long) {
			return n, true
		}
	}
	below := c.Pos.Row - 1 + c.RowSpan
	if below >= b || below >= len(s.rows) {
		return cell{}, false
	}
	for _, x := range s.rows[below] {
		if x.above || x.text == "" || consumed[x.anchor()] || x.end <= c.col || x.col >= c.end {
			continue
		}
		if x.isLab {
			break
		}
		return x, true
	}
	return cell{}, false
}

// form reads a form whose indicator header is h; start is the first row
// after the previous table. It returns the row after the table.
func (s *scanner) form(start int, h *header) int {
	a, nameAt, title, end, ok := s.formStart(start, h, true)
	if !ok {
		return end
	}
	f := s.readForm(a, h.row, nil)
	s.preamble(start, h.row, f.consumed)
	if title != "" {
		// A table of indicators named by its title only: the name is
		// the title's; the agencies and the amount must be printed.
		var missing []string
		if f.fields[rDepartment] == nil && f.fields[rUnit] == nil {
			missing = append(missing, "主管部门", "实施单位")
		}
		if f.fields[rFunds] == nil && len(f.breakdown) == 0 {
			missing = append(missing, "资金总额")
		}
		if len(missing) > 0 {
			s.errorAt(h.cols[0].cell.Pos, "找到指标表头，但没有找到“项目名称”；标题写明了项目“"+title+"”，但表中只有绩效指标，没有写明"+strings.Join(missing, "、"),
				"导入的项目须有主管部门、实施单位和资金总额，本工具不会替表格补写；请在指标表头上方各加一行，例如“主管部门 | 某某局”“实施单位 | 某某中心”“资金总额（万元） | 100”，再重新导入")
			return end
		}
		f.fields[rName] = &field{label: cell{Cell: grid.Cell{Pos: nameAt}}, value: cell{text: title}, has: true}
	}

	before := len(s.errs)
	var inds []budget.Indicator
	if h.right == nil {
		inds = s.indicators(h, h, end)
	} else if left, right, ok := s.sideBySide(f, h); ok {
		mid := s.indicators(h, left, end)
		for i := range mid {
			mid[i].Period = "中期"
		}
		inds = append(mid, s.indicators(h, right, end)...)
	}
	p := budget.Project{Indicators: inds, Source: source(nameAt)}
	s.project(&p, nameAt, h, len(s.errs) > before, projectCells{
		name: f.text(rName), code: f.text(rCode), department: f.fields[rDepartment], unit: f.fields[rUnit],
	})
	if fl := f.fields[rAttribute]; fl != nil {
		p.Attribute = fl.value.text
	}
	p.Start, p.End = f.text(rStart), f.text(rEnd)
	if period := f.text(rPeriod); period != "" && p.Start == "" && p.End == "" {
		p.Start, p.End = cellvalue.SplitPeriod(period)
	}
	p.OverallGoal = f.prose(rOverall)
	p.AnnualGoal = f.prose(rAnnual)
	p.Overview = markdown.Escape(f.prose(rOverview))
	if d, ok := s.formFunds(f, nameAt); ok {
		p.Funds = d
		p.FundsBreakdown = s.formBreakdown(f)
	}
	s.add(p, before)
	return end
}

// indicators reads the indicator rows of the header h up to end, with
// the columns of cols (h itself, or one half of a side-by-side header).
func (s *scanner) indicators(h, cols *header, end int) []budget.Indicator {
	var inds []budget.Indicator
	var prev levels
	for r := h.row + 1; r < end; r++ {
		if s.classify(h, r) != rowData {
			continue
		}
		if in, ok := s.indicator(cols, s.readRow(cols, r), &prev); ok {
			inds = append(inds, in)
		}
	}
	return inds
}

// sideBySide returns the halves of a header with two sets of columns,
// the 中期 set first: the one on the side of the form's 中期 goal (总体目标,
// 中期目标…), which the forms print left of the annual goal. A form that
// does not print both goals cannot say which set is which: an error.
func (s *scanner) sideBySide(f *form, h *header) (mid, annual *header, ok bool) {
	o, a := f.fields[rOverall], f.fields[rAnnual]
	if o == nil || a == nil || o.label.col == a.label.col {
		s.errorAt(h.right[0].cell.Pos, "指标表头中有两组指标栏目，但表中没有并列的中期目标和年度目标，无法确定哪一组是中期指标",
			"中期目标和年度目标并列的表，请在两组指标上方分别写明“中期目标”（或总体目标）和“年度目标”及其内容；否则请拆成两张表")
		return nil, nil, false
	}
	left, right := h.halves()
	if o.label.col < a.label.col {
		return left, right, true
	}
	return right, left, true
}

// formStart finds the form of the table whose indicator header is h;
// start is the first row after the previous table. It returns the first
// row of the form, its 项目名称 label and the row after the indicator
// rows; ok is false, with the problem reported, for a table without a
// 项目名称. With titled, a table of indicators without one may be named
// by a title above it (titleName): title is then the project's name.
func (s *scanner) formStart(start int, h *header, titled bool) (a int, nameAt grid.Pos, title string, end int, ok bool) {
	names := s.nameRows(start, h.row)
	end = s.indicatorEnd(h)
	if len(names) == 0 {
		if c, name, ok := s.titleName(start, h.row); ok && titled {
			return start, c.Pos, name, end, true
		}
		s.note(start, h.row+1)
		if c, ok := s.wholeAgency(start, h.row); ok {
			s.errorAt(c.Pos, "这是部门（单位）整体绩效目标表（“"+c.text+"”），不是项目支出绩效目标表",
				"本工具导入项目支出绩效目标表，一张表一个项目；部门整体绩效目标不属于某个项目，不能导入。请导入该部门各项目的绩效目标表")
			return 0, grid.Pos{}, "", end, false
		}
		s.errorAt(h.cols[0].cell.Pos, "找到指标表头，但没有找到“项目名称”，表上方也没有写明项目的标题",
			"每张绩效目标表都应在指标之前写明项目名称、主管部门、实施单位、资金总额等栏目；如果这是一张只有指标的表，请在表头上方各加一行，例如“项目名称 | 某某项目”“主管部门 | 某某局”“实施单位 | 某某中心”“资金总额（万元） | 100”")
		return 0, grid.Pos{}, "", end, false
	}
	a = start
	if len(names) > 1 {
		for _, n := range names[:len(names)-1] {
			s.errorAt(n.Pos, "找到“项目名称”，但没有找到指标表头（一级指标、二级指标、三级指标、指标值）",
				"请确认这张表完整，没有漏掉绩效指标部分；如果上下两张表只是同一项目，请删除多余的“项目名称”")
		}
		a = names[len(names)-1].Pos.Row - 1
	}
	return a, names[len(names)-1].Pos, "", end, true
}

// wholeAgency finds, in rows [a, b), the title of a department's
// overall target (整体绩效目标表, in either script), which no project is.
func (s *scanner) wholeAgency(a, b int) (cell, bool) {
	for r := a; r < b; r++ {
		for _, x := range s.rows[r] {
			if !x.above && strings.Contains(cellvalue.Simplified(x.text), "整体绩效目标") {
				return x, true
			}
		}
	}
	return cell{}, false
}

// titleNameRe is a title naming the project of a table of indicators:
// “2019年度宁晋县高中助学金项目绩效评价指标表”, “3岁以下婴幼儿照护服务项目
// 项目绩效目标”.
var titleNameRe = regexp.MustCompile(`^(?:(?:19|20)\d\d年度?)?(\S{2,40}?项目)(?:项目)?(?:绩效目标|绩效评价指标|绩效指标)(?:表|申报表)?$`)

// titleName finds, in rows [a, b), the latest title that names a
// project (titleNameRe): the name of a table that prints no 项目名称.
func (s *scanner) titleName(a, b int) (c cell, name string, ok bool) {
	for r := a; r < b; r++ {
		for _, x := range s.rows[r] {
			if x.above || x.isLab {
				continue
			}
			if m := titleNameRe.FindStringSubmatch(strings.ReplaceAll(x.text, " ", "")); m != nil {
				c, name, ok = x, m[1], true
			}
		}
	}
	return c, name, ok
}

// indicatorEnd returns the row after the indicator rows of h.
func (s *scanner) indicatorEnd(h *header) int {
	r := h.row + 1
	for r < len(s.rows) && s.classify(h, r) != rowEnd {
		r++
	}
	return r
}

// projectCells are the cells naming a project and its agencies.
type projectCells struct {
	name, code       string
	department, unit *field
}

// project sets a project's year, code, name and agencies, deriving the
// codes a table does not print. at is the 项目名称 label; failed says
// the indicator rows had errors already reported.
func (s *scanner) project(p *budget.Project, at grid.Pos, h *header, failed bool, pc projectCells) {
	p.Year = s.year
	if p.Year == 0 {
		p.Year = s.opt.Year
	}
	switch {
	case p.Year == 0:
		s.errorAt(at, "无法确定这张表的年度", "请在表上方保留带年度的标题（例如“(2021年度)”），或在导入时用 --year 指定年度")
	case p.Year < 1990 || p.Year > 2100:
		s.errorAt(at, "年度“"+strconv.Itoa(p.Year)+"”不正确", "年度应为 1990 至 2100 之间的四位年份；请检查标题中的年度或 --year 的值")
	}
	code, name := cellvalue.SplitProjectCode(pc.name)
	if pc.code != "" {
		code = pc.code
	}
	p.Name = name
	if name == "" {
		s.errorAt(at, "项目名称为空", "请填写项目名称")
	}
	p.Department = s.agency(pc.department, "主管部门")
	p.Unit = s.agency(pc.unit, "实施单位")
	switch {
	case pc.department == nil && pc.unit == nil:
		s.errorAt(at, "项目“"+name+"”没有找到主管部门或实施单位", "请在表中写明“主管部门”和“实施单位”（或预算单位）")
	case pc.department == nil:
		p.Department = p.Unit
		s.noteAt(pc.unit.label.Pos, "表中只有"+labelName(pc.unit.label)+"“"+p.Unit.Name+"”，没有主管部门；已把它同时作为主管部门",
			"如有主管部门，请在表中补上“主管部门”一栏后重新导入")
	case pc.unit == nil:
		p.Unit = p.Department
		s.noteAt(pc.department.label.Pos, "表中只有"+labelName(pc.department.label)+"“"+p.Department.Name+"”，没有实施单位；已把它同时作为实施单位",
			"如有实施单位，请在表中补上“实施单位”一栏后重新导入")
	}
	if code == "" && name != "" {
		code = cellvalue.DerivedCode(strconv.Itoa(p.Year), p.Unit.Name, name)
		s.noteAt(at, "项目“"+name+"”没有项目编码，已生成编码 "+code,
			"编码由年度、实施单位和项目名称生成，重新导入同一张表得到同一编码；如有正式的项目编码，请把项目名称写成“编码-项目名称”")
	}
	if code != "" && !budget.ValidCode(code) {
		s.errorAt(at, "项目编码“"+code+"”含有不允许的字符", "项目编码只能由字母和数字组成，它会用作网页文件名")
	}
	p.Code = code
	if len(p.Indicators) == 0 && !failed {
		s.errorAt(h.cols[0].cell.Pos, "项目“"+name+"”没有绩效指标", "请在指标表头下填写绩效指标，每行一个三级指标和它的指标值")
	}
}

// add keeps the project if reading it reported no error since before.
func (s *scanner) add(p budget.Project, before int) {
	if len(s.errs) == before {
		s.projects = append(s.projects, p)
	}
}

// agency reads a 主管部门 or 实施单位 cell: “103-名称”, “[015001]名称”,
// “(433)名称”, or a name alone, whose code is derived from it.
func (s *scanner) agency(fl *field, what string) budget.Coded {
	if fl == nil {
		return budget.Coded{}
	}
	code, name := cellvalue.SplitCoded(fl.value.text)
	if name == "" {
		s.errorAt(fl.label.Pos, what+"为空", "请填写"+what+"名称")
		return budget.Coded{}
	}
	if code == "" {
		code = cellvalue.DerivedCode(name)
		s.noteAt(fl.value.Pos, what+"“"+name+"”没有编码，已生成编码 "+code,
			"编码由名称生成，名称不变编码就不变；如有正式编码，请写成“编码-名称”，例如“103-重庆市綦江区人民政府办公室”")
	} else if !budget.ValidCode(code) {
		s.errorAt(fl.value.Pos, what+"编码“"+code+"”不正确", "编码只能由 1 到 64 个字母和数字组成，它会用作网页文件名")
	}
	return budget.Coded{Code: code, Name: name}
}

// formFunds reads 资金总额 and converts it to 万元. Its unit is the one
// the amount prints (854万), else its label's (资金总额（元）), else the
// funds block's (资金情况（万元）, 金额（万元）), else the table's 金额单位
// line. A form that prints no total (only a breakdown under 金额（万元）)
// totals the top rows of the breakdown, those numbered (一), (二)….
func (s *scanner) formFunds(f *form, at grid.Pos) (decimal.Decimal, bool) {
	fl := f.fields[rFunds]
	if fl != nil && fl.value.text != "" {
		return s.amount(f, fl, fl.lab.qual)
	}
	var total decimal.Decimal
	tops := 0
	for _, b := range f.breakdown {
		if !topLevelRe.MatchString(strings.ReplaceAll(b.label.text, " ", "")) || b.value.text == "" {
			continue
		}
		d, ok := s.amount(f, b, b.lab.qual)
		if !ok {
			return total, false
		}
		total = total.Add(d)
		tops++
	}
	if tops > 0 {
		return total, true
	}
	if fl != nil {
		at = fl.label.Pos
	}
	s.errorAt(at, "没有找到资金总额", "请在表中填写“资金总额（万元）”")
	return total, false
}

// formBreakdown reads the rows of the funds breakdown (其中：财政拨款,
// 其他资金, (一)财政拨款小计, 1、一般公共预算…) in the form's order, each
// in 万元 by the same rules as the total. A row left blank or printed
// “/”, “—” is skipped, not read as 0; a 0 is kept. A subtotal is kept as
// printed (财政拨款小计) beside its sub-rows: the hierarchy is not
// guessed. A row whose cell is no amount (854万854万(…)) is skipped with
// a note: the total already holds the money.
func (s *scanner) formBreakdown(f *form) []budget.Fund {
	// A row that states no unit has the total's: the one its amount
	// prints (854万) or its label's qualifier (资金总额（万元）).
	totalQual := ""
	if t := f.fields[rFunds]; t != nil {
		totalQual = t.lab.qual
		if _, u, ok := cellvalue.Amount(t.value.Cell); ok && u != "" {
			totalQual = u
		}
	}
	var out []budget.Fund
	for _, b := range f.breakdown {
		if cellvalue.Blank(b.value.text) {
			continue
		}
		src := breakdownSource(b)
		if _, _, ok := cellvalue.Amount(b.value.Cell); !ok {
			s.noteAt(b.value.Pos, "资金来源“"+src+"”的金额“"+b.value.text+"”不是金额，这一项未导入",
				"资金总额已导入；如需在网页上列出这一来源，请只写数字（例如 400 或 3,309,840.00）后重新导入")
			continue
		}
		qual := b.lab.qual
		if u, other := cellvalue.UnitOfQualifier(qual); u == "" && other == "" {
			qual = totalQual
		}
		if d, ok := s.amount(f, b, qual); ok {
			out = append(out, budget.Fund{Source: src, Amount: d})
		}
	}
	return out
}

// breakdownSource is a breakdown row's label as the source of its
// money: without numbering, 其中, colons, spaces and the unit's
// qualifier: “其中: 财政拨款数” is 财政拨款数, “(一)财政拨款小计” is
// 财政拨款小计.
func breakdownSource(b *field) string {
	t := b.label.text
	if b.lab.has {
		t = strings.TrimSuffix(strings.TrimSpace(t), b.lab.inline)
	}
	key, _ := normalise(t) // as printed, in either script
	return strings.TrimPrefix(key, "其中")
}

// amount reads an amount cell of the form in 万元.
func (s *scanner) amount(f *form, fl *field, qual string) (decimal.Decimal, bool) {
	what := labelName(fl.label)
	d, unit, ok := cellvalue.Amount(fl.value.Cell)
	if !ok {
		s.errorAt(fl.value.Pos, what+"“"+fl.value.text+"”不是金额", "金额应为数字，例如 109.73 或 3,309,840.00")
		return d, false
	}
	if unit == "" {
		u, other := cellvalue.UnitOfQualifier(qual)
		for _, c := range f.units {
			if u != "" || other != "" {
				break
			}
			u, other = cellvalue.UnitOfQualifier(c.lab.qual)
		}
		if other != "" {
			s.errorAt(fl.label.Pos, "金额单位“"+other+"”无法换算", "金额单位应为“元”或“万元”；请把金额换算为元或万元后重新导入")
			return d, false
		}
		if u == "" {
			if u, ok = s.moneyLine(); !ok {
				return d, false
			}
		}
		unit = u
	}
	if unit == "" {
		s.errorAt(fl.value.Pos, what+"“"+fl.value.text+"”没有注明金额单位",
			"请注明单位：把栏目写成“资金总额（万元）”或“资金总额（元）”，或在表上方加一行“金额单位：万元”")
		return d, false
	}
	return cellvalue.ToWan(d, unit), true
}

// labelName is a label cell as messages name it: without a colon and
// what follows it.
func labelName(c cell) string {
	name, _, _ := strings.Cut(strings.ReplaceAll(c.text, "：", ":"), ":")
	return strings.TrimSpace(name)
}
