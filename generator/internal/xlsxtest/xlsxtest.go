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
	"strconv"
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
