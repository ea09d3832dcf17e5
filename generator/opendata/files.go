package opendata

import (
	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
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
	var fs []File
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
	add(BudgetXLSXPath, "全部项目和绩效指标（Excel）", "XLSX", "全部", LevelSite, 0, s.Projects, func(w io.Writer) error { return encodeXLSX(s, pieces, w) })
	fs[len(fs)-1].Late = true
	json(ProjectsJSONPath, "全部项目和绩效指标（JSON）", "全部", LevelSite, 0, s.Projects)
	fs = append(fs, ImportTemplate(s))
	for _, y := range s.Years {
		scope := fmt.Sprintf("%d年", y.Year)
		csv(yearDataPath(y.Year, "projects.csv"), scope+"项目（CSV）", scope, LevelYear, y.Year, pieceProjectCSV, y.Projects)
		csv(yearDataPath(y.Year, "indicators.csv"), scope+"绩效指标（CSV）", scope, LevelYear, y.Year, pieceIndicatorCSV, y.Projects)
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
		one := []*budget.Project{p}
		csv(ProjectDataPath(p, "csv"), p.Name+" 绩效指标（CSV）", scope, LevelProject, p.Year, pieceIndicatorCSV, one)
		json(ProjectDataPath(p, "json"), p.Name+"（JSON）", scope, LevelProject, p.Year, one)
	}
	return fs
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
// 数据字典.

// exportField is one field of the exports.
type Field struct {
	Header string // CSV/XLSX column header and datapackage field name; "" when only in JSON
	JSON   string // key within a project object of projects.json; "" when only in the tables
	Title  string // Chinese title
	Type   string // string, integer, number (tables); array for JSON-only lists
	Desc   string // Chinese description for the 数据字典
	Unit   string // 万元 or 分 for numbers
	// value reads the field from a row; nil for JSON-only fields.
	value func(r tableRow) cell
}

// tableRow is one row of a table: a project, or one of its indicators
// when idx ≥ 0.
type tableRow struct {
	p        *budget.Project
	overview string // plainText(p.Overview), computed once per project
	idx      int
}

func (r tableRow) ind() budget.Indicator { return r.p.Indicators[r.idx] }

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

var (
	colYear = &Field{Header: "年度", JSON: "year", Title: "预算年度", Type: "integer",
		Desc:  "预算年度，四位数字，如 2022。",
		value: func(r tableRow) cell { return intCell(r.p.Year) }}
	colCode = &Field{Header: "项目编码", JSON: "code", Title: "项目编码", Type: "string",
		Desc:  "预算管理一体化系统中的项目编码；同一年度内唯一，也是项目网页的文件名。",
		value: func(r tableRow) cell { return textCell(r.p.Code) }}
	colName = &Field{Header: "项目名称", JSON: "name", Title: "项目名称", Type: "string",
		Desc:  "项目名称，按绩效目标表原文。",
		value: func(r tableRow) cell { return textCell(r.p.Name) }}
	colDeptCode = &Field{Header: "主管部门编码", JSON: "department.code", Title: "主管部门编码", Type: "string",
		Desc:  "主管部门编码，如 103；按文字保存，以保留开头的 0。",
		value: func(r tableRow) cell { return textCell(r.p.Department.Code) }}
	colDeptName = &Field{Header: "主管部门", JSON: "department.name", Title: "主管部门名称", Type: "string",
		Desc:  "主管部门名称。",
		value: func(r tableRow) cell { return textCell(r.p.Department.Name) }}
	colUnitCode = &Field{Header: "实施单位编码", JSON: "unit.code", Title: "实施单位编码", Type: "string",
		Desc:  "实施单位编码，如 103002；按文字保存，以保留开头的 0。",
		value: func(r tableRow) cell { return textCell(r.p.Unit.Code) }}
	colUnitName = &Field{Header: "实施单位", JSON: "unit.name", Title: "实施单位名称", Type: "string",
		Desc:  "实施单位名称。",
		value: func(r tableRow) cell { return textCell(r.p.Unit.Name) }}
	colFunds = &Field{Header: "资金总额（万元）", JSON: "funds_wan", Title: "资金总额", Type: "number", Unit: "万元",
		Desc:  "项目资金总额，单位为万元（1 万元 = 10000 元），按原表的数字和小数位数公布，不作四舍五入。",
		value: func(r tableRow) cell { return decimalCell(r.p.Funds) }}
	colAttribute = &Field{Header: "项目属性", JSON: "attribute", Title: "项目属性", Type: "string",
		Desc:  "项目属性，如新增、延续，按原表。",
		value: func(r tableRow) cell { return textCell(r.p.Attribute) }}
	colStart = &Field{Header: "项目起始时间", JSON: "start", Title: "项目起始时间", Type: "string",
		Desc:  "项目起始时间，按原表文字，如“2022年”。",
		value: func(r tableRow) cell { return textCell(r.p.Start) }}
	colEnd = &Field{Header: "项目终止时间", JSON: "end", Title: "项目终止时间", Type: "string",
		Desc:  "项目终止时间，按原表文字，如“2022年”“长期”。",
		value: func(r tableRow) cell { return textCell(r.p.End) }}
	colOverview = &Field{Header: "项目概况", JSON: "overview", Title: "项目概况", Type: "string",
		Desc:  "项目概况的纯文本（已去除网页格式，段落之间以换行分隔）。",
		value: func(r tableRow) cell { return textCell(r.overview) }}
	colGoal = &Field{Header: "项目当年绩效目标", JSON: "annual_goal", Title: "项目当年绩效目标", Type: "string",
		Desc:  "项目当年绩效目标，按原表。",
		value: func(r tableRow) cell { return textCell(r.p.AnnualGoal) }}
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

	colSeq = &Field{Header: "序号", Title: "指标序号", Type: "integer",
		Desc:  "指标在该项目绩效指标表中的顺序，从 1 开始；在 JSON 中即 indicators 列表中的位置。",
		value: func(r tableRow) cell { return intCell(r.idx + 1) }}
	colLevel1 = &Field{Header: "一级指标", JSON: "indicators[].level1", Title: "一级指标", Type: "string",
		Desc:  "一级指标，如产出指标、效益指标、满意度指标。",
		value: func(r tableRow) cell { return textCell(r.ind().Level1) }}
	colLevel2 = &Field{Header: "二级指标", JSON: "indicators[].level2", Title: "二级指标", Type: "string",
		Desc:  "二级指标，如数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标。",
		value: func(r tableRow) cell { return textCell(r.ind().Level2) }}
	colLevel3 = &Field{Header: "三级指标", JSON: "indicators[].level3", Title: "三级指标", Type: "string",
		Desc:  "三级指标，即具体的指标名称，按原表。",
		value: func(r tableRow) cell { return textCell(r.ind().Level3) }}
	colValue = &Field{Header: "指标值", JSON: "indicators[].value", Title: "指标值", Type: "string",
		Desc:  "目标值，按原表文字保存：定量指标为数字（如 95、2.7132），定性指标为文字（如“好”）。",
		value: func(r tableRow) cell { return textCell(r.ind().Value) }}
	colOperator = &Field{Header: "指标性质", JSON: "indicators[].operator", Title: "指标性质", Type: "string",
		Desc:  "指标值的比较方式：=、≥、≤、>、<，或“定性”。",
		value: func(r tableRow) cell { return textCell(r.ind().Operator) }}
	colMeasure = &Field{Header: "度量单位", JSON: "indicators[].unit", Title: "度量单位", Type: "string",
		Desc:  "指标值的单位，如 %、个、万元；可为空。",
		value: func(r tableRow) cell { return textCell(r.ind().Unit) }}
	colWeight = &Field{Header: "权重", JSON: "indicators[].weight", Title: "指标权重", Type: "number", Unit: "分",
		Desc:  "该指标的权重（分），按原表。",
		value: func(r tableRow) cell { return decimalCell(r.ind().Weight) }}
)

// ProjectColumns are the columns of projects.csv and the 项目 sheet.
var ProjectColumns = []*Field{
	colYear, colCode, colName, colDeptCode, colDeptName, colUnitCode, colUnitName, colFunds,
	colAttribute, colStart, colEnd, colOverview, colGoal, colCount, colWeightTotal, colPage,
}

// IndicatorColumns are the columns of indicators.csv and the 指标 sheet.
var IndicatorColumns = []*Field{
	colYear, colCode, colName, colDeptCode, colDeptName, colUnitCode, colUnitName,
	colSeq, colLevel1, colLevel2, colLevel3, colValue, colOperator, colMeasure, colWeight,
}

// jsonFields are the fields of a project in projects.json, in its order.
var jsonFields = []*Field{
	colCode, colName, colYear, colDeptCode, colDeptName, colUnitCode, colUnitName, colFunds,
	colAttribute, colStart, colEnd, colOverview, colGoal, colIndicators,
	colLevel1, colLevel2, colLevel3, colValue, colOperator, colMeasure, colWeight,
	colWeightTotal, colPage,
}

// DictEntry is one line of the 数据字典 on the download page.
type DictEntry struct {
	File        string // data/projects.csv, data/indicators.csv, data/projects.json
	Field       string // column header, or JSON path such as projects[].unit.code
	Title       string // Chinese title
	Type        string // 文本, 整数, 数字, 列表
	Description string
}

var typeTitles = map[string]string{"string": "文本", "integer": "整数", "number": "数字", "array": "列表"}

// dataDictionary explains every field of projects.csv, indicators.csv and
// projects.json. The per-year, per-agency and per-project slices have the
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
