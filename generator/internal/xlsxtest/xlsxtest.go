// Package xlsxtest makes workbooks for the tests and benchmarks of
// package grid and package xlsx, with excelize as an independent writer,
// and edits the parts of a workbook: Small is a one-table form, Flat the
// largest flat list expected, Parts and ReplaceParts read and replace a
// worksheet's XML.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Small is a one-table workbook: a merged title, shared strings, a
// formatted number, a date and a rich-text cell.
func Small(t testing.TB) []byte {
	f := excelize.NewFile()
	defer f.Close()
	must(t, f.SetCellValue("Sheet1", "A1", "项目支出绩效目标表"))
	must(t, f.MergeCell("Sheet1", "A1", "C1"))
	must(t, f.SetSheetRow("Sheet1", "A2", &[]any{"产出指标", "32人", 3309840.5}))
	must(t, f.MergeCell("Sheet1", "A2", "A3"))
	must(t, f.SetCellValue("Sheet1", "B3", 44561))
	must(t, f.SetCellRichText("Sheet1", "C3", []excelize.RichTextRun{{Text: "≥"}, {Text: "95%"}}))
	st, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	must(t, err)
	must(t, f.SetCellStyle("Sheet1", "C2", "C2", st))
	st, err = f.NewStyle(&excelize.Style{NumFmt: 14})
	must(t, err)
	must(t, f.SetCellStyle("Sheet1", "B3", "B3", st))
	var buf bytes.Buffer
	must(t, f.Write(&buf))
	return buf.Bytes()
}

// Flat is a Sichuan flat list of the given number of projects on Sheet1:
// a merged title, 金额单位, the header, then per department of 50
// projects a subtotal row and, per project, six indicator rows whose
// project cells are blank after the first, or merged if merged is set.
// It returns the workbook and its number of rows; 12 columns.
func Flat(t testing.TB, projects int, merged bool) ([]byte, int) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	must(t, f.SetCellValue(sheet, "A1", "部门预算项目绩效目标申报表(2023年度)"))
	must(t, f.MergeCell(sheet, "A1", "L1"))
	must(t, f.SetCellValue(sheet, "A2", "金额单位：元"))
	must(t, f.SetSheetRow(sheet, "A3", &[]any{"单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性"}))
	indicators := [][]any{
		{"产出指标", "数量指标", "保障人数", "=", 96, "人", 20, "正向"},
		{"产出指标", "质量指标", "验收合格率", "≥", 95, "%", 20, "正向"},
		{"产出指标", "时效指标", "完成时间", "定性", "2023年12月底前", nil, 10, "正向"},
		{"产出指标", "成本指标", "人均标准", "≤", 2873.5, "元/月", 10, "反向"},
		{"效益指标", "社会效益指标", "基层组织运转情况", "定性", "良好", nil, 20, "正向"},
		{"满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", 20, "正向"},
	}
	row := 4
	for p := range projects {
		dept := 800 + p/50
		if p%50 == 0 {
			must(t, f.SetSheetRow(sheet, "A"+strconv.Itoa(row), &[]any{fmt.Sprintf("%d-第%d镇部门", dept, dept), nil, 8827620.53}))
			row++
		}
		for i, ind := range indicators {
			r := append(make([]any, 4, 12), ind...)
			if i == 0 {
				r[0] = fmt.Sprintf("%d%03d-井研县第%d镇人民政府", dept, p%50+1, dept)
				r[1] = fmt.Sprintf("第%d号项目：村（社区）干部报酬", p+1)
				r[2] = 1000000 + float64(p)*0.01
				r[3] = fmt.Sprintf("保障第%d号项目按时足额完成，维护基层组织正常运转。", p+1)
			}
			must(t, f.SetSheetRow(sheet, "A"+strconv.Itoa(row+i), &r))
		}
		if merged {
			for _, col := range "ABCD" {
				c := string(col)
				must(t, f.MergeCell(sheet, c+strconv.Itoa(row), c+strconv.Itoa(row+len(indicators)-1)))
			}
		}
		row += len(indicators)
	}
	st, err := f.NewStyle(&excelize.Style{NumFmt: 4})
	must(t, err)
	must(t, f.SetCellStyle(sheet, "C4", "C"+strconv.Itoa(row-1), st))
	var buf bytes.Buffer
	must(t, f.Write(&buf))
	return buf.Bytes(), row - 1
}

// Parts returns the first worksheet and the shared strings of a workbook
// written by excelize.
func Parts(t testing.TB, b []byte) (sheet, sst []byte) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	for _, f := range zr.File {
		switch f.Name {
		case "xl/worksheets/sheet1.xml":
			sheet = readZip(t, f)
		case "xl/sharedStrings.xml":
			sst = readZip(t, f)
		}
	}
	return sheet, sst
}

func readZip(t testing.TB, f *zip.File) []byte {
	rc, err := f.Open()
	must(t, err)
	defer rc.Close()
	var buf bytes.Buffer
	_, err = buf.ReadFrom(rc)
	must(t, err)
	return buf.Bytes()
}

// ReplaceParts returns the package b with some parts replaced; a nil
// part is written empty.
func ReplaceParts(t testing.TB, b []byte, parts map[string][]byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	must(t, err)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		must(t, err)
		data, ok := parts[f.Name]
		if !ok {
			data = readZip(t, f)
		}
		_, err = w.Write(data)
		must(t, err)
	}
	must(t, zw.Close())
	return out.Bytes()
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Sheet is one worksheet of a fixture workbook: merged areas with their
// anchor's value, cells, number formats by cell or range, and numbers to
// store verbatim (as a budget system writes them, e.g. 8827620.5299999993).
type Sheet struct {
	Name   string
	Merges [][3]string // from, to, anchor value
	Cells  [][2]any    // ref, value
	Styles map[string]string
	Raw    map[string]string // ref → stored number, written verbatim
}

