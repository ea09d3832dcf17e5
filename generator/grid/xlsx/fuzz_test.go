package xlsx

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"budgetsite/generator/decimal"
	"budgetsite/generator/internal/xlsxtest"
)

// FuzzRead fuzzes the worksheet and shared-string XML inside a valid
// package, which fuzzing whole files rarely reaches past the zip
// checksums, and checks what Read promises of cells and merged areas.
func FuzzRead(f *testing.F) {
	base := xlsxtest.Small(f)
	sheet, sst := xlsxtest.Parts(f, base)
	f.Add(sheet, sst)
	f.Add([]byte(sheetXML), sst)
	f.Add([]byte(`<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><r><t>a</t></r><rPh><t>x</t></rPh><r><t xml:space="preserve"> b</t></r></is></c><c t="b"><v>1</v></c><c s="1"><v>-1.0000000000000001E-5</v></c><c s="2"><v>0.5</v></c></row></sheetData><mergeCells><mergeCell ref="A1:C3"/></mergeCells></worksheet>`), sst)
	f.Fuzz(func(t *testing.T, sheet, sst []byte) {
		b := xlsxtest.ReplaceParts(t, base, map[string][]byte{"xl/worksheets/sheet1.xml": sheet, "xl/sharedStrings.xml": sst})
		sheets, err := Read(b)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Msg == "" || e.Hint == "" || e.Row < 0 || e.Col < 0 {
				t.Fatalf("error %#v", err)
			}
			return
		}
		for _, s := range sheets {
			for _, c := range s.Cells {
				checkCell(t, c)
			}
			for _, m := range s.Merges {
				if m.Top < 1 || m.Left < 1 || m.Top > m.Bottom || m.Left > m.Right || m.Bottom > maxRow || m.Right > maxCol {
					t.Fatalf("merged area %+v", m)
				}
			}
		}
	})
}

func checkCell(t *testing.T, c Cell) {
	t.Helper()
	switch {
	case c.Row < 1 || c.Row > maxRow || c.Col < 1 || c.Col > maxCol:
		t.Fatalf("cell %+v outside the sheet", c)
	case c.Raw == "":
		t.Fatalf("cell %+v holds no value", c)
	case c.Kind == Text && (c.Value != c.Raw || c.Display != c.Raw):
		t.Fatalf("text cell %+v", c)
	case c.Kind == Number && c.Display != c.Value && !strings.ContainsAny(c.Display, "0123456789"):
		t.Fatalf("number %+v displays no digit", c)
	}
	if c.Kind == Number || c.Kind == Date && c.Value != c.Raw { // a number, not a t="d" text date
		x, err := decimal.ParseDecimal(c.Value)
		if err != nil || x.String() != c.Value {
			t.Fatalf("cell %+v: Value is not a plain decimal (%v)", c, err)
		}
		if v, ok := numberText(c.Raw); !ok || v != c.Value {
			t.Fatalf("cell %+v: Value is not the stored number's", c)
		}
	}
}

// FuzzFormat shows numbers in number formats: no format code may make
// Display fail or grow out of proportion.
func FuzzFormat(f *testing.F) {
	for _, s := range [][2]string{
		{"#,##0.00", "8827620.5299999993"}, {"0%", "0.955"}, {`"¥"#,##0.00;"¥"\-#,##0.00`, "-4"},
		{`_ * #,##0.00_ ;_ * \-#,##0.00_ ;_ * "-"??_ ;_ @_ `, "0"}, {"0.0,,", "3309840"},
		{`"共"General"项"`, "1E-3"}, {`yyyy"年"m"月"d"日"`, "44561.5"}, {"[h]:mm:ss", "0.75"},
		{"[$¥-804]#,##0.00", "1.23E+20"}, {"0.00E+00", "1"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, code, stored string) {
		v, ok := numberText(stored)
		if !ok {
			return
		}
		x := mustNumber(v)
		nf := parseNumFormat(code)
		var out string
		if nf.date {
			out, _ = dateText(x, false)
			if out != "" && !utf8.ValidString(out) {
				t.Fatalf("date %q", out)
			}
			return
		}
		out, _ = nf.format(x, v)
		if limit := 2*(len(code)+len(v)) + 8*maxScaling + 16; len(out) > limit {
			t.Fatalf("format %q of %s: %d bytes, over %d", code, v, len(out), limit)
		}
	})
}
