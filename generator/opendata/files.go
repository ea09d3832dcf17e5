package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/markdown"
	"budgetsite/generator/site"
	"fmt"
	"io"
	"strconv"
)

// Download is one file on the 数据下载 page.
type Download struct {
	Path   string // slash path relative to the site root, e.g. data/projects.csv
	Title  string // Chinese title, e.g. 全部项目（CSV）
	Format string // CSV, XLSX, JSON
	Scope  string // 全部 / 2022年 / 2022年 主管部门 103 … / 2022年 实施单位 … / 2022年 项目 …
	Bytes  int    // size as written
	SHA256 string // hex digest of the file as written
	// Level groups the list for templates: site, year, department, unit
	// or project. Year is 0 for site-level files.
	Level string
	Year  int
}

// Download levels.
const (
	LevelSite       = "site"
	LevelYear       = "year"
	LevelDepartment = "department"
	LevelUnit       = "unit"
	LevelProject    = "project"
)

// Paths of the site-level downloads, relative to the site root.
const (
	dataDir             = "data/"
	ProjectsCSVPath     = "data/projects.csv"
	IndicatorsCSVPath   = "data/indicators.csv"
	ResultsCSVPath      = "data/results.csv"
	BudgetXLSXPath      = "data/budget.xlsx"
	ProjectsJSONPath    = "data/projects.json"
	DatapackageJSONPath = "data/datapackage.json"
)

func yearDataPath(y int, name string) string { return fmt.Sprintf("data/%d/%s", y, name) }
func AgencyDataPath(a *site.Agency, ext string) string {
	return fmt.Sprintf("data/%d/%s/%s.%s", a.Year, a.Kind, a.Code, ext)
}
func ProjectDataPath(p *budget.Project, ext string) string {
	return fmt.Sprintf("data/%d/project/%s.%s", p.Year, p.Code, ext)
}

// YearCounterparts are the site-level files that stand for the year's
// own when a site has one year, in the order of the year's files: the
// year page links them instead (see the package doc).
var YearCounterparts = []string{ProjectsCSVPath, IndicatorsCSVPath, ResultsCSVPath, ProjectsJSONPath}

// File is one download as planned: its entry on the 数据下载 page (Bytes
// and SHA256 are filled in once it is written), what it is made from,
// and how to write it. Late marks the workbook, the slowest file, which
// the caller may write while pages render.
type File struct {
	Download
	Inputs site.Inputs
	Write  func(io.Writer) error
	Late   bool
}

// Files plans every download but datapackage.json (see DataPackage), in
// the order of the 数据下载 page: site-level files, then per year, per
// department and unit, and per project. Every file is assembled from the
// pieces.
func Files(s *site.Site, pieces Pieces) []File {
	a := newAssembly(s.Projects, pieces)
	// Sized once: a province's list is 100,000 entries and more.
	n := 8 + 5*len(s.Years) + len(s.Projects)
	for _, y := range s.Years {
		n += 2 * (len(y.Departments) + len(y.Units))
	}
	fs := make([]File, 0, n)
	add := func(p, title, format, scope, level string, year int, ps []*budget.Project, write func(io.Writer) error) {
		fs = append(fs, File{Download: Download{Path: p, Title: title, Format: format, Scope: scope, Level: level, Year: year},
			Inputs: site.Inputs{What: p, Projects: ps}, Write: write})
	}
	csv := func(p, title, scope, level string, year int, k int, ps []*budget.Project) {
		add(p, title, "CSV", scope, level, year, ps, func(w io.Writer) error { return a.writeCSV(w, k, ps) })
	}
	json := func(p, title, scope, level string, year int, ps []*budget.Project) {
		add(p, title, "JSON", scope, level, year, ps, func(w io.Writer) error { return a.writeJSON(w, ps) })
	}
	csv(ProjectsCSVPath, "全部项目（CSV）", "全部", LevelSite, 0, pieceProjectCSV, s.Projects)
	csv(IndicatorsCSVPath, "全部绩效指标（CSV）", "全部", LevelSite, 0, pieceIndicatorCSV, s.Projects)
	if hasEvaluation(s.Projects) {
		csv(ResultsCSVPath, "全部绩效自评结果（CSV）", "全部", LevelSite, 0, pieceResultCSV, s.Projects)
	}
	add(BudgetXLSXPath, "全部项目和绩效指标（Excel）", "XLSX", "全部", LevelSite, 0, s.Projects, func(w io.Writer) error { return encodeXLSX(s, pieces, w) })
	fs[len(fs)-1].Late = true
	json(ProjectsJSONPath, "全部项目和绩效指标（JSON）", "全部", LevelSite, 0, s.Projects)
	fs = append(fs, ImportTemplate(s))
	for _, y := range s.Years {
		if len(s.Years) == 1 {
			break // the site-level files are the year's (YearCounterparts)
		}
		scope := fmt.Sprintf("%d年", y.Year)
		csv(yearDataPath(y.Year, "projects.csv"), scope+"项目（CSV）", scope, LevelYear, y.Year, pieceProjectCSV, y.Projects)
		csv(yearDataPath(y.Year, "indicators.csv"), scope+"绩效指标（CSV）", scope, LevelYear, y.Year, pieceIndicatorCSV, y.Projects)
		if hasEvaluation(y.Projects) {
			csv(yearDataPath(y.Year, "results.csv"), scope+"绩效自评结果（CSV）", scope, LevelYear, y.Year, pieceResultCSV, y.Projects)
		}
		json(yearDataPath(y.Year, "projects.json"), scope+"项目和绩效指标（JSON）", scope, LevelYear, y.Year, y.Projects)
	}
	for _, y := range s.Years {
		for _, group := range [][]*site.Agency{y.Departments, y.Units} {
			for _, ag := range group {
				what := "主管部门"
				if ag.Kind == "unit" {
					what = "实施单位"
				}
				scope := fmt.Sprintf("%d年 %s %s %s", ag.Year, what, ag.Code, ag.Name)
				title := fmt.Sprintf("%s %d年项目", ag.Name, ag.Year)
				csv(AgencyDataPath(ag, "csv"), title+"（CSV）", scope, ag.Kind, ag.Year, pieceProjectCSV, ag.Projects)
				json(AgencyDataPath(ag, "json"), title+"和绩效指标（JSON）", scope, ag.Kind, ag.Year, ag.Projects)
			}
		}
	}
	for _, p := range s.Projects {
		scope := fmt.Sprintf("%d年 项目 %s %s", p.Year, p.Code, p.Name)
		json(ProjectDataPath(p, "json"), p.Name+"（JSON）", scope, LevelProject, p.Year, []*budget.Project{p})
	}
	return fs
}

