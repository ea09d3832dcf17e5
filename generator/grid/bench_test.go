package grid

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"budgetsite/generator/internal/xlsxtest"
)

var bigFlat struct {
	sync.Once
	b    []byte
	rows int
}

// BenchmarkReadXLSXFlat reads a flat list of 10,000 projects, about
// 60,000 rows: the largest import expected. The whole import of such a
// file is to take at most 3 s on a 2-core machine.
func BenchmarkReadXLSXFlat(b *testing.B) {
	bigFlat.Do(func() { bigFlat.b, bigFlat.rows = xlsxtest.Flat(b, 10000, false) })
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
	bigMerged.Do(func() { bigMerged.b, bigMerged.rows = xlsxtest.Flat(b, 10000, true) })
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
	b, rows := xlsxtest.Flat(t, 60, true)
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
