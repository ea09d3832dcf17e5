package grid

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"
)

// flatWorkbook is a Sichuan flat list of the given number of projects,
// written by excelize: a merged title, 金额单位, the header, then per
// department of 50 projects a subtotal row and, per project, six
// indicator rows whose project cells are blank after the first, or
// merged if merged is set. It returns the workbook and its number of rows.
func flatWorkbook(t testing.TB, projects int, merged bool) ([]byte, int) {
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

var bigFlat struct {
	sync.Once
	b    []byte
	rows int
}

// BenchmarkReadXLSXFlat reads a flat list of 10,000 projects, about
// 60,000 rows: the largest import expected. The whole import of such a
// file is to take at most 3 s on a 2-core machine.
func BenchmarkReadXLSXFlat(b *testing.B) {
	bigFlat.Do(func() { bigFlat.b, bigFlat.rows = flatWorkbook(b, 10000, false) })
	benchmarkReadXLSX(b, bigFlat.b, bigFlat.rows)
}

var bigMerged struct {
	sync.Once
	b    []byte
	rows int
}

// BenchmarkReadXLSXFlatMerged is BenchmarkReadXLSXFlat with each
// project's four project cells merged over its rows: 40,000 merged areas.
func BenchmarkReadXLSXFlatMerged(b *testing.B) {
	bigMerged.Do(func() { bigMerged.b, bigMerged.rows = flatWorkbook(b, 10000, true) })
	benchmarkReadXLSX(b, bigMerged.b, bigMerged.rows)
}

func benchmarkReadXLSX(b *testing.B, file []byte, rows int) {
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for b.Loop() {
		grids, err := ReadXLSX("flat.xlsx", bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		if g := grids[0]; len(g.Rows) != rows || g.Width() != 12 {
			b.Fatalf("%d×%d grid, want %d×12", len(g.Rows), g.Width(), rows)
		}
	}
}

// BenchmarkReadCSVFlat reads the same 10,000 projects saved as CSV.
func BenchmarkReadCSVFlat(b *testing.B) {
	var csv strings.Builder
	for i := range 60203 {
		if i%6 == 0 {
			fmt.Fprintf(&csv, "%d001-井研县第%d镇人民政府,第%d号项目：村（社区）干部报酬,\"1,000,000.%02d\",保障按时足额完成，维护基层组织正常运转。,", 800+i/300, 800+i/300, i/6+1, i%100)
		} else {
			csv.WriteString(",,,,")
		}
		csv.WriteString("产出指标,数量指标,保障人数,=,96,人,20,正向\r\n")
	}
	in := gb18030(b, csv.String())
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		g, err := ReadCSV("flat.csv", bytes.NewReader(in))
		if err != nil {
			b.Fatal(err)
		}
		if len(g.Rows) != 60203 {
			b.Fatalf("%d rows", len(g.Rows))
		}
	}
}

// TestFlatWorkbook reads a small flat list from the benchmark's generator,
// merged, and checks a project's cells and the subtotals.
func TestFlatWorkbook(t *testing.T) {
	b, rows := flatWorkbook(t, 60, true)
	grids, err := ReadXLSX("flat.xlsx", bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	g := grids[0]
	checkGrid(t, g, "flat.xlsx")
	if len(g.Rows) != rows || rows != 3+2+60*6 {
		t.Fatalf("%d rows, generator wrote %d", len(g.Rows), rows)
	}
	p := "flat.xlsx!Sheet1!"
	checkCells(t, g, []want{
		{r: 4, c: 3, text: "8827620.53", display: "8,827,620.53", kind: Number, pos: p + "C4"},
		{r: 5, c: 1, text: "800001-井研县第800镇人民政府", pos: p + "A5", span: [2]int{6, 1}},
		{r: 10, c: 3, text: "1000000", display: "1,000,000.00", kind: Number, pos: p + "C5", span: [2]int{6, 1}, covered: true},
		{r: 11, c: 3, text: "1000000.01", display: "1,000,000.01", kind: Number, pos: p + "C11", span: [2]int{6, 1}},
		{r: 14, c: 9, text: "2873.5", kind: Number, pos: p + "I14"},
		{r: 305, c: 1, text: "801-第801镇部门", pos: p + "A305"},
	})
}