// Write makes a workbook of the sheets with excelize, the same bytes for
// the same sheets, so that tests can hold committed fixtures to it.
func Write(t testing.TB, sheets []Sheet, widths map[string]float64) []byte {
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			must(t, f.SetSheetName("Sheet1", s.Name))
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for _, m := range s.Merges {
			must(t, f.SetCellValue(s.Name, m[0], m[2]))
			must(t, f.MergeCell(s.Name, m[0], m[1]))
		}
		for _, c := range s.Cells {
			must(t, f.SetCellValue(s.Name, c[0].(string), c[1]))
		}
		for _, ref := range slices.Sorted(maps.Keys(s.Raw)) {
			must(t, f.SetCellDefault(s.Name, ref, s.Raw[ref]))
		}
		for _, ref := range slices.Sorted(maps.Keys(s.Styles)) {
			code := s.Styles[ref]
			st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
			if err != nil {
				t.Fatal(err)
			}
			from, to, ok := strings.Cut(ref, ":")
			if !ok {
				to = from
			}
			must(t, f.SetCellStyle(s.Name, from, to, st))
		}
		for _, col := range slices.Sorted(maps.Keys(widths)) {
			must(t, f.SetColWidth(s.Name, col, col, widths[col]))
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// FormWidths are the column widths of the form fixtures.
var FormWidths = map[string]float64{"A": 10, "B": 14, "C": 14, "D": 24, "E": 24, "F": 24}

// ZhaohuaForm is 18_sichuan-guangyuan-zhaohua_2021 (麻风病防治) laid out as
// the form it was: 预算单位 only, a funding breakdown under 金额(万元) with no
// total of its own, merged 一级 and 二级 cells, 三级 merged across two
// columns, one 100% stored as the number 1.
func ZhaohuaForm() Sheet {
	form := Sheet{
		Name: "绩效目标申报表",
		Merges: [][3]string{
			{"A1", "F1", "项目支出绩效目标申报表"},
			{"A2", "F2", "(2021年度)"},
			{"B3", "F3", "麻风病防治"},
			{"B4", "F4", "区疾控中心"},
			{"A5", "A13", "项目资金(万元)"},
			{"B5", "D5", "年度资金总额"},
			{"E5", "F5", "金额(万元)"},
			{"A14", "A15", "总体\n目标"},
			{"B14", "F14", "年度目标"},
			{"B15", "F15", "每年开展“世界麻风病日”、“中国麻风节”宣传活动和春节前到两个敬老院看望慰问院内休养员、村外康复者和现症患者,实现慰问全覆盖。"},
			{"A16", "A28", "绩效指标"},
			{"D16", "E16", "三级指标"},
			{"B17", "B23", "项目完成\n指标"},
			{"C17", "C18", "数量指标"},
			{"C19", "C20", "质量指标"},
			{"C21", "C22", "时效指标"},
			{"B24", "B27", "项目效益\n指标"},
			{"C24", "C25", "社会效益指标"},
			{"C26", "C27", "可持续影响指标"},
		},
		Cells: [][2]any{
			{"A3", "项目名称"}, {"A4", "预算单位"},
			{"B16", "一级指标"}, {"C16", "二级指标"}, {"F16", "指标值(包含数字及文字描述)"},
			{"C23", "成本指标"}, {"B28", "满意度指标"}, {"C28", "满意度指标"},
			{"F17", "32人"}, {"F18", "覆盖全区所有人员"},
			{"F19", 1}, // typed as 100% in Excel
			{"F20", "100%"},
			{"F21", "2021年1月-12月"}, {"F22", "12月底前100%到位"},
			{"F23", "严格按照指标任务落实工作"},
			{"F24", "明显增加"}, {"F25", "明显增强"}, {"F26", "良好"}, {"F27", "持续加强"}, {"F28", "明显提升"},
		},
		Styles: map[string]string{"E6:F13": "0.00", "F19": "0%"},
	}
	funds := []struct {
		label  string
		amount float64
	}{
		{"   (一)财政拨款小计", 4}, {"       1、一般公共预算", 4}, {"       2、政府性基金", 0},
		{"       3、国有资本经营预算", 0}, {"   (二)自有资金小计", 0}, {"       1、事业收入", 0},
		{"       2、经营性收入", 0}, {"   (三)其他收入", 0},
	}
	for i, f := range funds {
		r := strconv.Itoa(6 + i)
		form.Merges = append(form.Merges, [3]string{"B" + r, "D" + r, f.label}, [3]string{"E" + r, "F" + r, ""})
		form.Cells = append(form.Cells, [2]any{"E" + r, f.amount})
	}
	third := []string{
		"每年春节慰问麻风村休养员、村外康复者和现症病人", "宣传教育",
		"麻风村休养员、村外康复者和现症病人生活得到改善", "广大群众对病风病防治知识知晓率显著提升",
		"项目实施时间", "资金拨付到位情况",
		"严控成本,严格按照项目资金落实各项工作,不扩大,不增债",
		"政府对麻风村休养员、村外康复者和现症病人的关爱", "广大群众对病风病防治意识",
		"项目实施情况", "服务能力提升", "群众幸福感",
	}
	for i, s := range third {
		r := strconv.Itoa(17 + i)
		form.Merges = append(form.Merges, [3]string{"D" + r, "E" + r, s})
	}
	return form
}
