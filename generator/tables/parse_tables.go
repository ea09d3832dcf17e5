package tables

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid"
	"budgetsite/generator/internal/workers"
	"budgetsite/generator/markdown"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseOptions tunes ParseTables for a district's files.
type ParseOptions struct {
	// Year is used for tables whose title carries no year. Zero means such
	// a table is an error.
	Year int
}

// ParseTables reads the text that a PDF extractor produced from a year's
// 项目支出绩效目标表 and returns one Project per table, in file order.
//
// The input is tab-separated cells with the extractor's noise: labels
// truncated at the cell edge, values scattered across empty cells, wrap
// spaces inside words, blank lines and page breaks inside tables, and
// rows of dashes. The parser therefore reads cells by what they say (a
// known label, an operator, a number) rather than by column position
// wherever it can. name is used only in error messages.
func ParseTables(r io.Reader, name string, opt ParseOptions) ([]budget.Project, error) {
	return parseTables(r, name, opt, 64)
}

// parseTables is ParseTables cutting the text into chunks of perChunk
// tables; the result does not depend on perChunk.
func parseTables(r io.Reader, name string, opt ParseOptions, perChunk int) ([]budget.Project, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return nil, &budget.Error{File: name, Msg: "无法读取文件：" + err.Error()}
	}
	text, err := grid.DecodeText(name, raw, "文本文件")
	if err != nil {
		return nil, err
	}
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	var rows []textRow
	for i, line := range strings.Split(text, "\n") {
		// A form feed (page break) separates rows but is no line break
		// in an editor, so the pieces keep the line's number.
		for _, piece := range strings.Split(line, "\f") {
			rows = append(rows, textRow{i + 1, piece})
		}
	}
	// A title line ends the table before it and sets the year for the
	// tables after it; nothing else carries from one table to the next.
	// So the text is cut at titles into chunks that parse on every core,
	// each as if the file began there, with the same result as one pass.
	var cuts []int
	titles := 0
	for i, r := range rows {
		if strings.Contains(r.text, "绩效目标表") && isTitleLine(r.text) {
			if titles%perChunk == 0 && i > 0 {
				cuts = append(cuts, i)
			}
			titles++
		}
	}
	cuts = append(cuts, len(rows))
	parsers := make([]*tableParser, len(cuts))
	workers.Each(len(cuts), func(c int) {
		from := 0
		if c > 0 {
			from = cuts[c-1]
		}
		cp := &tableParser{file: name, opt: opt}
		for _, r := range rows[from:cuts[c]] {
			cp.line(r.n, r.text)
		}
		cp.finish()
		parsers[c] = cp
	})
	p := &tableParser{file: name, opt: opt}
	for _, cp := range parsers {
		p.projects = append(p.projects, cp.projects...)
		p.errs = append(p.errs, cp.errs...)
	}
	if len(p.projects) == 0 && len(p.errs) == 0 {
		p.errs = append(p.errs, &budget.Error{File: name, Line: 1, Msg: noTableMsg,
			Hint: "文件应包含“项目名称”“主管部门”“资金总额”等栏目和“一级指标…权重”指标行；请确认导入的是从绩效目标表 PDF 提取的文本"})
	}
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return p.projects, nil
}

const noTableMsg = "没有找到可识别的绩效目标表"

// NoTable reports whether err is ParseTables' refusal of a file in which
// it found no table at all (as opposed to a table with problems).
func NoTable(err error) bool {
	var list budget.ErrorList
	return errors.As(err, &list) && len(list) == 1 && list[0].Msg == noTableMsg
}

// textRow is one line of the input, or one page of a line a form feed
// splits, with its line number.
type textRow struct {
	n    int
	text string
}

// isTitleLine reports whether line is a table's title as line sees it:
// one filled cell naming a 绩效目标表 (a title is never a dash rule or a
// page number).
func isTitleLine(line string) bool {
	filled := nonEmpty(splitCells(line))
	return len(filled) == 1 && titleRe.MatchString(filled[0])
}

type tableParser struct {
	file     string
	opt      ParseOptions
	year     int // from the latest title
	yearLine int
	cur      *pendingTable
	projects []budget.Project
	errs     budget.ErrorList
}

