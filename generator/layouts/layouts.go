package layouts

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"budgetsite/generator/budget"
	"budgetsite/generator/grid"
	"budgetsite/generator/layouts/cellvalue"
	"budgetsite/generator/tables"
)

// Options tunes the recognisers for a district's files.
type Options struct {
	// Year is the year of tables whose title prints none. Zero means
	// such a table is an error.
	Year int
}

// Projects recognises the tables on the grids of one file and returns
// their projects, in the order the grids hold them, and the notes the
// publisher should read (codes derived, an agency used for both roles).
// Every problem is reported at once as a budget.ErrorList, and nothing
// is returned with an error. A file in which no grid holds a table of a
// known layout is refused with what was found and what is missing.
func Projects(grids []grid.Grid, opt Options) ([]budget.Project, budget.ErrorList, error) {
	ps, _, notes, err := read(grids, opt, true)
	return ps, notes, err
}

// Read recognises the tables on the grids of one file as Projects does,
// and the self-evaluations (绩效自评表) among them as well: a table whose
// indicator header has a 实际完成值 column (完成值, 全年实际值,
// 全年完成值) is a result, not a target. Both come in the order the
// grids hold them. A file with neither is refused as Projects refuses it.
func Read(grids []grid.Grid, opt Options) (projects []budget.Project, results []Evaluated, notes budget.ErrorList, err error) {
	return read(grids, opt, false)
}

func read(grids []grid.Grid, opt Options, targetsOnly bool) ([]budget.Project, []Evaluated, budget.ErrorList, error) {
	var (
		projects    []budget.Project
		results     []Evaluated
		notes, errs budget.ErrorList
		found       []string
	)
	noted := map[string]bool{}
	for _, g := range grids {
		s := newScanner(g, opt)
		s.targetsOnly = targetsOnly
		s.scan()
		projects = append(projects, s.projects...)
		results = append(results, s.results...)
		errs = append(errs, s.errs...)
		for _, n := range s.notes {
			if k := n.Msg; !noted[k] {
				noted[k] = true
				notes = append(notes, n)
			}
		}
		for _, f := range s.found {
			if !slices.Contains(found, f) {
				found = append(found, f)
			}
		}
	}
	if len(errs) > 0 {
		return nil, nil, nil, errs
	}
	if len(projects) == 0 && len(results) == 0 {
		return nil, nil, nil, refusal(grids, found)
	}
	return projects, results, notes, nil
}

// refusalHint is the advice of the refusal, by which Unrecognised knows it.
const refusalHint = "请确认导入的是项目支出绩效目标表：一张表一个项目的申报表（项目名称、主管部门、资金总额……，下面是一级指标、二级指标、三级指标、指标值），或每行一个指标的清单（单位名称、项目名称、预算数、年度目标、一级指标……）"

// Unrecognised reports whether err is the refusal of a file in which no
// grid holds a table of a known layout (as opposed to a table with
// problems).
func Unrecognised(err error) bool {
	var list budget.ErrorList
	return errors.As(err, &list) && len(list) == 1 && list[0].Hint == refusalHint
}

// refusal is the error for a file with no table of a known layout.
func refusal(grids []grid.Grid, found []string) error {
	e := &budget.Error{File: fileOf(grids), Hint: refusalHint}
	if len(found) == 0 {
		e.Msg = "没有找到绩效目标表：表中没有“项目名称”，也没有指标表头（一级指标、二级指标、三级指标、指标值）"
	} else {
		if len(found) > 4 {
			found = found[:4]
		}
		e.Msg = "找到“" + strings.Join(found, "”“") + "”，但没有找到指标表头（同一行的一级指标、二级指标、三级指标和指标值）"
	}
	return budget.ErrorList{e}
}

