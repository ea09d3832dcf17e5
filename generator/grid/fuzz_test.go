package grid

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"budgetsite/generator/budget"
	"budgetsite/generator/decimal"
	"budgetsite/generator/grid/xlsx"
	"budgetsite/generator/internal/xlsxtest"
)

// checkGrid checks the invariants every reader promises for a grid read
// from the file called file.
func checkGrid(t testing.TB, g Grid, file string) {
	t.Helper()
	if g.Name != file && !strings.HasPrefix(g.Name, file+"!") && !strings.HasPrefix(g.Name, file+"#table") {
		t.Fatalf("grid name %q does not start with the file name %q", g.Name, file)
	}
	w := g.Width()
	for r, row := range g.Rows {
		if len(row) != w {
			t.Fatalf("%s: row %d has %d cells, row 1 has %d", g.Name, r+1, len(row), w)
		}
		for c, cell := range row {
			where := func() string { return g.Name + " " + xlsx.CellName(r+1, c+1) }
			p := cell.Pos
			switch {
			case cell.RowSpan < 1 || cell.ColSpan < 1:
				t.Fatalf("%s: span %d×%d", where(), cell.RowSpan, cell.ColSpan)
			case p.File != file:
				t.Fatalf("%s: Pos.File %q", where(), p.File)
			case p.Row < 1 || p.Row > len(g.Rows) || p.Col < 1 || p.Col > w:
				t.Fatalf("%s: Pos %+v outside the grid", where(), p)
			case p.Sheet == "" && p.Line < 1:
				t.Fatalf("%s: no line in %+v", where(), p)
			case !utf8.ValidString(cell.Text) || clean(cell.Text) != cell.Text:
				t.Fatalf("%s: Text %q is not normalised", where(), cell.Text)
			case cell.Kind == Text && cell.Display != cell.Text:
				t.Fatalf("%s: text cell displays %q, not its Text %q", where(), cell.Display, cell.Text)
			case cell.Kind == Number:
				if _, err := decimal.ParseDecimal(cell.Text); err != nil {
					t.Fatalf("%s: number %q", where(), cell.Text)
				}
			}
			anchor := g.Rows[p.Row-1][p.Col-1]
			if !cell.Covered {
				if p.Row != r+1 || p.Col != c+1 {
					t.Fatalf("%s: anchor's Pos %+v is not its place", where(), p)
				}
				if r+cell.RowSpan > len(g.Rows) || c+cell.ColSpan > w {
					t.Fatalf("%s: span %d×%d leaves the grid", where(), cell.RowSpan, cell.ColSpan)
				}
				for i := r; i < r+cell.RowSpan; i++ {
					for j := c; j < c+cell.ColSpan; j++ {
						if (i != r || j != c) && (!g.Rows[i][j].Covered || g.Rows[i][j].Pos != p) {
							t.Fatalf("%s: %s is inside its span but not covered by it", where(), xlsx.CellName(i+1, j+1))
						}
					}
				}
				continue
			}
			covered := anchor
			covered.Covered = true
			switch {
			case anchor.Covered:
				t.Fatalf("%s: covered by %s, itself covered", where(), xlsx.CellName(p.Row, p.Col))
			case r < p.Row-1 || r >= p.Row-1+anchor.RowSpan || c < p.Col-1 || c >= p.Col-1+anchor.ColSpan:
				t.Fatalf("%s: covered by %s, whose span does not reach it", where(), xlsx.CellName(p.Row, p.Col))
			case cell != covered:
				t.Fatalf("%s: covered cell %+v is not a copy of its anchor %+v", where(), cell, anchor)
			}
		}
	}
}

// checkErr checks that a reader's error is a *budget.Error about the
// file.
func checkErr(t testing.TB, err error, file string) {
	t.Helper()
	var e *budget.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *budget.Error", err, err)
	}
	if e.File != file && !strings.HasPrefix(e.File, file+"!") || e.Line < 0 || e.Msg == "" || e.Hint == "" {
		t.Fatalf("error %+v does not name the file, say what is wrong or what to do", e)
	}
}

func fuzzReader(f *testing.F, file string, read func(string, []byte) ([]Grid, error), seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		grids, err := read(file, b)
		if err != nil {
			checkErr(t, err, file)
			return
		}
		for _, g := range grids {
			checkGrid(t, g, file)
		}
	})
}

func FuzzReadText(f *testing.F) {
	fuzzReader(f, "f.txt", func(name string, b []byte) ([]Grid, error) {
		return one(ReadText(name, bytes.NewReader(b)))
	},
		[]byte("项目名称\t麻风病防治\n\n\f一级指标\t二级指标\r\n产出指标\t数量指标\t32人\n"),
		gb18030(f, "项目名称\t区疾控中心\r\n资金\t4.00\r\n"),
		append([]byte{0xFF, 0xFE}, []byte("a\x00\t\x00b\x00\n\x00")...),
	)
}

func FuzzReadCSV(f *testing.F) {
	fuzzReader(f, "f.csv", func(name string, b []byte) ([]Grid, error) {
		return one(ReadCSV(name, bytes.NewReader(b)))
	},
		gb18030(f, "单位名称,项目名称,预算数\r\n820001-井研县马踏镇人民政府,\"马踏镇\n保洁\",\"3,309,840.00\"\r\n\r\n,,\r\n"),
		[]byte("a\tb\t\"c\"\"d\"\n1\t2\n"),
		[]byte("x,\"unterminated\ny\n"),
	)
}

func FuzzReadHTML(f *testing.F) {
	fuzzReader(f, "f.html", func(name string, b []byte) ([]Grid, error) {
		return ReadHTML(name, bytes.NewReader(b))
	},
		[]byte(`<table><tr><td rowspan=2>产出指标<td colspan="2">数量指标<br>x</td></tr><tr><td>a&nbsp;b<td>c</table>`),
		[]byte(`<table><tr><td><table><tr><td>inner</td></tr></table></td><td colspan=3>x</td></tr><tr><td rowspan=0>y</table><table><td>z`),
		gb18030(f, `<meta charset="gbk"><table><tr><th>一级指标</th><th>指标值</th></tr><tr><td>产出</td><td>&gt;=1102人</td></tr></table>`),
	)
}

func FuzzReadXLSX(f *testing.F) {
	fuzzReader(f, "f.xlsx", func(name string, b []byte) ([]Grid, error) {
		return ReadXLSX(name, bytes.NewReader(b))
	}, xlsxtest.Small(f))
}

// FuzzReadXLSXSheet fuzzes the worksheet and shared-string XML inside a
// valid package, which whole-file fuzzing rarely reaches past the zip
// checksums.
func FuzzReadXLSXSheet(f *testing.F) {
	base := xlsxtest.Small(f)
	sheet, sst := xlsxtest.Parts(f, base)
	f.Add(sheet, sst)
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><r><t>a</t></r><rPh><t>x</t></rPh><r><t xml:space="preserve"> b</t></r></is></c><c t="b"><v>1</v></c><c s="0"><v>1.0000000000000001E-5</v></c></row></sheetData><mergeCells><mergeCell ref="A1:C3"/></mergeCells></worksheet>`), sst)
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		b := xlsxtest.ReplaceParts(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst})
		grids, err := ReadXLSX("f.xlsx", bytes.NewReader(b))
		if err != nil {
			checkErr(t, err, "f.xlsx")
			return
		}
		for _, g := range grids {
			checkGrid(t, g, "f.xlsx")
		}
	})
}

func gb18030(t testing.TB, s string) []byte {
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