// hasEvaluation reports whether any of ps has a 自评. results.csv is
// written only then: a site that publishes targets alone offers no empty
// file and its pages list the downloads they always did; once written,
// its columns are fixed (ResultColumns), and the workbook's 自评 sheet is
// always there.
func hasEvaluation(ps []*budget.Project) bool {
	for _, p := range ps {
		if p.Evaluation != nil {
			return true
		}
	}
	return false
}

// DataPackage is datapackage.json for the downloads as written: it
// describes the site-level and per-year files in list, and counts the
// other slices. Its own entry goes after the other site-level files.
func DataPackage(s *site.Site, list []Download) (File, error) {
	var described []Download
	slices := 0
	for _, d := range list {
		switch d.Level {
		case LevelSite, LevelYear:
			described = append(described, d)
		case LevelTemplate: // a form to fill in, not data
		default:
			slices++
		}
	}
	b, err := marshalJSON(newDataPackage(s, described, slices))
	if err != nil {
		return File{}, err
	}
	return File{Download: Download{Path: DatapackageJSONPath, Title: "数据包描述（datapackage.json）", Format: "JSON", Scope: "全部", Level: LevelSite},
		Write: func(w io.Writer) error { _, err := w.Write(b); return err }}, nil
}

// ---------------------------------------------------------------------
// The field table: one place for every column's name, type and meaning,
// shared by the CSV and XLSX headers, the datapackage.json schemas and the
// 数据字典, and for reading our own downloads back (readback.go): each
// column that holds a field of the content format has a set function
// beside its value function, so a column is written and read in one place.

// Field is one field of the exports.
type Field struct {
	Header string // CSV/XLSX column header and datapackage field name; "" when only in JSON
	JSON   string // key within a project object of projects.json; "" when only in the tables
	Title  string // Chinese title
	Type   string // string, integer, number (tables); array, object for JSON-only fields
	Desc   string // Chinese description for the 数据字典
	Unit   string // 万元 or 分 for numbers
	// value reads the field from a row; nil for JSON-only fields.
	value func(r tableRow) cell
	// set stores a cell's text, read back from one of our own downloads,
	// into the row; nil for columns computed from others (指标数, 权重合计,
	// 页面, 序号, 完成情况), which are not read back.
	set func(r tableRow, s string) error
}

// tableRow is one row of a table: a project, or one of its indicators
// (or, in the results table, one of its 自评 results) when idx ≥ 0.
type tableRow struct {
	p        *budget.Project
	overview string // plainText(p.Overview), computed once per project
	idx      int
	// status is the mark of each of the project's results (results
	// table only), from budget's own assessment (Project.Pairs).
	status []budget.Status
}

func (r tableRow) ind() *budget.Indicator { return &r.p.Indicators[r.idx] }
func (r tableRow) res() *budget.Result    { return &r.p.Evaluation.Indicators[r.idx] }

