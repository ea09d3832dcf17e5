package grid

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"budgetsite/generator/grid/xlsx"
	"budgetsite/generator/internal/xlsxtest"
)

// TestXLSXAgreesWithExcelize reads every workbook fixture with excelize as
// well and checks, cell by cell, that both readers agree on the stored
// value, the kind of cell, the merged areas and, for numbers, the shown
// text. excelize reads a covered cell as its anchor, as grid does.
func TestXLSXAgreesWithExcelize(t *testing.T) {
	files := map[string][]byte{"small.xlsx": xlsxtest.Small(t)}
	for _, name := range []string{"form.xlsx", "form-libreoffice.xlsx", "flat.xlsx"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	for name, b := range files {
		t.Run(name, func(t *testing.T) {
			grids, err := ReadXLSX(name, bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			sheets := f.GetSheetList()
			if len(sheets) != len(grids) {
				t.Fatalf("excelize sees sheets %v, grid %v", sheets, names(grids))
			}
			for i, sheet := range sheets {
				g := grids[i]
				if g.Name != name+"!"+sheet {
					t.Fatalf("grid %d is %s, excelize's sheet %s", i, g.Name, sheet)
				}
				agreeWithExcelize(t, f, sheet, g)
			}
		})
	}
}

func agreeWithExcelize(t *testing.T, f *excelize.File, sheet string, g Grid) {
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(g.Rows) {
		t.Errorf("%s: excelize reads %d rows, grid %d", g.Name, len(rows), len(g.Rows))
	}
	for r, row := range g.Rows {
		for c, cell := range row {
			ref := xlsx.CellName(r+1, c+1)
			raw, err := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if raw != cell.Raw {
				t.Errorf("%s!%s: excelize stored %q, grid %q", g.Name, ref, raw, cell.Raw)
			}
			typ, err := f.GetCellType(sheet, ref)
			if err != nil {
				t.Fatal(err)
			}
			number := typ == excelize.CellTypeNumber || typ == excelize.CellTypeUnset && raw != ""
			if number != (cell.Kind != Text) {
				t.Errorf("%s!%s: excelize type %v, grid kind %v", g.Name, ref, typ, cell.Kind)
			}
			if cell.Kind == Number {
				shown, err := f.GetCellValue(sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				if shown != cell.Display {
					t.Errorf("%s!%s: excelize shows %q, grid %q", g.Name, ref, shown, cell.Display)
				}
			}
		}
	}
	merges, err := f.GetMergeCells(sheet)
	if err != nil {
		t.Fatal(err)
	}
	anchors := 0
	for _, row := range g.Rows {
		for _, cell := range row {
			if !cell.Covered && (cell.RowSpan > 1 || cell.ColSpan > 1) {
				anchors++
			}
		}
	}
	if anchors != len(merges) {
		t.Errorf("%s: excelize has %d merged areas, grid %d", g.Name, len(merges), anchors)
	}
	for _, m := range merges {
		c1, r1, err := excelize.CellNameToCoordinates(m.GetStartAxis())
		if err != nil {
			t.Fatal(err)
		}
		c2, r2, err := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil {
			t.Fatal(err)
		}
		a := g.At(r1-1, c1-1)
		if a.Covered || a.RowSpan != r2-r1+1 || a.ColSpan != c2-c1+1 {
			t.Errorf("%s: excelize merges %s:%s, grid's %s spans %d×%d (covered %v)",
				g.Name, m.GetStartAxis(), m.GetEndAxis(), m.GetStartAxis(), a.RowSpan, a.ColSpan, a.Covered)
		}
	}
}
