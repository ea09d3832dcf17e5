package xlsxtest

import (
	"bytes"
	"testing"
)

// TestFlatWorkbookHasItsRows: the benchmark workbook holds a row per
// indicator and its parts can be taken out and put back.
func TestFlatWorkbookHasItsRows(t *testing.T) {
	b, rows := Flat(t, 20, false)
	if rows < 20*2 {
		t.Fatalf("%d rows for 20 projects", rows)
	}
	sheet, sst := Parts(t, b)
	if !bytes.Contains(sheet, []byte("<sheetData")) || len(sst) == 0 {
		t.Fatal("sheet or shared strings missing")
	}
	again := ReplaceParts(t, b, map[string][]byte{})
	if s2, _ := Parts(t, again); !bytes.Equal(s2, sheet) {
		t.Error("replacing no parts changed the sheet")
	}
	if len(Small(t)) == 0 {
		t.Error("Small is empty")
	}
}