// eval is the project's 自评, or a blank one to read empty cells from
// when it has none.
func (r tableRow) eval() *budget.Evaluation {
	if r.p.Evaluation == nil {
		return &budget.Evaluation{}
	}
	return r.p.Evaluation
}

// cell is one typed value. Numbers keep their Decimal so that every
// format writes them exactly as written.
type cell struct {
	kind byte // 's' text, 'i' integer, 'd' decimal
	s    string
	i    int
	d    decimal.Decimal
}

func textCell(s string) cell             { return cell{kind: 's', s: s} }
func intCell(i int) cell                 { return cell{kind: 'i', i: i} }
func decimalCell(d decimal.Decimal) cell { return cell{kind: 'd', d: d} }

// String is the cell as CSV text: amounts exactly as written.
func (c cell) String() string {
	switch c.kind {
	case 'i':
		return strconv.Itoa(c.i)
	case 'd':
		return c.d.String()
	}
	return c.s
}

// The kinds of column, each with its value and set function made from
// one accessor of the field.

// text is a text field, written and read as is.
func (f *Field) text(get func(r tableRow) *string) *Field {
	f.value = func(r tableRow) cell { return textCell(*get(r)) }
	f.set = func(r tableRow, s string) error { *get(r) = s; return nil }
	return f
}

// number is an amount or weight that is always there.
func (f *Field) number(get func(r tableRow) *decimal.Decimal) *Field {
	f.value = func(r tableRow) cell { return decimalCell(*get(r)) }
	f.set = func(r tableRow, s string) (err error) { *get(r), err = parseNumber(s); return err }
	return f
}

// optNumber is a number a table may leave blank: an empty cell, not 0.
func (f *Field) optNumber(get func(r tableRow) **decimal.Decimal) *Field {
	f.value = func(r tableRow) cell {
		if d := *get(r); d != nil {
			return decimalCell(*d)
		}
		return textCell("")
	}
	f.set = func(r tableRow, s string) error {
		if s == "" {
			*get(r) = nil
			return nil
		}
		d, err := parseNumber(s)
		*get(r) = &d
		return err
	}
	return f
}

