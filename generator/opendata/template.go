package opendata

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"budgetsite/generator/site"

	"github.com/xuri/excelize/v2"
)

// ImportTemplatePath is the fill-in workbook on the 数据下载 page.
const ImportTemplatePath = "data/import-template.xlsx"

// LevelTemplate marks the import template among the downloads: it is a
// form to fill in, not data, so datapackage.json does not describe it.
const LevelTemplate = "template"

// Sheet names of the import template.
const (
	TemplateSheetData  = "填写"
	TemplateSheetGuide = "填写说明"
)

// templateHeader is the header row of the template: the flat list that
// `budgetsite import` reads (package layouts), with the project's code
// and 主管部门 as columns of their own.
var templateHeader = []string{
	"主管部门", "实施单位", "项目编码", "项目名称", "预算数（万元）", "年度目标",
	"一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向",
}

// templateExample is the example project, one row per indicator; the
// project's cells are on its first row only, as the flat list has them.
func templateExample(year int) [][]any {
	y := strconv.Itoa(year) + "年度"
	if year == 0 {
		y = "本年度"
	}
	return [][]any{
		{"101-示例主管部门", "101001-示例实施单位", "", "示例项目（导入前请删除本项目的各行）", 12.5, "完成" + y + "示例工作，服务群众不少于 1000 人次。",
			"产出指标", "数量指标", "服务人次", "≥", 1000, "人次", 40, "正向"},
		{"", "", "", "", nil, "", "产出指标", "时效指标", "完成时间", "≤", 12, "月", 20, "反向"},
		{"", "", "", "", nil, "", "效益指标", "社会效益指标", "群众办事便利程度", "定性", "明显提升", "", 20, "正向"},
		{"", "", "", "", nil, "", "满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", 90, "%", 10, "正向"},
	}
}

// templateGuide is the 填写说明 sheet, a line per row.
func templateGuide() []string {
	return []string{
		"项目支出绩效目标导入模板 填写说明",
		"",
		"1. 在“填写”表中每行填一个绩效指标。一个项目有几个指标就占几行；项目的主管部门、实施单位、项目编码、项目名称、预算数和年度目标只在该项目的第一行填写，其余行留空，表示“同上”。",
		"2. 第一行括号中的年度是预算年度，请改为实际年度；第二行的金额单位为万元。如按元填写，请把第二行改为“金额单位：元”，导入时会精确换算为万元。",
		"3. 主管部门和实施单位可写成“编码-名称”（如 103-重庆市綦江区人民政府办公室）；没有编码时只写名称。",
		"4. 项目编码按预算管理一体化系统填写；留空时，导入程序按年度、实施单位和项目名称生成一个稳定的编码（X 加 16 位十六进制数字），并在导入时列出。",
		"5. 一级指标填 产出指标、效益指标 或 满意度指标；二级指标如 数量指标、质量指标、时效指标、成本指标、经济效益指标、社会效益指标、生态效益指标、可持续影响指标、服务对象满意度指标。",
		"6. 指标性质填 =、≥、≤ 或 定性。定量指标的指标值填数字，单位填在“度量单位”一栏；定性指标的指标值填文字（如 明显提升）。",
		"7. 权重为各指标的分值，一般合计 90 分（另 10 分为预算执行率）；原表没有权重时整栏留空。",
		"8. 示例项目仅作参考，导入前请删除它的各行。",
		"9. 不要填写联系人、负责人姓名或电话：这些是个人信息，不在网站公开。",
		"10. 保存后运行：budgetsite import 本文件.xlsx（可加 --dry-run 先预览），再运行 budgetsite build。",
	}
}

// ImportTemplate is the fill-in workbook for new tables: the flat list's
// header, one example project and a sheet of instructions. Its year is
// the site's newest; its bytes depend only on that year and the data's
// date, so a rebuild writes the same file.
func ImportTemplate(s *site.Site) File {
	year := 0 // a site without content: the publisher fills in the year
	if len(s.Years) > 0 {
		year = s.Years[0].Year
	}
	return File{
		Download: Download{Path: ImportTemplatePath, Title: "导入模板（Excel）", Format: "XLSX", Scope: "模板", Level: LevelTemplate},
		Inputs:   site.Inputs{What: ImportTemplatePath + "@" + strconv.Itoa(year)},
		Write:    func(w io.Writer) error { return writeImportTemplate(w, year, dataUpdated(s)) },
	}
}

func writeImportTemplate(out io.Writer, year int, date string) error {
	stamp := fixedTime(date)
	f := excelize.NewFile()
	defer f.Close()
	z := &fixedZip{w: out, modified: stamp, splice: map[string]*sheetSplice{}}
	f.ZipWriter = func(w io.Writer) excelize.ZipWriter { z.w = w; return z }
	iso := stamp.Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: "项目支出绩效目标导入模板", Creator: "budgetsite", LastModifiedBy: "budgetsite",
		Language: "zh-CN", Created: iso, Modified: iso,
	}); err != nil {
		return err
	}
	ids, err := addXLSXStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetSheetName("Sheet1", TemplateSheetData); err != nil {
		return err
	}
	sheet := TemplateSheetData
	set := func(cell string, v any) {
		if err == nil {
			err = f.SetCellValue(sheet, cell, v)
		}
	}
	title := fmt.Sprintf("项目支出绩效目标申报表（%d年度）", year)
	if year == 0 {
		title = "项目支出绩效目标申报表（    年度）"
	}
	set("A1", title)
	set("A2", "金额单位：万元")
	for i, h := range templateHeader {
		c, _ := excelize.CoordinatesToCellName(i+1, 3)
		set(c, h)
		if err == nil {
			err = f.SetColWidth(sheet, columnLetter(i), columnLetter(i), float64(max(10, displayWidth(h)+2)))
		}
	}
	for r, row := range templateExample(year) {
		for i, v := range row {
			if v == nil || v == "" {
				continue
			}
			c, _ := excelize.CoordinatesToCellName(i+1, r+4)
			set(c, v)
		}
	}
	if err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(templateHeader), 3)
	if err := f.SetCellStyle(sheet, "A3", last, ids.header); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "F", "F", 40); err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "D", "D", 36); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	for _, dv := range []struct {
		col  string
		list []string
	}{
		{"G", []string{"产出指标", "效益指标", "满意度指标"}},
		{"J", []string{"=", "≥", "≤", "定性"}},
		{"N", []string{"正向", "反向"}},
	} {
		v := excelize.NewDataValidation(true)
		v.Sqref = dv.col + "4:" + dv.col + "5000"
		if err := v.SetDropList(dv.list); err != nil {
			return err
		}
		if err := f.AddDataValidation(sheet, v); err != nil {
			return err
		}
	}
	if _, err := f.NewSheet(TemplateSheetGuide); err != nil {
		return err
	}
	sheet = TemplateSheetGuide
	for i, line := range templateGuide() {
		set("A"+strconv.Itoa(i+1), line)
	}
	if err != nil {
		return err
	}
	if err := f.SetColWidth(sheet, "A", "A", 120); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return f.Write(out)
}

func columnLetter(i int) string {
	s, _ := excelize.ColumnNumberToName(i + 1)
	return s
}