// pendingTable is a table being read. Header fields are collected as raw
// text first and validated in finish, so that all problems in a table are
// reported together with the line each came from.
type pendingTable struct {
	startLine  int
	year       int
	fields     map[string]string
	fieldLines map[string]int
	lastField  string // for continuation lines of wrapped text
	inIndic    bool
	columns    []string // indicator columns in header order
	indicators []budget.Indicator
	badRows    bool
	rowStart   int // cell index where the first indicator row starts
}

var (
	titleRe      = regexp.MustCompile(`绩效目标表`)
	titleYearRe  = regexp.MustCompile(`((?:19|20)\d\d)\s*年`)
	moneyUnitRe  = regexp.MustCompile(`^(?:金额)?单位[:：]\s*(\S+)$`)
	pageNumberRe = regexp.MustCompile(`^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|-\s*\d+\s*-|—\s*\d+\s*—|\d+\s*/\s*\d+)$`)
	dashCellRe   = regexp.MustCompile(`^[-—_─━=]{2,}$`)
	codeNameRe   = regexp.MustCompile(`^([0-9A-Za-z]+)\s*[-－—–]\s*(.+)$`)
	fundsLabelRe = regexp.MustCompile(`^(?:项目)?(?:年度)?资金总额(?:[（(]([^）)]*)[）)]?)?$`)
)

// Header field keys.
const (
	fName       = "项目名称"
	fDepartment = "主管部门"
	fUnit       = "实施单位"
	fFunds      = "资金总额"
	fAttribute  = "项目属性"
	fStart      = "项目起始时间"
	fEnd        = "项目终止时间"
	fOverview   = "项目概况"
	fGoal       = "项目当年绩效目标"
	fIndicators = "绩效指标"
)

// fieldAliases lists the spellings of each label seen across districts.
var fieldAliases = map[string][]string{
	fName:       {"项目名称"},
	fDepartment: {"主管部门", "主管单位", "预算部门"},
	fUnit:       {"实施单位", "项目实施单位", "执行单位"},
	fAttribute:  {"项目属性", "项目类型"},
	fStart:      {"项目起始时间", "起始时间", "项目开始时间", "开始时间"},
	fEnd:        {"项目终止时间", "终止时间", "项目结束时间", "结束时间"},
	fOverview:   {"项目概况", "项目简介", "项目基本情况"},
	fGoal:       {"项目当年绩效目标", "当年绩效目标", "年度绩效目标", "项目年度绩效目标", "项目绩效目标"},
	fIndicators: {"绩效指标", "绩效指标表"},
}

// matchLabel recognises a header label, including labels the extractor cut
// off at the cell edge ("项目当年绩效目"). A truncated label must keep at
// least four characters so that ordinary values are never mistaken for it.
func matchLabel(cell string) (key, moneyUnit string, ok bool) {
	c := strings.TrimRight(strings.ReplaceAll(cell, " ", ""), ":：")
	if c == "" {
		return "", "", false
	}
	if m := fundsLabelRe.FindStringSubmatch(c); m != nil {
		return fFunds, m[1], true
	}
	for key, aliases := range fieldAliases {
		for _, a := range aliases {
			if c == a {
				return key, "", true
			}
		}
	}
	if utf8.RuneCountInString(c) >= 4 {
		for _, key := range []string{fStart, fEnd, fOverview, fGoal, fIndicators, fAttribute, fDepartment, fUnit, fName} {
			for _, a := range fieldAliases[key] {
				if strings.HasPrefix(a, c) {
					return key, "", true
				}
			}
		}
	}
	return "", "", false
}

// Indicator column keys, as printed in the header row.
const (
	cLevel1   = "一级指标"
	cLevel2   = "二级指标"
	cLevel3   = "三级指标"
	cValue    = "指标值"
	cOperator = "指标性质"
	cUnit     = "度量单位"
	cWeight   = "权重"
)