// fileOf returns the name of the file the grids were read from.
func fileOf(grids []grid.Grid) string {
	for _, g := range grids {
		for _, row := range g.Rows {
			for _, c := range row {
				if c.Pos.File != "" {
					return c.Pos.File
				}
			}
		}
	}
	if len(grids) == 0 {
		return "（空文件）"
	}
	n := grids[0].Name
	for _, sep := range []string{".xlsx!", ".xlsm!", ".xls!"} {
		if i := strings.Index(strings.ToLower(n), sep); i >= 0 {
			return n[:i+len(sep)-1]
		}
	}
	if i := strings.LastIndex(n, "#table"); i > 0 {
		return n[:i]
	}
	return n
}

// A cell is one source cell as its row sees it: the grid cell, the grid
// columns it covers in the row, and whether it comes down from a row
// above (a label merged over several rows).
type cell struct {
	grid.Cell
	text     string // Text with the spaces of wrapped Chinese text removed
	col, end int    // first grid column and the one after its last, 0-based
	above    bool
	lab      label // what text says as a label
	isLab    bool  // text is a label
}

func (c cell) anchor() [2]int { return [2]int{c.Pos.Row, c.Pos.Col} }

// scanner reads one grid.
type scanner struct {
	g    grid.Grid
	opt  Options
	rows [][]cell // the distinct cells of each row

	year     int // from the latest title, for the tables after it
	money    string
	moneyPos grid.Pos

	projects    []budget.Project
	results     []Evaluated
	notes, errs budget.ErrorList
	found       []string // labels seen, for the refusal
	// targetsOnly refuses self-evaluations, as Projects does.
	targetsOnly bool
	// clean remembers tables.CleanCell of the short texts, which repeat
	// (产出指标, =, %, a unit's name): at reads every row's cells again.
	clean map[string]string
}

func newScanner(g grid.Grid, opt Options) *scanner {
	s := &scanner{g: g, opt: opt, rows: make([][]cell, len(g.Rows)), clean: map[string]string{}}
	type known struct {
		text  string
		lab   label
		isLab bool
	}
	memo := map[string]known{} // texts repeat: 产出指标, =, %
	for r, row := range g.Rows {
		cs := make([]cell, 0, len(row))
		for c, gc := range row {
			if n := len(cs); n > 0 && cs[n-1].Pos.Row == gc.Pos.Row && cs[n-1].Pos.Col == gc.Pos.Col && gc.Covered {
				cs[n-1].end = c + 1
				continue
			}
			k, ok := memo[gc.Text]
			if !ok {
				k.text = tables.CleanCell(gc.Text)
				k.lab, k.isLab = matchLabel(k.text)
				if len(gc.Text) <= 64 {
					memo[gc.Text] = k
				}
			}
			cs = append(cs, cell{Cell: gc, text: k.text, col: c, end: c + 1, above: gc.Covered && gc.Pos.Row-1 < r, lab: k.lab, isLab: k.isLab})
		}
		s.rows[r] = cs
	}
	return s
}

// at returns the cell at row r, grid column c.
func (s *scanner) at(r, c int) cell {
	gc := s.g.At(r, c)
	return cell{Cell: gc, text: s.cleanText(gc.Text), col: c, end: c + 1, above: gc.Covered && gc.Pos.Row-1 < r}
}

// cleanText is tables.CleanCell, remembered for texts up to 64 bytes.
func (s *scanner) cleanText(t string) string {
	if c, ok := s.clean[t]; ok {
		return c
	}
	c := tables.CleanCell(t)
	if len(t) <= 64 {
		s.clean[t] = c
	}
	return c
}

func (s *scanner) errorAt(p grid.Pos, msg, hint string) {
	s.errs = append(s.errs, errorAt(p, msg, hint))
}

func (s *scanner) noteAt(p grid.Pos, msg, hint string) {
	s.notes = append(s.notes, errorAt(p, msg, hint))
}

// errorAt is the error for a problem at p, printed as p prints:
// “预算.xlsx!Sheet1!C7: …” or “a.html:37: …”.
func errorAt(p grid.Pos, msg, hint string) *budget.Error {
	line := p.Line
	p.Line = 0
	return &budget.Error{File: p.String(), Line: line, Msg: msg, Hint: hint}
}