// integer is a whole number; with blankZero, 0 is an empty cell (a
// source line that was not recorded).
func (f *Field) integer(get func(r tableRow) *int, blankZero bool) *Field {
	f.value = func(r tableRow) cell {
		if n := *get(r); n != 0 || !blankZero {
			return intCell(n)
		}
		return textCell("")
	}
	f.set = func(r tableRow, s string) error {
		if s == "" && blankZero {
			*get(r) = 0
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil || strconv.Itoa(n) != s {
			return fmt.Errorf("“%s”不是整数", s)
		}
		*get(r) = n
		return nil
	}
	return f
}

func parseNumber(s string) (decimal.Decimal, error) {
	d, err := decimal.ParseDecimal(s)
	if err != nil || d.String() != s {
		return d, fmt.Errorf("“%s”不是数字", s)
	}
	return d, nil
}

var (
	colYear = (&Field{Header: "年度", JSON: "year", Title: "预算年度", Type: "integer",
		Desc: "预算年度，四位数字，如 2022。"}).integer(func(r tableRow) *int { return &r.p.Year }, false)
	colCode = (&Field{Header: "项目编码", JSON: "code", Title: "项目编码", Type: "string",
		Desc: "预算管理一体化系统中的项目编码；同一年度内唯一，也是项目网页的文件名。"}).text(func(r tableRow) *string { return &r.p.Code })
	colName = (&Field{Header: "项目名称", JSON: "name", Title: "项目名称", Type: "string",
		Desc: "项目名称，按绩效目标表原文。"}).text(func(r tableRow) *string { return &r.p.Name })
	colDeptCode = (&Field{Header: "主管部门编码", JSON: "department.code", Title: "主管部门编码", Type: "string",
		Desc: "主管部门编码，如 103；按文字保存，以保留开头的 0。"}).text(func(r tableRow) *string { return &r.p.Department.Code })
	colDeptName = (&Field{Header: "主管部门", JSON: "department.name", Title: "主管部门名称", Type: "string",
		Desc: "主管部门名称。"}).text(func(r tableRow) *string { return &r.p.Department.Name })
	colUnitCode = (&Field{Header: "实施单位编码", JSON: "unit.code", Title: "实施单位编码", Type: "string",
		Desc: "实施单位编码，如 103002；按文字保存，以保留开头的 0。"}).text(func(r tableRow) *string { return &r.p.Unit.Code })
	colUnitName = (&Field{Header: "实施单位", JSON: "unit.name", Title: "实施单位名称", Type: "string",
		Desc: "实施单位名称。"}).text(func(r tableRow) *string { return &r.p.Unit.Name })
	colFunds = (&Field{Header: "资金总额（万元）", JSON: "funds_wan", Title: "资金总额", Type: "number", Unit: "万元",
		Desc: "项目资金总额，单位为万元（1 万元 = 10000 元），按原表的数字和小数位数公布，不作四舍五入。"}).number(func(r tableRow) *decimal.Decimal { return &r.p.Funds })
	colAttribute = (&Field{Header: "项目属性", JSON: "attribute", Title: "项目属性", Type: "string",
		Desc: "项目属性，如新增、延续，按原表。"}).text(func(r tableRow) *string { return &r.p.Attribute })
	colStart = (&Field{Header: "项目起始时间", JSON: "start", Title: "项目起始时间", Type: "string",
		Desc: "项目起始时间，按原表文字，如“2022年”。"}).text(func(r tableRow) *string { return &r.p.Start })
	colEnd = (&Field{Header: "项目终止时间", JSON: "end", Title: "项目终止时间", Type: "string",
		Desc: "项目终止时间，按原表文字，如“2022年”“长期”。"}).text(func(r tableRow) *string { return &r.p.End })
	colOverview = &Field{Header: "项目概况", JSON: "overview", Title: "项目概况", Type: "string",
		Desc:  "项目概况的纯文本（已去除网页格式，段落之间以换行分隔）。",
		value: func(r tableRow) cell { return textCell(r.overview) },
		// Read back as the importers write a body: the text, escaped
		// as Markdown, so that it shows as exactly this text.
		set: func(r tableRow, s string) error { r.p.Overview = markdown.Escape(s); return nil }}
	colGoal = (&Field{Header: "项目当年绩效目标", JSON: "annual_goal", Title: "项目当年绩效目标", Type: "string",
		Desc: "项目当年绩效目标，按原表。"}).text(func(r tableRow) *string { return &r.p.AnnualGoal })
	colIndicators = &Field{JSON: "indicators", Title: "绩效指标", Type: "array",
		Desc: "绩效指标列表，按原表顺序；每个指标的字段见下。"}
	colCount = &Field{Header: "指标数", Title: "绩效指标数", Type: "integer",
		Desc:  "该项目的绩效指标条数，即指标表中该项目的行数。",
		value: func(r tableRow) cell { return intCell(len(r.p.Indicators)) }}
	colWeightTotal = &Field{Header: "权重合计", JSON: "weight_total", Title: "指标权重合计", Type: "number", Unit: "分",
		Desc:  "全部绩效指标权重之和，一般为 90 分（另 10 分为预算执行率，在年度绩效自评时计分）。",
		value: func(r tableRow) cell { return decimalCell(r.p.WeightTotal()) }}
	colPage = &Field{Header: "页面", JSON: "page", Title: "项目网页", Type: "string",
		Desc:  "该项目网页相对于网站首页的路径，如 2022/project/50011022T000000155466.html。",
		value: func(r tableRow) cell { return textCell(site.ProjectURL(r.p)) }}

	// Fields only some tables print; the columns are always there and
	// empty when the table did not print them.
	colOverallGoal = (&Field{Header: "总体目标", JSON: "overall_goal", Title: "总体目标", Type: "string",
		Desc: "项目的总体目标（中期目标、实施期目标），原表印有时才有；JSON 中没有时不出现此字段。"}).text(func(r tableRow) *string { return &r.p.OverallGoal })
	colFundsBreakdown = &Field{Header: "资金来源（万元）", Title: "分来源资金", Type: "string",
		Desc:  "资金总额中按来源列出的金额，原表印有时才有：每行一个来源，写作“来源：金额”（金额单位为万元，按原表数字），如“财政拨款：10”。",
		value: func(r tableRow) cell { return textCell(formatFunds(r.p.FundsBreakdown)) },
		set:   func(r tableRow, s string) (err error) { r.p.FundsBreakdown, err = parseFunds(s); return err }}
	colFundsJSON = &Field{JSON: "funds_breakdown", Title: "分来源资金", Type: "array",
		Desc: "资金总额中按来源列出的金额，原表印有时才有，按原表顺序；没有时不出现此字段。"}
	colFundSource = &Field{JSON: "funds_breakdown[].source", Title: "资金来源", Type: "string",
		Desc: "资金来源名称，如财政拨款、其他资金，按原表。"}
	colFundAmount = &Field{JSON: "funds_breakdown[].amount_wan", Title: "来源金额", Type: "number", Unit: "万元",
		Desc: "该来源的金额，单位为万元，按原表的数字和小数位数。"}
	colPubDate = (&Field{Header: "发布日期", JSON: "pub_date", Title: "发布日期", Type: "string",
		Desc: "绩效目标表的发布日期（YYYY-MM-DD），有记录时才有。"}).text(func(r tableRow) *string { return &r.p.PubDate })
	colSourceJSON = &Field{JSON: "source", Title: "来源", Type: "object",
		Desc: "导入时读取的原始文件和行号，有记录时才有。"}
	colSourceFile = (&Field{Header: "来源文件", JSON: "source.file", Title: "来源文件", Type: "string",
		Desc: "导入时读取的原始文件名（工作簿还带工作表名），供核对原件；没有记录时为空。"}).text(func(r tableRow) *string { return &r.p.Source.File })
	colSourceLine = (&Field{Header: "来源行号", JSON: "source.line", Title: "来源行号", Type: "integer",
		Desc: "该表在来源文件中开始的行号；没有记录时为空。"}).integer(func(r tableRow) *int { return &r.p.Source.Line }, true)

	colSeq = &Field{Header: "序号", Title: "指标序号", Type: "integer",
		Desc:  "指标在该项目绩效指标表中的顺序，从 1 开始；在 JSON 中即 indicators 列表中的位置。",
		value: func(r tableRow) cell { return intCell(r.idx + 1) }}
	colLevel1 = (&Field{Header: "一级指标", JSON: "indicators[].level1", Title: "一级指标", Type: "string",
		Desc: "一级指标，如产出指标、效益指标、满意度指标。"}).text(func(r tableRow) *string { return &r.ind().Level1 })
	colLevel2 = (&Field{Header: "二级指标", JSON: "indicators[].level2", Title: "二级指标", Type: "string",
		Desc: "二级指标，如数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标。"}).text(func(r tableRow) *string { return &r.ind().Level2 })
	colLevel3 = (&Field{Header: "三级指标", JSON: "indicators[].level3", Title: "三级指标", Type: "string",
		Desc: "三级指标，即具体的指标名称，按原表。"}).text(func(r tableRow) *string { return &r.ind().Level3 })
	colValue = (&Field{Header: "指标值", JSON: "indicators[].value", Title: "指标值", Type: "string",
		Desc: "目标值，按原表文字保存：定量指标为数字（如 95、2.7132），定性指标为文字（如“好”）。"}).text(func(r tableRow) *string { return &r.ind().Value })
	colOperator = (&Field{Header: "指标性质", JSON: "indicators[].operator", Title: "指标性质", Type: "string",
		Desc: "指标值的比较方式：=、≥、≤、>、<，或“定性”。"}).text(func(r tableRow) *string { return &r.ind().Operator })
	colMeasure = (&Field{Header: "度量单位", JSON: "indicators[].unit", Title: "度量单位", Type: "string",
		Desc: "指标值的单位，如 %、个、万元；可为空。"}).text(func(r tableRow) *string { return &r.ind().Unit })
	colWeight = (&Field{Header: "权重", JSON: "indicators[].weight", Title: "指标权重", Type: "number", Unit: "分",
		Desc: "该指标的权重（分），按原表。"}).number(func(r tableRow) *decimal.Decimal { return &r.ind().Weight })
	colDirection = (&Field{Header: "指标方向", JSON: "indicators[].direction", Title: "指标方向", Type: "string",
		Desc: "指标方向：正向（越大越好）、反向或中性，原表印有时才有。"}).text(func(r tableRow) *string { return &r.ind().Direction })
	colStandard = (&Field{Header: "绩效标准", JSON: "indicators[].standard", Title: "绩效标准", Type: "string",
		Desc: "评判的标准，如计划标准、行业标准、历史标准，原表印有时才有。"}).text(func(r tableRow) *string { return &r.ind().Standard })
	colRemark = (&Field{Header: "备注", JSON: "indicators[].remark", Title: "备注", Type: "string",
		Desc: "指标的备注，原表印有时才有。"}).text(func(r tableRow) *string { return &r.ind().Remark })
	colPrinted = (&Field{Header: "原表指标值", JSON: "indicators[].printed", Title: "原表指标值", Type: "string",
		Desc: "指标值单元格在原表中的样子（如“≥85%”），导入时从中分出指标性质、指标值和度量单位；与这三项相同时为空。"}).text(func(r tableRow) *string { return &r.ind().Printed })
	colPeriod = (&Field{Header: "指标期间", JSON: "indicators[].period", Title: "指标期间", Type: "string",
		Desc: "“中期”表示中期（实施期）目标的指标；当年指标为空。"}).text(func(r tableRow) *string { return &r.ind().Period })
)

// The 绩效自评 of a project: summary columns of projects.csv, which are
// empty for a project without one, and the results table, one row per
// result indicator.
var (
	colResultCount = &Field{Header: "自评指标数", Title: "自评指标数", Type: "integer",
		Desc: "该项目绩效自评表中的指标条数，即自评结果表（results.csv）中该项目的行数；项目没有自评时为空，有自评而无指标时为 0。",
		value: func(r tableRow) cell {
			if r.p.Evaluation == nil {
				return textCell("")
			}
			return intCell(len(r.p.Evaluation.Indicators))
		}}
	colEvaluation = &Field{JSON: "evaluation", Title: "绩效自评", Type: "object",
		Desc: "项目支出绩效自评表（年度结束后公布），项目有自评时才有；数字按原表，原表空着的数字不出现（0 分照样写出）。"}
	colExecJSON = &Field{JSON: "evaluation.budget", Title: "预算执行情况", Type: "object",
		Desc: "自评表的预算执行情况；原表空着的项不出现。"}
	colEvalSourceJSON = &Field{JSON: "evaluation.source", Title: "自评来源", Type: "object",
		Desc: "导入自评表时读取的原始文件和行号，有记录时才有。"}
	colExecSource = (&Field{Header: "预算执行资金来源", JSON: "evaluation.budget.source", Title: "预算执行的资金来源", Type: "string",
		Desc: "自评表“预算执行情况”一行的名称（如“年度资金总额”），按原表。"}).text(func(r tableRow) *string { return &r.eval().Budget.Source })
	colInitial = (&Field{Header: "年初预算数（万元）", JSON: "evaluation.budget.initial_wan", Title: "年初预算数", Type: "number", Unit: "万元",
		Desc: "自评表的年初预算数，单位为万元，按原表数字；原表空着时为空。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.eval().Budget.Initial })
	colAdjusted = (&Field{Header: "全年预算数（万元）", JSON: "evaluation.budget.adjusted_wan", Title: "全年预算数", Type: "number", Unit: "万元",
		Desc: "自评表的全年预算数（调整后预算数），单位为万元；原表空着时为空。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.eval().Budget.Adjusted })
	colExecuted = (&Field{Header: "全年执行数（万元）", JSON: "evaluation.budget.executed_wan", Title: "全年执行数", Type: "number", Unit: "万元",
		Desc: "自评表的全年执行数，单位为万元；原表空着时为空。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.eval().Budget.Executed })
	colRate = (&Field{Header: "预算执行率", JSON: "evaluation.budget.rate", Title: "预算执行率", Type: "string",
		Desc: "执行率，按原表文字，如“100.00%”。"}).text(func(r tableRow) *string { return &r.eval().Budget.Rate })
	colExecMax = (&Field{Header: "预算执行分值", JSON: "evaluation.budget.max_score", Title: "预算执行分值", Type: "number", Unit: "分",
		Desc: "预算执行率的分值（满分），一般为 10 分；原表空着时为空。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.eval().Budget.MaxScore })
	colExecScore = (&Field{Header: "预算执行得分", JSON: "evaluation.budget.score", Title: "预算执行得分", Type: "number", Unit: "分",
		Desc: "预算执行率的得分；原表空着时为空，0 分写作 0。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.eval().Budget.Score })
	colExecReason = (&Field{Header: "预算执行偏差原因", JSON: "evaluation.budget.reason", Title: "预算执行偏差原因", Type: "string",
		Desc: "预算执行未达到预期的原因，按原表。"}).text(func(r tableRow) *string { return &r.eval().Budget.Reason })
	colExecBreakdown = &Field{Header: "预算执行明细", Title: "分来源预算执行", Type: "string",
		Desc:  "自评表按资金来源（财政资金、其他资金等）列出的预算执行行，写成与 projects.json 中 evaluation.budget.breakdown 相同的 JSON 数组；没有时为空。",
		value: func(r tableRow) cell { return textCell(formatBreakdown(r.eval().Budget.Breakdown)) },
		set:   func(r tableRow, s string) (err error) { r.eval().Budget.Breakdown, err = parseBreakdown(s); return err }}
	colExecBreakdownJSON = &Field{JSON: "evaluation.budget.breakdown", Title: "分来源预算执行", Type: "array",
		Desc: "按资金来源列出的预算执行，每项的字段与 evaluation.budget 相同；没有时不出现。"}
	colGoalActual = (&Field{Header: "总体目标完成情况", JSON: "evaluation.goal_actual", Title: "年度总体目标实际完成情况", Type: "string",
		Desc: "自评表中年度总体目标的实际完成情况，按原表。"}).text(func(r tableRow) *string { return &r.eval().GoalActual })
	colResults = &Field{JSON: "evaluation.indicators", Title: "自评指标", Type: "array",
		Desc: "自评表的绩效指标，按自评表顺序；每项的字段见下。"}
	colTotal = (&Field{Header: "自评总分", JSON: "evaluation.total_score", Title: "自评总分", Type: "number", Unit: "分",
		Desc: "自评总分；原表空着时为空。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.eval().Total })
	colGrade = (&Field{Header: "评价等次", JSON: "evaluation.grade", Title: "评价等次", Type: "string",
		Desc: "自评的评价等次（优、良、中、差），按原表。"}).text(func(r tableRow) *string { return &r.eval().Grade })
	colConclusion = (&Field{Header: "评价结论", JSON: "evaluation.conclusion", Title: "评价结论", Type: "string",
		Desc: "自评的评价结论，按原表。"}).text(func(r tableRow) *string { return &r.eval().Conclusion })
	colProblems = (&Field{Header: "存在问题", JSON: "evaluation.problems", Title: "存在问题", Type: "string",
		Desc: "自评中列出的存在问题，按原表。"}).text(func(r tableRow) *string { return &r.eval().Problems })
	colImprovements = (&Field{Header: "改进措施", JSON: "evaluation.improvements", Title: "改进措施", Type: "string",
		Desc: "自评中列出的改进措施，按原表。"}).text(func(r tableRow) *string { return &r.eval().Improvements })
	colEvalPubDate = (&Field{Header: "自评发布日期", JSON: "evaluation.pub_date", Title: "自评发布日期", Type: "string",
		Desc: "绩效自评表的发布日期（YYYY-MM-DD），有记录时才有。"}).text(func(r tableRow) *string { return &r.eval().PubDate })
	colEvalSourceFile = (&Field{Header: "自评来源文件", JSON: "evaluation.source.file", Title: "自评来源文件", Type: "string",
		Desc: "导入自评表时读取的原始文件名。"}).text(func(r tableRow) *string { return &r.eval().Source.File })
	colEvalSourceLine = (&Field{Header: "自评来源行号", JSON: "evaluation.source.line", Title: "自评来源行号", Type: "integer",
		Desc: "自评表在来源文件中开始的行号；没有记录时为空。"}).integer(func(r tableRow) *int { return &r.eval().Source.Line }, true)

	colResSeq = &Field{Header: "序号", Title: "自评指标序号", Type: "integer",
		Desc:  "指标在该项目绩效自评表中的顺序，从 1 开始；在 JSON 中即 evaluation.indicators 列表中的位置。",
		value: func(r tableRow) cell { return intCell(r.idx + 1) }}
	colResLevel1 = (&Field{Header: "一级指标", JSON: "evaluation.indicators[].level1", Title: "一级指标", Type: "string",
		Desc: "自评表中的一级指标，按原表。"}).text(func(r tableRow) *string { return &r.res().Level1 })
	colResLevel2 = (&Field{Header: "二级指标", JSON: "evaluation.indicators[].level2", Title: "二级指标", Type: "string",
		Desc: "自评表中的二级指标，按原表。"}).text(func(r tableRow) *string { return &r.res().Level2 })
	colResLevel3 = (&Field{Header: "三级指标", JSON: "evaluation.indicators[].level3", Title: "三级指标", Type: "string",
		Desc: "自评表中的三级指标，按原表；与绩效目标表的指标按一级、二级、三级指标对应。"}).text(func(r tableRow) *string { return &r.res().Level3 })
	colResTarget = (&Field{Header: "年度指标值", JSON: "evaluation.indicators[].target", Title: "年度指标值", Type: "string",
		Desc: "自评表所列的年度指标值，按原表文字。"}).text(func(r tableRow) *string { return &r.res().Target })
	colResActual = (&Field{Header: "实际完成值", JSON: "evaluation.indicators[].actual", Title: "实际完成值", Type: "string",
		Desc: "实际完成值，按原表文字。"}).text(func(r tableRow) *string { return &r.res().Actual })
	colResMax = (&Field{Header: "分值", JSON: "evaluation.indicators[].max_score", Title: "分值", Type: "number", Unit: "分",
		Desc: "该指标的分值（满分）；原表空着时为空。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.res().MaxScore })
	colResScore = (&Field{Header: "得分", JSON: "evaluation.indicators[].score", Title: "得分", Type: "number", Unit: "分",
		Desc: "该指标的得分；原表空着时为空，0 分写作 0。"}).optNumber(func(r tableRow) **decimal.Decimal { return &r.res().Score })
	colResReason = (&Field{Header: "偏差原因", JSON: "evaluation.indicators[].reason", Title: "偏差原因分析及改进措施", Type: "string",
		Desc: "未完成目标的原因分析和改进措施，按原表。"}).text(func(r tableRow) *string { return &r.res().Reason })
	colResStatus = &Field{Header: "完成情况", JSON: "evaluation.indicators[].status", Title: "完成情况", Type: "string",
		Desc:  "本网站按同一规则判断的结果：达成、未达成或无法判断。定量指标比较实际完成值和目标值（按指标性质），否则看得分是否为满分；自评指标在绩效目标表中找不到对应指标时为空。",
		value: func(r tableRow) cell { return textCell(string(r.status[r.idx])) }}
)

// ProjectColumns are the columns of projects.csv and the 项目 sheet. The
// columns added after 页面 are at the end, so that scripts that read the
// first columns by position keep working.
var ProjectColumns = append([]*Field{
	colYear, colCode, colName, colDeptCode, colDeptName, colUnitCode, colUnitName, colFunds,
	colAttribute, colStart, colEnd, colOverview, colGoal, colCount, colWeightTotal, colPage,
	colOverallGoal, colFundsBreakdown, colPubDate, colSourceFile, colSourceLine,
}, evaluationColumns...)

// evaluationColumns are the 自评 summary columns of projects.csv, empty
// for a project without a 自评; 自评指标数 says whether it has one.
var evaluationColumns = []*Field{
	colResultCount, colExecSource, colInitial, colAdjusted, colExecuted, colRate, colExecMax, colExecScore,
	colExecReason, colExecBreakdown, colGoalActual, colTotal, colGrade, colConclusion, colProblems,
	colImprovements, colEvalPubDate, colEvalSourceFile, colEvalSourceLine,
}

// IndicatorColumns are the columns of indicators.csv and the 指标 sheet.
var IndicatorColumns = []*Field{
	colYear, colCode, colName, colDeptCode, colDeptName, colUnitCode, colUnitName,
	colSeq, colLevel1, colLevel2, colLevel3, colValue, colOperator, colMeasure, colWeight,
	colDirection, colStandard, colRemark, colPrinted, colPeriod,
}

// ResultColumns are the columns of results.csv and the 自评 sheet: one
// row per indicator of a project's 绩效自评表.
var ResultColumns = []*Field{
	colYear, colCode, colName, colDeptCode, colDeptName, colUnitCode, colUnitName,
	colResSeq, colResLevel1, colResLevel2, colResLevel3, colResTarget, colResActual,
	colResMax, colResScore, colResReason, colResStatus,
}

// jsonFields are the fields of a project in projects.json, in its order.
var jsonFields = []*Field{
	colCode, colName, colYear, colDeptCode, colDeptName, colUnitCode, colUnitName, colFunds,
	colFundsJSON, colFundSource, colFundAmount,
	colAttribute, colStart, colEnd, colOverview, colOverallGoal, colGoal, colIndicators,
	colLevel1, colLevel2, colLevel3, colValue, colOperator, colMeasure, colWeight,
	colDirection, colStandard, colRemark, colPrinted, colPeriod,
	colWeightTotal, colPage, colPubDate, colSourceJSON, colSourceFile, colSourceLine,
	colEvaluation, colExecJSON, colExecSource, colInitial, colAdjusted, colExecuted, colRate, colExecMax, colExecScore,
	colExecReason, colExecBreakdownJSON, colGoalActual, colResults,
	colResLevel1, colResLevel2, colResLevel3, colResTarget, colResActual, colResMax, colResScore, colResReason, colResStatus,
	colTotal, colGrade, colConclusion, colProblems, colImprovements, colEvalPubDate, colEvalSourceJSON, colEvalSourceFile, colEvalSourceLine,
}

// DictEntry is one line of the 数据字典 on the download page.
type DictEntry struct {
	File        string // data/projects.csv, data/indicators.csv, data/projects.json
	Field       string // column header, or JSON path such as projects[].unit.code
	Title       string // Chinese title
	Type        string // 文本, 整数, 数字, 列表
	Description string
}

var typeTitles = map[string]string{"string": "文本", "integer": "整数", "number": "数字", "array": "列表", "object": "对象"}

// Dictionary explains every field of projects.csv, indicators.csv,
// results.csv and projects.json. The per-year, per-agency and per-project slices have the
// same fields: project lists as projects.csv, indicator lists as
// indicators.csv, and every JSON file as projects.json.
func Dictionary() []DictEntry {
	var d []DictEntry
	add := func(file, field string, f *Field) {
		d = append(d, DictEntry{File: file, Field: field, Title: f.Title, Type: typeTitles[f.Type], Description: f.Desc})
	}
	for _, f := range ProjectColumns {
		add(ProjectsCSVPath, f.Header, f)
	}
	for _, f := range IndicatorColumns {
		add(IndicatorsCSVPath, f.Header, f)
	}
	for _, f := range ResultColumns {
		add(ResultsCSVPath, f.Header, f)
	}
	d = append(d,
		DictEntry{File: ProjectsJSONPath, Field: "version", Title: "数据格式版本", Type: typeTitles["integer"],
			Description: "数据格式版本，目前为 1。以后只增加字段，不改已有字段的名称和含义。"},
		DictEntry{File: ProjectsJSONPath, Field: "projects", Title: "项目列表", Type: typeTitles["array"],
			Description: "全部项目，顺序与网站相同：年度从新到旧，再按主管部门编码、实施单位编码和项目编码排列。"},
	)
	for _, f := range jsonFields {
		add(ProjectsJSONPath, "projects[]."+f.JSON, f)
	}
	return d
}