var columnAliases = map[string]string{
	"一级指标": cLevel1, "二级指标": cLevel2, "三级指标": cLevel3,
	"指标值": cValue, "目标值": cValue, "指标目标值": cValue,
	"指标性质": cOperator, "指标方向": cOperator, "比较符": cOperator,
	"度量单位": cUnit, "计量单位": cUnit, "单位": cUnit,
	"权重": cWeight, "权重(分)": cWeight, "权重（分）": cWeight, "分值": cWeight,
}

var defaultColumns = []string{cLevel1, cLevel2, cLevel3, cValue, cOperator, cUnit, cWeight}

func (p *tableParser) errorf(line int, hint, format string, args ...any) {
	p.errs = append(p.errs, &budget.Error{File: p.file, Line: line, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func splitCells(line string) []string {
	cells := strings.Split(line, "\t")
	for i, c := range cells {
		cells[i] = CleanCell(c)
	}
	return cells
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

func (p *tableParser) line(n int, raw string) {
	cells := splitCells(raw)
	filled := nonEmpty(cells)
	if len(filled) == 0 {
		return
	}
	if isDashLine(filled) {
		return
	}
	if len(filled) == 1 && pageNumberRe.MatchString(filled[0]) {
		return
	}
	joined := strings.Join(filled, "")
	if len(filled) == 1 && titleRe.MatchString(joined) {
		p.finish()
		if m := titleYearRe.FindStringSubmatch(joined); m != nil {
			p.year, _ = strconv.Atoi(m[1])
		} else {
			p.year = 0
		}
		p.yearLine = n
		return
	}
	if m := moneyUnitRe.FindStringSubmatch(strings.ReplaceAll(joined, " ", "")); m != nil && len(filled) == 1 {
		if u := m[1]; u != "万元" && u != "万" {
			p.errorf(n, "本工具按“万元”发布金额，不做换算；请使用以万元为单位的绩效目标表", "金额单位是“%s”，不是“万元”", u)
		}
		return
	}

	key, _, isLabel := matchLabel(filled[0])
	if isLabel && key == fName {
		p.finish()
		p.cur = &pendingTable{startLine: n, year: p.year, fields: map[string]string{}, fieldLines: map[string]int{}}
		if p.year == 0 {
			p.cur.year = p.opt.Year
		}
	}
	t := p.cur
	if t == nil {
		// Text before the first table (cover pages, notes) is not ours.
		return
	}

	if isIndicatorHeader(filled) {
		t.inIndic = true
		t.columns = headerColumns(filled)
		t.lastField = ""
		return
	}
	if t.inIndic {
		p.indicatorRow(n, cells)
		return
	}
	p.headerLine(n, cells)
}

// isDashLine recognises the rules an extractor draws for table borders:
// a row whose cells are all dashes. A single "--" cell needs three or more
// dashes to count, so that a lone "--" placeholder is never dropped.
func isDashLine(filled []string) bool {
	long := false
	for _, c := range filled {
		c = strings.ReplaceAll(c, " ", "")
		if !dashCellRe.MatchString(c) {
			return false
		}
		long = long || len([]rune(c)) >= 3
	}
	return long || len(filled) > 1
}

// isIndicatorHeader recognises the row "（绩效指标）一级指标 二级指标 …".
func isIndicatorHeader(filled []string) bool {
	n := 0
	for _, c := range filled {
		if k, ok := columnAliases[strings.ReplaceAll(c, " ", "")]; ok && (k == cLevel1 || k == cLevel2 || k == cLevel3) {
			n++
		}
	}
	return n >= 2
}

func headerColumns(filled []string) []string {
	var cols []string
	for _, c := range filled {
		if k, ok := columnAliases[strings.ReplaceAll(c, " ", "")]; ok {
			cols = append(cols, k)
		}
	}
	if len(cols) < 5 {
		return defaultColumns
	}
	return cols
}

// headerLine reads "label value [label value …]" lines. Values may be split
// over several cells; the pieces are joined in order.
func (p *tableParser) headerLine(n int, cells []string) {
	t := p.cur
	var key string
	sawLabel := false
	for _, c := range cells {
		if c == "" {
			continue
		}
		if k, unit, ok := matchLabel(c); ok {
			if k == fFunds && unit != "" && !strings.Contains(unit, "万") {
				p.errorf(n, "本工具按“万元”发布金额，不做换算", "资金总额的单位是“%s”，不是“万元”", unit)
			}
			key, sawLabel = k, true
			if _, dup := t.fields[k]; !dup {
				t.fields[k] = ""
				t.fieldLines[k] = n
			}
			continue
		}
		if key == "" {
			break
		}
		t.fields[key] = joinWrapped(t.fields[key], c)
		t.lastField = key
	}
	if sawLabel {
		if key != "" && t.fields[key] == "" {
			t.lastField = key
		}
		return
	}
	// A line without a label continues the last wrapped text field.
	if t.lastField == fOverview || t.lastField == fGoal || t.lastField == fName {
		t.fields[t.lastField] = joinWrapped(t.fields[t.lastField], strings.Join(nonEmpty(cells), ""))
		return
	}
	p.errorf(n, "请检查这一行是否属于上一栏，或删除这一行", "无法识别这一行：“%s”", truncate(strings.Join(nonEmpty(cells), " "), 40))
}

// indicatorRow reads one 绩效指标 row. It anchors on the 指标性质 cell,
// because that is the one cell whose vocabulary is closed: everything left
// of the value is a name, everything between operator and weight is the
// unit, and the last cell is the weight.
func (p *tableParser) indicatorRow(n int, cells []string) {
	t := p.cur
	// Drop the row label column ("" or 绩效指标) and leading empties.
	i := 0
	for i < len(cells) {
		if cells[i] == "" {
			i++
			continue
		}
		if k, _, ok := matchLabel(cells[i]); ok && k == fIndicators {
			i++
			continue
		}
		break
	}
	cells = cells[i:]
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	filled := nonEmpty(cells)
	if len(filled) == 0 {
		return
	}
	if k, _, ok := matchLabel(filled[0]); ok && k != fIndicators {
		p.errorf(n, "绩效指标行之后不应再出现表头栏目；如果这是新的一张表，请在前面补上“项目名称”行", "在绩效指标中出现了“%s”栏", filled[0])
		return
	}
	// A single text cell after a row is the wrapped end of its 三级指标.
	if len(filled) == 1 && len(t.indicators) > 0 {
		if _, err := decimal.ParseDecimal(filled[0]); err != nil && budget.NormalizeOperator(filled[0]) == "" {
			last := &t.indicators[len(t.indicators)-1]
			last.Level3 = joinWrapped(last.Level3, filled[0])
			return
		}
	}

	// Cells left blank further right than the first row's start are
	// merged 一级/二级 columns.
	blank := 0
	if len(t.indicators) > 0 {
		blank = i - t.rowStart
	}
	r, ok := splitIndicatorRow(cells, t.columns, blank)
	if !ok {
		p.errorf(n, "指标行应依次包含一级指标、二级指标、三级指标、指标值、指标性质（=、≥、≤ 或 定性）、度量单位和权重", "无法识别这一绩效指标行：“%s”", truncate(strings.Join(filled, " "), 60))
		t.badRows = true
		return
	}
	// Merged 一级/二级 cells print only on their first row.
	if prev := len(t.indicators) - 1; prev >= 0 {
		if r[cLevel1] == "" {
			r[cLevel1] = t.indicators[prev].Level1
		}
		if r[cLevel2] == "" && r[cLevel1] == t.indicators[prev].Level1 {
			r[cLevel2] = t.indicators[prev].Level2
		}
	}
	in := budget.Indicator{
		Level1: r[cLevel1], Level2: r[cLevel2], Level3: r[cLevel3],
		Value: r[cValue], Unit: r[cUnit], Line: n,
	}
	before := len(p.errs)
	rawOp := strings.ReplaceAll(r[cOperator], " ", "")
	if in.Operator = budget.NormalizeOperator(rawOp); in.Operator == "" {
		p.errorf(n, "指标性质应为 =、≥、≤、>、< 或 定性", "指标性质“%s”无法识别", rawOp)
	}
	if w, err := decimal.ParseDecimal(strings.TrimSuffix(r[cWeight], "分")); err != nil {
		p.errorf(n, "权重应为数字，例如 10", "三级指标“%s”的权重“%s”不是数字", in.Level3, r[cWeight])
	} else {
		in.Weight = w
	}
	if in.Level3 == "" {
		p.errorf(n, "请补上三级指标名称", "绩效指标缺少三级指标")
	}
	if in.Value == "" {
		p.errorf(n, "请补上指标值", "三级指标“%s”缺少指标值", in.Level3)
	}
	if in.Level1 == "" || in.Level2 == "" {
		p.errorf(n, "请补上一级指标和二级指标", "三级指标“%s”缺少一级或二级指标", in.Level3)
	}
	if len(p.errs) > before {
		t.badRows = true
		return
	}
	if len(t.indicators) == 0 {
		t.rowStart = i
	}
	t.indicators = append(t.indicators, in)
}

// splitIndicatorRow maps a row's cells to columns. A row with exactly one
// cell per column is read by position, which keeps empty 度量单位 cells in
// place. Otherwise it anchors on the operator cell. blank is the number of
// leading name columns the row printed as empty cells (merged 一级/二级).
func splitIndicatorRow(cells, columns []string, blank int) (map[string]string, bool) {
	r := map[string]string{}
	if len(cells) == len(columns) && blank <= 0 {
		for j, col := range columns {
			r[col] = cells[j]
		}
		return r, true
	}
	op := -1
	for j, c := range cells {
		if budget.NormalizeOperator(strings.ReplaceAll(c, " ", "")) != "" {
			op = j
			break
		}
	}
	if op < 0 || len(cells) < 4 {
		return nil, false
	}
	last := len(cells) - 1
	r[cOperator], r[cWeight] = cells[op], cells[last]
	var names []string
	if indexOf(columns, cValue) < indexOf(columns, cOperator) {
		if op < 1 || op >= last {
			return nil, false
		}
		r[cValue] = cells[op-1]
		r[cUnit] = strings.Join(nonEmpty(cells[op+1:last]), "")
		names = nonEmpty(cells[:op-1])
	} else {
		if op+1 >= last {
			return nil, false
		}
		r[cValue] = cells[op+1]
		r[cUnit] = strings.Join(nonEmpty(cells[op+2:last]), "")
		names = nonEmpty(cells[:op])
	}
	// Fewer than three names means merged cells were printed blank; more
	// means the extractor split the 三级 text, which is rejoined. Names to
	// the right of blank merged cells fill only the columns after them.
	switch {
	case blank >= 2 && len(names) > 1:
		for _, s := range names {
			r[cLevel3] = joinWrapped(r[cLevel3], s)
		}
		return r, true
	case blank == 1 && len(names) > 2:
		r[cLevel2] = names[0]
		for _, s := range names[1:] {
			r[cLevel3] = joinWrapped(r[cLevel3], s)
		}
		return r, true
	}
	switch len(names) {
	case 0:
	case 1:
		r[cLevel3] = names[0]
	case 2:
		r[cLevel2], r[cLevel3] = names[0], names[1]
	default:
		r[cLevel1], r[cLevel2] = names[0], names[1]
		for _, s := range names[2:] {
			r[cLevel3] = joinWrapped(r[cLevel3], s)
		}
	}
	return r, true
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// finish validates the table being read and appends it as a Project.
func (p *tableParser) finish() {
	t := p.cur
	p.cur = nil
	if t == nil {
		return
	}
	line := func(k string) int {
		if l := t.fieldLines[k]; l > 0 {
			return l
		}
		return t.startLine
	}
	before := len(p.errs)
	proj := budget.Project{
		Attribute:  t.fields[fAttribute],
		Start:      t.fields[fStart],
		End:        t.fields[fEnd],
		Overview:   markdown.Escape(t.fields[fOverview]),
		AnnualGoal: t.fields[fGoal],
		Year:       t.year,
		Indicators: t.indicators,
		Source:     budget.Source{File: baseName(p.file), Line: t.startLine},
	}
	if proj.Year == 0 {
		p.errorf(t.startLine, "请在表前保留“2022年财政资金项目支出绩效目标表”这样的标题行，或在导入时用 --year 指定年度", "无法确定这张表的年度")
	} else if proj.Year < 1990 || proj.Year > 2100 {
		p.errorf(t.startLine, "年度应为 1990 至 2100 之间的四位年份；请检查标题行中的年度或 --year 的值", "年度“%d”不正确", proj.Year)
	}
	code, name, ok := splitCodeName(t.fields[fName])
	switch {
	case t.fields[fName] == "":
		p.errorf(line(fName), "项目名称一栏应写成“项目编码-项目名称”", "项目名称为空")
	case !ok || code == "":
		p.errorf(line(fName), "项目名称一栏应写成“项目编码-项目名称”，例如“50011022T000000155466-会务服务”", "项目“%s”缺少项目编码", t.fields[fName])
	case !budget.ValidCode(code):
		p.errorf(line(fName), "项目编码只能由字母和数字组成，它会用作网页文件名", "项目编码“%s”含有不允许的字符", code)
	default:
		proj.Code, proj.Name = code, name
	}
	proj.Department = p.coded(t, fDepartment, line(fDepartment))
	proj.Unit = p.coded(t, fUnit, line(fUnit))
	if s, present := t.fields[fFunds]; !present || s == "" {
		p.errorf(line(fFunds), "请补上“资金总额（万元）”", "项目缺少资金总额")
	} else if d, err := decimal.ParseDecimal(strings.TrimSuffix(strings.TrimSuffix(s, "万元"), "万")); err != nil {
		p.errorf(line(fFunds), "资金总额应为以万元计的数字，例如 109.73", "资金总额“%s”不是数字", s)
	} else {
		proj.Funds = d
	}
	if len(t.indicators) == 0 && !t.badRows {
		p.errorf(t.startLine, "每张绩效目标表都应有“一级指标 二级指标 三级指标 指标值 指标性质 度量单位 权重”表头和指标行", "项目“%s”没有找到绩效指标", t.fields[fName])
	}
	if len(p.errs) > before {
		return
	}
	p.projects = append(p.projects, proj)
}

func (p *tableParser) coded(t *pendingTable, key string, line int) budget.Coded {
	v := t.fields[key]
	if v == "" {
		p.errorf(line, fmt.Sprintf("请补上%s，格式为“编码-名称”", key), "%s为空", key)
		return budget.Coded{}
	}
	code, name, ok := splitCodeName(v)
	if !ok {
		p.errorf(line, fmt.Sprintf("%s应写成“编码-名称”，例如“103-重庆市綦江区人民政府办公室”", key), "%s“%s”缺少编码", key, v)
		return budget.Coded{}
	}
	if !budget.ValidCode(code) {
		p.errorf(line, "编码只能由字母和数字组成，它会用作网页文件名", "%s编码“%s”含有不允许的字符", key, code)
	}
	return budget.Coded{Code: code, Name: name}
}

// splitCodeName splits "CODE-NAME" at the first hyphen.
func splitCodeName(s string) (code, name string, ok bool) {
	m := codeNameRe.FindStringSubmatch(s)
	if m == nil {
		// A code with characters outside [0-9A-Za-z] is still a code the
		// publisher meant; report it as invalid rather than missing.
		if c, n, found := strings.Cut(s, "-"); found && looksLikeCode(c) && n != "" {
			return strings.TrimSpace(c), strings.TrimSpace(n), true
		}
		return "", s, false
	}
	return m[1], strings.TrimSpace(m[2]), true
}

func baseName(path string) string {
	if i := strings.LastIndexAny(path, `/\`); i >= 0 {
		return path[i+1:]
	}
	return path
}

// looksLikeCode tells a mistyped code ("../x", "50011022/T1") from a name
// that merely contains a hyphen: a code has ASCII letters or digits and no
// Chinese.
func looksLikeCode(s string) bool {
	hasASCII := false
	for _, r := range s {
		if isWide(r) || r == ' ' {
			return false
		}
		if r < 128 && (r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			hasASCII = true
		}
	}
	return hasASCII
}