// source is where a table was imported from, as content files record it:
// the file's base name, with the sheet and cell for a workbook, or the
// line.
func source(p grid.Pos) budget.Source {
	if i := strings.LastIndexAny(p.File, `/\`); i >= 0 {
		p.File = p.File[i+1:]
	}
	line := p.Line
	p.Line = 0
	return budget.Source{File: p.String(), Line: line}
}

// scan finds the tables of the grid, in order: each ends at the row of
// its indicator header and its indicator rows; what lies before the
// header since the last table is its form (or the title of a flat list).
func (s *scanner) scan() {
	start := 0
	for start < len(s.rows) {
		h := -1
		for r := start; r < len(s.rows); r++ {
			if s.isHeader(r) {
				h = r
				break
			}
		}
		if h < 0 {
			s.note(start, len(s.rows))
			if s.nearHeader(start) {
				return
			}
			for _, n := range s.nameRows(start, len(s.rows)) {
				s.errorAt(n.Pos, "找到“项目名称”，但没有找到指标表头（一级指标、二级指标、三级指标、指标值）",
					"绩效目标表应在表头栏目之后列出绩效指标，表头为“一级指标 二级指标 三级指标 指标值”；请确认表格完整，没有漏掉指标部分")
			}
			return
		}
		hdr, ok := s.header(h)
		switch {
		case !ok:
			start = s.skipTable(h)
		case hdr.flat:
			start = s.flat(start, hdr)
		case hdr.eval:
			start = s.selfEval(start, hdr)
		default:
			start = s.form(start, hdr)
		}
	}
}

// note remembers the labels seen in rows [from, to), for the refusal.
func (s *scanner) note(from, to int) {
	for r := from; r < to; r++ {
		for _, c := range s.rows[r] {
			if l, ok := c.lab, c.isLab; ok && !c.above && (l.role == rName || l.role.isColumn()) && len(s.found) < 8 {
				if !slices.Contains(s.found, c.text) {
					s.found = append(s.found, c.text)
				}
			}
		}
	}
}

// nameRows returns the 项目名称 labels of rows [from, to).
func (s *scanner) nameRows(from, to int) []cell {
	var out []cell
	for r := from; r < to; r++ {
		for _, c := range s.rows[r] {
			if l, ok := c.lab, c.isLab; ok && !c.above && l.role == rName {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// A header is a table's indicator header row: the column of each role,
// and the row label to its left (绩效指标), whose merged rows bound the
// indicator rows.
type header struct {
	row   int
	cols  []column
	first int   // grid column of the first known column
	label *cell // the row label left of the columns, if any
	last  int   // the last row the indicator rows may take
	flat  bool  // the columns include 项目名称: a flat list
	eval  bool  // the columns include 实际完成值: a self-evaluation
	texts []string
	// right are the columns of a second set beside the first (二级,
	// 三级 and 指标值 again, sharing the 一级 on the left): the 中期 and
	// the year's indicators side by side; cols are then the left set.
	right []column
}

type column struct {
	role role
	col  int
	qual string
	cell cell
}

// rightCol is the column of role r in the second set, if any.
func (h *header) rightCol(r role) (column, bool) {
	for _, c := range h.right {
		if c.role == r {
			return c, true
		}
	}
	return column{}, false
}

// halves are the two sets of columns of a side-by-side header as headers
// of their own: the left set, and the right one with the columns of the
// left it does not repeat (the shared 一级).
func (h *header) halves() (left, right *header) {
	l, r := *h, *h
	l.right, r.right = nil, nil
	r.cols = nil
	for _, c := range h.cols {
		if _, again := h.rightCol(c.role); !again {
			r.cols = append(r.cols, c)
		}
	}
	r.cols = append(r.cols, h.right...)
	return &l, &r
}

func (h *header) col(r role) (column, bool) {
	for _, c := range h.cols {
		if c.role == r {
			return c, true
		}
	}
	return column{}, false
}

// isHeader reports whether row r heads an indicator grid: in one row,
// 三级指标 (or 指标内容), 一级 or 二级指标, and 指标值.
func (s *scanner) isHeader(r int) bool {
	var l12, l3, v bool
	for _, c := range s.rows[r] {
		if c.above || c.text == "" {
			continue
		}
		if l, ok := c.lab, c.isLab; ok && !l.has {
			switch l.role {
			case cLevel1, cLevel2:
				l12 = true
			case cLevel3:
				l3 = true
			case cValue:
				v = true
			}
		}
	}
	return l12 && l3 && v
}

// nearHeader reports, as an error, the first row from start on that has
// the levels of an indicator header but no 指标值 column: most often a
// table with one value column per region.
func (s *scanner) nearHeader(start int) bool {
	for r := start; r < len(s.rows); r++ {
		var l12, l3, v bool
		var texts []string
		var unknown []cell // after the levels
		for _, c := range s.rows[r] {
			if c.above || c.text == "" {
				continue
			}
			texts = append(texts, c.text)
			if l, ok := c.lab, c.isLab; ok && !l.has {
				l12 = l12 || l.role == cLevel1 || l.role == cLevel2
				l3 = l3 || l.role == cLevel3
				v = v || l.role == cValue
			} else if l3 {
				unknown = append(unknown, c)
			}
		}
		if len(texts) > 8 {
			texts = append(texts[:8], "…")
		}
		switch {
		case l12 && l3 && len(unknown) > 1:
			s.errorAt(unknown[0].Pos, regionsMsg(unknown)+"（表头中没有“指标值”栏）", regionsHint)
			return true
		case l12 && l3:
			s.errorAt(s.line(r), "指标表头中没有“指标值”栏（这一行是："+strings.Join(texts, "、")+"）",
				"每个指标应有一个指标值栏，栏目名为“指标值”（或目标值、年度指标值）；按地区或单位分列指标值的表，请拆成每个地区一张表")
			return true
		case l12 && v:
			s.errorAt(s.line(r), "指标表头中没有“三级指标”栏（这一行是："+strings.Join(texts, "、")+"）",
				"每个指标应有一级指标、二级指标、三级指标（指标名称）和指标值；如果“二级指标”一栏写的其实是指标名称（例如“办公大楼日常维修维护次数”），请把它改为“三级指标”，并在左边补上二级指标后重新导入")
			return true
		}
	}
	return false
}

// regionsHint is what to do with a table of one value column per region.
const regionsHint = "本工具每个指标只读一个指标值：请把表拆成每个地区（单位）一张表，每张表只有一个“指标值”栏；或只保留一个“指标值”栏（例如全部地区的合计）后重新导入"

// regionsMsg says that the columns cs look like one value column per
// region (or village, or unit).
func regionsMsg(cs []cell) string {
	var names []string
	for _, c := range cs {
		names = append(names, c.text)
	}
	if len(names) > 4 {
		names = append(names[:4], "…")
	}
	return "指标表头中有“" + strings.Join(names, "”“") + "”等 " + strconv.Itoa(len(cs)) + " 栏无法识别的栏目：这是每个地区一栏指标值的表，不能导入"
}

// projectColumns are the roles a flat list's header may have besides
// the indicator columns.
func projectColumn(r role) bool {
	switch r {
	case rName, rCode, rDepartment, rUnit, rFunds, rAnnual, rOverall:
		return true
	}
	return false
}

// header reads the header row h. It reports a self-evaluation, an
// unknown column or a column named twice as an error and returns false.
func (s *scanner) header(h int) (*header, bool) {
	hdr := &header{row: h, first: -1, last: len(s.rows) - 1}
	ok := true
	var unknown []cell // columns with no known label
	for _, c := range s.rows[h] {
		hdr.texts = append(hdr.texts, c.text)
		if c.above && hdr.first < 0 && hdr.label == nil && c.text != "" {
			cc := c
			hdr.label = &cc
			continue
		}
		if c.above || c.text == "" {
			continue
		}
		l, known := c.lab, c.isLab
		if known && l.has {
			known = false
		}
		if known && (l.role.isColumn() || projectColumn(l.role)) {
			if l.role.selfEval() && s.targetsOnly {
				s.errorAt(c.Pos, "这是绩效自评表（表头有“"+c.text+"”），不是绩效目标表",
					"本工具导入项目支出绩效目标表（申报表）；自评表请用 budgetsite import 导入，它会附在同一项目的绩效目标上")
				return nil, false
			}
			if prev, dup := hdr.col(l.role); dup && l.role != cNature && l.role != cExplain {
				if hdr.right == nil && l.role.isColumn() && !l.role.selfEval() {
					// A second set of columns begins: see sideBySide.
					hdr.right = []column{}
				}
				if _, again := hdr.rightCol(l.role); hdr.right == nil || again {
					s.errorAt(c.Pos, "指标表头中“"+c.text+"”出现了两次（另一处在 "+prev.cell.Pos.String()+"）",
						"每个指标只能有一组指标栏目；中期目标和年度目标并列的表，两组栏目应各有二级指标、三级指标和指标值，并共用左边的一级指标")
					ok = false
					continue
				}
			}
			if hdr.right != nil {
				hdr.right = append(hdr.right, column{role: l.role, col: c.col, qual: l.qual, cell: c})
				continue
			}
			if hdr.first < 0 {
				hdr.first = c.col
			}
			hdr.cols = append(hdr.cols, column{role: l.role, col: c.col, qual: l.qual, cell: c})
			if l.role == rName {
				hdr.flat = true
			}
			continue
		}
		if hdr.first < 0 {
			if hdr.label == nil {
				cc := c
				hdr.label = &cc
			}
			continue
		}
		if known && l.role == cExplain {
			continue
		}
		unknown = append(unknown, c)
		ok = false
	}
	switch {
	case len(unknown) > 1:
		s.errorAt(unknown[0].Pos, regionsMsg(unknown), regionsHint)
	case len(unknown) == 1:
		s.errorAt(unknown[0].Pos, "指标表头中有无法识别的栏目“"+unknown[0].text+"”",
			"指标表头可以有：一级指标、二级指标、三级指标（或指标内容）、指标值、指标性质、度量单位、权重（或分值）、指标方向、绩效标准、备注。每个指标只能有一个指标值栏；按地区或单位分列指标值的表，请拆成每个地区一张表")
	}
	if hdr.right != nil {
		_, l3 := hdr.rightCol(cLevel3)
		_, v := hdr.rightCol(cValue)
		_, actual := hdr.col(cActual)
		if !l3 || !v || hdr.flat || actual {
			at := hdr.cols[0].cell.Pos
			if len(hdr.right) > 0 {
				at = hdr.right[0].cell.Pos
			}
			s.errorAt(at, "指标表头中有两组指标栏目，但第二组不完整（应有三级指标和指标值）",
				"中期目标和年度目标并列的表，两组栏目应各有二级指标、三级指标和指标值，并共用左边的一级指标；否则请拆成两张表")
			ok = false
		}
	}
	if hdr.label != nil && hdr.label.RowSpan > 1 {
		hdr.last = min(hdr.last, hdr.label.Pos.Row-1+hdr.label.RowSpan-1)
	}
	if !ok {
		return nil, false
	}
	return hdr, s.selfEvalHeader(hdr)
}

// skipTable returns the row after the indicator rows of a header that
// could not be read.
func (s *scanner) skipTable(h int) int {
	for r := h + 1; r < len(s.rows); r++ {
		if s.isHeader(r) || len(s.nameRows(r, r+1)) > 0 {
			return r
		}
	}
	return len(s.rows)
}

var (
	moneyLineRe  = regexp.MustCompile(`^(?:金额|资金)?单位\s*[:：]\s*(\S+)$`)
	pageNumberRe = regexp.MustCompile(`^(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|共\s*\d+\s*页|-\s*\d+\s*-|—\s*\d+\s*—|\d+\s*/\s*\d+)$`)
)

// preamble reads the titles and 金额单位 lines of rows [from, to), leaving
// out the cells in skip (a form's labels and values).
func (s *scanner) preamble(from, to int, skip map[[2]int]bool) {
	for r := from; r < to; r++ {
		for _, c := range s.rows[r] {
			if c.above || c.text == "" || skip[c.anchor()] {
				continue
			}
			if y, ok := cellvalue.TitleYear(c.text); ok {
				s.year = y
			}
			if m := moneyLineRe.FindStringSubmatch(strings.ReplaceAll(c.text, " ", "")); m != nil {
				s.money, s.moneyPos = m[1], c.Pos
			}
		}
	}
}

// moneyLine is the unit of money the latest 金额单位 line states.
func (s *scanner) moneyLine() (unit string, ok bool) {
	if s.money == "" {
		return "", true
	}
	u := cellvalue.MoneyUnit(strings.TrimSuffix(s.money, "。"))
	if u == "" {
		s.errorAt(s.moneyPos, "金额单位“"+s.money+"”无法换算", "金额单位应为“元”或“万元”；请把金额换算为元或万元后重新导入")
		return "", false
	}
	return u, true
}

// rowKind says what a row after an indicator header is.
type rowKind uint8

const (
	rowData rowKind = iota
	rowSkip         // blank, a page number, the header repeated on a new page
	rowEnd          // the table is over
)

// classify tells the indicator rows of a header from what follows them.
// The rows end below the row label's merged cells, at a cell left of
// the columns, at 项目名称, a footer (审核意见, 合计, 注：…) or personal
// information (填表人…), at a title, or at another header.
func (s *scanner) classify(h *header, r int) rowKind {
	if r > h.last {
		return rowEnd
	}
	cs := s.rows[r]
	filled, first := 0, -1
	for i, c := range cs {
		if c.text != "" {
			if filled++; first < 0 {
				first = i
			}
		}
	}
	if filled == 0 {
		return rowSkip
	}
	if l, ok := cs[first].lab, cs[first].isLab; ok && !cs[first].above {
		switch l.role {
		case rName:
			if !h.flat {
				return rowEnd
			}
		default:
			if l.role.ends() {
				return rowEnd
			}
		}
	}
	for _, c := range cs {
		if c.col >= h.first {
			break
		}
		if c.text == "" {
			continue
		}
		if h.label != nil && c.anchor() == h.label.anchor() {
			continue
		}
		if l, ok := c.lab, c.isLab; ok && l.role == rIndicators {
			continue
		}
		return rowEnd
	}
	if s.isHeader(r) {
		if s.sameHeader(h, r) {
			return rowSkip // the header again, on a new page
		}
		return rowEnd
	}
	if filled == 1 {
		c := cs[first]
		if pageNumberRe.MatchString(c.text) {
			return rowSkip
		}
		if _, ok := cellvalue.TitleYear(c.text); ok || c.ColSpan > 1 && 2*c.ColSpan > s.g.Width() && !c.above {
			return rowEnd
		}
	}
	return rowData
}

// line is the row's source position for messages and Indicator.Line.
func (s *scanner) line(r int) grid.Pos {
	if len(s.g.Rows[r]) == 0 {
		return grid.Pos{}
	}
	return s.g.Rows[r][0].Pos
}

// sameHeader reports whether row r repeats the header h.
func (s *scanner) sameHeader(h *header, r int) bool {
	cs := s.rows[r]
	if len(cs) != len(h.texts) {
		return false
	}
	for i, c := range cs {
		if c.text != h.texts[i] {
			return false
		}
	}
	return true
}
